//! Hostile input (docs/reliability.md): each reproducer of a defect that lost data, killed
//! a run or passed in silence, run as a user would, with what crosscheck must do instead.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use serde_json::Value;

use crate::common;

use common::{crosscheck, crosscheck_in, meetings_copy, root, Run, MEETINGS};

/// Runs `crosscheck <args>` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(crosscheck_in(dir).args(args))
}

/// Asserts exit 2 and `code` on stderr.
fn assert_error(run: &Run, code: &str) {
    assert_eq!(run.code, Some(2), "exit code; stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(code), "no `{code}` in:\n{}", run.stderr);
}

/// The JSON of `crosscheck check <args> --format json` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let args: Vec<&str> = std::iter::once("check")
        .chain(args.iter().copied())
        .collect();
    common::json_in(dir, &args)
}

// ---------------------------------------------------------------------------------------
// 1. Panics
// ---------------------------------------------------------------------------------------

#[test]
fn a_comment_opener_that_looks_closed_is_no_panic() {
    for opener in ["<!-->", "<!--->"] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("a.txt"),
            format!("{opener}\ncrosscheck-ignore x: y\n"),
        )
        .unwrap();
        let run = run_in(dir.path(), &["check", "a.txt"]);
        // The marker line names a rule that does not exist: a pointed error, not a crash.
        assert_error(&run, "crosscheck::ignore::unknown_rule");
    }
}

// ---------------------------------------------------------------------------------------
// 2. Data loss
// ---------------------------------------------------------------------------------------

#[test]
fn baseline_never_overwrites_an_article_of_the_set() {
    let (_dir, set) = meetings_copy("set");
    let article = set.join("01-northern-wire.txt");
    let before = fs::read(&article).unwrap();
    let run = run_in(
        set.parent().unwrap(),
        &["baseline", "set", "-o", "set/01-northern-wire.txt"],
    );
    assert_error(&run, "crosscheck::baseline::not_overwritten");
    assert!(run.stderr.contains("article of the set"), "{}", run.stderr);
    assert_eq!(
        fs::read(&article).unwrap(),
        before,
        "the article was changed"
    );
}

#[test]
fn baseline_never_overwrites_a_file_that_is_not_a_baseline() {
    let (_dir, set) = meetings_copy("set");
    let manifest = set.join("sources.yaml");
    let before = fs::read(&manifest).unwrap();
    let run = run_in(
        set.parent().unwrap(),
        &["baseline", "set", "-o", "set/sources.yaml"],
    );
    assert_error(&run, "crosscheck::baseline::not_overwritten");
    assert_eq!(fs::read(&manifest).unwrap(), before);
}

