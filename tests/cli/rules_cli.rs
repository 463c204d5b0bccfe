//! The rule authors' commands: `rules test`, `rules check`, `rules schema`, `explain`, `init`.

use predicates::prelude::*;

use crate::common;

use common::crosscheck;

/// A rule file with one rule and the given examples (YAML, indented under `examples:`).
fn rule_file(examples: &str) -> String {
    format!(
        "rules:\n  - id: meetings\n    title: t\n    message: m\n    subjects:\n      - [Xi]\n    patterns:\n      - 'met {{count}} times'\n    examples:\n{examples}"
    )
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path
}

#[test]
fn shipped_rules_pass_their_examples() {
    let out = crosscheck().args(["rules", "test"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let pass = stdout.lines().filter(|l| l.starts_with("PASS ")).count();
    assert!(pass >= 7, "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn every_shipped_rule_has_a_positive_and_a_negative_example() {
    let rules = crosscheck::rules::load(&[]);
    for rule in rules.rules {
        assert!(
            rule.examples.iter().any(|e| !e.expect.is_empty()),
            "{} has no positive example",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| e.expect.is_empty()),
            "{} has no negative example",
            rule.id
        );
    }
}

#[test]
fn a_passing_example_in_a_rule_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        &dir,
        "r.yaml",
        &rule_file(
            "      - text: Xi said they met about 20 times.\n        expect: [{ quote: about 20, low: 18, high: 22 }]\n      - text: Xi met them.\n        expect: []\n",
        ),
    );
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS meetings (2 examples)"));
}

#[test]
fn a_broken_example_fails_with_expected_and_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        &dir,
        "r.yaml",
        &rule_file(
            "      - text: Xi said they met about 20 times.\n        expect: [{ quote: about 20, low: 10, high: 22 }]\n      - text: Xi has met 3 times.\n        expect: []\n",
        ),
    );
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL meetings")
                .and(predicate::str::contains(
                    "expected: quote \"about 20\", low 10",
                ))
                .and(predicate::str::contains(
                    "read:     quote \"about 20\", low 18",
                ))
                .and(predicate::str::contains("expected: no statement"))
                .and(predicate::str::contains("read:     quote \"3\"")),
        );
}

#[test]
fn a_broken_rule_file_exits_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "r.yaml", "rules:\n  - id: a\n    titel: t\n");
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `titel`"));
    crosscheck()
        .args(["rules", "check"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `title`"));
}

#[test]
fn rules_check_warns_about_a_missing_capture_and_short_terms() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    subjects:\n      - [X, Xi]\n    patterns:\n      - 'met {count} times'\n    keys:\n      who:\n        capture: visitor\n    examples:\n      - text: Xi met 3 times.\n        expect: [{ low: soon }]\n";
    let path = write(&dir, "r.yaml", text);
    crosscheck()
        .args(["rules", "check"])
        .arg(&path)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("capture `visitor`, which no pattern has")
                .and(predicate::str::contains("subject term `X`"))
                .and(predicate::str::contains(
                    "`soon` is neither a number nor a date",
                )),
        );
}

