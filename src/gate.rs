//! The gate: what of an [`Outcome`] is reported. A baseline hides the findings (and the
//! dissenting statements) it accepted, by fingerprint; a list of changed articles hides
//! findings that involve none of them. [`Outcome::hidden`] counts what was kept out.
//! Recording a baseline from an outcome is here too; [`crate::baseline`] owns the file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::article;
use crate::baseline::{self, Baseline, BaselineError, Entry, Quoted};
use crate::outcome::{canonical, Outcome};

/// Keeps out of the report what the `baseline` and the list of `changed` articles say is
/// not to be reported.
pub fn gate(outcome: &mut Outcome, baseline: Option<&Path>, changed: Option<&[PathBuf]>) {
    if let Some(path) = baseline {
        match baseline::read(path) {
            Ok(b) => hide_known(outcome, &b, article::display(path)),
            Err(e) => outcome.problems.push(e.into()),
        }
    }
    if let Some(changed) = changed {
        keep_changed(outcome, changed);
    }
}

/// Takes what a baseline accepted out of the report: a finding it holds, and each
/// dissenting statement it holds (by [`crate::fingerprint::dissent`]), so that a finding
/// with an accepted dissent and a new one reports the new one only.
fn hide_known(outcome: &mut Outcome, baseline: &baseline::Baseline, shown: String) {
    use crate::fingerprint::dissent;

    let known: BTreeSet<&str> = baseline
        .findings
        .iter()
        .map(|e| e.fingerprint.as_str())
        .collect();
    let entry_dissents = |e: &baseline::Entry| -> Vec<String> {
        e.statements
            .iter()
            .map(|q| dissent(&e.rule, &e.key, &q.path, &q.quote))
            .collect()
    };
    let accepted: BTreeSet<String> = baseline.findings.iter().flat_map(entry_dissents).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut used_findings: BTreeSet<String> = BTreeSet::new();
    let findings = std::mem::take(&mut outcome.findings);
    let mut kept = Vec::with_capacity(findings.len());
    let before = findings.len();
    for mut f in findings {
        // Each statement's own fingerprint, for the statements that identify the finding.
        let own: Vec<Option<String>> = f.statements.iter().map(|i| i.fingerprint.clone()).collect();
        if known.contains(f.fingerprint.as_str()) {
            used_findings.insert(f.fingerprint);
            used.extend(own.into_iter().flatten());
            continue;
        }
        let (old, new): (Vec<&String>, Vec<&String>) =
            own.iter().flatten().partition(|d| accepted.contains(*d));
        if old.is_empty() {
            kept.push(f);
            continue;
        }
        used.extend(old.into_iter().cloned());
        if new.is_empty() {
            continue;
        }
        // Report the new dissent only: the accepted statements leave the finding.
        let mut keep = own
            .iter()
            .map(|d| d.as_ref().is_none_or(|d| !accepted.contains(d)));
        f.statements.retain(|_| keep.next().unwrap_or(true));
        // Fewer statements identify it now.
        crate::fingerprint::stamp(&mut f, &outcome.rules, &outcome.articles);
        kept.push(f);
    }
    outcome.findings = kept;
    outcome.hidden.known = before - outcome.findings.len();
    outcome.hidden.stale = baseline
        .findings
        .iter()
        .filter(|e| {
            !used_findings.contains(&e.fingerprint)
                && !entry_dissents(e).iter().any(|d| used.contains(d))
        })
        .cloned()
        .collect();
    outcome.hidden.baseline = Some(shown);
}

