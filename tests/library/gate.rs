//! The gate and the configuration through the library: per-rule severities, disabled rules,
//! configured and inline ignores, scopes, a baseline (what it hides, what it lets through,
//! which entries went stale) and a list of changed articles. What the command line adds
//! (flags over the file, exit codes, formats) is `tests/cli/gate.rs`'s.

use std::fs;
use std::path::{Path, PathBuf};

use crate::summary::{relative, run, summary};
use crosscheck::compare::Cause;
use crosscheck::config::{self, Scopes, Settings};
use crosscheck::rules::Severity;
use crosscheck::{check, CheckOptions, Outcome};
use miette::Diagnostic;

const CONFIGURED: &str = "fixtures/gate/configured";
const MEETINGS: &str = "fixtures/meetings";

/// The configuration in `fixtures/gate/configured`, read as the binary reads it.
fn configured() -> config::Config {
    config::load(
        &Path::new(CONFIGURED).join("crosscheck.yaml"),
        Path::new(CONFIGURED),
    )
    .expect("the configuration reads")
}

/// `(rule id, severity)` of each finding.
fn findings(outcome: &Outcome) -> Vec<(String, Severity)> {
    outcome
        .findings
        .iter()
        .map(|f| (outcome.rules[f.rule].id.clone(), f.severity))
        .collect()
}

/// The codes of an outcome's problems.
fn codes(outcome: &Outcome) -> Vec<String> {
    outcome
        .problems
        .iter()
        .map(|p| p.code().map(|c| c.to_string()).unwrap_or_default())
        .collect()
}

#[test]
fn each_setting_changes_what_is_reported() {
    let paths = [
        &format!("{CONFIGURED}/articles")[..],
        &format!("{CONFIGURED}/drafts"),
    ];
    let plain = run(&paths, &[], Settings::default());
    assert_eq!(
        findings(&plain),
        [
            ("xi-putin-meetings".to_owned(), Severity::Error),
            ("china-russia-trade-2022".to_owned(), Severity::Error),
            ("state-visit-length".to_owned(), Severity::Error),
        ]
    );
    let config = configured();
    let settings = config.settings.clone();
    // severity: the meetings finding is info; disable: the visit rule is not applied;
    // ignore: the wires' trade figure is set aside with its reason.
    let outcome = run(&paths, &[], settings);
    assert_eq!(
        findings(&outcome),
        [("xi-putin-meetings".to_owned(), Severity::Info)]
    );
    assert_eq!(outcome.rules.len() + 1, plain.rules.len());
    assert!(outcome.rules.iter().all(|r| r.id != "state-visit-length"));
    let ignored: Vec<(&str, &str)> = outcome
        .set_aside
        .iter()
        .filter(|a| a.cause == Cause::Ignored)
        .map(|a| {
            (
                outcome.rules[a.statement.rule].id.as_str(),
                outcome.articles[a.statement.article].path.as_str(),
            )
        })
        .collect();
    assert!(!ignored.is_empty());
    assert!(
        ignored
            .iter()
            .all(|(rule, path)| *rule == "china-russia-trade-2022" && path.contains("/wires/")),
        "{ignored:?}"
    );
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    // fail-on warning: an info finding does not fail the run.
    let fail_on = config.fail_on.expect("fail-on is set");
    assert!(!fail_on.fails(Severity::Info));
    assert!(fail_on.fails(Severity::Warning));
    let text = format!(
        "== without the configuration\n{}\n== with it\n{}",
        summary(&plain),
        summary(&outcome)
    );
    insta::assert_snapshot!("configured", text);
}

