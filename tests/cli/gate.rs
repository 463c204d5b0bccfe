//! crosscheck as a CI gate: configuration discovery, inline and configured ignores,
//! baselines, pull-request runs on changed articles, thread-count determinism and exit codes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common;

use common::{crosscheck_in, json_in, root, MEETINGS};

/// Articles whose reviewed statements carry inline ignores.
const REVIEWED: &str = "fixtures/gate/reviewed";
/// Inline ignores that are malformed, name no rule, or cover nothing.
const BAD_IGNORES: &str = "fixtures/gate/bad-ignores";
/// A folder with a crosscheck.yaml.
const CONFIGURED: &str = "fixtures/gate/configured";

/// `(rule, severity, kind)` of each finding.
fn findings(doc: &Value) -> Vec<(String, String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (s("rule"), s("severity"), s("kind"))
        })
        .collect()
}

/// stderr of a run, with the temporary folder's path replaced.
fn stderr_of(cmd: &mut Command, tmp: Option<&Path>) -> (String, i32) {
    let output = cmd.output().unwrap();
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    if let Some(tmp) = tmp {
        text = text.replace(&tmp.display().to_string(), "[TMP]");
    }
    (text, output.status.code().unwrap())
}

/// Copies the meetings set into `articles/` of a fresh temporary folder. Its manifest
/// lists the articles of that folder, so new articles go into `wires/` beside it.
fn meetings_copy() -> tempfile::TempDir {
    common::meetings_copy("articles").0
}

/// Runs `crosscheck baseline articles -o baseline.json` in `dir`, which must succeed.
fn record_baseline(dir: &Path) {
    crosscheck_in(dir)
        .args(["baseline", "articles", "-o", "baseline.json"])
        .assert()
        .code(0);
}

/// A JSON file's document.
fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A wire story that contradicts the meetings set.
const CONTRADICTING: &str =
    "Xi Jinping and Vladimir Putin have met 18 times in all, a think tank says.\n";

/// Adds the contradicting story as `wires/06-think-tank.txt`.
fn add_contradicting(dir: &Path) {
    fs::create_dir_all(dir.join("wires")).unwrap();
    fs::write(dir.join("wires/06-think-tank.txt"), CONTRADICTING).unwrap();
}

// ---------------------------------------------------------------------------------------
// Inline ignores
// ---------------------------------------------------------------------------------------

#[test]
fn reviewed_statements_are_set_aside_with_their_reasons() {
    let (doc, code) = json_in(".", &["check", REVIEWED]);
    assert_eq!(findings(&doc), [], "{doc:#}");
    assert_eq!(code, 0);
    let aside: Vec<(&str, &str, &str)> = doc["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap(),
                a["quote"].as_str().unwrap(),
                a["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        aside,
        [
            (
                "fixtures/gate/reviewed/02-explainer.md",
                "25",
                "reviewed (crosscheck-ignore): the agency counts only meetings in person; checked with the Asia desk on 2023-03-21"
            ),
            (
                "fixtures/gate/reviewed/03-archive-brief.txt",
                "12",
                "reviewed (crosscheck-ignore): a 2015 brief republished unchanged; its count was right when it was written"
            ),
        ]
    );
    assert_eq!(doc["unused_ignores"], serde_json::json!([]));
}

#[test]
fn without_their_markers_the_reviewed_statements_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(root().join(REVIEWED)).unwrap() {
        let entry = entry.unwrap();
        let text = fs::read_to_string(entry.path()).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.contains("crosscheck-ignore"))
            .collect();
        fs::write(dir.path().join(entry.file_name()), kept.join("\n")).unwrap();
    }
    let (doc, code) = json_in(dir.path(), &["check", "."]);
    assert_eq!(
        findings(&doc),
        [(
            "xi-putin-meetings".into(),
            "error".into(),
            "contradiction".into()
        )]
    );
    let quotes: Vec<&str> = doc["findings"][0]["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["about 40", "some 40", "25", "12"]);
    assert_eq!(code, 1);
}

#[test]
fn a_marker_without_reason_or_rule_is_an_error_and_one_that_covers_nothing_a_warning() {
    let (stderr, code) = stderr_of(crosscheck_in(".").args(["check", BAD_IGNORES]), None);
    assert_eq!(code, 2);
    insta::assert_snapshot!("bad_ignores", stderr);
    let (doc, _) = json_in(".", &["check", BAD_IGNORES]);
    let codes: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "crosscheck::ignore::malformed",
            "crosscheck::ignore::unknown_rule"
        ]
    );
    assert_eq!(doc["unused_ignores"][0]["rule"], "state-visit-length");
    assert_eq!(doc["unused_ignores"][0]["line"], 12);
}

