//! Comparing only what can be compared: time frames, the date a statement speaks as of,
//! keys (who visits, which office) and attribution. Each point is checked both ways: the
//! pair that speaks of different things stays quiet, and a real disagreement within one
//! frame and key is still reported.
//!
//! The article sets live in `fixtures/frames/<case>/` (see `fixtures/frames/README.md`),
//! each with a `sources.yaml` manifest; the rule files beside them are passed with `--rules`.
//! Every run starts in the repository root, so paths in the output are relative.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common;

use common::crosscheck;

/// A finished run of `crosscheck check --format json`.
struct Run {
    doc: Value,
    code: i32,
    stderr: String,
}

impl Run {
    /// The findings.
    fn findings(&self) -> &Vec<Value> {
        self.doc["findings"]
            .as_array()
            .expect("findings is an array")
    }

    /// The statements set aside.
    fn set_aside(&self) -> &Vec<Value> {
        self.doc["set_aside"]
            .as_array()
            .expect("set_aside is an array")
    }

    /// How many statements the rules found in all.
    fn statement_count(&self) -> u64 {
        self.doc["summary"]["statements"]
            .as_u64()
            .expect("summary.statements is a number")
    }

    /// The only finding; fails when there is not exactly one.
    fn only_finding(&self) -> &Value {
        assert_eq!(
            self.findings().len(),
            1,
            "expected one finding:\n{:#}",
            self.doc
        );
        &self.findings()[0]
    }

    /// Asserts that nothing is reported and that the run is clean, though `statements`
    /// statements were found (so that a quiet run is not quiet for want of statements).
    fn assert_quiet(&self, statements: u64) {
        assert!(
            self.findings().is_empty(),
            "expected no finding:\n{:#}",
            self.doc
        );
        assert_eq!(
            self.code, 0,
            "a run without findings exits 0:\n{:#}",
            self.doc
        );
        assert_eq!(self.statement_count(), statements, "{:#}", self.doc);
    }
}

/// Runs `crosscheck check <set> --rules <rules> <extra> --format json`.
fn check(set: &str, rules: &str, extra: &[&str]) -> Run {
    let output = crosscheck()
        .args(["check", set, "--rules", rules])
        .args(extra)
        .args(["--format", "json"])
        .output()
        .expect("crosscheck runs");
    let stdout = String::from_utf8(output.stdout).expect("JSON output is UTF-8");
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{stdout}"));
    assert_eq!(
        doc["errors"],
        json!([]),
        "every fixture and rule file reads cleanly"
    );
    Run {
        doc,
        code: output.status.code().expect("exited normally"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `crosscheck check <set> --rules <rules> <extra>` in the human format: stdout,
/// stderr and the exit code. The report is made wide enough that no message wraps.
fn check_human(set: &str, rules: &str, extra: &[&str]) -> (String, String, i32) {
    let output = crosscheck()
        .env("COLUMNS", "1000")
        .args(["check", set, "--rules", rules])
        .args(extra)
        .output()
        .expect("crosscheck runs");
    (
        String::from_utf8(output.stdout).expect("human output is UTF-8"),
        String::from_utf8(output.stderr).expect("diagnostics are UTF-8"),
        output.status.code().expect("exited normally"),
    )
}

/// Every statement of `rules` in `set`, in a finding or not, by `crosscheck extract`.
fn extracted(set: &str, rules: &str) -> Vec<Value> {
    let output = crosscheck()
        .args(["extract", set, "--rules", rules, "--format", "json"])
        .output()
        .expect("crosscheck runs");
    assert_eq!(output.status.code(), Some(0), "extract runs cleanly");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "extract did not print JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    doc["statements"]
        .as_array()
        .expect("extract lists statements")
        .clone()
}

/// The one statement in `statements` from the article at `path`.
fn from<'a>(statements: &'a [Value], path: &str) -> &'a Value {
    let found: Vec<&Value> = statements.iter().filter(|s| s["path"] == path).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one statement from {path} in {statements:#?}"
    );
    found[0]
}

/// A finding's statements as `path → quote`.
fn quotes(finding: &Value) -> BTreeMap<String, String> {
    finding["statements"]
        .as_array()
        .expect("a finding lists statements")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().expect("path").to_owned(),
                s["quote"].as_str().expect("quote").to_owned(),
            )
        })
        .collect()
}

/// `[(path, quote), ..]` as the map [`quotes`] returns.
fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(p, q)| ((*p).to_owned(), (*q).to_owned()))
        .collect()
}

/// The statements of a finding, as an array.
fn statements(finding: &Value) -> Vec<Value> {
    finding["statements"]
        .as_array()
        .expect("a finding lists statements")
        .clone()
}

/// `{"low": low, "high": high, "unit": null}`: how JSON shows a span of days.
fn days(low: &str, high: &str) -> Value {
    json!({ "low": low, "high": high, "unit": null })
}

// ---------------------------------------------------------------------------------------
// 1. Qualifiers: time frame, the date a statement speaks as of, and who says it
// ---------------------------------------------------------------------------------------

const QUALIFIERS: &str = "fixtures/frames/qualifiers";
const QUALIFIERS_RULES: &str = "fixtures/frames/qualifiers/rules.yaml";
/// Published 2023, quoting Xi in 2019: "Over the past six years, we have met nearly 30 times."
const PROFILE: &str = "fixtures/frames/qualifiers/a-moscow-profile.txt";
/// "about 40 times since 2012", no one quoted.
const RIVER_POST: &str = "fixtures/frames/qualifiers/b-river-post.txt";
/// Putin, reported: "about 40 times in recent years".
const BULLETIN: &str = "fixtures/frames/qualifiers/c-evening-bulletin.txt";

