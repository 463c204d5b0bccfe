//! How often the labels editors see are right: who is quoted (the speaker), the time frame,
//! the kind of attribution and the date of the telling, measured against the hand-labelled
//! set in `fixtures/labels/` (format in `fixtures/README.md`).
//!
//! Precision counts the labels given: a label where the gold file says there is none is
//! wrong, and no label where the gold file has one is a miss, which hurts recall only. A
//! wrong label costs an editor's trust, a missing one does not, so the test holds precision
//! of speakers and frames at 95% or more. `cargo test --test cli labels:: -- --nocapture` prints
//! the table.

use std::collections::BTreeMap;
use std::fs;

use serde_json::Value;

use crate::common;

use common::{crosscheck, root};

const SET: &str = "fixtures/labels";
const RULES: &str = "fixtures/labels/rules.yaml";
const GOLD: &str = "fixtures/labels/labels.tsv";

/// One row of the gold file: what the labels of one statement should be (`None`: no label).
struct Gold {
    line: usize,
    article: String,
    quote: String,
    speaker: Option<Vec<String>>,
    attribution: String,
    frame: Option<Vec<String>>,
    stated: Option<Vec<String>>,
}

/// The labels the engine gave one statement.
struct Given {
    speaker: Option<String>,
    attribution: &'static str,
    frame: Option<String>,
    stated: Option<String>,
}

/// Lower case, single spaces, without a leading article.
fn fold(s: &str) -> String {
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = s.strip_prefix(article) {
            return rest.to_owned();
        }
    }
    s
}

/// `-` is no label; alternatives are separated by `|`.
fn alternatives(field: &str) -> Option<Vec<String>> {
    (field != "-").then(|| field.split('|').map(fold).collect())
}

/// True when `given` is one of the alternatives, or one of them without a leading
/// preposition that the engine leaves out of a date phrase ("in 2022" given as "2022").
fn same(given: &str, gold: &[String], prepositions: bool) -> bool {
    let given = fold(given);
    gold.iter().any(|g| {
        *g == given
            || (prepositions
                && [
                    "in ",
                    "during ",
                    "for ",
                    "on ",
                    "by ",
                    "so far ",
                    "so far in ",
                ]
                .iter()
                .any(|p| g.strip_prefix(p).map(fold).as_deref() == Some(given.as_str())))
    })
}

fn read_gold() -> Vec<Gold> {
    let text = fs::read_to_string(root().join(GOLD)).expect("the gold file is readable");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "{GOLD}:{}: six tab-separated fields", i + 1);
            assert!(
                ["direct", "reported", "none"].contains(&f[3]),
                "{GOLD}:{}: attribution is direct, reported or none",
                i + 1
            );
            Gold {
                line: i + 1,
                article: f[0].to_owned(),
                quote: f[1].to_owned(),
                speaker: alternatives(f[2]),
                attribution: f[3].to_owned(),
                frame: alternatives(f[4]),
                stated: alternatives(f[5]),
            }
        })
        .collect()
}

/// The statements of the set, by (article file name, quote).
fn run() -> BTreeMap<(String, String), Vec<Given>> {
    let output = crosscheck()
        .args(["extract", "--format", "json", "--rules", RULES, SET])
        .output()
        .expect("crosscheck runs");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("extract prints JSON");
    let mut out: BTreeMap<(String, String), Vec<Given>> = BTreeMap::new();
    for s in doc["statements"]
        .as_array()
        .expect("statements is an array")
    {
        let path = s["path"].as_str().expect("a path");
        let article = path.rsplit('/').next().unwrap_or(path).to_owned();
        let q = &s["qualifiers"];
        let attribution = &q["attribution"];
        out.entry((article, s["quote"].as_str().expect("a quote").to_owned()))
            .or_default()
            .push(Given {
                speaker: attribution["speaker"].as_str().map(str::to_owned),
                attribution: match attribution["direct"].as_bool() {
                    None => "none",
                    Some(true) => "direct",
                    Some(false) => "reported",
                },
                frame: q["frame"]["text"].as_str().map(str::to_owned),
                stated: q["as_of"]["stated"].as_str().map(str::to_owned),
            });
    }
    out
}

/// Labels given, right, and expected, for one kind of label.
#[derive(Default)]
struct Tally {
    given: usize,
    right: usize,
    expected: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn add(&mut self, what: &str, given: Option<&str>, gold: Option<&[String]>, preps: bool) {
        self.expected += usize::from(gold.is_some());
        if let Some(given) = given {
            self.given += 1;
            if gold.is_some_and(|g| same(given, g, preps)) {
                self.right += 1;
            } else {
                self.wrong
                    .push(format!("{what}: gave {given:?}, gold {gold:?}"));
            }
        }
    }

    fn precision(&self) -> f64 {
        if self.given == 0 {
            1.0
        } else {
            self.right as f64 / self.given as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.right as f64 / self.expected as f64
        }
    }
}

#[test]
fn speaker_and_frame_labels_are_right_or_absent() {
    let gold = read_gold();
    let mut found = run();
    assert!(gold.len() >= 150, "the set has {} statements", gold.len());
    let (mut speaker, mut frame, mut stated) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut kind_right = 0;
    let mut problems = Vec::new();
    for g in &gold {
        let at = format!("{GOLD}:{} ({} {:?})", g.line, g.article, g.quote);
        let Some(mut given) = found.remove(&(g.article.clone(), g.quote.clone())) else {
            problems.push(format!("{at}: no statement found"));
            continue;
        };
        if given.len() != 1 {
            problems.push(format!("{at}: {} statements share the quote", given.len()));
            continue;
        }
        let given = given.remove(0);
        speaker.add(&at, given.speaker.as_deref(), g.speaker.as_deref(), false);
        frame.add(&at, given.frame.as_deref(), g.frame.as_deref(), true);
        stated.add(&at, given.stated.as_deref(), g.stated.as_deref(), true);
        if given.attribution == g.attribution {
            kind_right += 1;
        } else {
            problems.push(format!(
                "{at}: attribution {} (gold {}) [not asserted]",
                given.attribution, g.attribution
            ));
        }
    }
    let unlabelled: Vec<String> = found
        .keys()
        .map(|(a, q)| format!("{a} {q:?}: a statement without a gold row"))
        .collect();
    println!("label        given  right  expected  precision  recall");
    for (name, t) in [
        ("speaker", &speaker),
        ("frame", &frame),
        ("telling date", &stated),
    ] {
        println!(
            "{name:<12} {:>5}  {:>5}  {:>8}  {:>9.3}  {:>6.3}",
            t.given,
            t.right,
            t.expected,
            t.precision(),
            t.recall()
        );
    }
    println!(
        "attribution kind (direct/reported/none): {kind_right} of {} right",
        gold.len()
    );
    for w in speaker
        .wrong
        .iter()
        .chain(&frame.wrong)
        .chain(&stated.wrong)
    {
        println!("wrong {w}");
    }
    for p in &problems {
        println!("{p}");
    }
    let missing: Vec<&String> = problems
        .iter()
        .filter(|p| !p.ends_with("[not asserted]"))
        .collect();
    assert!(
        missing.is_empty(),
        "gold rows without one statement: {missing:#?}"
    );
    assert!(unlabelled.is_empty(), "{unlabelled:#?}");
    assert!(
        speaker.precision() >= 0.95,
        "speaker precision {:.3}: {:#?}",
        speaker.precision(),
        speaker.wrong
    );
    assert!(
        frame.precision() >= 0.95,
        "frame precision {:.3}: {:#?}",
        frame.precision(),
        frame.wrong
    );
}
