//! The map/reduce split (docs/scale.md): `extract --format jsonl` on shards of a set, then
//! `compare` on the shards, reports what `check` reports on the whole set, byte for byte.

use crate::common;

use common::{crosscheck, Run};

/// The rules of both sets: the events corpus's and the shipped ones the meetings use.
const RULES: [&str; 4] = [
    "--rules",
    "fixtures/events/rules.yaml",
    "--rules",
    "rules/xi-putin.yaml",
];

/// The event folders, in name order.
fn events() -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(common::root().join("fixtures/events"))
        .expect("fixtures/events is read")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| format!("fixtures/events/{}", e.file_name().to_string_lossy()))
        .collect();
    folders.sort();
    folders
}

/// Runs `crosscheck` in the repository root with `args`, reproducibly dated.
fn run(args: &[&str]) -> Run {
    Run::of(crosscheck().env("SOURCE_DATE_EPOCH", "0").args(args))
}

/// Writes each shard of `paths` with `extract --format jsonl` into `dir`: the shard files.
fn map(dir: &std::path::Path, shards: &[Vec<String>], rules: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    for (n, paths) in shards.iter().enumerate() {
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let extracted = run(&[&["extract", "--format", "jsonl"], rules, &paths[..]].concat());
        assert_eq!(extracted.code, Some(0), "{}", extracted.stderr);
        let file = dir.join(format!("shard-{n}.jsonl"));
        std::fs::write(&file, &extracted.stdout).expect("the shard is written");
        files.push(file.to_string_lossy().into_owned());
    }
    files
}

#[test]
fn compare_on_shards_reports_what_check_reports_on_the_whole_set() {
    let events = events();
    assert_eq!(events.len(), 22);
    let whole: Vec<String> = ["fixtures/events", "fixtures/meetings"]
        .map(str::to_owned)
        .to_vec();
    let shards = vec![
        events[..8].to_vec(),
        events[8..15].to_vec(),
        [&events[15..], &["fixtures/meetings".to_owned()][..]].concat(),
    ];
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut files = map(dir.path(), &shards, &RULES);
    // The order of the shards does not matter: articles are reported in path order.
    files.reverse();
    let whole: Vec<&str> = whole.iter().map(String::as_str).collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    for format in ["json", "human", "compact", "sarif", "github", "html"] {
        let format = ["--no-config", "--format", format];
        let checked = run(&[&["check"], &format[..], &RULES, &whole[..]].concat());
        let compared = run(&[&["compare"], &format[..], &RULES, &files[..]].concat());
        assert_eq!(checked.code, Some(1), "{}", checked.stderr);
        assert_eq!(compared.code, checked.code, "{}", compared.stderr);
        assert!(
            compared.stdout == checked.stdout,
            "{format:?}: compare differs from check:\n{}",
            first_difference(&checked.stdout, &compared.stdout)
        );
        assert_eq!(compared.stderr, checked.stderr, "{format:?}");
    }
}

/// The first line where `a` and `b` differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
    match line {
        Some(n) => format!(
            "line {}:\n  check:   {}\n  compare: {}",
            n + 1,
            a.lines().nth(n).unwrap_or_default(),
            b.lines().nth(n).unwrap_or_default()
        ),
        None => format!("lengths {} and {}", a.len(), b.len()),
    }
}

#[test]
fn statements_found_with_other_rules_are_refused_with_a_code() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let shards = vec![vec!["fixtures/meetings".to_owned()]];
    let files = map(
        dir.path(),
        &shards,
        &["--rules", "fixtures/events/rules.yaml"],
    );
    let compared = run(&[
        "compare",
        "--no-config",
        "--format",
        "json",
        "--rules",
        "rules/xi-putin.yaml",
        &files[0],
    ]);
    assert_eq!(compared.code, Some(2), "{}", compared.stderr);
    let doc: serde_json::Value = serde_json::from_str(&compared.stdout).expect("JSON");
    assert_eq!(doc["errors"][0]["code"], "crosscheck::shard::other_rules");
    assert_eq!(
        doc["summary"]["statements"], 0,
        "no statement of the shard is compared"
    );
}
