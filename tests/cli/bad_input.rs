//! Input crosscheck cannot use: each problem gets a diagnostic with a code on stderr (with
//! the file and, where there is one, the line and column), the run exits 2 without a panic,
//! and everything else is still checked.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common;

use common::{crosscheck_in, meetings_copy, root, Run, MEETINGS};

/// The code of the finding on the meetings set.
const FINDING: &str = "crosscheck::xi-putin-meetings";

/// Runs `crosscheck check <args>` in `dir`.
fn check_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(crosscheck_in(dir).arg("check").args(args))
}

impl Run {
    /// Asserts exit 2, the diagnostic code and each of `needles` on stderr, and the finding
    /// on the other articles still on stdout.
    fn assert_problem(&self, code: &str, needles: &[&str]) {
        assert_eq!(self.code, Some(2), "exit code; stderr:\n{}", self.stderr);
        assert!(
            self.stderr.contains(code),
            "no `{code}` in:\n{}",
            self.stderr
        );
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "no `{needle}` in:\n{}",
                self.stderr
            );
        }
        assert!(
            self.stdout.contains(FINDING),
            "the other articles were not checked:\n{}",
            self.stdout
        );
        assert!(
            self.stdout.contains("nearly 30 → 27..29"),
            "the finding lost its dissent:\n{}",
            self.stdout
        );
    }
}

/// Appends an entry to a copied manifest.
fn add_to_manifest(set: &Path, entry: &str) {
    let manifest = set.join("sources.yaml");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.push_str(entry);
    fs::write(manifest, text).unwrap();
}

/// The JSON document of `crosscheck check <args> --format json` in `dir`.
fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let args: Vec<&str> = std::iter::once("check")
        .chain(args.iter().copied())
        .collect();
    common::json_in(dir, &args)
}

// ---------------------------------------------------------------------------------------
// Articles, folders and manifests
// ---------------------------------------------------------------------------------------

#[test]
fn a_path_that_does_not_exist() {
    let run = check_in(root(), &[MEETINGS, "no/such/article.txt"]);
    run.assert_problem("crosscheck::input::not_found", &["no/such/article.txt"]);
    assert!(
        run.stdout.ends_with("; 1 input error\n")
            && run.stdout.contains("checked 5 articles against ")
            && run.stdout.contains(", 1 finding (")
            && run.stdout.contains(", 1 finding ("),
        "{}",
        run.stdout
    );

    let (doc, code) = json_in(root(), &[MEETINGS, "no/such/article.txt"]);
    assert_eq!(code, 2);
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1, "{doc:#}");
    assert_eq!(doc["errors"][0]["path"], "no/such/article.txt");
    assert_eq!(doc["errors"][0]["code"], "crosscheck::input::not_found");
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(doc["findings"][0]["rule"], "xi-putin-meetings");
}

#[test]
fn an_article_that_is_not_utf8() {
    let (dir, set) = meetings_copy("meetings");
    // Latin-1 `é` (0xE9) on line 2, after 22 characters.
    fs::write(
        set.join("06-latin1.txt"),
        b"Xi Jinping flew home on Tuesday.\nHe had coffee at a caf\xe9 near the Kremlin.\n",
    )
    .unwrap();
    add_to_manifest(&set, "  - path: 06-latin1.txt\n    source: Latin-1 Daily\n");

    let run = check_in(dir.path(), &["meetings"]);
    run.assert_problem(
        "crosscheck::input::not_utf8",
        &["meetings/06-latin1.txt:2:23", "not UTF-8"],
    );
    assert!(
        run.stdout.contains("checked 5 articles"),
        "the five good articles are checked: {}",
        run.stdout
    );

    let (doc, code) = json_in(dir.path(), &["meetings"]);
    assert_eq!(code, 2);
    assert_eq!(doc["errors"][0]["path"], "meetings/06-latin1.txt");
    assert_eq!(doc["errors"][0]["code"], "crosscheck::input::not_utf8");
    let (clean, _) = json_in(root(), &[MEETINGS]);
    assert_eq!(doc["summary"]["articles"], 5);
    assert_eq!(doc["summary"]["statements"], clean["summary"]["statements"]);
}

