//! The command line as a user runs it on the fixture sets: exit codes, the human report, the
//! JSON contract, metadata from manifests and front matter, custom rules and determinism.
//!
//! Every run starts in the repository root so that the paths in the output are the relative
//! paths a user would type, and the snapshots are stable.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::sync::Mutex;

use predicates::prelude::*;
use serde_json::Value;

use crate::common;

use common::{crosscheck, root, MEETINGS};

/// The set where every statement agrees.
const AGREEING: &str = "fixtures/agreeing";
/// The article with the hedged disagreement: "about 40" and, quoted, "nearly 30".
const LEDGER: &str = "fixtures/meetings/02-evening-ledger.txt";
/// The article with a byte-order mark and CRLF line ends.
const GAZETTE: &str = "fixtures/meetings/03-harbour-gazette.txt";
/// The Markdown article with front matter and a repeated paragraph.
const COURIER: &str = "fixtures/meetings/04-daily-courier.md";
/// The article with numbers that are not meeting counts.
const TRADE: &str = "fixtures/meetings/05-trade-desk.md";

/// Runs `crosscheck check <args> --format json` and returns the document and the exit code.
/// Runs are remembered by their arguments: a debug build takes a while to start.
fn check_json(args: &[&str]) -> (Value, i32) {
    remembered("check", args, || check_json_uncached(args))
}

/// Results of earlier runs, by command and arguments.
fn remembered(command: &str, args: &[&str], run: impl FnOnce() -> (Value, i32)) -> (Value, i32) {
    static RUNS: Mutex<BTreeMap<Vec<String>, (Value, i32)>> = Mutex::new(BTreeMap::new());
    let key: Vec<String> = std::iter::once(command)
        .chain(args.iter().copied())
        .map(str::to_owned)
        .collect();
    if let Some(found) = RUNS.lock().unwrap().get(&key) {
        return found.clone();
    }
    let result = run();
    RUNS.lock().unwrap().insert(key, result.clone());
    result
}

/// [`check_json`] without memory.
fn check_json_uncached(args: &[&str]) -> (Value, i32) {
    let output = crosscheck()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("crosscheck runs");
    let stdout = String::from_utf8(output.stdout).expect("JSON output is UTF-8");
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{stdout}"));
    (doc, output.status.code().expect("exited normally"))
}

/// Every statement of every finding in a JSON document.
fn statements(doc: &Value) -> Vec<&Value> {
    doc["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .flat_map(|f| f["statements"].as_array().expect("statements is an array"))
        .collect()
}

/// The statements of one article.
fn statements_of<'a>(doc: &'a Value, path: &str) -> Vec<&'a Value> {
    statements(doc)
        .into_iter()
        .filter(|s| s["path"] == path)
        .collect()
}

/// Runs `crosscheck extract <args> --rules <shipped rules> --format json`: every mention
/// the grammar reads and every statement of every rule, in a finding or not.
fn extract_json(args: &[&str]) -> (Value, i32) {
    remembered("extract", args, || extract_json_uncached(args))
}

/// [`extract_json`] without memory.
fn extract_json_uncached(args: &[&str]) -> (Value, i32) {
    let output = crosscheck()
        .arg("extract")
        .args(args)
        .args(["--rules", "rules/xi-putin.yaml", "--format", "json"])
        .output()
        .expect("crosscheck runs");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "extract did not print JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (doc, output.status.code().expect("exited normally"))
}

/// Every statement of the meeting rule in `paths`, in a finding or not.
fn meeting_statements(paths: &[&str]) -> Vec<Value> {
    let (doc, _) = extract_json(paths);
    doc["statements"]
        .as_array()
        .expect("extract lists statements")
        .iter()
        .filter(|s| s["rule"] == "xi-putin-meetings")
        .cloned()
        .collect()
}

/// The 1-based line and column (in characters, a leading byte-order mark not counted) of a
/// byte offset, worked out from the file's bytes independently of crosscheck.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut prefix = std::str::from_utf8(&before[line_start..]).expect("offset on a char");
    if line_start == 0 {
        prefix = prefix.strip_prefix('\u{FEFF}').unwrap_or(prefix);
    }
    (line, prefix.chars().count() + 1)
}

