//! Comparison and qualifiers over the fixture sets, through the library: for each set, which
//! findings it gives (rule, key, kind, severity, consensus or split), which statement stands
//! where, how each was read (range, time frame, as-of date, speaker), and what was set aside.
//!
//! `fixtures/frames/<case>/` holds rule files and one article set per subfolder (or the
//! articles themselves); every rule file of a case is run on every set of that case, so a
//! setting that makes a set quiet shows beside the file without it, where the same set is
//! reported (see `fixtures/frames/README.md`). The other sets run with their own
//! `rules.yaml`, or the shipped rules.

use std::path::Path;

use crate::summary::{relative, run, slashed, summary};
use crosscheck::compare::{FindingKind, Side};
use crosscheck::config::Settings;

/// The article sets of a case folder: its subfolders, or the folder itself.
fn sets(case: &Path) -> Vec<String> {
    let mut sets: Vec<String> = std::fs::read_dir(case)
        .expect("the case folder reads")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir())
        .map(|p| slashed(&p))
        .collect();
    sets.sort();
    if sets.is_empty() {
        sets.push(slashed(case));
    }
    sets
}

#[test]
fn frames_cases_under_each_of_their_rule_files() {
    insta::glob!("../../fixtures/frames", "*/*.yaml", |rules| {
        if rules.file_name().is_some_and(|n| n == "sources.yaml") {
            return;
        }
        let rules = relative(rules);
        let mut text = String::new();
        for set in sets(rules.parent().expect("a case folder")) {
            let outcome = run(&[&set], &[&slashed(rules)], Settings::default());
            assert!(
                outcome.problems.is_empty(),
                "every fixture and rule file reads cleanly: {:?}",
                outcome.problems
            );
            assert!(
                !outcome.statements.is_empty(),
                "{set}: a quiet set must be quiet with statements, not for want of them"
            );
            text.push_str(&format!("== {set}\n{}\n", summary(&outcome)));
        }
        insta::assert_snapshot!(text);
    });
}

#[test]
fn sets_with_their_own_or_the_shipped_rules() {
    insta::glob!(
        "../../fixtures",
        "{meetings,agreeing,events,hostile-html,labels}",
        |set| {
            let set = relative(set);
            let own = set.join("rules.yaml");
            let rules: Vec<String> = if own.is_file() {
                vec![slashed(&own)]
            } else {
                Vec::new()
            };
            let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
            let outcome = run(&[&slashed(set)], &rules, Settings::default());
            assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
            insta::assert_snapshot!(summary(&outcome));
        }
    );
}

/// The rule of a case, run on one of its sets.
fn case(set: &str, rules: &str) -> crosscheck::Outcome {
    let outcome = run(
        &[&format!("fixtures/frames/{set}")],
        &[&format!("fixtures/frames/{rules}")],
        Settings::default(),
    );
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    outcome
}

#[test]
fn overlapping_ranges_agree_and_the_dissent_is_the_one_outside_the_shared_range() {
    let agreeing = run(&["fixtures/agreeing"], &[], Settings::default());
    assert!(agreeing.findings.is_empty(), "{:#?}", agreeing.findings);
    assert_eq!(agreeing.statements.len(), 3);

    let meetings = run(&["fixtures/meetings"], &[], Settings::default());
    let [f] = &meetings.findings[..] else {
        panic!("one finding: {:#?}", meetings.findings)
    };
    // "nearly 30" counts over another period than "about 40": different frames.
    assert_eq!(f.kind, FindingKind::DifferentFrames);
    assert!(!f.split);
    let consensus = f.consensus.as_ref().expect("most sources agree");
    assert_eq!((consensus.articles, consensus.of), (4, 4));
    assert_eq!(consensus.value.range(), "41..44");
    let dissent: Vec<&str> = f
        .statements
        .iter()
        .filter(|i| !i.agrees)
        .map(|i| i.statement.quote.as_str())
        .collect();
    assert_eq!(dissent, ["nearly 30"]);
}

#[test]
fn a_split_names_sides_and_a_hedged_figure_fits_both() {
    let sides = |set: &str| -> Vec<(String, Option<Side>)> {
        let outcome = case(set, "splits/rules.yaml");
        let [f] = &outcome.findings[..] else {
            panic!("{set}: one finding: {:#?}", outcome.findings)
        };
        assert_eq!(f.kind, FindingKind::Contradiction, "{set}");
        if f.split {
            assert!(f.consensus.is_none(), "{set}: a split has no majority");
        }
        f.statements
            .iter()
            .map(|i| (i.statement.quote.clone(), i.side))
            .collect()
    };
    let hedged = sides("splits/hedged");
    assert!(
        hedged.contains(&("about $2.4 billion".to_owned(), Some(Side::Both))),
        "{hedged:?}"
    );
    let even = sides("splits/even");
    let count = |side| even.iter().filter(|(_, s)| *s == Some(side)).count();
    assert_eq!(
        (count(Side::First), count(Side::Second)),
        (2, 2),
        "{even:?}"
    );
    // Four of five agree: a majority, not a split.
    let majority = sides("splits/majority");
    assert!(majority.iter().all(|(_, s)| s.is_none()), "{majority:?}");
}