#[test]
fn a_quoted_count_carries_its_frame_its_date_of_speech_and_its_speaker() {
    let run = check(QUALIFIERS, QUALIFIERS_RULES, &[]);
    let finding = run.only_finding();
    let all = statements(finding);

    let quoted = from(&all, PROFILE);
    assert_eq!(quoted["quote"], "nearly 30");
    let q = &quoted["qualifiers"];
    assert_eq!(q["frame"]["text"], "Over the past six years", "{q:#}");
    // Six years back from when the words were said (2019), not from publication (2023).
    assert_eq!(q["frame"]["days"]["high"], "2019-12-31", "{q:#}");
    let low = q["frame"]["days"]["low"].as_str().expect("a bounded frame");
    assert!(
        ("2012-12-01"..="2013-01-31").contains(&low),
        "six years before 2019 starts around 2013, not {low}"
    );
    assert_eq!(q["as_of"]["stated"], "2019", "{q:#}");
    assert_eq!(q["as_of"]["days"], days("2019-01-01", "2019-12-31"));
    // The speaker is named in the sentence before the quotation.
    assert_eq!(
        q["attribution"],
        json!({ "speaker": "Xi", "direct": true }),
        "{q:#}"
    );

    let plain = from(&all, RIVER_POST);
    assert_eq!(plain["quote"], "about 40");
    let q = &plain["qualifiers"];
    assert_eq!(q["frame"]["text"], "since 2012", "{q:#}");
    assert_eq!(q["frame"]["days"], days("2012-01-01", "2023-03-20"));
    // Nobody is quoted and no date is stated: it speaks as of its publication.
    assert_eq!(q["as_of"]["stated"], Value::Null, "{q:#}");
    assert_eq!(q["as_of"]["days"], days("2023-03-20", "2023-03-20"));
    assert_eq!(q["attribution"], Value::Null, "{q:#}");

    let reported = from(&all, BULLETIN);
    assert_eq!(reported["quote"], "about 40");
    let q = &reported["qualifiers"];
    assert_eq!(
        q["frame"],
        json!({ "text": "in recent years", "days": null }),
        "a vague frame has no days"
    );
    assert_eq!(q["as_of"]["stated"], Value::Null, "{q:#}");
    assert_eq!(q["as_of"]["days"], days("2023-03-21", "2023-03-21"));
    assert_eq!(
        q["attribution"],
        json!({ "speaker": "Putin", "direct": false }),
        "reported speech is not a direct quotation"
    );
}