/// A rule file with the shipped meeting rule's subjects and patterns under another id.
fn custom_rule(id: &str, severity: &str) -> String {
    format!(
        r#"rules:
  - id: {id}
    title: Meetings between the two leaders
    message: The articles count the meetings differently
    severity: {severity}
    different_frames: {severity}
    subjects:
      - [Xi, Xi Jinping, Chinese leader, China's leader]
      - [Putin, Vladimir Putin, Russian counterpart, Kremlin leader]
    window: 1
    patterns:
      - '(?-u:\b)met(?: with (?:[\w.]+ ){{0,2}}?)? ?{{count}} times'
      - '(?-u:\b)(?:held|had) {{count}} (?:meetings|summits)'
"#
    )
}

// ---------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn exit_codes_follow_findings_and_fail_on() {
    // A clean set exits 0 whatever --fail-on says.
    for fail_on in ["error", "warning", "info", "never"] {
        crosscheck()
            .args(["check", AGREEING, "--fail-on", fail_on])
            .assert()
            .code(0);
    }
    // The meetings set has one finding; whether it fails the run depends on its severity.
    let (doc, code) = check_json(&[MEETINGS]);
    assert_eq!(doc["summary"]["findings"], 1, "{doc:#}");
    let severity = doc["findings"][0]["severity"].as_str().unwrap().to_owned();
    let rank = |s: &str| ["info", "warning", "error"].iter().position(|r| *r == s);
    assert!(rank(&severity).is_some(), "unknown severity {severity:?}");
    assert_eq!(
        code,
        if severity == "error" { 1 } else { 0 },
        "default --fail-on error"
    );
    for fail_on in ["error", "warning", "info", "never"] {
        let fails = fail_on != "never" && rank(&severity) >= rank(fail_on);
        let output = crosscheck()
            .args(["check", MEETINGS, "--fail-on", fail_on])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(i32::from(fails)),
            "a finding of severity {severity} with --fail-on {fail_on}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
    }
    // The finding is reported whatever --fail-on says.
    crosscheck()
        .args(["check", MEETINGS, "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("crosscheck::xi-putin-meetings"));
}

#[test]
fn fail_on_compares_with_the_severity_of_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    // (rule severity, --fail-on, exit code)
    let cases = [
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("warning", "info", 1),
        ("warning", "never", 0),
        ("info", "error", 0),
        ("info", "warning", 0),
        ("info", "info", 1),
    ];
    for (severity, fail_on, want) in cases {
        let rules = dir.path().join(format!("{severity}.yaml"));
        fs::write(&rules, custom_rule("meetings-counted", severity)).unwrap();
        crosscheck()
            .args(["check", MEETINGS, "--rules"])
            .arg(&rules)
            .args(["--fail-on", fail_on])
            .assert()
            .code(want)
            .stdout(predicate::str::contains("crosscheck::meetings-counted"));
    }
}

// ---------------------------------------------------------------------------------------
// The human report
// ---------------------------------------------------------------------------------------

#[test]
fn the_disagreement_on_meetings_is_reported_for_people() {
    let output = crosscheck().args(["check", MEETINGS]).output().unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();

    assert!(stdout.contains("crosscheck::xi-putin-meetings"), "{stdout}");
    // Both passages, each with where it is and how its value was read.
    assert!(
        stdout.contains(&format!("{LEDGER}:3:75")),
        "the `about 40` passage: {stdout}"
    );
    assert!(
        stdout.contains("he and Vladimir Putin have met about 40 times, and"),
        "{stdout}"
    );
    assert!(stdout.contains("about 40 → 36..44"), "{stdout}");
    assert!(
        stdout.contains(&format!("{LEDGER}:7:128")),
        "the `nearly 30` passage: {stdout}"
    );
    assert!(
        stdout.contains("“During the last six years the two of us have met nearly 30 times."),
        "{stdout}"
    );
    assert!(stdout.contains("nearly 30 → 27..29"), "{stdout}");
    // The agreeing articles, with their metadata.
    assert!(
        stdout.contains("fixtures/meetings/03-harbour-gazette.txt (Harbour Gazette, published"),
        "{stdout}"
    );
    assert!(stdout.contains("more than 40 → 41.."), "{stdout}");
    assert!(stdout.contains("some 40 → 36..44"), "{stdout}");
    assert!(!stdout.contains(TRADE), "{stdout}");
    // The time frame of each figure, so that an editor can judge the gap.
    assert!(
        stdout.contains("(Since Xi became China's president in 2012; as of 2023-03-17)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(During the last six years; said in 2019; quoting Xi)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(in recent years; as of 2023-03-20"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("crosscheck::").count(),
        1,
        "one finding: {stdout}"
    );
    assert!(
        stdout.contains("\nchecked 5 articles against ") && stdout.contains(", 1 finding ("),
        "{stdout}"
    );
    insta::assert_snapshot!("meetings_human", stdout);
}

#[test]
fn a_clean_run_prints_only_the_summary() {
    crosscheck()
        .args(["check", AGREEING])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"\Achecked 3 articles against \d+ rules?: 3 statements, 0 findings\n\z",
            )
            .unwrap(),
        )
        .stderr("");
}

