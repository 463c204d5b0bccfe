//! An [`Outcome`] written as a short, stable text for snapshots: each finding with its rule,
//! key, kind, severity and consensus, then each statement involved (which side it is on,
//! where it is, how it was read, in which time frame, as of when, from whom), then the
//! statements set aside and why, and whatever the baseline, the changed articles or a
//! problem kept out of the report. Paths are as given, so relative to the repository root.

use std::fmt::Write;
use std::path::PathBuf;

use crosscheck::compare::{Finding, FindingKind, Side};
use crosscheck::config::Settings;
use crosscheck::grammar::Reading;
use crosscheck::{check, CheckOptions, Outcome};
use miette::Diagnostic;

/// Checks `paths` with the rule files `rules` (none: the shipped rules) and `settings`.
pub fn run(paths: &[&str], rules: &[&str], settings: Settings) -> Outcome {
    check(&CheckOptions {
        paths: paths.iter().map(PathBuf::from).collect(),
        rules: rules.iter().map(PathBuf::from).collect(),
        settings,
        ..CheckOptions::default()
    })
}

/// A path under the repository root (as `insta::glob!` gives them) made relative to it, so
/// paths in snapshots are as a user types them (tests run in the repository root).
pub fn relative(path: &std::path::Path) -> &std::path::Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("fixtures are in the repository")
}

/// A path with `/` between its parts, so snapshots read the same everywhere.
pub fn slashed(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `visitor=xi, office=president`, or `-` for no key.
fn key(f: &Finding) -> String {
    if f.key.is_empty() {
        return "-".to_owned();
    }
    let parts: Vec<String> = f.key.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.join(", ")
}

/// The kind of a finding as JSON names it.
fn kind(f: &Finding) -> String {
    match f.kind {
        FindingKind::Contradiction => "contradiction".to_owned(),
        FindingKind::DifferentFrames => "different-frames".to_owned(),
        FindingKind::Unrecognized => "unrecognized".to_owned(),
        FindingKind::Paired { converted } => {
            format!("paired (second value converted: {converted})")
        }
    }
}

/// The summary of `outcome`.
pub fn summary(outcome: &Outcome) -> String {
    let mut out = String::new();
    let path = |a: usize| outcome.articles[a].path.replace('\\', "/");
    let _ = writeln!(
        out,
        "{} articles, {} rules, {} statements, {} scope(s)",
        outcome.articles.len(),
        outcome.rules.len(),
        outcome.statements.len(),
        outcome.scopes
    );
    for f in &outcome.findings {
        let _ = write!(
            out,
            "\nfinding {} [{}]: {} at {}",
            outcome.rules[f.rule].id,
            key(f),
            kind(f),
            f.severity.name()
        );
        if let Some(scope) = &f.scope {
            let _ = write!(out, ", scope {scope}");
        }
        if f.split {
            out.push_str(", split");
        }
        if let Some(c) = &f.consensus {
            let _ = write!(
                out,
                "; most sources ({} of {}) allow {}",
                c.articles,
                c.of,
                c.value.range()
            );
        }
        out.push('\n');
        for i in &f.statements {
            // ✓ agrees with most sources, ✗ does not; a split names the side instead.
            let mark = match i.side {
                Some(Side::First) => "side a",
                Some(Side::Second) => "side b",
                Some(Side::Both) => "both sides",
                None if i.agrees => "agrees",
                None => "DISSENTS",
            };
            let s = &i.statement;
            let _ = write!(
                out,
                "  {mark}: {}:{}:{} {} ({})",
                path(s.article),
                s.line,
                s.column,
                s.value,
                s.qualifiers
            );
            if let Some(days) = s.qualifiers.frame.as_ref().and_then(|f| f.days) {
                let _ = write!(out, ", frame {}", Reading::days(days).range());
            }
            if let Some(converted) = i.converted {
                let _ = write!(out, ", converted {converted}");
            }
            if let Some(p) = &s.paired {
                let _ = write!(out, ", paired with {}", p.reading);
            }
            out.push('\n');
        }
    }
    if !outcome.set_aside.is_empty() {
        out.push_str("\nset aside:\n");
        for a in &outcome.set_aside {
            let s = &a.statement;
            let _ = writeln!(
                out,
                "  {} {}:{}:{} {} ({}): {}: {}",
                outcome.rules[s.rule].id,
                path(s.article),
                s.line,
                s.column,
                s.value,
                s.qualifiers,
                a.cause.name(),
                a.reason
            );
        }
    }
    if !outcome.unread.is_empty() {
        out.push_str("\nunread:\n");
        for m in &outcome.unread {
            let why = match &m.reading {
                Ok(r) => r.to_string(),
                Err(e) => format!("not read: {e}"),
            };
            let _ = writeln!(
                out,
                "  {}:{}:{} `{}`: {why}",
                path(m.article),
                m.line,
                m.column,
                m.quote
            );
        }
    }
    if !outcome.unused.is_empty() {
        out.push_str("\nunused ignores:\n");
        for u in &outcome.unused {
            let _ = writeln!(out, "  {}", diagnostic(u));
        }
    }
    let h = &outcome.hidden;
    if h.baseline.is_some() || h.known > 0 || h.unchanged > 0 || !h.not_checked.is_empty() {
        let _ = writeln!(
            out,
            "\nhidden: baseline {:?}, {} known, {} stale, {} not involving a changed article, not checked {:?}",
            h.baseline.as_deref().map(|b| b.replace('\\', "/")),
            h.known,
            h.stale.len(),
            h.unchanged,
            h.not_checked
        );
    }
    if !outcome.problems.is_empty() {
        out.push_str("\nproblems:\n");
        for p in &outcome.problems {
            let _ = writeln!(out, "  {}", diagnostic(p));
        }
    }
    out
}

/// `code at path: message` of a diagnostic.
fn diagnostic(d: &(impl Diagnostic + ?Sized)) -> String {
    let code = d.code().map(|c| c.to_string()).unwrap_or_default();
    let severity = match d.severity() {
        Some(miette::Severity::Warning) => " (warning)",
        Some(miette::Severity::Advice) => " (advice)",
        _ => "",
    };
    format!("{code}{severity}: {}", d.to_string().replace('\\', "/"))
}