#[test]
fn a_baseline_with_a_syntax_error_stops_the_recording_and_keeps_its_reasons() {
    let (dir, set) = meetings_copy("set");
    let file = dir.path().join("baseline.json");
    let first = run_in(dir.path(), &["baseline", "set", "-o", "baseline.json"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    // A hand-written reason, with a trailing comma after it.
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "\"rule\": \"xi-putin-meetings\",",
        "\"rule\": \"xi-putin-meetings\",\n      \"reason\": \"Xi's own count, from 2019\",",
        1,
    );
    let broken = edited.replacen(
        "\"reason\": \"Xi's own count, from 2019\",",
        "\"reason\": \"Xi's own count, from 2019\",,",
        1,
    );
    assert_ne!(broken, text);
    fs::write(&file, &broken).unwrap();
    let _ = set;
    let run = run_in(dir.path(), &["baseline", "set", "-o", "baseline.json"]);
    assert_error(&run, "crosscheck::baseline::not_overwritten");
    assert!(
        run.stderr.contains("crosscheck::baseline::invalid")
            && run.stderr.contains("baseline.json:"),
        "the syntax error is not pointed at:\n{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        broken,
        "the file was changed"
    );
    // Fixed by hand, it is recorded again with the reason kept.
    fs::write(&file, &edited).unwrap();
    let run = run_in(dir.path(), &["baseline", "set", "-o", "baseline.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(fs::read_to_string(&file)
        .unwrap()
        .contains("Xi's own count, from 2019"));
}

// ---------------------------------------------------------------------------------------
// 3. Links, and an article's identity
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_link_loop_reads_each_article_once_and_says_so() {
    use std::os::unix::fs::symlink;
    let (_dir, set) = meetings_copy("set");
    fs::create_dir(set.join("sub")).unwrap();
    symlink("..", set.join("sub/up")).unwrap();
    symlink(".", set.join("self1")).unwrap();
    symlink(".", set.join("self2")).unwrap();
    let (doc, code) = check_json(set.parent().unwrap(), &["set", "--fail-on", "warning"]);
    assert_eq!(code, 1, "a warning does not fail the run; the finding does");
    assert_eq!(doc["summary"]["articles"], 5);
    assert_eq!(doc["summary"]["errors"], 0);
    let codes: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["crosscheck::input::revisited"; 3]);
    let finding = &doc["findings"][0];
    assert_eq!(finding["consensus"]["of"], 4, "{finding:#}");
}

#[cfg(unix)]
#[test]
fn a_rule_folder_with_a_link_loop_loads_each_rule_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    fs::copy(
        root().join("rules/xi-putin.yaml"),
        rules.join("xi-putin.yaml"),
    )
    .unwrap();
    symlink("..", rules.join("up")).unwrap();
    symlink(".", rules.join("again")).unwrap();
    let run = run_in(dir.path(), &["rules", "check", "rules"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("duplicate_id"), "{}", run.stderr);
}

#[test]
fn an_article_named_twice_counts_once() {
    let (doc, _) = check_json(
        root(),
        &[
            "fixtures/meetings/02-evening-ledger.txt",
            "fixtures/meetings/01-northern-wire.txt",
            "./fixtures/meetings/01-northern-wire.txt",
            "fixtures/meetings/../meetings/01-northern-wire.txt",
        ],
    );
    assert_eq!(doc["summary"]["articles"], 2);
}

#[test]
fn a_config_glob_that_climbs_to_the_root_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "../".repeat(8);
    fs::write(
        dir.path().join("crosscheck.yaml"),
        format!("articles: ['{deep}**/x.txt']\n"),
    )
    .unwrap();
    let run = run_in(dir.path(), &["check"]);
    assert_error(&run, "crosscheck::config::invalid");
    assert!(
        run.stderr.contains("would walk the whole"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_absolute_config_glob_matches() {
    let (dir, set) = meetings_copy("set");
    let glob = format!("{}/*.txt", set.canonicalize().unwrap().display());
    fs::write(
        dir.path().join("crosscheck.yaml"),
        format!("articles: ['{glob}']\n"),
    )
    .unwrap();
    let (doc, code) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["summary"]["articles"], 3);
}

// ---------------------------------------------------------------------------------------
// 4. Manifests
// ---------------------------------------------------------------------------------------

/// A set whose manifest is `manifest`, with `x.txt` in `inner/` (a statement dated "last
/// year") and `a.txt` beside the manifest.
fn manifest_set(manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    fs::create_dir_all(set.join("inner")).unwrap();
    fs::write(set.join("a.txt"), "The ministers met in Geneva.\n").unwrap();
    fs::write(
        set.join("inner/x.txt"),
        "The treaty was signed last year in Geneva.\n",
    )
    .unwrap();
    fs::write(set.join("sources.yaml"), manifest).unwrap();
    dir
}

#[test]
fn a_manifest_entry_in_a_subfolder_gives_that_file_its_metadata() {
    let dir = manifest_set(
        "articles:\n  - path: a.txt\n    published: 2021-01-01\n  - path: inner/x.txt\n    published: 2020-05-01\n",
    );
    let run = run_in(dir.path(), &["extract", "set", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let last_year = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["quote"] == "last year")
        .unwrap_or_else(|| panic!("`last year` is not read: {doc:#}"));
    assert_eq!(last_year["path"], "set/inner/x.txt");
    assert!(last_year.to_string().contains("2019"), "{last_year:#}");
}

#[test]
fn a_manifest_entry_outside_its_folder_is_refused() {
    let dir = manifest_set("articles:\n  - path: ../../../../../../etc/passwd\n  - path: a.txt\n");
    let run = run_in(dir.path(), &["check", "set"]);
    assert_error(&run, "crosscheck::input::manifest_outside");
    assert!(run.stderr.contains("sources.yaml:2:"), "{}", run.stderr);
    assert!(!run.stderr.contains("root:"), "{}", run.stderr);
}

#[test]
fn a_misspelt_manifest_key_is_an_error_with_the_key_meant() {
    let dir = manifest_set("articles:\n  - path: a.txt\n    publshed: 2021-01-01\n");
    let run = run_in(dir.path(), &["check", "set"]);
    assert_error(&run, "crosscheck::input::manifest_unknown_key");
    assert!(
        run.stderr.contains("did you mean `published`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sources.yaml:3:5"), "{}", run.stderr);
}

#[test]
fn a_file_listed_twice_is_an_error() {
    let dir = manifest_set("articles:\n  - path: a.txt\n  - path: inner/x.txt\n  - path: a.txt\n");
    let run = run_in(dir.path(), &["check", "set"]);
    assert_error(&run, "crosscheck::input::manifest_duplicate");
    assert!(run.stderr.contains("sources.yaml:4:"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// 7. Broken pipes, 8. threads
// ---------------------------------------------------------------------------------------

/// Runs the binary with `args` from the repository root, its stdout closed before it
/// writes: the exit code.
fn with_reader_gone(args: &[&str]) -> Option<i32> {
    let mut child = Process::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(root())
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    status.code()
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly_with_the_code_it_deserves() {
    assert_eq!(with_reader_gone(&["rules", "check"]), Some(0));
    assert_eq!(with_reader_gone(&["rules", "test"]), Some(0));
    assert_eq!(with_reader_gone(&["explain", "xi-putin-meetings"]), Some(0));
    // Findings fail the run even when nobody reads them (`| head` under pipefail).
    let fail = ["--fail-on", "warning"];
    assert_eq!(
        with_reader_gone(&["check", MEETINGS, fail[0], fail[1]]),
        Some(1)
    );
    assert_eq!(
        with_reader_gone(&["check", MEETINGS, "--format", "json", fail[0], fail[1]]),
        Some(1)
    );
    assert_eq!(with_reader_gone(&["check", MEETINGS]), Some(0));
}

#[test]
fn init_with_its_reader_gone_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Process::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir.path())
        .arg("init")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        child.wait().unwrap().code().is_some_and(|c| c != 101),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_absurd_thread_count_is_capped() {
    let run = Run::of(crosscheck().args([
        "check",
        MEETINGS,
        "--fail-on",
        "warning",
        "--threads",
        "99999999999",
    ]));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// 9. Nothing accepted in silence
// ---------------------------------------------------------------------------------------

#[test]
fn unclosed_front_matter_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\npublished: 2023-03-17\nThey met 30 times.\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "a.md"]);
    assert_error(&run, "crosscheck::input::front_matter_unclosed");
    assert!(run.stderr.contains("a.md:1:1"), "{}", run.stderr);
}

#[test]
fn a_rule_folder_with_no_rules_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    let run = Run::of(
        crosscheck()
            .args(["check", MEETINGS, "--rules"])
            .arg(dir.path().join("rules")),
    );
    assert_error(&run, "crosscheck::rules::none");
    let run = Run::of(
        crosscheck()
            .args(["rules", "check"])
            .arg(dir.path().join("rules")),
    );
    assert_error(&run, "crosscheck::rules::none");
}

#[test]
fn upper_case_rule_extensions_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("rules/xi-putin.yaml"),
        dir.path().join("CLAIMS.YAML"),
    )
    .unwrap();
    let run = Run::of(crosscheck().args(["rules", "check"]).arg(dir.path()));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("7 rules OK"), "{}", run.stdout);
}