// ---------------------------------------------------------------------------------------
// The JSON contract
// ---------------------------------------------------------------------------------------

#[test]
fn json_report_holds_the_contract_fields() {
    let (doc, _) = check_json(&[MEETINGS]);
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert_eq!(doc["summary"]["articles"], 5);
    assert_eq!(doc["summary"]["findings"], 1);
    // Every statement of every rule is counted, once.
    let (extracted, _) = extract_json(&[MEETINGS]);
    assert_eq!(
        doc["summary"]["statements"].as_u64(),
        Some(extracted["statements"].as_array().unwrap().len() as u64)
    );

    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    let finding = &findings[0];
    assert_eq!(finding["rule"], "xi-putin-meetings");
    assert!(
        ["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap_or("")),
        "{finding:#}"
    );
    assert_eq!(
        finding["message"],
        "Sources disagree on how many times Xi Jinping and Vladimir Putin have met"
    );

    // (path, quote, low, high): every statement of the claim, in path order.
    let got: Vec<(String, String, Value, Value)> = statements(&doc)
        .iter()
        .map(|s| {
            for field in [
                "path", "line", "column", "start", "end", "quote", "low", "high",
            ] {
                assert!(s.get(field).is_some(), "statement without `{field}`: {s:#}");
            }
            (
                s["path"].as_str().unwrap().to_owned(),
                s["quote"].as_str().unwrap().to_owned(),
                s["low"].clone(),
                s["high"].clone(),
            )
        })
        .collect();
    let want = [
        (
            "fixtures/meetings/01-northern-wire.txt",
            "about\u{a0}40",
            36,
            Some(44),
        ),
        (LEDGER, "about 40", 36, Some(44)),
        (LEDGER, "nearly 30", 27, Some(29)),
        (GAZETTE, "more than 40", 41, None),
        (COURIER, "some 40", 36, Some(44)),
    ]
    .map(|(p, q, low, high)| {
        (
            p.to_owned(),
            q.to_owned(),
            Value::from(low),
            high.map_or(Value::Null, Value::from),
        )
    });
    assert_eq!(got, want);
}

#[test]
fn json_consensus_is_the_range_most_sources_share() {
    let (doc, _) = check_json(&[MEETINGS]);
    let consensus = &doc["findings"][0]["consensus"];
    assert_eq!(consensus["low"], 41, "{consensus:#}");
    assert_eq!(consensus["high"], 44, "{consensus:#}");
    assert_eq!(consensus["articles"], 4, "{consensus:#}");
    assert_eq!(consensus["of"], 4, "{consensus:#}");
    // The consensus is a range, not any one article's wording: a label that reads
    // `about 40 → 41..44` says "about 40" means 41..44, which contradicts the statements'
    // own readings (`about 40 → 36..44`).
    if let Some(reading) = consensus.get("reading").and_then(Value::as_str) {
        assert!(
            !reading.contains("about 40"),
            "the consensus is labelled with one statement's wording: {reading:?}"
        );
        assert!(reading.ends_with("41..44"), "{reading:?}");
        assert!(
            !reading.trim_start().starts_with('→'),
            "the consensus label has nothing before its arrow: {reading:?}"
        );
    }
}

#[test]
fn json_spans_index_the_quote_in_the_file_bytes() {
    let (doc, _) = check_json(&[MEETINGS]);
    let all = statements(&doc);
    assert_eq!(all.len(), 5);
    for s in &all {
        let path = s["path"].as_str().unwrap();
        let bytes = fs::read(root().join(path)).unwrap();
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let quote = s["quote"].as_str().unwrap();
        assert_eq!(
            bytes.get(start..end),
            Some(quote.as_bytes()),
            "{path}: {start}..{end} is not `{quote}`"
        );
        let (line, column) = line_col(&bytes, start);
        assert_eq!(
            (
                s["line"].as_u64().unwrap() as usize,
                s["column"].as_u64().unwrap() as usize
            ),
            (line, column),
            "{path}: line and column of `{quote}` at byte {start}"
        );
    }
    // And the values themselves, worked out by hand: the byte-order mark is 3 bytes but no
    // column; a non-breaking space is 2 bytes but one column.
    let gazette = statements_of(&doc, GAZETTE);
    assert_eq!(gazette.len(), 1);
    assert_eq!(
        (
            &gazette[0]["line"],
            &gazette[0]["column"],
            &gazette[0]["start"],
            &gazette[0]["end"]
        ),
        (
            &Value::from(1),
            &Value::from(40),
            &Value::from(42),
            &Value::from(54)
        )
    );
    let wire = statements_of(&doc, "fixtures/meetings/01-northern-wire.txt");
    assert_eq!(wire.len(), 1);
    assert_eq!(
        (&wire[0]["line"], &wire[0]["column"], &wire[0]["quote"]),
        (
            &Value::from(3),
            &Value::from(107),
            &Value::from("about\u{a0}40")
        )
    );
    assert_eq!(
        wire[0]["end"].as_u64().unwrap() - wire[0]["start"].as_u64().unwrap(),
        "about\u{a0}40".len() as u64
    );
}

/// The statement of `path` whose quote is `quote`.
fn statement_quoting<'a>(doc: &'a Value, path: &str, quote: &str) -> &'a Value {
    statements_of(doc, path)
        .into_iter()
        .find(|s| s["quote"] == quote)
        .unwrap_or_else(|| panic!("no `{quote}` in {path}: {doc:#}"))
}

