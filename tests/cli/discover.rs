//! `crosscheck discover`: claims proposed from the set itself. On the events corpus
//! (`fixtures/events/`, see its README) every planted disagreement (all 12: counts, money,
//! percentages, durations, the opening date of a bridge and the second value of a Senate
//! tally) is listed as "disagree", and no trap is;
//! on the meetings set (which mirrors the seed articles) the meeting count comes first; and
//! a rule written with `--write-rules` reads the candidate's statements and reports the
//! same disagreement as a rule written by hand.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common;

use common::{crosscheck, json_in, Run, MEETINGS};

/// The folder of the corpus, as the JSON output writes the start of every path.
const EVENTS: &str = "fixtures/events";

/// The candidates of a discovery run over `path`.
fn candidates(path: &str) -> Vec<Value> {
    let (doc, code) = json_in(common::root(), &["discover", path]);
    assert_eq!(code, 0, "{doc}");
    doc["candidates"].as_array().expect("candidates").clone()
}

/// The event folder (`07-chipmaker-merger`) of a statement.
fn event(statement: &Value) -> String {
    let path = statement["path"].as_str().expect("path");
    let rest = path
        .strip_prefix(EVENTS)
        .expect("under the corpus")
        .trim_start_matches('/');
    rest.split('/').next().unwrap_or_default().to_owned()
}