#[test]
fn shipped_rules_check_clean() {
    crosscheck()
        .args(["rules", "check"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn help_rules_succeeds() {
    crosscheck().args(["help", "rules"]).assert().success();
}

#[test]
fn the_committed_schema_is_current() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/schema.json"))
            .unwrap_or_default();
    let generated = crosscheck::rules::schema();
    assert!(
        committed == generated,
        "rules/schema.json is stale: run `cargo run -- rules schema > rules/schema.json`"
    );
    crosscheck()
        .args(["rules", "schema"])
        .assert()
        .success()
        .stdout(generated);
}

#[test]
fn explain_shows_a_rule_and_suggests_a_near_id() {
    crosscheck()
        .args(["explain", "state-visit-length"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("kind:        duration")
                .and(predicate::str::contains("capture `visitor`"))
                .and(predicate::str::contains("examples:")),
        );
    crosscheck()
        .args(["explain", "xi-putin-meeting"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `xi-putin-meetings`"));
}

#[test]
fn init_writes_a_starter_whose_examples_pass_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    crosscheck()
        .arg("init")
        .current_dir(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("crosscheck.yaml").is_file());
    // The configuration it writes is the one `check` reads: its rules, its articles folder,
    // which is empty yet: a gate that would check nothing says so.
    crosscheck()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "checked 0 articles against 1 rule",
        ))
        .stderr(predicate::str::contains("articles/: no articles found"));
    std::fs::write(
        dir.path().join("articles/a.txt"),
        "The ministers met in Geneva.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    crosscheck()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("checked 1 article against 1 rule"));
    crosscheck()
        .args(["rules", "test", "rules"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS bridge-length (2 examples)"));
    crosscheck()
        .args(["rules", "check", "rules"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    crosscheck()
        .arg("init")
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not overwriting"));
}

/// Every property name of an object in a JSON Schema.
fn property_names(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            map.values().for_each(|v| property_names(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
        _ => {}
    }
}

#[test]
fn docs_describe_every_key_of_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&crosscheck::rules::schema())
        .unwrap_or_else(|e| panic!("schema: {e}"));
    let mut names = std::collections::BTreeSet::new();
    property_names(&schema, &mut names);
    assert!(
        names.contains("examples") && names.contains("verdict"),
        "{names:?}"
    );
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .unwrap_or_else(|e| panic!("docs/rules.md: {e}"));
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !docs.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/rules.md does not describe {missing:?}"
    );
}

#[test]
fn the_tutorial_rule_passes_its_examples() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .unwrap_or_else(|e| panic!("docs/rules.md: {e}"));
    let start = docs
        .find("```yaml\n# yaml-language-server: $schema=./schema.json\nrules:")
        .map(|i| i + 8);
    let yaml = start
        .and_then(|s| docs[s..].find("```").map(|e| &docs[s..s + e]))
        .unwrap_or_else(|| panic!("no tutorial rule in docs/rules.md"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "tutorial.yaml", yaml);
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "PASS metro-ridership (3 examples)",
        ));
    // The tutorial teaches phrases, and no regex boundaries.
    assert!(
        yaml.contains("    phrases:\n      - carries {count}"),
        "{yaml}"
    );
    assert!(!docs.contains("(?-u:\\b)carries"), "docs/rules.md");
}

#[test]
fn a_value_cut_at_a_comma_gets_advice_to_quote_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        &dir,
        "r.yaml",
        &rule_file("      - text: Xi met some 30,000 times.\n        expect: [{ quote: some 30,000, low: 30000 }]\n"),
    );
    for command in ["test", "check"] {
        let run = common::Run::of(crosscheck().args(["rules", command]).arg(&path));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        let said = flat(&run.stderr);
        assert!(said.contains("unknown field `000`"), "{said}");
        assert!(
            said.contains("help: `000` is the end of `quote: some 30,000`: in { } a comma ends a value, so quote a value that holds one: `quote: \"some 30,000\"`"),
            "{said}"
        );
    }
}

/// A diagnostic's words on one line, without miette's wrapping and gutter.
fn flat(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

/// A folder with a crosscheck.yaml whose `rules` name `mine/`, holding one rule `meetings`.
fn configured() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("mine")).unwrap_or_else(|e| panic!("{e}"));
    write(&dir, "crosscheck.yaml", "rules:\n  - mine/\n");
    write(
        &dir,
        "mine/meetings.yaml",
        &rule_file("      - text: Xi met 3 times.\n        expect: [{ quote: '3' }]\n"),
    );
    dir
}

