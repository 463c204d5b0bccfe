//! The events corpus (`fixtures/events/`, see its README): 22 events told by three outlets
//! each, one folder and manifest per event, with real disagreements planted among traps.
//! One run of `check` over the whole tree must report every planted disagreement and
//! nothing else.
//!
//! A finding is compared as its rule, kind, key and the articles that stand against the
//! rest: the statements that do not agree, leaving out those of a split that fit both sides
//! ("about $2.4 billion" between $2.3 and $2.4 billion). Order does not matter.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common;

use common::json_in;

/// The folder of the corpus, as the JSON report writes the start of every path.
const EVENTS: &str = "fixtures/events";

/// A finding as this test compares it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    rule: String,
    kind: String,
    /// `name=value` pairs, sorted; empty without a key.
    key: Vec<String>,
    /// Article paths below `fixtures/events/`, sorted and each once.
    against: Vec<String>,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.rule, self.kind)?;
        if !self.key.is_empty() {
            write!(f, " [{}]", self.key.join(", "))?;
        }
        write!(f, " against: {}", self.against.join(", "))
    }
}

/// An expected finding: rule, kind, key pairs and the dissenting articles.
fn expect(rule: &str, kind: &str, key: &[&str], against: &[&str]) -> Found {
    let mut key: Vec<String> = key.iter().map(|k| k.to_string()).collect();
    key.sort();
    let against: BTreeSet<String> = against.iter().map(|a| a.to_string()).collect();
    Found {
        rule: rule.to_string(),
        kind: kind.to_string(),
        key,
        against: against.into_iter().collect(),
    }
}

/// Every disagreement planted in the corpus (the README's table, row by row). The traps
/// are the events and claims that have no row here.
fn planted() -> BTreeSet<Found> {
    [
        // 03: Halloran's 12 years against 14; Voss's eight years is another key.
        expect(
            "pension-fraud-sentence",
            "contradiction",
            &["defendant=halloran"],
            &["03-pension-fraud/c-plains-observer.txt"],
        ),
        // 06: 31,500 acres on 5 August, 28,000 on 8 August; 12,000 on 3 August is an
        // earlier, lower count and stands against nothing.
        expect(
            "ridge-fire-area",
            "contradiction",
            &[],
            &[
                "06-ridge-wildfire/b-continental-newswire.txt",
                "06-ridge-wildfire/c-riverbend-post.txt",
            ],
        ),
        // 07: $2.3 billion against $2.4 billion; "about $2.4 billion" fits both.
        expect(
            "quince-deal-value",
            "contradiction",
            &[],
            &[
                "07-chipmaker-merger/a-morning-ledger.txt",
                "07-chipmaker-merger/c-lakeside-herald.txt",
            ],
        ),
        // 10: 25,000 pages against 20,000 (twice in one article).
        expect(
            "dam-files-pages",
            "contradiction",
            &[],
            &["10-archive-release/b-morning-ledger.txt"],
        ),
        // 11: opened in 2018, not October 2019.
        expect(
            "hadley-bridge-opening",
            "contradiction",
            &[],
            &["11-bridge-overrun/c-continental-newswire.txt"],
        ),
        // 12: "In 2022 ... 1.2 million tonnes" against "In 2022 ... 1.5 million tonnes".
        expect(
            "wheat-exports",
            "contradiction",
            &[],
            &[
                "12-grain-exports/a-meridian-wire.txt",
                "12-grain-exports/b-capital-dispatch.txt",
            ],
        ),
        // 13: 112 injured against 121; "more than 100" fits both.
        expect(
            "derailment-injured",
            "contradiction",
            &[],
            &[
                "13-train-derailment/a-coastline-chronicle.txt",
                "13-train-derailment/b-northgate-examiner.txt",
            ],
        ),
        // 14: 44% against 41%.
        expect(
            "hadley-poll-support",
            "contradiction",
            &[],
            &["14-mayoral-poll/c-morning-ledger.txt"],
        ),
        // 15: passed 52 to 45, not 52 to 47.
        expect(
            "senate-budget-votes-against",
            "contradiction",
            &[],
            &["15-senate-budget-vote/c-coastline-chronicle.txt"],
        ),
        // 17: a three-day summit against a two-day one.
        expect(
            "gulf-summit-length",
            "contradiction",
            &[],
            &["17-gulf-summit/b-lakeside-herald.txt"],
        ),
        // 19: about 3,000 jobs against 2,412 (and 2,400, written to the hundred).
        expect(
            "orvik-job-cuts",
            "contradiction",
            &[],
            &["19-factory-layoffs/a-valley-tribune.txt"],
        ),
        // 22: $340 million since 2019 against $310 million since 2019.
        expect(
            "flood-fund-payouts",
            "contradiction",
            &[],
            &["22-flood-relief/b-valley-tribune.txt"],
        ),
    ]
    .into_iter()
    .collect()
}