/// The statements of a candidate's conflicting pairs: (article file, quote) each.
fn conflicting(c: &Value) -> Vec<[(String, String); 2]> {
    let statements = c["statements"].as_array().expect("statements");
    let at = |i: &Value| {
        let s = &statements[i.as_u64().expect("index") as usize];
        let path = s["path"].as_str().unwrap_or_default();
        let file = path.rsplit('/').next().unwrap_or_default().to_owned();
        (file, s["quote"].as_str().unwrap_or_default().to_owned())
    };
    c["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .map(|pair| [at(&pair[0]), at(&pair[1])])
        .collect()
}

/// The disagreeing candidates of the events corpus, by event folder.
fn disagreeing_events() -> Vec<(String, Value)> {
    candidates(EVENTS)
        .into_iter()
        .filter(|c| c["verdict"] == "disagree")
        .map(|c| (event(&c["statements"][0]), c))
        .collect()
}

/// A statement as the tests name it: the article file, and the quote.
type Quoted = (&'static str, &'static str);

/// Each planted disagreement of the corpus, as the event, and the two quotes of one pair that
/// must stand against each other, with the article of each. A side of a tally is quoted as
/// its own number ("47" of "52 to 47").
const PLANTED: &[(&str, Quoted, Quoted)] = &[
    (
        "03-pension-fraud",
        ("b-capital-dispatch.txt", "12 years"),
        ("c-plains-observer.txt", "14 years"),
    ),
    (
        "06-ridge-wildfire",
        ("b-continental-newswire.txt", "31,500"),
        ("c-riverbend-post.txt", "28,000"),
    ),
    (
        "07-chipmaker-merger",
        ("a-morning-ledger.txt", "$2.3 billion"),
        ("c-lakeside-herald.txt", "$2.4 billion"),
    ),
    (
        "10-archive-release",
        ("a-northgate-examiner.txt", "20,000"),
        ("b-morning-ledger.txt", "25,000"),
    ),
    (
        "11-bridge-overrun",
        ("b-lakeside-herald.txt", "October 2019"),
        ("c-continental-newswire.txt", "2018"),
    ),
    (
        "12-grain-exports",
        ("a-meridian-wire.txt", "1.2 million"),
        ("b-capital-dispatch.txt", "1.5 million"),
    ),
    (
        "13-train-derailment",
        ("a-coastline-chronicle.txt", "112"),
        ("b-northgate-examiner.txt", "121"),
    ),
    (
        "14-mayoral-poll",
        ("a-lakeside-herald.txt", "41%"),
        ("c-morning-ledger.txt", "44%"),
    ),
    (
        "15-senate-budget-vote",
        ("a-capital-dispatch.txt", "47"),
        ("c-coastline-chronicle.txt", "45"),
    ),
    (
        "17-gulf-summit",
        ("b-lakeside-herald.txt", "three-day"),
        ("c-capital-dispatch.txt", "two-day"),
    ),
    (
        "19-factory-layoffs",
        ("a-valley-tribune.txt", "about 3,000"),
        ("b-meridian-wire.txt", "2,412"),
    ),
    (
        "22-flood-relief",
        ("a-morning-ledger.txt", "$310 million"),
        ("b-valley-tribune.txt", "$340 million"),
    ),
];

#[test]
fn every_planted_disagreement_is_a_disagreeing_candidate() {
    let found = disagreeing_events();
    for (folder, a, b) in PLANTED {
        let want = |p: &[(String, String); 2]| {
            let pair: BTreeSet<(&str, &str)> =
                p.iter().map(|(f, q)| (f.as_str(), q.as_str())).collect();
            pair == BTreeSet::from([*a, *b])
        };
        assert!(
            found
                .iter()
                .any(|(e, c)| e == folder && conflicting(c).iter().any(want)),
            "{folder}: no disagreeing candidate sets {a:?} against {b:?}; found:\n{:#?}",
            found
                .iter()
                .map(|(e, c)| (e, &c["frame"]))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn all_twelve_planted_disagreements_are_listed() {
    assert_eq!(PLANTED.len(), 12);
    let folders: BTreeSet<String> = disagreeing_events().into_iter().map(|(e, _)| e).collect();
    let planted: BTreeSet<String> = PLANTED.iter().map(|p| p.0.to_owned()).collect();
    assert_eq!(folders, planted);
}

#[test]
fn a_tally_is_compared_side_by_side() {
    let found = disagreeing_events();
    let (_, c) = found
        .iter()
        .find(|(e, _)| e == "15-senate-budget-vote")
        .expect("the Senate tally disagrees");
    assert!(
        c["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("second value"),
        "{c}"
    );
    for s in c["statements"].as_array().expect("statements") {
        assert_eq!(s["tally"]["side"], "second", "{s}");
    }
    // The 52 votes for agree: the first side is a candidate of its own, agreeing.
    let first = candidates(EVENTS).into_iter().find(|c| {
        c["statements"][0]["tally"]["side"] == "first"
            && event(&c["statements"][0]) == "15-senate-budget-vote"
    });
    assert_eq!(
        first.expect("the first side is a candidate")["verdict"],
        "agree"
    );
}

#[test]
fn a_date_is_a_claim_only_after_an_event_verb() {
    for c in candidates(EVENTS) {
        if c["kind"] != "date" {
            continue;
        }
        for s in c["statements"].as_array().expect("statements") {
            assert!(s["event"].is_string(), "a date without its event verb: {s}");
        }
    }
}

#[test]
fn no_trap_is_a_disagreeing_candidate() {
    let planted: BTreeSet<&str> = PLANTED.iter().map(|p| p.0).collect();
    for (folder, c) in disagreeing_events() {
        assert!(
            planted.contains(folder.as_str()),
            "{folder} holds no planted disagreement, yet `{}` is listed as one: {}",
            c["frame"],
            c["reason"]
        );
    }
}

#[test]
fn agreeing_pairs_are_never_a_conflict() {
    // Hedged figures that overlap and round figures beside precise ones, from the README.
    let agreeing: &[(&str, &str)] = &[
        ("2,412", "2,400"),
        ("$2.2 million", "nearly $2.2 million"),
        ("$512 billion", "$500 billion"),
        ("$400,000", "more than $400,000"),
        ("about 40 million", "38 million"),
        ("38 million", "nearly 40 million"),
        ("$612 million", "more than $600 million"),
        ("112", "more than 100"),
        ("121", "more than 100"),
        ("about $2.4 billion", "$2.3 billion"),
        ("roughly 30", "29"),
    ];
    for c in candidates(EVENTS) {
        for [(_, x), (_, y)] in conflicting(&c) {
            for (a, b) in agreeing {
                assert!(
                    !((x == *a && y == *b) || (x == *b && y == *a)),
                    "`{x}` and `{y}` agree, yet candidate `{}` sets them against each other",
                    c["frame"]
                );
            }
        }
    }
}

#[test]
fn the_meeting_count_comes_first_on_the_meetings_set() {
    let list = candidates(MEETINGS);
    let first = list.first().expect("a candidate");
    let frame = first["frame"].as_str().unwrap_or_default();
    assert!(frame.contains("met") && frame.contains("times"), "{frame}");
    let quotes: BTreeSet<&str> = first["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["quote"].as_str())
        .collect();
    assert!(
        quotes.contains("nearly 30") && quotes.contains("about 40"),
        "{quotes:?}"
    );
    // Over six years, said in 2019, against "since 2012": readings apart, frames apart.
    assert_eq!(first["verdict"], "uncertain", "{}", first["reason"]);
}

#[test]
fn the_human_list_shows_frame_quotes_readings_and_verdict() {
    let run = Run::of(crosscheck().args(["discover", MEETINGS]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("1. uncertain: count · 3 sources · met {count} times"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("fixtures/meetings/02-evening-ledger.txt:7:128  nearly 30 → 27..29"),
        "{}",
        run.stdout
    );
}

/// The dissenting statements (path, quote) of the findings of `rule` in a JSON report.
fn dissent(report: &Value, rule: &str) -> BTreeSet<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .flat_map(|f| f["statements"].as_array().cloned().unwrap_or_default())
        .filter(|s| s["agrees"] == false)
        .map(|s| {
            (
                s["path"].as_str().unwrap_or_default().to_owned(),
                s["quote"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Writes the rule of candidate `n` of `set` into a new temporary folder; the folder, and
/// the rule's id.
fn write_rule(set: &str, n: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let n = n.to_string();
    let out = dir.path().to_str().unwrap();
    let run =
        Run::of(crosscheck().args(["discover", set, "--write-rules", out, "--candidate", &n]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .expect("a rule file")
        .unwrap()
        .path();
    let id = file.file_stem().unwrap().to_str().unwrap().to_owned();
    (dir, id)
}

#[test]
fn a_written_rule_passes_its_checks_and_reports_what_the_shipped_rule_does() {
    let (dir, id) = write_rule(MEETINGS, 1);
    let rules = dir.path().to_str().unwrap();
    let check = Run::of(crosscheck().args(["rules", "check", rules]));
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stdout.contains("1 rules OK (0 warnings)"),
        "{}",
        check.stdout
    );
    let test = Run::of(crosscheck().args(["rules", "test", rules]));
    assert_eq!(test.code, Some(0), "{}", test.stdout);
    assert!(
        test.stdout.contains(&format!("PASS {id}")),
        "{}",
        test.stdout
    );

    let (written, _) = json_in(
        common::root(),
        &["check", "--no-config", "--rules", rules, MEETINGS],
    );
    let (shipped, _) = json_in(common::root(), &["check", "--no-config", MEETINGS]);
    let ours = dissent(&written, &id);
    assert!(
        !ours.is_empty(),
        "the written rule reports nothing: {written}"
    );
    assert_eq!(ours, dissent(&shipped, "xi-putin-meetings"));

    // Never over an existing file.
    let run = Run::of(crosscheck().args([
        "discover",
        MEETINGS,
        "--write-rules",
        rules,
        "--candidate",
        "1",
    ]));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("crosscheck::discover::exists"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_disagreeing_candidate_writes_a_rule_that_reports_it() {
    let list = candidates(EVENTS);
    for (n, c) in list
        .iter()
        .enumerate()
        .filter(|(_, c)| c["verdict"] == "disagree")
        // A phrase has one placeholder: a side of a tally gets no skeleton yet (the
        // shipped rule for it is a regex).
        .filter(|(_, c)| c["statements"][0]["tally"].is_null())
    {
        let (dir, id) = write_rule(EVENTS, n + 1);
        let rules = dir.path().to_str().unwrap();
        let test = Run::of(crosscheck().args(["rules", "test", rules]));
        assert_eq!(test.code, Some(0), "candidate {}: {}", n + 1, test.stdout);
        let (report, _) = json_in(
            common::root(),
            &["check", "--no-config", "--rules", rules, EVENTS],
        );
        let reported: BTreeSet<(String, String)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == id.as_str())
            .flat_map(|f| f["statements"].as_array().cloned().unwrap_or_default())
            .map(|s| {
                (
                    s["path"].as_str().unwrap_or_default().to_owned(),
                    s["quote"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        for [a, b] in conflicting(c) {
            let hit = |(file, quote): &(String, String)| {
                reported
                    .iter()
                    .any(|(p, q)| p.ends_with(file.as_str()) && q == quote)
            };
            assert!(
                hit(&a) && hit(&b),
                "candidate {} (`{}`): the written rule does not report {a:?} against {b:?}: {reported:?}",
                n + 1,
                c["frame"]
            );
        }
    }
}

#[test]
fn a_candidate_out_of_range_is_a_coded_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = Run::of(crosscheck().args([
        "discover",
        MEETINGS,
        "--write-rules",
        out,
        "--candidate",
        "99",
    ]));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("crosscheck::discover::no_candidate"),
        "{}",
        run.stderr
    );
}