#[test]
fn rule_commands_read_the_configurations_rules() {
    let dir = configured();
    common::crosscheck_in(dir.path())
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("PASS meetings (1 example)")
                .and(predicate::str::contains("1 rules, 1 passed")),
        );
    common::crosscheck_in(dir.path())
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 rules OK"));
    common::crosscheck_in(dir.path())
        .args(["explain", "meetings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("mine/meetings.yaml"));
    // Flags still win.
    common::crosscheck_in(dir.path())
        .args(["rules", "test", "--no-config"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS xi-putin-meetings"));
}

#[test]
fn explain_an_unknown_id_suggests_near_ids_and_rules() {
    let dir = configured();
    common::crosscheck_in(dir.path())
        .args(["explain", "xi-putin-meeting", "--no-config"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no rule `xi-putin-meeting` among the shipped rules")
                .and(predicate::str::contains("did you mean `xi-putin-meetings`"))
                .and(predicate::str::contains("--rules PATH")),
        );
}

#[test]
fn rules_check_warnings_carry_line_and_column() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    subjects:\n      - [Xi, X]\n    patterns:\n      - 'reached \\b{money}'\n";
    let path = write(&dir, "r.yaml", text);
    let shown = path.display().to_string();
    crosscheck()
        .args(["rules", "check"])
        .arg(&path)
        .assert()
        .success()
        .stderr(
            predicate::str::contains(format!("warning: {shown}:6:14: rule `a`: subject term `X`"))
                .and(predicate::str::contains(format!(
                    "warning: {shown}:8:10: rule `a`: `reached \\b{{money}}`: `\\b` never matches before a value that starts with a symbol, such as `$5 billion`"
                )))
                .and(predicate::str::contains(format!(
                    "warning: {shown}:2:5: rule `a`: rule has no examples"
                ))),
        );
}

#[test]
fn a_phrase_error_points_at_its_character() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    phrases:\n      - met [with {count} times\n";
    let path = write(&dir, "r.yaml", text);
    let run = common::Run::of(crosscheck().args(["rules", "check"]).arg(&path));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let said = flat(&run.stderr);
    assert!(said.contains("crosscheck::rules::phrase"), "{said}");
    assert!(
        said.contains("phrase `met [with {count} times`: this bracket is never closed with `]`"),
        "{said}"
    );
    // Line 6, column 13: the `[`.
    assert!(said.contains("r.yaml:6:13]"), "{said}");
}

#[test]
fn rules_check_verbose_and_explain_show_what_phrases_run_as() {
    crosscheck()
        .args(["rules", "check", "--verbose"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r"rules/xi-putin.yaml:21:9: rule `xi-putin-meetings`: phrase `met [with ~2] {count} times` runs as `(?-u:\b)(?:met(?:\s+with[^\w\s;]*(?:\s+[^\s;]+){0,2}?)?\s+{count}\s+times)(?-u:\b)`",
        ));
    crosscheck()
        .args(["explain", "xi-putin-meetings"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  phrases:\n    - met [with ~2] {count} times\n      runs as: (?-u:\\b)(?:met",
        ));
}

#[test]
fn a_number_word_after_the_is_not_a_count() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    phrases:\n      - '{count} leaders'\n    examples:\n      - text: The two leaders met.\n        expect: []\n      - text: Two leaders met.\n        expect: [{ quote: Two, low: 2, high: 2 }]\n";
    let path = write(&dir, "r.yaml", text);
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS a (2 examples)"));
}

#[test]
fn an_example_reads_relative_dates_against_its_publication_date() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: clash\n    title: t\n    message: m\n    patterns:\n      - 'clashed in {date}'\n    examples:\n      - text: The two armies clashed in March.\n        published: 2023-06-01\n        expect: [{ quote: March, low: 2023-03-01, high: 2023-03-31 }]\n      - text: The two armies clashed in March.\n        published: 2024-06-01\n        expect: [{ low: 2023-03-01 }]\n";
    let path = write(&dir, "r.yaml", text);
    crosscheck()
        .args(["rules", "test"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL clash")
                .and(predicate::str::contains("example 2:"))
                .and(predicate::str::contains("example 1:").not()),
        );
}

/// Runs `crosscheck rules check fixtures/broken-rules/<file>` from the repository root and
/// returns its stderr, after checking it exits 2 and points at `at` (path:line:col).
fn broken_rules_check(file: &str, at: &str) -> String {
    let out = crosscheck()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["rules", "check"])
        .arg(format!("fixtures/broken-rules/{file}"))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&format!("╭─[fixtures/broken-rules/{at}]")),
        "not pointing at {at}:\n{stderr}"
    );
    stderr
}

#[test]
fn rules_check_points_at_a_duplicate_id_in_the_second_file() {
    // The second rule of b.yaml, on line 9, reuses the id of the rule in a.yaml.
    let stderr = broken_rules_check("duplicate-id", "duplicate-id/b.yaml:9:5");
    assert!(
        stderr.contains("crosscheck::rules::duplicate_id"),
        "{stderr}"
    );
    insta::assert_snapshot!("rules_check_duplicate_id", stderr);
}