#[test]
fn a_manifest_naming_a_missing_file() {
    let (dir, set) = meetings_copy("meetings");
    // Lines 20 and 21 of the manifest.
    add_to_manifest(
        &set,
        "  - path: 06-missing.txt\n    source: Nowhere Daily\n",
    );
    let run = check_in(dir.path(), &["meetings"]);
    run.assert_problem(
        "crosscheck::input::manifest_missing_file",
        &["meetings/sources.yaml:20:11", "06-missing.txt"],
    );
    // The other entries still apply.
    assert!(
        run.stdout
            .contains("(Northern Wire Service, published 2023-03-20)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_file_is_pointed_at_in_its_own_entry() {
    let (dir, set) = meetings_copy("meetings");
    // `ledger.txt` is also the end of `02-evening-ledger.txt` on line 7; the entry that
    // names the missing file is on line 20.
    add_to_manifest(&set, "  - path: ledger.txt\n    source: Nowhere Daily\n");
    let run = check_in(dir.path(), &["meetings"]);
    run.assert_problem(
        "crosscheck::input::manifest_missing_file",
        &["meetings/sources.yaml:20:11"],
    );
}

#[test]
fn a_bad_date_in_front_matter() {
    let (dir, set) = meetings_copy("meetings");
    let courier = set.join("04-daily-courier.md");
    let text = fs::read_to_string(&courier).unwrap();
    // Move `published` to line 4 of the file and write it day first.
    let text = text.replacen("published: 2023-03-21\n", "", 1).replacen(
        "---\n# Five",
        "published: 21/03/2023\n---\n# Five",
        1,
    );
    assert!(text.starts_with("---\nsource: The Daily Courier\ntitle: "));
    assert_eq!(text.lines().nth(3), Some("published: 21/03/2023"));
    fs::write(&courier, text).unwrap();

    let run = check_in(dir.path(), &["meetings"]);
    run.assert_problem(
        "crosscheck::input::metadata",
        &["meetings/04-daily-courier.md:", "21/03/2023", "YYYY-MM-DD"],
    );
    // The diagnostic points at the bad value, not at the start of the front matter.
    assert!(
        run.stderr.contains("meetings/04-daily-courier.md:4:"),
        "not pointed at line 4:\n{}",
        run.stderr
    );
}

#[test]
fn a_bad_date_in_the_manifest() {
    let (dir, set) = meetings_copy("meetings");
    let manifest = set.join("sources.yaml");
    let text = fs::read_to_string(&manifest).unwrap();
    // 05-trade-desk.md's date, on line 19.
    let text = text.replacen("published: 2023-03-18", "published: 18 March 2023", 1);
    assert_eq!(text.lines().nth(18), Some("    published: 18 March 2023"));
    fs::write(&manifest, text).unwrap();

    let run = check_in(dir.path(), &["meetings"]);
    run.assert_problem(
        "crosscheck::input::metadata",
        &["meetings/sources.yaml:", "18 March 2023", "YYYY-MM-DD"],
    );
    assert!(
        run.stderr.contains("meetings/sources.yaml:19:"),
        "not pointed at line 19:\n{}",
        run.stderr
    );
}

#[test]
fn empty_articles_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), b"").unwrap();
    fs::write(dir.path().join("bom-only.txt"), b"\xEF\xBB\xBF").unwrap();
    fs::write(dir.path().join("blank-lines.txt"), b"\r\n\r\n  \n").unwrap();
    fs::write(
        dir.path().join("front-matter-only.md"),
        b"---\npublished: 2023-03-17\n---\n",
    )
    .unwrap();
    crosscheck_in(dir.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stdout(
            predicates::str::is_match(
                r"\Achecked 4 articles against \d+ rules?: 0 statements, 0 findings\n\z",
            )
            .unwrap(),
        )
        .stderr("");
}

// ---------------------------------------------------------------------------------------
// Rule files
// ---------------------------------------------------------------------------------------

/// Runs the shipped rules and one broken rule file on fixtures/meetings from the root.
fn with_broken_rule(file: &str) -> Run {
    check_in(
        root(),
        &[
            MEETINGS,
            "--rules",
            "rules/xi-putin.yaml",
            "--rules",
            &format!("fixtures/broken-rules/{file}"),
        ],
    )
}

#[test]
fn a_rule_file_with_a_yaml_syntax_error() {
    let run = with_broken_rule("syntax.yaml");
    // The flow sequence opened on line 9 is found unclosed at `patterns:` on line 10.
    run.assert_problem(
        "crosscheck::rules::invalid",
        &["fixtures/broken-rules/syntax.yaml:10:13"],
    );
    insta::assert_snapshot!("rules_syntax", run.stderr);
}