/// The time frame crosscheck read for a statement, as written ("" when none).
fn frame_text(s: &Value) -> &str {
    s["qualifiers"]["frame"]["text"].as_str().unwrap_or("")
}

#[test]
fn each_reading_carries_its_time_frame() {
    // So that an editor can tell a real gap from the passing of time.
    let (doc, _) = check_json(&[MEETINGS]);
    let since = statement_quoting(&doc, LEDGER, "about 40");
    assert_eq!(
        frame_text(since),
        "Since Xi became China's president in 2012",
        "{since:#}"
    );
    let quoted = statement_quoting(&doc, LEDGER, "nearly 30");
    assert_eq!(
        frame_text(quoted),
        "During the last six years",
        "{quoted:#}"
    );
    let q = &quoted["qualifiers"];
    assert_eq!(
        q["as_of"]["days"]["low"], "2019-01-01",
        "said in 2019: {q:#}"
    );
    assert_eq!(q["attribution"]["speaker"], "Xi", "{q:#}");
    assert_eq!(q["attribution"]["direct"], true, "{q:#}");
    let wire = statement_quoting(
        &doc,
        "fixtures/meetings/01-northern-wire.txt",
        "about\u{a0}40",
    );
    assert_eq!(frame_text(wire), "in recent years", "{wire:#}");
    let gazette = statement_quoting(&doc, GAZETTE, "more than 40");
    assert_eq!(gazette["qualifiers"]["frame"], Value::Null, "{gazette:#}");
    assert_eq!(gazette["qualifiers"]["as_of"]["days"]["low"], "2024-05-15");
}