#[test]
fn different_frames_are_reported_at_the_rules_setting_and_one_frame_always_at_error() {
    for (rules, framed) in [
        ("warning.yaml", Some(crosscheck::rules::Severity::Warning)),
        ("ignore.yaml", None),
        ("default.yaml", None),
    ] {
        let rules = format!("different-frames/{rules}");
        let outcome = case("different-frames/framed", &rules);
        let got: Vec<_> = outcome
            .findings
            .iter()
            .map(|f| (f.kind, f.severity))
            .collect();
        match framed {
            Some(severity) => {
                assert_eq!(got, [(FindingKind::DifferentFrames, severity)], "{rules}")
            }
            None => {
                assert_eq!(got, [], "{rules}");
                // Quiet, but not silently: the statements are set aside as another frame.
                assert!(
                    outcome
                        .set_aside
                        .iter()
                        .any(|a| a.cause == crosscheck::compare::Cause::OtherFrame),
                    "{rules}: {:#?}",
                    outcome.set_aside
                );
            }
        }
        let same = case("different-frames/same-frame", &rules);
        let got: Vec<_> = same.findings.iter().map(|f| (f.kind, f.severity)).collect();
        assert_eq!(
            got,
            [(
                FindingKind::Contradiction,
                crosscheck::rules::Severity::Error
            )],
            "{rules}"
        );
    }
}

#[test]
fn qualifiers_carry_the_frame_the_date_said_and_the_speaker() {
    let outcome = case("qualifiers", "qualifiers/rules.yaml");
    let by_file = |name: &str| {
        outcome
            .statements
            .iter()
            .find(|s| outcome.articles[s.article].path.ends_with(name))
            .unwrap_or_else(|| panic!("a statement in {name}"))
            .qualifiers
            .phrases()
    };
    let quoted = by_file("a-moscow-profile.txt");
    assert_eq!(quoted.frame.as_deref(), Some("Over the past six years"));
    // The year the words were said, named before the quotation, not the publication.
    assert_eq!(quoted.as_of, "said in 2019");
    assert_eq!(quoted.attribution.as_deref(), Some("quoting Xi"));
    let plain = by_file("b-river-post.txt");
    assert_eq!(plain.frame.as_deref(), Some("since 2012"));
    assert_eq!(plain.as_of, "as of 2023-03-20");
    assert_eq!(plain.attribution, None);
    let reported = by_file("c-evening-bulletin.txt");
    assert_eq!(reported.frame.as_deref(), Some("in recent years"));
    assert_eq!(reported.as_of, "as of 2023-03-21");
    assert_eq!(reported.attribution.as_deref(), Some("reported from Putin"));
}

#[test]
fn keys_keep_apart_what_speaks_of_different_things() {
    // Two visitors, two lengths: quiet with the key, a contradiction without it.
    assert!(case("visits/quiet", "visits/rules.yaml")
        .findings
        .is_empty());
    assert_eq!(case("visits/quiet", "visits/no-key.yaml").findings.len(), 1);
    let reported = case("visits/reported", "visits/rules.yaml");
    let [f] = &reported.findings[..] else {
        panic!("{:#?}", reported.findings)
    };
    assert_eq!(f.key.get("visitor").map(String::as_str), Some("xi"));
    // Putin's five-day trip is another key: not part of Xi's finding.
    assert!(
        f.statements
            .iter()
            .all(|i| i.statement.key.get("visitor").map(String::as_str) == Some("xi")),
        "{f:#?}"
    );
}

#[test]
fn a_cumulative_count_may_grow_but_not_shrink_below_an_earlier_published_one() {
    assert!(case("cumulative/quiet", "cumulative/rules.yaml")
        .findings
        .is_empty());
    assert_eq!(
        case("cumulative/quiet", "cumulative/not-cumulative.yaml")
            .findings
            .len(),
        1
    );
    assert_eq!(
        case("cumulative/reported", "cumulative/rules.yaml")
            .findings
            .len(),
        1
    );
    // A lower figure restated as of its own, earlier date is no contradiction.
    assert!(case("cumulative/restated", "cumulative/rules.yaml")
        .findings
        .is_empty());
}