#[test]
fn a_marker_reason_is_never_read_as_a_statement() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "crosscheck-ignore-file xi-putin-meetings: Xi and Putin met 30 times by 2019, not 40\n\
         Xi Jinping and Vladimir Putin have met about 40 times.\n",
    )
    .unwrap();
    let (doc, _) = json_in(dir.path(), &["extract", "a.txt"]);
    let quotes: Vec<&str> = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["about 40"], "{doc:#}");
}

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

#[test]
fn the_configuration_is_found_from_a_subfolder_and_its_paths_are_its_own() {
    // Run from configured/articles/wires: crosscheck.yaml two levels up names the articles.
    let (doc, code) = json_in(format!("{CONFIGURED}/articles/wires"), &["check"]);
    let paths: Vec<&str> = doc["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["../../articles/wires/flash.txt"], "{doc:#}");
    assert_eq!(
        doc["summary"]["articles"], 2,
        "the draft is outside the glob"
    );
    assert_eq!(findings(&doc), []);
    assert_eq!(code, 0);
}

#[test]
fn each_setting_changes_what_is_reported() {
    // Without the configuration: the draft's count, the two trade figures and the two
    // visit lengths disagree.
    let (plain, code) = json_in(CONFIGURED, &["check", "--no-config", "articles", "drafts"]);
    assert_eq!(
        findings(&plain),
        [
            (
                "xi-putin-meetings".into(),
                "error".into(),
                "contradiction".into()
            ),
            (
                "china-russia-trade-2022".into(),
                "error".into(),
                "contradiction".into()
            ),
            (
                "state-visit-length".into(),
                "error".into(),
                "contradiction".into()
            ),
        ]
    );
    assert_eq!(code, 1);
    // With it (paths on the command line win over its `articles`): the meetings finding is
    // info, the trade figure of the wires is reviewed, the visit rule is disabled, and
    // fail-on warning lets an info finding pass.
    let (configured, code) = json_in(CONFIGURED, &["check", "articles", "drafts"]);
    assert_eq!(
        findings(&configured),
        [(
            "xi-putin-meetings".into(),
            "info".into(),
            "contradiction".into()
        )]
    );
    assert_eq!(configured["summary"]["rules"], 6);
    assert_eq!(code, 0);
    // A flag wins over the file's fail-on.
    let (_, code) = json_in(
        CONFIGURED,
        &["check", "articles", "drafts", "--fail-on", "info"],
    );
    assert_eq!(code, 1);
    // --config names a file; --no-config reads none.
    let (named, _) = json_in(
        ".",
        &[
            "check",
            "--config",
            "fixtures/gate/configured/crosscheck.yaml",
        ],
    );
    assert_eq!(named["summary"]["articles"], 2);
}

#[test]
fn broken_configurations_are_pointed_diagnostics_and_exit_2() {
    for name in [
        "unknown-key",
        "unknown-rule",
        "bad-value",
        "no-reason",
        "no-match",
    ] {
        let file = format!("{name}.yaml");
        let (stderr, code) = stderr_of(
            crosscheck_in("fixtures/gate/broken-config")
                .args(["check", "--config", &file, "--format", "json"]),
            None,
        );
        assert_eq!(code, 2, "{name}: {stderr}");
        insta::assert_snapshot!(format!("config_{name}"), stderr);
    }
}

// ---------------------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------------------

#[test]
fn a_baseline_hides_known_findings_and_still_fails_on_a_new_contradiction() {
    let dir = meetings_copy();
    let tmp = dir.path();
    record_baseline(tmp);
    let recorded = read_json(&tmp.join("baseline.json"));
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 1);
    // The same set with the baseline: nothing new, one known finding hidden; --fail-on
    // info would fail on the finding without the baseline.
    let (before, code) = json_in(tmp, &["check", "articles", "--fail-on", "info"]);
    assert_eq!(code, 1);
    let (doc, code) = json_in(
        tmp,
        &[
            "check",
            "articles",
            "--fail-on",
            "info",
            "--baseline",
            "baseline.json",
        ],
    );
    assert_eq!(findings(&doc), []);
    assert_eq!(doc["summary"]["known"], 1);
    assert_eq!(doc["baseline"]["stale"], serde_json::json!([]));
    assert_eq!(code, 0);
    assert_eq!(
        before["findings"][0]["fingerprint"],
        recorded["findings"][0]["fingerprint"]
    );
    // A new article that contradicts the set fails the gate, with only the new finding.
    add_contradicting(tmp);
    let (doc, code) = json_in(
        tmp,
        &["check", "articles", "wires", "--baseline", "baseline.json"],
    );
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    let dissent: Vec<&str> = doc["findings"][0]["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["agrees"] == false)
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert!(dissent.contains(&"wires/06-think-tank.txt"), "{dissent:?}");
    // Each dissent is accepted on its own: the new dissent joins the claim whose finding
    // the baseline holds, and only the new one is reported; the entry is still in use.
    assert_eq!(dissent, ["wires/06-think-tank.txt"], "{doc:#}");
    assert_eq!(doc["baseline"]["stale"], serde_json::json!([]), "{doc:#}");
    let each: Vec<&Value> = doc["findings"][0]["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["agrees"] == false)
        .map(|s| &s["fingerprint"])
        .collect();
    assert_eq!(each.len(), 1);
    assert_eq!(each[0].as_str().map(str::len), Some(32), "{doc:#}");
}

#[test]
fn fingerprints_survive_edits_elsewhere_in_an_article_and_stale_entries_are_listed() {
    let dir = meetings_copy();
    let tmp = dir.path();
    record_baseline(tmp);
    let ledger = tmp.join("articles/02-evening-ledger.txt");
    let text = fs::read_to_string(&ledger).unwrap();
    // A new paragraph on top moves every line down; the finding is still the known one.
    let moved = text.replacen('\n', "\nAn editor's note added after publication.\n\n", 1);
    fs::write(&ledger, &moved).unwrap();
    let (doc, _) = json_in(
        tmp,
        &[
            "check",
            "articles",
            "--baseline",
            "baseline.json",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(findings(&doc), [], "{doc:#}");
    assert_eq!(doc["summary"]["known"], 1);
    // Correcting the dissenting figure ends the finding: its entry is now stale.
    fs::write(&ledger, moved.replace("nearly 30", "about 40")).unwrap();
    let (doc, code) = json_in(tmp, &["check", "articles", "--baseline", "baseline.json"]);
    assert_eq!(findings(&doc), []);
    assert_eq!(doc["summary"]["known"], 0);
    assert_eq!(doc["baseline"]["stale"][0]["rule"], "xi-putin-meetings");
    assert_eq!(code, 0);
    let (stderr, _) = stderr_of(
        crosscheck_in(tmp).args(["check", "articles", "--baseline", "baseline.json"]),
        Some(tmp),
    );
    assert!(stderr.contains("no longer matches"), "{stderr}");
}

#[test]
fn recording_again_keeps_the_reasons_people_wrote() {
    let dir = meetings_copy();
    let tmp = dir.path();
    let file = tmp.join("baseline.json");
    record_baseline(tmp);
    let mut doc = read_json(&file);
    doc["findings"][0]["reason"] = "Xi's 2019 count, quoted as such".into();
    fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    record_baseline(tmp);
    let again = read_json(&file);
    assert_eq!(
        again["findings"][0]["reason"],
        "Xi's 2019 count, quoted as such"
    );
}

#[test]
fn the_configuration_names_the_baseline_both_commands_use() {
    let dir = meetings_copy();
    let tmp = dir.path();
    fs::write(
        tmp.join("crosscheck.yaml"),
        "articles: [articles]\nbaseline: known.json\nfail-on: info\n",
    )
    .unwrap();
    // Until it is recorded, the baseline the configuration names is missing: an error.
    let (doc, code) = json_in(tmp, &["check"]);
    assert_eq!(doc["errors"][0]["code"], "crosscheck::baseline::unreadable");
    assert_eq!((findings(&doc).len(), code), (1, 2), "{doc:#}");
    crosscheck_in(tmp).arg("baseline").assert().code(0);
    assert!(tmp.join("known.json").is_file());
    let (doc, code) = json_in(tmp, &["check"]);
    assert_eq!(doc["baseline"]["path"], "known.json");
    assert_eq!((findings(&doc).len(), code), (0, 0), "{doc:#}");
}

#[test]
fn a_broken_baseline_is_an_error_pointing_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path();
    fs::write(
        tmp.join("baseline.json"),
        "{\"version\": 1,\n \"finding\": []}\n",
    )
    .unwrap();
    let (stderr, code) = stderr_of(
        crosscheck_in(".")
            .args(["check", MEETINGS, "--baseline"])
            .arg(tmp.join("baseline.json")),
        Some(tmp),
    );
    assert_eq!(code, 2);
    insta::assert_snapshot!("broken_baseline", stderr);
}

// ---------------------------------------------------------------------------------------
// Pull-request runs
// ---------------------------------------------------------------------------------------

#[test]
fn changed_articles_limit_the_report_but_not_the_comparison() {
    let ledger = "fixtures/meetings/02-evening-ledger.txt";
    let wire = "fixtures/meetings/01-northern-wire.txt";
    // 02 dissents: its finding is reported.
    let (doc, _) = json_in(".", &["check", MEETINGS, "--changed", ledger]);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["summary"]["unchanged"], 0);
    // 01 agrees with most sources: the finding is not about it.
    let (doc, code) = json_in(
        ".",
        &["check", MEETINGS, "--fail-on", "info", "--changed", wire],
    );
    assert_eq!(findings(&doc), []);
    assert_eq!(doc["summary"]["unchanged"], 1);
    assert_eq!(code, 0);
    // From stdin, as `git diff --name-only` prints them, with a deleted and a non-article file.
    let output = crosscheck_in(".")
        .args([
            "check",
            MEETINGS,
            "--format",
            "json",
            "--fail-on",
            "info",
            "--changed",
            "-",
        ])
        .write_stdin(format!(
            "README.md\nfixtures/meetings/gone.txt\n./{ledger}\n"
        ))
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(output.status.code(), Some(1));
    // The README is a Markdown file outside the set: said, not read.
    assert_eq!(
        doc["summary"]["not_checked"],
        serde_json::json!(["README.md"])
    );
    // A new article is compared with the whole set even when it alone is named.
    let dir = meetings_copy();
    add_contradicting(dir.path());
    let (doc, code) = json_in(
        dir.path(),
        &[
            "check",
            "articles",
            "wires",
            "--changed",
            "wires/06-think-tank.txt",
        ],
    );
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1, "{doc:#}");
    assert_eq!(doc["findings"][0]["consensus"]["articles"], 4);
    assert_eq!(code, 1);
    // A new article dropped into a folder whose manifest does not list it is checked all
    // the same (without metadata, which a warning says), so its contradiction fails the run.
    fs::write(dir.path().join("articles/07-unlisted.txt"), CONTRADICTING).unwrap();
    let (doc, code) = json_in(
        dir.path(),
        &["check", "articles", "--changed", "articles/07-unlisted.txt"],
    );
    assert_eq!(doc["summary"]["not_checked"], serde_json::json!([]));
    assert_eq!(
        doc["errors"][0]["code"], "crosscheck::input::unlisted",
        "{doc:#}"
    );
    assert_eq!(doc["errors"][0]["severity"], "warning");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1, "{doc:#}");
    assert_eq!(code, 1);
    // A changed file outside the paths checked is still said to be unchecked.
    let output = crosscheck_in(dir.path())
        .args(["check", "wires", "--changed", "articles/07-unlisted.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("articles/07-unlisted.txt: changed, but not an article of the set"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------
// Determinism and exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn every_format_gives_the_same_bytes_whatever_the_thread_count() {
    let formats = ["human", "json", "sarif", "github", "compact"];
    for format in formats {
        let run = |threads: &str| {
            let mut cmd = crosscheck_in(".");
            cmd.args(["check", MEETINGS, "fixtures/frames", "--format", format]);
            if !threads.is_empty() {
                cmd.args(["--threads", threads]);
            }
            cmd.output().unwrap()
        };
        let default = run("");
        assert!(!default.stdout.is_empty(), "{format} printed nothing");
        for threads in ["1", "2", "7"] {
            let other = run(threads);
            assert_eq!(
                String::from_utf8_lossy(&default.stdout),
                String::from_utf8_lossy(&other.stdout),
                "--format {format} --threads {threads}"
            );
            assert_eq!(default.stderr, other.stderr, "--format {format}");
            assert_eq!(default.status.code(), other.status.code());
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--format", "yaml"][..],
        &["check", "--fail-on", "sometimes"],
        &["check", "--config", "a.yaml", "--no-config"],
        &["baseline", MEETINGS],
        &["no-such-command"],
    ] {
        crosscheck_in(".").args(args).assert().code(2);
    }
    // A missing configuration file named with --config is an input error.
    let (stderr, code) = stderr_of(
        crosscheck_in(".").args(["check", "--config", "nowhere.yaml"]),
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("crosscheck::config::unreadable"),
        "{stderr}"
    );
}