#[test]
fn counts_over_different_frames_are_a_different_frames_finding_not_a_contradiction() {
    let run = check(QUALIFIERS, QUALIFIERS_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "leader-meetings");
    assert_eq!(finding["kind"], "different-frames");
    assert_eq!(
        finding["severity"], "info",
        "the rule says different_frames: info"
    );
    assert_eq!(
        quotes(finding),
        expected(&[
            (PROFILE, "nearly 30"),
            (RIVER_POST, "about 40"),
            (BULLETIN, "about 40")
        ])
    );
    let agrees: BTreeMap<String, bool> = statements(finding)
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_owned(),
                s["agrees"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(!agrees[PROFILE], "the 2019 count is the odd one out");
    assert!(agrees[RIVER_POST]);
    assert!(agrees[BULLETIN]);
    // An info finding fails the run only when asked to.
    assert_eq!(run.code, 0);
    assert_eq!(
        check(QUALIFIERS, QUALIFIERS_RULES, &["--fail-on", "info"]).code,
        1
    );
}

#[test]
fn the_human_report_shows_each_statements_frame_and_qualifiers() {
    let (stdout, _, code) = check_human(QUALIFIERS, QUALIFIERS_RULES, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("(in different time frames)"), "{stdout}");
    for shown in [
        "Over the past six years",
        "said in 2019",
        "quoting Xi",
        "since 2012",
        "as of 2023-03-20",
        "in recent years",
        "reported from Putin",
    ] {
        assert!(
            stdout.contains(shown),
            "the report should show `{shown}`:\n{stdout}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 2. Keys by capture: whose visit it is
// ---------------------------------------------------------------------------------------

const VISITS_RULES: &str = "fixtures/frames/visits/rules.yaml";
const VISITS_NO_KEY: &str = "fixtures/frames/visits/no-key.yaml";
const VISITS_QUIET: &str = "fixtures/frames/visits/quiet";
const VISITS_REPORTED: &str = "fixtures/frames/visits/reported";

#[test]
fn visits_by_different_leaders_are_not_compared() {
    let run = check(VISITS_QUIET, VISITS_RULES, &[]);
    run.assert_quiet(2);
    let all = extracted(VISITS_QUIET, VISITS_RULES);
    let xi = from(&all, "fixtures/frames/visits/quiet/moscow-desk.txt");
    assert_eq!(xi["quote"], "three-day");
    assert_eq!(xi["key"], json!({ "visitor": "xi" }));
    let putin = from(&all, "fixtures/frames/visits/quiet/beijing-letter.txt");
    assert_eq!(putin["quote"], "two-day");
    assert_eq!(putin["key"], json!({ "visitor": "putin" }));
    // The key is what keeps them apart: without it, the two lengths disagree.
    let unkeyed = check(VISITS_QUIET, VISITS_NO_KEY, &[]);
    assert_eq!(unkeyed.only_finding()["kind"], "contradiction");
    assert_eq!(unkeyed.code, 1);
}

#[test]
fn two_lengths_of_one_leaders_visit_are_reported() {
    let run = check(VISITS_REPORTED, VISITS_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "visit-length");
    assert_eq!(finding["kind"], "contradiction");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["key"], json!({ "visitor": "xi" }));
    // Putin's visit (another key) stays out of it.
    assert_eq!(
        quotes(finding),
        expected(&[
            (
                "fixtures/frames/visits/reported/capital-times.txt",
                "two-day"
            ),
            (
                "fixtures/frames/visits/reported/morning-wire.txt",
                "three-day"
            ),
        ])
    );
    assert_eq!(finding["consensus"], Value::Null, "one source against one");
    assert_eq!(run.statement_count(), 3);
    assert_eq!(run.code, 1);
}

// ---------------------------------------------------------------------------------------
// 3. Keys by term list: which office; statements that name none
// ---------------------------------------------------------------------------------------

const OFFICES_RULES: &str = "fixtures/frames/offices/rules.yaml";
const OFFICES_COMPARE_UNKEYED: &str = "fixtures/frames/offices/compare-unkeyed.yaml";
const OFFICES_NO_KEY: &str = "fixtures/frames/offices/no-key.yaml";
const OFFICES_QUIET: &str = "fixtures/frames/offices/quiet";
const OFFICES_REPORTED: &str = "fixtures/frames/offices/reported";
const OFFICES_UNKEYED: &str = "fixtures/frames/offices/unkeyed";
const OFFICES_INCIDENTAL: &str = "fixtures/frames/offices/incidental-dates";
/// "Xi was handed a third term in June 2021", no office named.
const BRIEFING: &str = "fixtures/frames/offices/unkeyed/briefing-note.txt";

#[test]
fn a_third_term_as_party_leader_and_as_president_are_different_offices() {
    let run = check(OFFICES_QUIET, OFFICES_RULES, &[]);
    run.assert_quiet(2);
    let all = extracted(OFFICES_QUIET, OFFICES_RULES);
    let party = from(&all, "fixtures/frames/offices/quiet/party-congress.txt");
    assert_eq!(party["quote"], "October 2022");
    assert_eq!(party["kind"], "date");
    assert_eq!(party["key"], json!({ "office": "party" }));
    let president = from(&all, "fixtures/frames/offices/quiet/parliament-vote.txt");
    assert_eq!(president["quote"], "March 2023");
    assert_eq!(president["key"], json!({ "office": "president" }));
    // The office key is what keeps them apart.
    let unkeyed = check(OFFICES_QUIET, OFFICES_NO_KEY, &[]);
    assert_eq!(unkeyed.only_finding()["kind"], "contradiction");
    assert_eq!(unkeyed.code, 1);
}

#[test]
fn conflicting_dates_for_one_office_are_reported() {
    let run = check(OFFICES_REPORTED, OFFICES_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "third-term-date");
    assert_eq!(finding["kind"], "contradiction");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["key"], json!({ "office": "president" }));
    assert_eq!(
        quotes(finding),
        expected(&[
            (
                "fixtures/frames/offices/reported/parliament-vote.txt",
                "March 2023"
            ),
            (
                "fixtures/frames/offices/reported/year-in-review.txt",
                "January 2023"
            ),
        ])
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_statement_naming_no_office_is_set_aside_under_unkeyed_skip() {
    let run = check(OFFICES_UNKEYED, OFFICES_RULES, &[]);
    // June 2021 contradicts both offices' dates: only setting it aside keeps this quiet.
    run.assert_quiet(3);
    let aside = run.set_aside();
    assert_eq!(aside.len(), 1, "{:#}", run.doc);
    assert_eq!(aside[0]["path"], BRIEFING);
    assert_eq!(aside[0]["quote"], "June 2021");
    assert_eq!(aside[0]["rule"], "third-term-date");
    assert_eq!(aside[0]["key"], json!({}));
    let reason = aside[0]["reason"]
        .as_str()
        .expect("a set-aside statement says why");
    assert!(
        reason.contains("`office`"),
        "the reason names the key: {reason}"
    );
    assert!(
        reason.contains("unkeyed: skip"),
        "the reason names the setting: {reason}"
    );
    assert!(
        run.stderr.is_empty(),
        "JSON runs say nothing on stderr: {}",
        run.stderr
    );
}

#[test]
fn verbose_says_on_stderr_which_statement_was_set_aside_and_why() {
    let (stdout, stderr, code) = check_human(OFFICES_UNKEYED, OFFICES_RULES, &["--verbose"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("set aside")).collect();
    assert_eq!(lines.len(), 1, "one statement set aside:\n{stderr}");
    let line = lines[0];
    assert!(line.starts_with(&format!("{BRIEFING}:3:")), "{line}");
    assert!(line.contains("[third-term-date]"), "{line}");
    assert!(line.contains("`June 2021`"), "{line}");
    assert!(
        line.contains("`office`") && line.contains("unkeyed: skip"),
        "{line}"
    );
    assert!(
        !stdout.contains("set aside"),
        "set-aside statements go to stderr"
    );
    // Without --verbose nothing is said about it.
    let (_, quiet_stderr, _) = check_human(OFFICES_UNKEYED, OFFICES_RULES, &[]);
    assert!(!quiet_stderr.contains("set aside"), "{quiet_stderr}");
}

#[test]
fn under_unkeyed_compare_a_statement_naming_no_office_meets_every_office() {
    let run = check(OFFICES_UNKEYED, OFFICES_COMPARE_UNKEYED, &[]);
    assert!(run.set_aside().is_empty(), "{:#}", run.doc);
    let mut keys: Vec<Value> = run.findings().iter().map(|f| f["key"].clone()).collect();
    keys.sort_by_key(Value::to_string);
    assert_eq!(
        keys,
        vec![
            json!({ "office": "party" }),
            json!({ "office": "president" })
        ]
    );
    for finding in run.findings() {
        assert_eq!(finding["kind"], "contradiction");
        assert_eq!(
            quotes(finding).get(BRIEFING).map(String::as_str),
            Some("June 2021")
        );
        assert_eq!(quotes(finding).len(), 2, "{finding:#}");
    }
    assert_eq!(run.code, 1);
}

#[test]
fn dates_mentioned_in_passing_do_not_hide_conflicting_dates_for_one_office() {
    // Each sentence also names an earlier year ("first became head of state in 2013",
    // "has led the country since 2012"). A date claim has no time frame to differ in: the
    // two dates for one office still cannot both be right.
    let run = check(OFFICES_INCIDENTAL, OFFICES_RULES, &[]);
    assert_eq!(run.statement_count(), 2, "{:#}", run.doc);
    let finding = run.only_finding();
    assert_eq!(finding["kind"], "contradiction");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["key"], json!({ "office": "president" }));
    assert_eq!(
        quotes(finding),
        expected(&[
            (
                "fixtures/frames/offices/incidental-dates/parliament-vote.txt",
                "March 2023"
            ),
            (
                "fixtures/frames/offices/incidental-dates/year-in-review.txt",
                "January 2023"
            ),
        ])
    );
    assert_eq!(run.code, 1);
}

// ---------------------------------------------------------------------------------------
// 4. Cumulative claims: a toll only grows
// ---------------------------------------------------------------------------------------

const TOLL_RULES: &str = "fixtures/frames/cumulative/rules.yaml";
const TOLL_NOT_CUMULATIVE: &str = "fixtures/frames/cumulative/not-cumulative.yaml";
const TOLL_QUIET: &str = "fixtures/frames/cumulative/quiet";
const TOLL_REPORTED: &str = "fixtures/frames/cumulative/reported";
const TOLL_RESTATED: &str = "fixtures/frames/cumulative/restated";
const TOLL_STALE: &str = "fixtures/frames/cumulative/stale";

#[test]
fn an_earlier_lower_toll_is_no_contradiction() {
    check(TOLL_QUIET, TOLL_RULES, &[]).assert_quiet(2);
    // `cumulative: true` is what keeps it quiet: 12 and 31 do not overlap.
    let plain = check(TOLL_QUIET, TOLL_NOT_CUMULATIVE, &[]);
    assert_eq!(
        quotes(plain.only_finding()),
        expected(&[
            ("fixtures/frames/cumulative/quiet/first-report.txt", "12"),
            ("fixtures/frames/cumulative/quiet/update.txt", "31"),
        ])
    );
    assert_eq!(plain.code, 1);
}

#[test]
fn a_later_article_with_a_lower_toll_is_a_contradiction() {
    let run = check(TOLL_REPORTED, TOLL_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "flood-death-toll");
    assert_eq!(finding["kind"], "contradiction");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        quotes(finding),
        expected(&[
            ("fixtures/frames/cumulative/reported/late-recap.txt", "9"),
            ("fixtures/frames/cumulative/reported/update.txt", "31"),
        ])
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_lower_toll_restated_with_its_own_earlier_date_is_no_contradiction() {
    // Published after the toll of 31, but it says the 9 was given on August 2.
    let all = extracted(TOLL_RESTATED, TOLL_RULES);
    let look_back = from(&all, "fixtures/frames/cumulative/restated/look-back.txt");
    assert_eq!(look_back["quote"], "9");
    assert_eq!(look_back["qualifiers"]["as_of"]["stated"], "August 2");
    assert_eq!(
        look_back["qualifiers"]["as_of"]["days"],
        days("2023-08-02", "2023-08-02")
    );
    check(TOLL_RESTATED, TOLL_RULES, &[]).assert_quiet(2);
    assert_eq!(check(TOLL_RESTATED, TOLL_NOT_CUMULATIVE, &[]).code, 1);
}

#[test]
fn a_stale_toll_is_reported_even_when_the_first_reports_were_lower_still() {
    // 5 and 5 (1 and 2 August), 31 (5 August), then 9 (12 August): the last figure is
    // below one published a week before it, whatever the first reports said.
    let run = check(TOLL_STALE, TOLL_RULES, &[]);
    assert_eq!(run.statement_count(), 4, "{:#}", run.doc);
    let finding = run.only_finding();
    assert_eq!(finding["kind"], "contradiction");
    let q = quotes(finding);
    assert_eq!(
        q.get("fixtures/frames/cumulative/stale/late-recap.txt")
            .map(String::as_str),
        Some("9"),
        "{finding:#}"
    );
    assert_eq!(
        q.get("fixtures/frames/cumulative/stale/update.txt")
            .map(String::as_str),
        Some("31"),
        "{finding:#}"
    );
    assert_eq!(run.code, 1);
}

// ---------------------------------------------------------------------------------------
// 5. Different frames: reported only when the rule asks, and never instead of a real
//    contradiction
// ---------------------------------------------------------------------------------------

const FRAMES_WARNING: &str = "fixtures/frames/different-frames/warning.yaml";
const FRAMES_IGNORE: &str = "fixtures/frames/different-frames/ignore.yaml";
const FRAMES_DEFAULT: &str = "fixtures/frames/different-frames/default.yaml";
const FRAMED: &str = "fixtures/frames/different-frames/framed";
const SAME_FRAME: &str = "fixtures/frames/different-frames/same-frame";

#[test]
fn different_frames_warning_reports_the_pair_as_a_warning() {
    let run = check(FRAMED, FRAMES_WARNING, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "minister-talks");
    assert_eq!(finding["kind"], "different-frames");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(
        quotes(finding),
        expected(&[
            (
                "fixtures/frames/different-frames/framed/diplomatic-notes.txt",
                "35"
            ),
            (
                "fixtures/frames/different-frames/framed/foreign-desk.txt",
                "14"
            ),
        ])
    );
    let all = statements(finding);
    let frame = |path: &str| from(&all, path)["qualifiers"]["frame"]["text"].clone();
    assert_eq!(
        frame("fixtures/frames/different-frames/framed/diplomatic-notes.txt"),
        "since 2013"
    );
    assert_eq!(
        frame("fixtures/frames/different-frames/framed/foreign-desk.txt"),
        "Over the past four years"
    );
    // A warning does not fail the run by default, only with --fail-on warning (or info).
    assert_eq!(run.code, 0);
    assert_eq!(
        check(FRAMED, FRAMES_WARNING, &["--fail-on", "error"]).code,
        0
    );
    assert_eq!(
        check(FRAMED, FRAMES_WARNING, &["--fail-on", "warning"]).code,
        1
    );
    assert_eq!(
        check(FRAMED, FRAMES_WARNING, &["--fail-on", "info"]).code,
        1
    );
    let (stdout, _, code) = check_human(FRAMED, FRAMES_WARNING, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("(in different time frames)"), "{stdout}");
    assert!(stdout.contains("1 finding (1 warning)"), "{stdout}");
}

#[test]
fn different_frames_are_not_reported_under_ignore_or_by_default() {
    for rules in [FRAMES_IGNORE, FRAMES_DEFAULT] {
        let run = check(FRAMED, rules, &["--fail-on", "info"]);
        run.assert_quiet(2);
    }
}

#[test]
fn a_conflict_within_one_frame_is_a_contradiction_whatever_different_frames_says() {
    for rules in [FRAMES_WARNING, FRAMES_IGNORE, FRAMES_DEFAULT] {
        let run = check(SAME_FRAME, rules, &[]);
        let finding = run.only_finding();
        assert_eq!(finding["kind"], "contradiction", "with {rules}");
        assert_eq!(finding["severity"], "error", "with {rules}");
        assert_eq!(
            quotes(finding),
            expected(&[
                (
                    "fixtures/frames/different-frames/same-frame/diplomatic-notes.txt",
                    "35"
                ),
                (
                    "fixtures/frames/different-frames/same-frame/state-gazette.txt",
                    "22"
                ),
            ])
        );
        assert_eq!(run.code, 1, "with {rules}");
    }
}

// ---------------------------------------------------------------------------------------
// Attribution: where the speech verb sits decides what a date means
// ---------------------------------------------------------------------------------------

const ATTRIBUTION_RULES: &str = "fixtures/frames/attribution/rules.yaml";
const ATTRIBUTION_WARNING: &str = "fixtures/frames/attribution/warning.yaml";
const ATTRIBUTED: &str = "fixtures/frames/attribution/outcome";
const READINGS: &str = "fixtures/frames/attribution/readings";

#[test]
fn a_speaker_named_after_the_figure_does_not_hide_its_frame() {
    // "Over the past four years the ministers held 14 rounds of talks, a ministry
    // spokesman said." against "35 rounds of talks since 2013": two periods.
    check(ATTRIBUTED, ATTRIBUTION_RULES, &[]).assert_quiet(2);
    let warned = check(ATTRIBUTED, ATTRIBUTION_WARNING, &[]);
    assert_eq!(warned.only_finding()["kind"], "different-frames");
    assert_eq!(warned.only_finding()["severity"], "warning");
    assert_eq!(warned.code, 0);
    let all = extracted(ATTRIBUTED, ATTRIBUTION_RULES);
    let spokesman = from(&all, "fixtures/frames/attribution/outcome/spokesman.txt");
    assert_eq!(spokesman["quote"], "14");
    let q = &spokesman["qualifiers"];
    // The verb of saying names a person ("a ministry spokesman"), unnamed but a speaker,
    // as the labelled set in fixtures/labels counts "company spokesman".
    assert_eq!(
        q["attribution"],
        json!({ "speaker": "ministry spokesman", "direct": false }),
        "{q:#}"
    );
    assert_eq!(q["frame"]["text"], "Over the past four years", "{q:#}");
}

#[test]
fn a_date_before_the_speech_verb_says_when_the_words_were_said() {
    // "In 2019, Lavrov said the foreign ministers had held 20 rounds of talks over the past
    // six years."
    let all = extracted(READINGS, ATTRIBUTION_RULES);
    let s = from(
        &all,
        "fixtures/frames/attribution/readings/before-the-verb.txt",
    );
    assert_eq!(s["quote"], "20");
    let q = &s["qualifiers"];
    assert_eq!(q["as_of"]["stated"], "2019", "{q:#}");
    assert_eq!(q["as_of"]["days"], days("2019-01-01", "2019-12-31"));
    assert_eq!(q["frame"]["text"], "over the past six years", "{q:#}");
    assert_eq!(q["frame"]["days"]["high"], "2019-12-31", "{q:#}");
    assert_eq!(
        q["attribution"],
        json!({ "speaker": "Lavrov", "direct": false }),
        "{q:#}"
    );
}

#[test]
fn a_since_phrase_before_a_trailing_speech_verb_is_the_frame_not_the_date_of_speech() {
    // "Since 2013 the foreign ministers have held 22 rounds of talks, a spokeswoman said."
    let all = extracted(READINGS, ATTRIBUTION_RULES);
    let s = from(
        &all,
        "fixtures/frames/attribution/readings/since-then-said.txt",
    );
    assert_eq!(s["quote"], "22");
    let q = &s["qualifiers"];
    assert_eq!(q["frame"]["text"], "Since 2013", "{q:#}");
    assert_eq!(
        q["frame"]["days"],
        days("2013-01-01", "2023-04-04"),
        "{q:#}"
    );
    assert_eq!(q["as_of"]["stated"], Value::Null, "{q:#}");
    assert_eq!(
        q["as_of"]["days"],
        days("2023-04-04", "2023-04-04"),
        "{q:#}"
    );
}

#[test]
fn a_day_after_the_speech_verb_is_when_it_was_said_not_the_frame() {
    // "Over the past four years the ministers held 14 rounds of talks, the spokesman said
    // on Wednesday." (published Thursday 2023-04-06)
    let all = extracted(READINGS, ATTRIBUTION_RULES);
    let s = from(
        &all,
        "fixtures/frames/attribution/readings/said-on-a-day.txt",
    );
    assert_eq!(s["quote"], "14");
    let q = &s["qualifiers"];
    assert_eq!(q["frame"]["text"], "Over the past four years", "{q:#}");
    assert_eq!(q["as_of"]["stated"], "Wednesday", "{q:#}");
    assert_eq!(
        q["as_of"]["days"],
        days("2023-04-05", "2023-04-05"),
        "{q:#}"
    );
}

// ---------------------------------------------------------------------------------------
// 6. Paired money values and exchange rates
// ---------------------------------------------------------------------------------------

const PAIRED_RULES: &str = "fixtures/frames/paired/rules.yaml";

#[test]
fn a_pair_that_disagrees_at_the_declared_rate_is_reported() {
    // 1.28 trillion yuan is about $190 billion at 6.73, not $153 billion.
    let run = check("fixtures/frames/paired/inconsistent", PAIRED_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["rule"], "bilateral-trade");
    assert_eq!(finding["kind"], "paired");
    assert_eq!(finding["severity"], "error");
    let all = statements(finding);
    assert_eq!(all.len(), 1, "a paired finding is about one statement");
    let s = &all[0];
    assert_eq!(
        s["path"],
        "fixtures/frames/paired/inconsistent/customs-brief.txt"
    );
    assert_eq!(s["quote"], "1.28 trillion yuan");
    assert_eq!(s["unit"], "CNY");
    assert_eq!(s["paired"]["quote"], "$153 billion");
    assert_eq!(s["paired"]["unit"], "USD");
    assert_eq!(s["agrees"], false);
    assert_eq!(run.code, 1);
    let (stdout, _, _) = check_human("fixtures/frames/paired/inconsistent", PAIRED_RULES, &[]);
    assert!(
        stdout.contains("one statement's two values disagree"),
        "{stdout}"
    );
    assert!(stdout.contains("at the rule's rate"), "{stdout}");
}

#[test]
fn a_pair_that_matches_the_declared_rate_is_quiet() {
    let run = check("fixtures/frames/paired/consistent", PAIRED_RULES, &[]);
    run.assert_quiet(1);
    let all = extracted("fixtures/frames/paired/consistent", PAIRED_RULES);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["paired"]["quote"], "$190 billion");
}

#[test]
fn a_pair_for_a_year_no_rate_covers_is_not_judged() {
    // 700 billion yuan ($20 billion) in 2019: wildly off at 2022's rate, but the rule has
    // no rate for 2019.
    let run = check("fixtures/frames/paired/uncovered", PAIRED_RULES, &[]);
    run.assert_quiet(1);
    let all = extracted("fixtures/frames/paired/uncovered", PAIRED_RULES);
    assert_eq!(all[0]["quote"], "700 billion yuan");
    assert_eq!(all[0]["paired"]["quote"], "$20 billion");
    assert_eq!(all[0]["qualifiers"]["frame"]["text"], "2019");
}

#[test]
fn last_year_picks_the_rate_by_the_articles_publication_date() {
    // The same sentence: "last year" is 2022 in an article of 2023 (a rate applies), 2020
    // in one of 2021 (none does).
    let in_2023 = check("fixtures/frames/paired/last-year-2023", PAIRED_RULES, &[]);
    assert_eq!(in_2023.only_finding()["kind"], "paired");
    assert_eq!(in_2023.code, 1);
    check("fixtures/frames/paired/last-year-2021", PAIRED_RULES, &[]).assert_quiet(1);
}

#[test]
fn a_split_across_frames_names_the_other_side_in_its_help() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Xi Jinping and Vladimir Putin have met about 40 times since 2012.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Xi Jinping and Vladimir Putin have met nearly 30 times over the past six years.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sources.yaml"),
        "articles:\n  - path: a.txt\n    published: 2023-03-17\n  - path: b.txt\n    published: 2019-06-05\n",
    )
    .unwrap();
    for format in ["human", "github"] {
        let output = crosscheck()
            .current_dir(dir.path())
            .args(["check", ".", "--no-config", "--format", format])
            .env("COLUMNS", "400")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            !text.contains("than :"),
            "{format}: a reading is missing:\n{text}"
        );
        assert!(
            text.contains("counts over another period than `nearly 30`"),
            "{format}:\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 7. The date of the telling is not the frame of the claim
// ---------------------------------------------------------------------------------------

const TELLING_RULES: &str = "fixtures/frames/telling/rules.yaml";
const TELLING_READINGS: &str = "fixtures/frames/telling/readings";

/// The qualifiers of the one statement from `file` in `telling/readings/`.
fn telling_reading(file: &str) -> Value {
    let all = extracted(TELLING_READINGS, TELLING_RULES);
    from(&all, &format!("{TELLING_READINGS}/{file}"))["qualifiers"].clone()
}

#[test]
fn a_day_right_after_said_dates_the_telling_not_the_count() {
    // "The committee said late Monday that it had received 20,000 pages of records ..."
    // (published Tuesday 2024-03-12): nothing bounds the count, Monday is when it was said.
    let q = telling_reading("late-monday.txt");
    assert_eq!(q["frame"], Value::Null, "{q:#}");
    assert_eq!(
        q["as_of"]["days"],
        days("2024-03-11", "2024-03-11"),
        "{q:#}"
    );
    assert!(
        q["as_of"]["stated"]
            .as_str()
            .is_some_and(|s| s.contains("Monday")),
        "{q:#}"
    );
}

#[test]
fn a_since_phrase_after_said_on_a_day_that_is_the_frame() {
    // "Officials said on Tuesday that the foreign ministers had held 75 rounds of talks since
    // 2013, ..." (published Wednesday 2024-03-13).
    let q = telling_reading("on-tuesday-that-since.txt");
    assert_eq!(q["frame"]["text"], "since 2013", "{q:#}");
    assert_eq!(
        q["frame"]["days"],
        days("2013-01-01", "2024-03-12"),
        "{q:#}"
    );
    assert_eq!(
        q["as_of"]["days"],
        days("2024-03-12", "2024-03-12"),
        "{q:#}"
    );
}

#[test]
fn a_leading_day_dates_the_telling_and_a_year_in_the_claim_is_the_frame() {
    // "On Wednesday, a ministry spokeswoman told reporters that the foreign ministers had
    // held 11 rounds of talks in 2022, when ..." (published Thursday 2024-03-14).
    let q = telling_reading("leading-day.txt");
    assert!(
        q["frame"]["text"]
            .as_str()
            .is_some_and(|s| s.contains("2022")),
        "{q:#}"
    );
    assert_eq!(
        q["frame"]["days"],
        days("2022-01-01", "2022-12-31"),
        "{q:#}"
    );
    assert_eq!(
        q["as_of"]["days"],
        days("2024-03-13", "2024-03-13"),
        "{q:#}"
    );
}

#[test]
fn a_day_right_before_said_dates_the_telling() {
    // "Lawyers for the committee on Thursday said it had obtained 9,500 pages between 2021
    // and 2023, ..." (published Friday 2024-03-15).
    let q = telling_reading("day-then-verb.txt");
    assert_eq!(
        q["as_of"]["days"],
        days("2024-03-14", "2024-03-14"),
        "{q:#}"
    );
    assert!(
        q["frame"]["text"]
            .as_str()
            .is_some_and(|s| s.contains("2021") && s.contains("2023")),
        "{q:#}"
    );
}

#[test]
fn a_month_that_dates_the_event_is_the_frame_and_this_week_dates_the_telling() {
    // "The committee said this week that it had received 4,000 pages in December, weeks
    // after its request of 3 November." (published 2024-01-12)
    let q = telling_reading("december-event.txt");
    assert!(
        q["frame"]["text"]
            .as_str()
            .is_some_and(|s| s.contains("December")),
        "{q:#}"
    );
    assert!(
        q["as_of"]["stated"]
            .as_str()
            .is_some_and(|s| s.contains("week")),
        "{q:#}"
    );
}

#[test]
fn a_day_after_a_trailing_said_with_early_dates_the_telling() {
    // "The foreign ministers have held 14 rounds of talks over the past four years, the
    // ministry said early Wednesday, two days before the next round." (published Thursday)
    let q = telling_reading("trailing-day.txt");
    assert_eq!(q["frame"]["text"], "over the past four years", "{q:#}");
    assert_eq!(
        q["as_of"]["days"],
        days("2024-03-13", "2024-03-13"),
        "{q:#}"
    );
}

#[test]
fn counts_said_on_different_days_are_compared_as_of_those_days() {
    // 20,000 pages "said late Monday", 26,000 "a spokesman said on Friday", both published
    // on Saturday: an earlier, lower count of records that only grow, in no particular
    // frame. Reading the days as frames made this a different-frames warning.
    check("fixtures/frames/telling/quiet", TELLING_RULES, &[]).assert_quiet(2);
}

#[test]
fn a_lower_count_said_later_in_the_week_is_a_contradiction() {
    // 20,000 pages on Monday, 18,000 on Friday: records that only grow cannot shrink.
    let run = check("fixtures/frames/telling/reported", TELLING_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["kind"], "contradiction", "{finding:#}");
    assert_eq!(finding["rule"], "records-received");
    assert_eq!(run.code, 1);
    for s in statements(finding) {
        assert_eq!(s["qualifiers"]["frame"], Value::Null, "{s:#}");
    }
}

// ---------------------------------------------------------------------------------------
// 8. Splits are splits: "most sources" only for a true majority of articles
// ---------------------------------------------------------------------------------------

const SPLIT_RULES: &str = "fixtures/frames/splits/rules.yaml";

/// A finding's statements as `file name → side` (`a`, `b`, `both`, or null).
fn sides(finding: &Value) -> BTreeMap<String, Value> {
    statements(finding)
        .iter()
        .map(|s| {
            let path = s["path"].as_str().expect("path");
            let name = path.rsplit('/').next().expect("a file name");
            (name.to_owned(), s["side"].clone())
        })
        .collect()
}

/// The output of `crosscheck check <set> --rules <rules> --format <format>`.
fn check_format(set: &str, rules: &str, format: &str) -> String {
    let output = crosscheck()
        .env("COLUMNS", "1000")
        .args(["check", set, "--rules", rules, "--format", format])
        .output()
        .expect("crosscheck runs");
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

#[test]
fn a_hedged_figure_that_fits_both_sides_does_not_make_a_majority() {
    // "$2.3 billion" (a), "about $2.4 billion" (b), "$2.4 billion" (c): a and c disagree, and
    // b fits both, so nobody is outvoted.
    let run = check("fixtures/frames/splits/hedged", SPLIT_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["kind"], "contradiction", "{finding:#}");
    assert_eq!(finding["split"], true, "{finding:#}");
    assert_eq!(finding["consensus"], Value::Null, "{finding:#}");
    let sides = sides(finding);
    assert_eq!(sides["b-harbour-times.txt"], "both", "{finding:#}");
    let (a, c) = (&sides["a-city-desk.txt"], &sides["c-regional-wire.txt"]);
    assert!(
        a != c && [a, c].iter().all(|s| *s == "a" || *s == "b"),
        "{finding:#}"
    );
    for s in statements(finding) {
        assert_eq!(s["agrees"], false, "{s:#}");
    }
    for format in ["human", "github", "compact", "sarif"] {
        let text = check_format("fixtures/frames/splits/hedged", SPLIT_RULES, format);
        assert!(!text.contains("most sources"), "{format}:\n{text}");
        assert!(text.contains("split"), "{format}:\n{text}");
    }
    let human = check_format("fixtures/frames/splits/hedged", SPLIT_RULES, "human");
    assert!(
        human.contains("sources split (no reading has a majority)"),
        "{human}"
    );
    assert!(
        human.contains(
            "`about $2.4 billion` in fixtures/frames/splits/hedged/b-harbour-times.txt fits both"
        ),
        "{human}"
    );
    let compact = check_format("fixtures/frames/splits/hedged", SPLIT_RULES, "compact");
    assert!(compact.contains("fits both sides of a split"), "{compact}");
    let github = check_format("fixtures/frames/splits/hedged", SPLIT_RULES, "github");
    let notices: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::notice"))
        .collect();
    assert_eq!(notices.len(), 1, "{github}");
    assert!(notices[0].contains("b-harbour-times.txt"), "{github}");
}

#[test]
fn two_articles_against_two_are_a_split_with_both_sides_listed() {
    let run = check("fixtures/frames/splits/even", SPLIT_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["split"], true, "{finding:#}");
    assert_eq!(finding["consensus"], Value::Null, "{finding:#}");
    let sides = sides(finding);
    assert_eq!(sides["a-city-desk.txt"], sides["b-harbour-times.txt"]);
    assert_eq!(sides["c-regional-wire.txt"], sides["d-evening-post.txt"]);
    assert_ne!(sides["a-city-desk.txt"], sides["c-regional-wire.txt"]);
    assert!(!sides.values().any(|s| s == "both"), "{finding:#}");
    let human = check_format("fixtures/frames/splits/even", SPLIT_RULES, "human");
    assert!(human.contains(" against "), "{human}");
    for file in [
        "a-city-desk.txt",
        "b-harbour-times.txt",
        "c-regional-wire.txt",
        "d-evening-post.txt",
    ] {
        assert!(human.contains(&format!("splits/even/{file}")), "{human}");
    }
}

#[test]
fn a_true_majority_of_articles_still_names_the_dissent() {
    // $2.4 billion in three articles, "about $2.4 billion" in one, $2.3 billion in one.
    let run = check("fixtures/frames/splits/majority", SPLIT_RULES, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["split"], false, "{finding:#}");
    assert_eq!(finding["consensus"]["articles"], 4, "{finding:#}");
    assert_eq!(finding["consensus"]["of"], 5, "{finding:#}");
    assert!(sides(finding).values().all(Value::is_null), "{finding:#}");
    let human = check_format("fixtures/frames/splits/majority", SPLIT_RULES, "human");
    assert!(
        human.contains("most sources (4 of 5) allow")
            && human.contains(
                "`$2.3 billion` in fixtures/frames/splits/majority/a-city-desk.txt does not"
            ),
        "{human}"
    );
}

// ---------------------------------------------------------------------------------------
// 9. How long a frameless statement holds (`holds_for`), and nothing hidden in silence
// ---------------------------------------------------------------------------------------

const HOLDS: &str = "fixtures/frames/holds-for";

#[test]
fn a_statement_that_holds_for_weeks_is_not_compared_with_one_four_years_later() {
    let run = check(HOLDS, "fixtures/frames/holds-for/holds.yaml", &[]);
    run.assert_quiet(3);
    // Not compared, but counted and listed with its cause.
    assert_eq!(
        run.doc["summary"]["not_compared"],
        json!({ "other-frame": 1 })
    );
    assert_eq!(run.set_aside().len(), 1);
    assert_eq!(run.set_aside()[0]["quote"], "24");
    assert_eq!(run.set_aside()[0]["cause"], "other-frame");
    let (stdout, stderr, _) = check_human(
        HOLDS,
        "fixtures/frames/holds-for/holds.yaml",
        &["--verbose"],
    );
    assert!(
        stdout.ends_with("0 findings; 1 statement not compared (1 in another time frame)\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("set aside `24`: it disagrees only with statements of other time frames"),
        "{stderr}"
    );
    // Without `holds_for` a statement holds forever: 24 against the two 2018 figures.
    let forever = check(HOLDS, "fixtures/frames/holds-for/forever.yaml", &[]);
    let finding = forever.only_finding();
    assert_eq!(finding["kind"], "contradiction");
    assert_eq!(
        quotes(finding),
        expected(&[
            ("fixtures/frames/holds-for/a-2014.md", "24"),
            ("fixtures/frames/holds-for/b-2018.md", "roughly 30"),
            ("fixtures/frames/holds-for/c-2018.md", "about 30"),
        ])
    );
}

#[test]
fn a_count_over_a_nested_frame_cannot_exceed_the_count_over_the_frame_that_holds_it() {
    const NESTED: &str = "fixtures/frames/nested/rules.yaml";
    // "75 times since 2013" against "about 40 times since 2012", the same week: the
    // meetings since 2013 are among those since 2012. A contradiction, not another frame.
    let run = check("fixtures/frames/nested/exceeds", NESTED, &[]);
    let finding = run.only_finding();
    assert_eq!(finding["kind"], "contradiction", "{finding:#}");
    assert_eq!(run.code, 1);
    assert_eq!(
        sides(finding),
        BTreeMap::from([
            ("a-border-post.md".to_owned(), json!("b")),
            ("b-river-times.md".to_owned(), json!("a")),
            ("c-steppe-daily.md".to_owned(), json!("both")),
        ])
    );
    // Fewer meetings over the shorter frame: nothing to report, one statement counted as
    // not compared.
    let within = check("fixtures/frames/nested/within", NESTED, &[]);
    within.assert_quiet(3);
    assert_eq!(
        within.doc["summary"]["not_compared"],
        json!({ "other-frame": 1 })
    );
}