#[test]
fn rules_check_points_at_an_unknown_placeholder() {
    // `{tally}` in the second pattern, line 8.
    let stderr = broken_rules_check("unknown-placeholder.yaml", "unknown-placeholder.yaml:8:15");
    assert!(stderr.contains("placeholder `{tally}`"), "{stderr}");
    insta::assert_snapshot!("rules_check_unknown_placeholder", stderr);
}

#[test]
fn rules_check_points_at_a_rule_missing_a_required_key() {
    // The second rule, from line 8, has no `message`.
    let stderr = broken_rules_check("missing-key.yaml", "missing-key.yaml:8:5");
    assert!(stderr.contains("missing field `message`"), "{stderr}");
    insta::assert_snapshot!("rules_check_missing_key", stderr);
}

#[test]
fn rules_check_points_at_a_value_of_the_wrong_type() {
    // `window: many` on line 8.
    let stderr = broken_rules_check("wrong-type.yaml", "wrong-type.yaml:8:13");
    assert!(stderr.contains("rules[0].window: invalid type"), "{stderr}");
    insta::assert_snapshot!("rules_check_wrong_type", stderr);
}

#[test]
fn rules_check_points_at_a_rate_with_an_unknown_currency() {
    // `pair: USD/XYZ` on line 12.
    let stderr = broken_rules_check("unknown-currency.yaml", "unknown-currency.yaml:12:15");
    assert!(stderr.contains("`USD/XYZ`"), "{stderr}");
    insta::assert_snapshot!("rules_check_unknown_currency", stderr);
}

#[test]
fn rules_check_points_at_a_rate_without_a_period() {
    // The second rate, from line 12, has no `period`.
    let stderr = broken_rules_check("rate-without-period.yaml", "rate-without-period.yaml:12:9");
    assert!(stderr.contains("missing"), "{stderr}");
    insta::assert_snapshot!("rules_check_rate_without_period", stderr);
}

#[test]
fn rules_check_points_at_a_wording_rule_without_wordings() {
    // The second rule, `broken-wording` on line 10; the first rule's id is not mistaken
    // for it.
    let stderr = broken_rules_check(
        "wording-without-wordings.yaml",
        "wording-without-wordings.yaml:10:5",
    );
    assert!(stderr.contains("lists no `wordings`"), "{stderr}");
    insta::assert_snapshot!("rules_check_wording_without_wordings", stderr);
}

#[test]
fn rules_check_warns_about_subject_terms_that_are_common_words() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    subjects:\n      - [Xi, The, said]\n      - [the Kremlin, theory]\n    patterns:\n      - 'met {count} times'\n    examples:\n      - text: Xi said they met 3 times.\n        expect: [{ quote: '3' }]\n";
    let path = write(&dir, "r.yaml", text);
    crosscheck()
        .args(["rules", "check"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 rules OK (2 warnings)"))
        .stderr(
            predicate::str::contains("rule `a`: subject term `The` is one of the most common")
                .and(predicate::str::contains("subject term `said` is one of"))
                .and(predicate::str::contains("`Xi`").not())
                .and(predicate::str::contains("`the Kremlin`").not())
                .and(predicate::str::contains("`theory`").not()),
        );
}

#[test]
fn rules_check_warns_about_a_pattern_that_can_never_match() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    patterns:\n      - 'met {count} times'\n      - 'met{count}times'\n    examples:\n      - text: They met 3 times.\n        expect: [{ quote: '3' }]\n";
    let path = write(&dir, "r.yaml", text);
    crosscheck()
        .args(["rules", "check"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 rules OK (1 warning)"))
        .stderr(predicate::str::contains(
            "pattern `met{count}times` can never match: no value such as `3` fits in `met{count}times`",
        ));
}

/// Runs crosscheck with `args` and reads its stdout as one JSON document.
fn json_of<A: AsRef<std::ffi::OsStr>>(
    args: impl IntoIterator<Item = A>,
    code: i32,
) -> serde_json::Value {
    let out = crosscheck().args(args).assert().code(code);
    let stdout = &out.get_output().stdout;
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}", String::from_utf8_lossy(stdout));
    })
}