/// The findings of a JSON report, as this test compares them.
fn found(doc: &Value) -> BTreeSet<Found> {
    let prefix = format!("{EVENTS}/");
    doc["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| {
            let key = f["key"]
                .as_object()
                .map(|k| {
                    let mut pairs: Vec<String> = k
                        .iter()
                        .map(|(name, value)| {
                            format!("{name}={}", value.as_str().unwrap_or(&value.to_string()))
                        })
                        .collect();
                    pairs.sort();
                    pairs
                })
                .unwrap_or_default();
            let against: BTreeSet<String> = f["statements"]
                .as_array()
                .expect("a finding's statements are an array")
                .iter()
                .filter(|s| s["agrees"] != Value::Bool(true) && s["side"] != "both")
                .map(|s| {
                    let path = s["path"].as_str().expect("a statement has a path");
                    path.strip_prefix(&prefix).unwrap_or(path).to_string()
                })
                .collect();
            Found {
                rule: f["rule"]
                    .as_str()
                    .expect("a finding has a rule")
                    .to_string(),
                kind: f["kind"]
                    .as_str()
                    .expect("a finding has a kind")
                    .to_string(),
                key,
                against: against.into_iter().collect(),
            }
        })
        .collect()
}

#[test]
fn the_whole_tree_reports_every_planted_disagreement_and_no_trap() {
    let (doc, code) = events_json(&[]);
    assert_eq!(
        doc["errors"],
        Value::Array(vec![]),
        "every article, manifest and rule reads cleanly"
    );
    assert_eq!(
        doc["summary"]["articles"], 66,
        "22 events of three articles each, and no README read as an article"
    );

    let expected = planted();
    let actual = found(&doc);
    let missing: Vec<String> = expected
        .difference(&actual)
        .map(|f| format!("  - {f}"))
        .collect();
    let unexpected: Vec<String> = actual
        .difference(&expected)
        .map(|f| format!("  + {f}"))
        .collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "the findings on {EVENTS} differ from the planted set\n\
         missing (planted, not reported):\n{}\n\
         unexpected (reported, not planted):\n{}",
        if missing.is_empty() {
            "  (none)".to_string()
        } else {
            missing.join("\n")
        },
        if unexpected.is_empty() {
            "  (none)".to_string()
        } else {
            unexpected.join("\n")
        },
    );
    assert_eq!(code, 1, "findings at severity error fail the run");
}

/// The JSON report of `check` on the event tree, with `extra` arguments, and its exit code.
fn events_json(extra: &[&str]) -> (Value, i32) {
    let rules = format!("{EVENTS}/rules.yaml");
    let args = [&["check", "--no-config", "--rules", &rules, EVENTS], extra].concat();
    json_in(".", &args)
}

#[test]
fn each_event_folder_is_a_scope_and_nothing_is_left_out_in_silence() {
    let (doc, _) = events_json(&[]);
    assert_eq!(doc["summary"]["scopes"], 22, "{:#}", doc["summary"]);
    for f in doc["findings"].as_array().expect("findings") {
        let scope = f["scope"].as_str().expect("each finding names its scope");
        for s in f["statements"].as_array().expect("statements") {
            let path = s["path"].as_str().expect("path");
            assert!(
                path.starts_with(&format!("{scope}/")),
                "{path} outside {scope}"
            );
        }
    }
    // The background figure that names no year could be either strike: set aside, counted.
    assert_eq!(
        doc["summary"]["not_compared"],
        serde_json::json!({ "unkeyed": 1 })
    );
    let aside = &doc["set_aside"][0];
    assert_eq!(aside["quote"], "9,400");
    assert_eq!(aside["cause"], "unkeyed");
}

#[test]
fn one_scope_compares_events_years_apart() {
    // "needs 24 seats" (2014) and "roughly 30 seats" (2018) are only compared when the
    // whole tree is asked to be one set.
    let seats = |doc: &Value| {
        doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "arvel-alliance-seats")
            .count()
    };
    assert_eq!(seats(&events_json(&[]).0), 0);
    let (one, _) = events_json(&["--scopes", "one"]);
    assert_eq!(seats(&one), 1, "{:#}", one["findings"]);
    assert_eq!(one["summary"]["scopes"], 1);
}

#[test]
fn configured_scope_globs_name_the_folders_that_are_each_a_set() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = env!("CARGO_MANIFEST_DIR");
    let config = dir.path().join("crosscheck.yaml");
    std::fs::write(
        &config,
        format!("scopes: [\"{root}/{EVENTS}\"]\nrules: [\"{root}/{EVENTS}/rules.yaml\"]\n"),
    )
    .expect("the configuration is written");
    let config = config.to_str().expect("a UTF-8 path");
    let (doc, _) = json_in(".", &["check", "--config", config, EVENTS]);
    // One folder, one set: the two elections four years apart are compared again.
    assert_eq!(doc["summary"]["scopes"], 1, "{:#}", doc["summary"]);
    let seats: Vec<&Value> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "arvel-alliance-seats")
        .collect();
    assert_eq!(seats.len(), 1);
    assert_eq!(seats[0]["scope"], EVENTS);
}

#[test]
fn with_several_scopes_each_finding_says_which_set_it_is_about() {
    let rules = format!("{EVENTS}/rules.yaml");
    let run = common::Run::of(common::crosscheck().args([
        "check",
        "--no-config",
        "--format",
        "compact",
        "--rules",
        &rules,
        &format!("{EVENTS}/03-pension-fraud"),
        &format!("{EVENTS}/10-archive-release"),
    ]));
    assert!(
        run.stdout.contains("in fixtures/events/03-pension-fraud"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("in fixtures/events/10-archive-release"),
        "{}",
        run.stdout
    );
}