#[test]
fn a_quoted_figure_carries_the_frame_inside_the_quotation() {
    // The common form with the speech verb after the quotation: the frame is part of the
    // quoted words, not a date of when they were said.
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("quote-first.txt");
    fs::write(
        &article,
        "Xi was in Moscow in 2019 and praised his Russian counterpart. \
         \u{201C}The two of us have met nearly 30 times in the past six years,\u{201D} he \
         told reporters.\n",
    )
    .unwrap();
    let found = meeting_statements(&[article.to_str().unwrap()]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let q = &found[0]["qualifiers"];
    assert_eq!(
        q["frame"]["text"], "in the past six years",
        "the quotation's own frame was not read: {q:#}"
    );
    assert_eq!(q["as_of"]["days"]["low"], "2019-01-01", "{q:#}");
}

#[test]
fn a_reported_figure_is_attributed_to_the_speaker_the_sentence_names() {
    // "... Vladimir Putin called Xi a “dear friend” and said the two had held about 40
    // meetings in recent years." is followed by "The Kremlin said the leaders would sign 14
    // documents". The figure is Putin's: not the Kremlin's (the next sentence), and not an
    // unnamed speaker's.
    let found = meeting_statements(&["fixtures/meetings/01-northern-wire.txt"]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let attribution = &found[0]["qualifiers"]["attribution"];
    assert_eq!(
        attribution["direct"], false,
        "reported speech: {attribution:#}"
    );
    let speaker = &attribution["speaker"];
    assert!(
        speaker.as_str().is_some_and(|s| s.contains("Putin")),
        "attributed to {speaker}: {:#}",
        found[0]
    );
}

#[test]
fn an_article_alone_is_judged_as_it_is_in_its_set() {
    // 02 states both figures. Checked alone, the pair must be reported as it is when the
    // whole set is checked: the same kind of finding at the same severity, naming both.
    let (set, _) = check_json(&[MEETINGS]);
    let in_set = &set["findings"][0];
    let in_set_quotes: Vec<&Value> = statements_of(&set, LEDGER)
        .iter()
        .map(|s| &s["quote"])
        .collect();
    assert_eq!(in_set_quotes, ["about 40", "nearly 30"]);

    let (alone, _) = check_json(&[LEDGER]);
    let findings = alone["findings"].as_array().unwrap();
    assert_eq!(
        findings.len(),
        1,
        "`about 40` and `nearly 30` are reported in the set ({} {}) but not alone: {alone:#}",
        in_set["kind"],
        in_set["severity"]
    );
    assert_eq!(
        (&findings[0]["kind"], &findings[0]["severity"]),
        (&in_set["kind"], &in_set["severity"])
    );
    let quotes: Vec<&Value> = statements(&alone).iter().map(|s| &s["quote"]).collect();
    assert_eq!(quotes, ["about 40", "nearly 30"]);
}

#[test]
fn fixture_bytes_are_what_the_tests_rely_on() {
    // A checkout that converts line ends or drops the byte-order mark would make the span
    // tests pass for the wrong reason.
    let gazette = fs::read(root().join(GAZETTE)).unwrap();
    assert!(gazette.starts_with(b"\xEF\xBB\xBFXi Jinping and Vladimir Putin"));
    let lf = gazette.iter().filter(|&&b| b == b'\n').count();
    let crlf = gazette.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!((lf, crlf), (4, 4), "every line of {GAZETTE} ends in CRLF");

    let wire = fs::read_to_string(root().join("fixtures/meetings/01-northern-wire.txt")).unwrap();
    assert!(wire.contains("held about\u{a0}40 meetings"));
    assert!(wire.contains('\u{2014}') && wire.contains('\u{201C}'));

    let courier = fs::read_to_string(root().join(COURIER)).unwrap();
    let paragraph =
        "**How close are the two leaders?** China\u{2019}s leader and the Kremlin leader \
                     have met some 40 times \u{2014} more often than either has met any other head \
                     of state \u{2014} and call each other old friends.\n";
    assert_eq!(courier.matches(paragraph).count(), 2);
    assert!(courier.starts_with("---\npublished: 2023-03-21\n"));
}

// ---------------------------------------------------------------------------------------
// What counts as a statement
// ---------------------------------------------------------------------------------------

#[test]
fn a_repeated_paragraph_counts_once() {
    // Alone, the article's one statement, stated twice, agrees with itself.
    let (doc, _) = check_json(&[COURIER]);
    assert_eq!(doc["findings"], serde_json::json!([]), "{doc:#}");
    let meetings = meeting_statements(&[COURIER]);
    assert_eq!(meetings.len(), 1, "{meetings:#?}");
    assert_eq!(
        meetings[0]["line"], 10,
        "the first occurrence is the one kept"
    );

    // The article counts as many statements as a copy without the repeat.
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(COURIER)).unwrap();
    let repeated = text.lines().nth(9).unwrap().to_owned() + "\n\n";
    assert_eq!(text.matches(&repeated).count(), 2);
    let once = text.replacen(&repeated, "", 1);
    let copy = dir.path().join("04-daily-courier.md");
    fs::write(&copy, once).unwrap();
    let (single, _) = check_json(&[copy.to_str().unwrap()]);
    assert_eq!(
        doc["summary"]["statements"],
        single["summary"]["statements"]
    );

    // And once in the set's finding.
    let (doc, _) = check_json(&[MEETINGS]);
    assert_eq!(statements_of(&doc, COURIER).len(), 1, "{doc:#}");
}

#[test]
fn numbers_that_are_not_meeting_counts_are_not_statements() {
    // Agreements signed, a trade figure, hours of talks, a peace plan's points.
    assert_eq!(meeting_statements(&[TRADE]), Vec::<Value>::new());
    let (doc, code) = check_json(&[TRADE]);
    assert_eq!(
        (code, &doc["findings"]),
        (0, &serde_json::json!([])),
        "{doc:#}"
    );

    // A three-day visit, 14 documents, 13 months, 1969, a fifth term, 50 billion cubic
    // metres: none is a meeting count, and none is reported by any rule.
    let quotes: BTreeSet<String> = meeting_statements(&[MEETINGS])
        .iter()
        .map(|s| s["quote"].as_str().unwrap().to_owned())
        .collect();
    let want: BTreeSet<String> = [
        "about\u{a0}40",
        "about 40",
        "nearly 30",
        "more than 40",
        "some 40",
    ]
    .map(str::to_owned)
    .into_iter()
    .collect();
    assert_eq!(quotes, want);
    let (doc, _) = check_json(&[MEETINGS]);
    let rules: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["rule"])
        .collect();
    assert_eq!(rules, ["xi-putin-meetings"], "{doc:#}");
    assert!(statements_of(&doc, TRADE).is_empty());
    // The finding holds the five meeting statements and nothing else.
    let quotes: BTreeSet<String> = statements(&doc)
        .iter()
        .map(|s| s["quote"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(quotes, want);
}

// ---------------------------------------------------------------------------------------
// Metadata: manifests and front matter
// ---------------------------------------------------------------------------------------

/// `(source, published)` of the first statement of `path` in `doc`.
fn meta_of(doc: &Value, path: &str) -> (Value, Value) {
    let s = statements_of(doc, path);
    let s = s
        .first()
        .unwrap_or_else(|| panic!("no statement of {path}: {doc:#}"));
    (s["source"].clone(), s["published"].clone())
}

#[test]
fn manifest_metadata_applies_when_the_folder_is_named() {
    let (doc, _) = check_json(&[MEETINGS]);
    assert_eq!(
        meta_of(&doc, "fixtures/meetings/01-northern-wire.txt"),
        ("Northern Wire Service".into(), "2023-03-20".into())
    );
    assert_eq!(
        meta_of(&doc, LEDGER),
        ("The Evening Ledger".into(), "2023-03-17".into())
    );
    assert_eq!(
        meta_of(&doc, GAZETTE),
        ("Harbour Gazette".into(), "2024-05-15".into())
    );
}

/// `(source, published)` of each meeting statement `extract` lists for `paths`, by path.
fn extracted_meta(paths: &[&str]) -> Vec<(String, Value, Value)> {
    meeting_statements(paths)
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_owned(),
                s["source"].clone(),
                s["published"].clone(),
            )
        })
        .collect()
}