#[test]
fn rules_test_as_json_names_each_failing_example_and_where_it_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        &dir,
        "r.yaml",
        &rule_file(
            "      - text: Xi said they met about 20 times.\n        expect: [{ quote: about 20, low: 10, high: 22 }]\n      - text: Xi and Putin met 4 times.\n        expect: [{ quote: '4' }]\n",
        ),
    );
    let doc = json_of(
        [
            "rules".as_ref(),
            "test".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ],
        1,
    );
    let rule = &doc["rules"][0];
    assert_eq!(rule["id"], "meetings");
    assert_eq!(rule["path"], path.to_string_lossy().as_ref());
    assert_eq!(
        (rule["passed"].clone(), rule["examples"].clone()),
        (false.into(), 2.into())
    );
    let failures = rule["failures"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(failures.len(), 1, "the second example passes: {doc}");
    // The first example's text is on line 10, after `      - text: `.
    let f = &failures[0];
    assert_eq!(
        (f["example"].clone(), f["line"].clone(), f["column"].clone()),
        (1.into(), 10.into(), 15.into())
    );
    assert_eq!(f["text"], "Xi said they met about 20 times.");
    assert_eq!(f["expected"][0], "quote \"about 20\", low 10, high 22");
    assert!(
        f["read"][0].as_str().is_some_and(|r| r.contains("low 18")),
        "{doc}"
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({ "rules": 1, "passed": 0, "failed": 1 })
    );
    assert_eq!(doc["errors"], serde_json::json!([]));
}

#[test]
fn rules_check_as_json_carries_warnings_patterns_and_errors_with_places() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "rules:\n  - id: a\n    title: t\n    message: m\n    subjects:\n      - [Xi, X]\n    patterns:\n      - 'met {count} times'\n    examples:\n      - text: Xi met 3 times.\n        expect: [{ quote: '3' }]\n";
    let path = write(&dir, "r.yaml", text);
    let args = |p: &std::path::Path| {
        ["rules", "check", "-v", "--format", "json"]
            .map(std::ffi::OsString::from)
            .into_iter()
            .chain([p.as_os_str().to_owned()])
            .collect::<Vec<_>>()
    };
    let doc = json_of(args(&path), 0);
    assert_eq!(doc["rules"], 1);
    let w = &doc["warnings"][0];
    assert_eq!(
        (w["rule"].clone(), w["line"].clone(), w["column"].clone()),
        ("a".into(), 6.into(), 14.into())
    );
    assert!(
        w["message"]
            .as_str()
            .is_some_and(|m| m.contains("subject term `X`")),
        "{doc}"
    );
    let c = &doc["compiled"][0];
    assert_eq!(
        (
            c["kind"].clone(),
            c["source"].clone(),
            c["line"].clone(),
            c["column"].clone()
        ),
        (
            "pattern".into(),
            "met {count} times".into(),
            8.into(),
            10.into()
        )
    );
    assert!(
        c["runs"].as_str().is_some_and(|r| r.contains("{count}")),
        "{doc}"
    );
    // A rule file that does not load: its error in the document, at its place, exit 2.
    let broken = write(
        &dir,
        "b.yaml",
        "rules:\n  - id: b\n    title: t\n    message: m\n    patterns: ['met {tally} times']\n",
    );
    let out = crosscheck().args(args(&broken)).assert().code(2);
    assert!(
        out.get_output().stderr.is_empty(),
        "errors go in the document"
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).unwrap_or_else(|e| panic!("{e}"));
    // Column 21 is the placeholder the error is about, `{tally}`.
    let e = &doc["errors"][0];
    assert_eq!(
        (e["code"].clone(), e["line"].clone(), e["column"].clone()),
        ("crosscheck::rules::invalid".into(), 5.into(), 21.into())
    );
    assert_eq!(doc["rules"], 0);
}

#[test]
fn init_as_json_lists_the_files_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = crosscheck()
        .current_dir(dir.path())
        .args(["init", "--format", "json"])
        .assert()
        .success();
    let doc: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        doc["wrote"],
        serde_json::json!([
            "./crosscheck.yaml",
            "./rules/my-claims.yaml",
            "./rules/schema.json"
        ])
    );
    assert!(dir.path().join("rules/my-claims.yaml").is_file());
}