#[test]
fn broken_configurations_are_refused_with_a_code() {
    insta::glob!("../../fixtures/gate/broken-config", "*.yaml", |path| {
        let path = relative(path);
        let base = path.parent().expect("a folder");
        let text = match config::load(path, base) {
            Err(errors) => errors
                .iter()
                .map(|e| {
                    let code = e.code().map(|c| c.to_string()).unwrap_or_default();
                    format!("{code}: {e}\n")
                })
                .collect::<String>(),
            Ok(config) => {
                // Ids are checked against the rules loaded, so only a check tells.
                let outcome = check(&CheckOptions {
                    paths: config.articles.clone(),
                    rules: config.rules.clone(),
                    settings: config.settings.clone(),
                    ..CheckOptions::default()
                });
                let codes = codes(&outcome);
                assert!(!codes.is_empty(), "{} is refused", path.display());
                format!("read, then at check: {}\n", codes.join(", "))
            }
        };
        insta::assert_snapshot!(text);
    });
}

#[test]
fn inline_ignores_set_statements_aside_and_bad_markers_are_problems() {
    let reviewed = run(&["fixtures/gate/reviewed"], &[], Settings::default());
    assert!(reviewed.problems.is_empty(), "{:?}", reviewed.problems);
    assert!(
        reviewed
            .set_aside
            .iter()
            .any(|a| a.cause == Cause::Ignored && !a.reason.is_empty()),
        "{:#?}",
        reviewed.set_aside
    );
    let bad = run(&["fixtures/gate/bad-ignores"], &[], Settings::default());
    assert!(!bad.problems.is_empty());
    let text = format!(
        "== reviewed\n{}\n== bad-ignores\n{}",
        summary(&reviewed),
        summary(&bad)
    );
    insta::assert_snapshot!("inline_ignores", text);
}

#[test]
fn scopes_decide_which_articles_are_compared() {
    // Each event folder has a manifest: a scope of its own.
    let events = run(
        &["fixtures/events"],
        &["fixtures/events/rules.yaml"],
        Settings::default(),
    );
    assert!(events.scopes > 1, "{}", events.scopes);
    assert!(events.findings.iter().all(|f| f.scope.is_some()));
    // One scope: every article is compared with every other.
    let mut settings = Settings::default();
    settings.scopes = Scopes::One;
    let one = run(
        &["fixtures/events"],
        &["fixtures/events/rules.yaml"],
        settings,
    );
    assert_eq!(one.scopes, 1);
    assert!(one.findings.iter().all(|f| f.scope.is_none()));
    // Scopes change what is compared with what, not what is found.
    assert_eq!(one.statements.len(), events.statements.len());
    // The 2014 and 2018 elections (04 and 05) are never compared by manifest; as one set
    // they are.
    let event = |o: &crosscheck::Outcome, article: usize| -> String {
        o.articles[article]
            .path
            .replace('\\', "/")
            .split('/')
            .nth(2)
            .unwrap_or_default()
            .to_owned()
    };
    let mixed = |o: &crosscheck::Outcome| {
        o.findings.iter().any(|f| {
            let first = event(o, f.statements[0].statement.article);
            f.statements
                .iter()
                .any(|i| event(o, i.statement.article) != first)
        })
    };
    assert!(!mixed(&events), "{}", summary(&events));
    assert!(mixed(&one), "{}", summary(&one));
}

/// A copy of the meetings set in a temporary folder, beside an empty `wires/`.
fn meetings_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(dir.path().join("wires")).unwrap();
    let set = dir.path().join("meetings");
    fs::create_dir(&set).unwrap();
    for entry in fs::read_dir(MEETINGS).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), set.join(entry.file_name())).unwrap();
    }
    (dir, set)
}

/// An article that contradicts the meetings set, for `wires/`, a folder without a manifest.
const CONTRADICTING: &str =
    "Xi Jinping and Vladimir Putin have met 18 times in all, a think tank says.\n";

/// Writes the contradicting article as `<dir>/wires/06-think-tank.txt`: its path.
fn add_contradicting(dir: &Path) -> PathBuf {
    let wires = dir.join("wires");
    fs::create_dir_all(&wires).unwrap();
    let path = wires.join("06-think-tank.txt");
    fs::write(&path, CONTRADICTING).unwrap();
    path
}