#[test]
fn manifest_metadata_applies_when_a_single_file_is_named() {
    let ledger = || {
        (
            LEDGER.to_owned(),
            Value::from("The Evening Ledger"),
            Value::from("2023-03-17"),
        )
    };
    assert_eq!(extracted_meta(&[LEDGER]), [ledger(), ledger()]);
    let wire = "fixtures/meetings/01-northern-wire.txt";
    assert_eq!(
        extracted_meta(&[wire]),
        [(
            wire.to_owned(),
            "Northern Wire Service".into(),
            "2023-03-20".into()
        )]
    );
    // And in the report, which names the article with its source and date.
    crosscheck()
        .args(["check", LEDGER])
        .assert()
        .stdout(predicate::str::contains(format!(
            "{LEDGER} (The Evening Ledger, published 2023-03-17)"
        )));
}

#[test]
fn front_matter_wins_over_the_manifest() {
    // The manifest says "Courier syndication feed", 2023-03-25.
    let want = ("The Daily Courier".into(), "2023-03-21".into());
    let (doc, _) = check_json(&[MEETINGS]);
    assert_eq!(meta_of(&doc, COURIER), want);
    let courier = (COURIER.to_owned(), want.0.clone(), want.1.clone());
    assert_eq!(extracted_meta(&[COURIER]), std::slice::from_ref(&courier));
    assert_eq!(
        extracted_meta(&[LEDGER, COURIER]),
        [
            (
                LEDGER.to_owned(),
                "The Evening Ledger".into(),
                "2023-03-17".into()
            ),
            (
                LEDGER.to_owned(),
                "The Evening Ledger".into(),
                "2023-03-17".into()
            ),
            courier,
        ]
    );
}