#[test]
fn an_empty_article_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    let run = run_in(dir.path(), &["check", "articles"]);
    assert_error(&run, "crosscheck::input::no_articles");
}

// ---------------------------------------------------------------------------------------
// 10. Terminal safety and small things
// ---------------------------------------------------------------------------------------

#[test]
fn escape_sequences_in_a_file_that_is_not_utf8_never_reach_the_terminal() {
    let (_dir, set) = meetings_copy("set");
    // Without a manifest, every .txt in the folder is an article.
    fs::remove_file(set.join("sources.yaml")).unwrap();
    fs::write(
        set.join("06-bad.txt"),
        b"\x1b]0;owned\x07\x1b[2J They met \xff 30 times.\n",
    )
    .unwrap();
    let run = run_in(set.parent().unwrap(), &["check", "set"]);
    assert_error(&run, "crosscheck::input::not_utf8");
    for out in [&run.stdout, &run.stderr] {
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    }
    assert!(run.stderr.contains("06-bad.txt:1:"), "{}", run.stderr);
}

#[test]
fn rule_config_and_baseline_files_that_are_not_utf8_are_pointed_at() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("r.yaml"), b"rules:\n  - id: caf\xe9\n").unwrap();
    let run = run_in(dir.path(), &["rules", "check", "r.yaml"]);
    assert_error(&run, "crosscheck::rules::invalid");
    assert!(run.stderr.contains("r.yaml:2:"), "{}", run.stderr);

    let (dir, _set) = meetings_copy("set");
    fs::write(
        dir.path().join("crosscheck.yaml"),
        b"fail-on: warn\xffing\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "set"]);
    assert_error(&run, "crosscheck::config::invalid");
    assert!(run.stderr.contains("crosscheck.yaml:1:"), "{}", run.stderr);

    fs::remove_file(dir.path().join("crosscheck.yaml")).unwrap();
    fs::write(
        dir.path().join("b.json"),
        b"{\"version\": 1,\n \"findings\": [\xff]}\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["check", "set", "--baseline", "b.json"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("b.json:2:"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere.yaml");
    std::os::unix::fs::symlink(&target, dir.path().join("crosscheck.yaml")).unwrap();
    let run = run_in(dir.path(), &["init"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(!target.exists(), "init wrote through the link");
}

#[test]
fn bad_bytes_on_stdin_for_changed_name_stdin() {
    let run = Run::of(
        crosscheck()
            .args(["check", MEETINGS, "--changed", "-"])
            .write_stdin(b"fixtures/meetings/\xff.txt\n".to_vec()),
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("standard input"), "{}", run.stderr);
}

#[test]
fn columns_of_input_errors_count_characters() {
    let (dir, _set) = meetings_copy("set");
    // The syntax error stands after "Xi’s" (a three-byte apostrophe) on line 4.
    fs::write(
        dir.path().join("b.json"),
        "{\"version\": 1, \"findings\": [\n  {\"fingerprint\": \"x\", \"rule\": \"r\",\n   \"statements\": [],\n   \"reason\": \"Xi’s count\",,\n  }]}\n",
    )
    .unwrap();
    let (doc, code) = check_json(dir.path(), &["set", "--baseline", "b.json"]);
    assert_eq!(code, 2);
    let error = &doc["errors"][0];
    assert_eq!(error["code"], "crosscheck::baseline::invalid", "{doc:#}");
    assert_eq!(
        (&error["line"], &error["column"]),
        (&Value::from(4), &Value::from(27)),
        "{error:#}"
    );
}

#[test]
fn a_year_past_9999_is_an_unread_date_not_a_date_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "The accord takes effect on 1 January 10000, officials said.\n",
    )
    .unwrap();
    let run = run_in(
        dir.path(),
        &[
            "extract",
            "a.txt",
            "--format",
            "json",
            "--published",
            "2023-01-01",
        ],
    );
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let mentions = doc["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 1, "{doc:#}");
    assert_eq!(mentions[0]["quote"], "1 January 10000");
    assert_eq!(mentions[0]["code"], "crosscheck::grammar::no_such_date");
}

#[test]
fn too_many_patterns_are_refused_before_any_is_compiled() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("rules:\n");
    for i in 0..400 {
        text.push_str(&format!(
            "  - id: r{i}\n    title: t\n    message: m\n    subjects: [[Xi]]\n    patterns: ['met {{count}} times at summit {i}']\n"
        ));
    }
    fs::write(dir.path().join("many.yaml"), text).unwrap();
    let run = run_in(dir.path(), &["rules", "check", "many.yaml"]);
    assert_error(&run, "crosscheck::rules::too_large");
    assert!(
        run.stderr.contains("400 rules with 400 patterns"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_input_the_fuzzers_found_is_read_without_a_panic() {
    let found = root().join("fixtures/fuzz");
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for entry in fs::read_dir(found.join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let run = Run::of(crosscheck().args(["rules", "check"]).arg(&path));
        assert!(
            matches!(run.code, Some(0 | 2)),
            "{}: {}",
            path.display(),
            run.stderr
        );
        ran += 1;
    }
    for entry in fs::read_dir(found.join("article")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let (kind, text) = bytes.split_first().unwrap();
        let name = if kind % 2 == 0 { "a.txt" } else { "a.md" };
        fs::write(dir.path().join(name), text).unwrap();
        let run = run_in(dir.path(), &["check", name, "--no-config"]);
        assert!(
            matches!(run.code, Some(0..=2)),
            "{}: {}",
            path.display(),
            run.stderr
        );
        fs::remove_file(dir.path().join(name)).unwrap();
        ran += 1;
    }
    assert!(ran >= 3, "the fuzzers' inputs are missing");
}