#[test]
fn a_rule_with_an_unknown_key() {
    let run = with_broken_rule("unknown-key.yaml");
    run.assert_problem(
        "crosscheck::rules::invalid",
        &[
            "fixtures/broken-rules/unknown-key.yaml:6:5",
            "unknown field `severty`",
            "`severity`",
        ],
    );
    // The list of known fields grows with the rule format; the snapshot keeps the rest.
    insta::assert_snapshot!("rules_unknown_key", without_field_list(&run.stderr));
}

/// `text` with the list after "expected one of" (up to the snippet) replaced by ` ...`.
fn without_field_list(text: &str) -> String {
    let Some(from) = text.find("expected one of") else {
        return text.to_owned();
    };
    let from = from + "expected one of".len();
    let to = text[from..]
        .find("╭─[")
        .and_then(|i| text[from..from + i].rfind('\n'))
        .map_or(text.len(), |i| from + i);
    format!("{} ...{}", &text[..from], &text[to..])
}

#[test]
fn a_rule_whose_regex_does_not_compile() {
    let run = with_broken_rule("bad-regex.yaml");
    // The second pattern, `'held (?:talks {count} times'`, is on line 11; its text starts
    // after `      - '`, in column 10.
    run.assert_problem(
        "crosscheck::rules::regex",
        &[
            "fixtures/broken-rules/bad-regex.yaml:11:10",
            "unclosed group",
        ],
    );
    insta::assert_snapshot!("rules_bad_regex", run.stderr);
}

#[test]
fn a_regex_error_quotes_the_pattern_as_written() {
    let run = with_broken_rule("bad-regex.yaml");
    assert!(
        !run.stderr.contains("(?P<value>"),
        "the message shows the placeholder's expansion instead of `{{count}}`:\n{}",
        run.stderr
    );
}

#[test]
fn a_rule_file_that_does_not_exist() {
    let run = with_broken_rule("no-such-rules.yaml");
    run.assert_problem(
        "crosscheck::rules::unreadable",
        &["fixtures/broken-rules/no-such-rules.yaml"],
    );
}

#[test]
fn every_problem_is_listed_in_json() {
    let (dir, set) = meetings_copy("meetings");
    fs::write(set.join("06-latin1.txt"), b"caf\xe9\n").unwrap();
    add_to_manifest(&set, "  - path: 06-latin1.txt\n");
    let broken = root().join("fixtures/broken-rules/unknown-key.yaml");
    let shipped = root().join("rules/xi-putin.yaml");
    let (doc, code) = json_in(
        dir.path(),
        &[
            "meetings",
            "gone.txt",
            "--rules",
            shipped.to_str().unwrap(),
            "--rules",
            broken.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    let mut errors: Vec<(String, String)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["message"].is_string(), "{e:#}");
            (
                e["code"].as_str().unwrap().to_owned(),
                e["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            (
                "crosscheck::input::not_found".to_owned(),
                "gone.txt".to_owned()
            ),
            (
                "crosscheck::input::not_utf8".to_owned(),
                "meetings/06-latin1.txt".to_owned()
            ),
            (
                "crosscheck::rules::invalid".to_owned(),
                broken.to_string_lossy().replace('\\', "/")
            ),
        ]
    );
    assert_eq!(doc["summary"]["errors"], 3);
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(doc["findings"][0]["rule"], "xi-putin-meetings");
}

/// A value a rule's pattern catches but the grammar cannot read is a warning with a code
/// and the place, in `check` and in `extract`; it is never read as something else.
#[test]
fn a_date_that_does_not_exist_is_a_warning_not_a_reading() {
    let dir = common::impossible_date();
    let run = check_in(dir.path(), &["treaty.txt", "--rules", "rules.yaml"]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("crosscheck::grammar::no_such_date"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("treaty.txt:1:40"), "{}", run.stderr);
    assert!(run.stdout.contains("0 statements"), "{}", run.stdout);
    let json = check_in(
        dir.path(),
        &["treaty.txt", "--rules", "rules.yaml", "--format", "json"],
    );
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        doc["unread"][0]["code"],
        "crosscheck::grammar::no_such_date"
    );
    assert_eq!(doc["unread"][0]["quote"], "February 30, 2023");

    let output = crosscheck_in(dir.path())
        .args(["extract", "treaty.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("crosscheck::grammar::no_such_date"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0));
}