#[test]
fn a_folder_with_a_manifest_also_checks_an_article_it_does_not_list_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("meetings");
    fs::create_dir(&set).unwrap();
    for entry in fs::read_dir(root().join(MEETINGS)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), set.join(entry.file_name())).unwrap();
    }
    // Not in the manifest: read all the same (a new article must not pass a gate unread),
    // with a warning that it has no metadata. A README beside it is no article.
    fs::write(
        set.join("06-unlisted.txt"),
        "Xi Jinping and Vladimir Putin have met 12 times.\n",
    )
    .unwrap();
    fs::write(
        set.join("README.md"),
        "They have met 99 times, says this note.\n",
    )
    .unwrap();
    let output = crosscheck()
        .current_dir(dir.path())
        .args(["check", "meetings", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let (original, _) = check_json(&[MEETINGS]);
    assert_eq!(doc["summary"]["articles"], 6, "{doc:#}");
    assert_eq!(
        doc["summary"]["statements"].as_u64(),
        original["summary"]["statements"].as_u64().map(|n| n + 1),
        "{doc:#}"
    );
    assert_eq!(statements_of(&doc, "meetings/06-unlisted.txt").len(), 1);
    assert_eq!(doc["errors"][0]["code"], "crosscheck::input::unlisted");
    assert_eq!(doc["errors"][0]["path"], "meetings/06-unlisted.txt");
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1, "{doc:#}");
    assert_eq!(doc["summary"]["errors"], 0);
}

// ---------------------------------------------------------------------------------------
// Custom rules
// ---------------------------------------------------------------------------------------