#[test]
fn a_baseline_hides_known_findings_and_lets_a_new_dissent_through() {
    let (dir, set) = meetings_copy();
    let options = CheckOptions {
        paths: vec![set.clone(), dir.path().join("wires")],
        ..CheckOptions::default()
    };
    let first = check(&options);
    assert_eq!(first.findings.len(), 1);
    let baseline = dir.path().join("baseline.json");
    let recorded = crosscheck::gate::write(&first, &baseline).expect("written");
    assert_eq!(recorded, 1);

    // With the baseline: nothing to report, one finding known, nothing stale.
    let with = CheckOptions {
        baseline: Some(baseline.clone()),
        ..options.clone()
    };
    let known = check(&with);
    assert!(known.findings.is_empty(), "{}", summary(&known));
    assert_eq!(known.hidden.known, 1);
    assert!(known.hidden.stale.is_empty());
    assert!(known.hidden.baseline.is_some());

    // A new contradicting article: its dissent is reported, the accepted one is not.
    let added = add_contradicting(dir.path());
    let new = check(&with);
    let [f] = &new.findings[..] else {
        panic!("one finding: {}", summary(&new))
    };
    let dissent: Vec<&str> = f
        .statements
        .iter()
        .filter(|i| !i.agrees)
        .map(|i| new.articles[i.statement.article].path.as_str())
        .collect();
    assert_eq!(dissent.len(), 1, "{}", summary(&new));
    assert!(dissent[0].ends_with("06-think-tank.txt"), "{dissent:?}");

    // The accepted statement removed: its entry is stale.
    fs::remove_file(added).unwrap();
    fs::write(
        set.join("02-evening-ledger.txt"),
        "Xi Jinping and Vladimir Putin met again this week.\n",
    )
    .unwrap();
    let stale = check(&with);
    assert!(stale.findings.is_empty(), "{}", summary(&stale));
    assert_eq!(stale.hidden.stale.len(), 1);

    // A baseline that is not one is a problem, and every finding is reported.
    fs::write(&baseline, "{ not json").unwrap();
    let broken = check(&CheckOptions {
        paths: vec![PathBuf::from(MEETINGS)],
        baseline: Some(baseline),
        ..CheckOptions::default()
    });
    assert_eq!(broken.findings.len(), 1);
    assert_eq!(broken.problems.len(), 1, "{:?}", broken.problems);
}

#[test]
fn changed_articles_limit_the_report_but_not_the_comparison() {
    let changed = |paths: &[&str]| {
        check(&CheckOptions {
            paths: vec![PathBuf::from(MEETINGS)],
            changed: Some(paths.iter().map(PathBuf::from).collect()),
            ..CheckOptions::default()
        })
    };
    // 02 dissents: its finding is reported.
    let ledger = changed(&["fixtures/meetings/02-evening-ledger.txt"]);
    assert_eq!(ledger.findings.len(), 1);
    assert_eq!(ledger.hidden.unchanged, 0);
    // 01 agrees with most sources: the finding is not about it.
    let wire = changed(&["fixtures/meetings/01-northern-wire.txt"]);
    assert!(wire.findings.is_empty());
    assert_eq!(wire.hidden.unchanged, 1);
    // A deleted file is passed over; a Markdown file outside the set is said, not read.
    let other = changed(&[
        "README.md",
        "fixtures/meetings/gone.txt",
        "./fixtures/meetings/02-evening-ledger.txt",
    ]);
    assert_eq!(other.findings.len(), 1);
    assert_eq!(other.hidden.not_checked, ["README.md"]);
    // A new article is compared with the whole set even when it alone is named.
    let (dir, set) = meetings_copy();
    let new = add_contradicting(dir.path());
    let outcome = check(&CheckOptions {
        paths: vec![set, dir.path().join("wires")],
        changed: Some(vec![new]),
        ..CheckOptions::default()
    });
    let [f] = &outcome.findings[..] else {
        panic!("{}", summary(&outcome))
    };
    assert_eq!(f.consensus.as_ref().map(|c| c.articles), Some(4));
}