/// Keeps the findings that involve one of the `given` changed articles: a statement that
/// disagrees is in one of them (see [`crate::fingerprint::identifying`]). Paths that are
/// not articles of the set, such as deleted files, are passed over; article files among
/// them are listed as not checked.
fn keep_changed(outcome: &mut Outcome, given: &[PathBuf]) {
    let changed: BTreeSet<PathBuf> = given.iter().filter_map(|p| canonical(p)).collect();
    let articles: Vec<Option<PathBuf>> = outcome
        .articles
        .iter()
        .map(|a| canonical(Path::new(&a.path)))
        .collect();
    let involved: Vec<bool> = articles
        .iter()
        .map(|a| a.as_ref().is_some_and(|p| changed.contains(p)))
        .collect();
    outcome.hidden.not_checked = given
        .iter()
        .filter(|p| p.is_file() && article::is_article_file(p))
        .filter(|p| canonical(p).is_some_and(|c| !articles.contains(&Some(c))))
        .map(|p| article::display(p))
        .collect();
    let before = outcome.findings.len();
    outcome
        .findings
        .retain(|f| crate::fingerprint::identifying(f).any(|i| involved[i.statement.article]));
    outcome.hidden.unchanged = before - outcome.findings.len();
}

/// Records `outcome`'s findings in the baseline file `path`, keeping the hand-written
/// reasons of the baseline already there; returns how many findings it holds.
///
/// Nothing is lost: a file that exists is replaced only when it is an empty file or a
/// baseline this build reads (never an article of the set), and the new text is written to
/// a temporary file beside it and renamed over it, so a failed write leaves the old file.
pub fn write(outcome: &Outcome, path: &Path) -> Result<usize, BaselineError> {
    let shown = crate::article::display(path);
    let not_overwritten = |why: String, causes| BaselineError::NotOverwritten {
        path: shown.clone(),
        why,
        causes,
    };
    let previous = if path.exists() {
        if outcome.is_article(path) {
            return Err(not_overwritten(
                "it is an article of the set checked".to_owned(),
                Vec::new(),
            ));
        }
        if !path.is_file() {
            return Err(not_overwritten("it is not a file".to_owned(), Vec::new()));
        }
        let empty = fs::metadata(path).is_ok_and(|m| m.len() == 0);
        if empty {
            None
        } else {
            let existing = baseline::read(path).map_err(|e| {
                not_overwritten(
                    "it could not be read as a crosscheck baseline".to_owned(),
                    vec![e],
                )
            })?;
            Some(existing)
        }
    } else {
        None
    };
    let (text, count) = record(outcome, previous.as_ref());
    let unwritable = |e: std::io::Error| BaselineError::Unwritable {
        path: shown.clone(),
        error: e,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(unwritable)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(unwritable)?;
    file.persist(path).map_err(|e| unwritable(e.error))?;
    Ok(count)
}

/// The baseline of `outcome`'s findings, as the file's text, with how many findings it
/// holds; the reasons of `previous` entries that still match are kept.
pub fn record(outcome: &Outcome, previous: Option<&Baseline>) -> (String, usize) {
    let reasons: BTreeMap<&str, &str> = previous
        .into_iter()
        .flat_map(|b| &b.findings)
        .filter_map(|e| Some((e.fingerprint.as_str(), e.reason.as_deref()?)))
        .collect();
    let mut findings: Vec<Entry> = Vec::new();
    for f in &outcome.findings {
        let fingerprint = f.fingerprint.clone();
        if findings.iter().any(|e| e.fingerprint == fingerprint) {
            continue;
        }
        let mut statements: Vec<Quoted> = crate::fingerprint::identifying(f)
            .map(|i| Quoted {
                path: outcome.articles[i.statement.article].path.clone(),
                quote: i.statement.quote.clone(),
            })
            .collect();
        statements.dedup();
        findings.push(Entry {
            reason: reasons.get(fingerprint.as_str()).map(|r| (*r).to_owned()),
            fingerprint,
            rule: outcome.rules[f.rule].id.clone(),
            key: f.key.clone(),
            statements,
        });
    }
    let baseline = Baseline {
        version: baseline::VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&baseline).unwrap_or_default();
    text.push('\n');
    (text, baseline.findings.len())
}