#[test]
fn rules_given_with_dash_dash_rules_replace_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("meetings.yaml");
    fs::write(&rules, custom_rule("leaders-met", "warning")).unwrap();

    let output = crosscheck()
        .args(["check", MEETINGS, "--rules"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning does not fail by default"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("crosscheck::leaders-met"), "{stdout}");
    assert!(
        stdout.contains("The articles count the meetings differently"),
        "{stdout}"
    );
    assert!(!stdout.contains("xi-putin-meetings"), "{stdout}");
    assert!(stdout.contains("nearly 30 → 27..29"), "{stdout}");
    assert!(
        stdout
            .ends_with("checked 5 articles against 1 rule: 5 statements, 1 finding (1 warning)\n"),
        "{stdout}"
    );

    let (doc, _) = check_json(&[MEETINGS, "--rules", rules.to_str().unwrap()]);
    assert_eq!(doc["findings"][0]["rule"], "leaders-met");
    assert_eq!(doc["findings"][0]["severity"], "warning");
    assert_eq!(doc["summary"]["rules"], 1);
}

#[test]
fn a_custom_rule_finds_its_own_claim() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("agreements.yaml");
    fs::write(
        &rules,
        r#"rules:
  - id: xi-putin-agreements
    title: Agreements signed by Xi and Putin
    message: Sources disagree on how many agreements were signed
    subjects:
      - [Xi, Xi Jinping]
      - [Putin, Vladimir Putin]
    patterns:
      - 'signed {count} agreements'
"#,
    )
    .unwrap();
    let (doc, code) = check_json(&[MEETINGS, "--rules", rules.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        doc["summary"]["statements"], 1,
        "only 05 states it: {doc:#}"
    );
    assert_eq!(doc["summary"]["findings"], 0);

    // A second article that disagrees turns it into a finding.
    let other = dir.path().join("wire.txt");
    fs::write(&other, "Xi and Putin have signed 12 agreements in all.\n").unwrap();
    let (doc, code) = check_json(&[
        TRADE,
        other.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(doc["findings"][0]["rule"], "xi-putin-agreements");
    let quotes: Vec<&str> = statements(&doc)
        .iter()
        .map(|s| s["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(
        quotes.contains(&"more than 40") && quotes.contains(&"12"),
        "{quotes:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------

#[test]
fn two_runs_give_identical_bytes() {
    for format in ["human", "json"] {
        let run = || {
            crosscheck()
                .args(["check", MEETINGS, AGREEING, "--format", format])
                .output()
                .unwrap()
        };
        let (a, b) = (run(), run());
        assert_eq!(a.status.code(), b.status.code());
        assert!(!a.stdout.is_empty());
        assert!(a.stdout == b.stdout, "{format} output differs between runs");
        assert!(
            a.stderr == b.stderr,
            "{format} diagnostics differ between runs"
        );
    }
}

#[test]
fn the_order_files_are_named_in_does_not_change_the_report() {
    let files = [
        "fixtures/meetings/01-northern-wire.txt",
        LEDGER,
        GAZETTE,
        COURIER,
        TRADE,
    ];
    let forward = crosscheck()
        .arg("check")
        .args(files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let backward = crosscheck()
        .arg("check")
        .args(files.iter().rev())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(forward.stdout == backward.stdout);
    // Naming the files is the same as naming their folder.
    let folder = crosscheck()
        .args(["check", MEETINGS, "--format", "json"])
        .output()
        .unwrap();
    assert!(forward.stdout == folder.stdout);
}

/// `extract --rules` shows each statement's reading and the qualifiers it carries.
#[test]
fn extract_lists_statements_with_their_qualifiers() {
    let out = crosscheck()
        .args(["extract", "--rules", "rules", "fixtures/meetings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.contains("[xi-putin-meetings] nearly 30"))
        .unwrap_or_else(|| panic!("no statement line for `nearly 30` in:\n{stdout}"));
    assert!(line.contains("nearly 30 → 27..29"), "{line}");
    assert!(line.contains("said in 2019"), "{line}");
    assert!(line.contains("six years"), "{line}");
}

/// `extract` without rules lists mentions; it cannot judge the rule ids of ignore markers,
/// so it says nothing of them and exits 0 (it exits 2 only for files it cannot read).
#[test]
fn extract_without_rules_does_not_judge_ignore_markers() {
    crosscheck()
        .args(["extract", "fixtures/gate/reviewed"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("unknown_rule").not());
}
