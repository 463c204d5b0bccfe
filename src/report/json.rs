//! The JSON format: one document with findings, errors and a summary (a contract: fields
//! are added, never renamed or removed).

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::article::Article;
use crate::compare::{FindingKind, Side};
use crate::grammar::{Interval, Reading};
use crate::outcome::Outcome;
use crate::problem::Problem;
use crate::qualifiers::Qualifiers;
use crate::statement::Statement;

/// Writes the outcome as one JSON document.
pub(super) fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
            let rule = &outcome.rules[f.rule];
            let statements: Vec<Value> = f
                .statements
                .iter()
                .zip(crate::fingerprint::identifies(f))
                .map(|(i, identifies)| {
                    let mut v = statement(&outcome.articles, &i.statement);
                    // Each dissenting statement's own fingerprint, which a baseline accepts.
                    let fingerprint = identifies.then(|| outcome.dissent_fingerprint(f, i));
                    extend(
                        &mut v,
                        json!({
                            "agrees": i.agrees,
                            "side": i.side.map(Side::name),
                            "fingerprint": fingerprint,
                        }),
                    );
                    if let Some(c) = i.converted {
                        extend(&mut v, json!({ "converted": converted(&i.statement, c) }));
                    }
                    v
                })
                .collect();
            let consensus = f.consensus.as_ref().map(|c| {
                let mut v = value(&c.value);
                extend(
                    &mut v,
                    json!({ "reading": c.value.range(), "articles": c.articles, "of": c.of }),
                );
                v
            });
            let paired = match (f.kind, f.statements.first()) {
                (FindingKind::Paired { converted: c }, Some(first)) => {
                    converted(&first.statement, c)
                }
                _ => Value::Null,
            };
            json!({
                "rule": rule.id,
                "title": rule.title,
                "severity": f.severity.name(),
                "kind": match f.kind {
                    FindingKind::Contradiction => "contradiction",
                    FindingKind::DifferentFrames => "different-frames",
                    FindingKind::Unrecognized => "unrecognized",
                    FindingKind::Paired { .. } => "paired",
                },
                "key": f.key,
                "fingerprint": outcome.fingerprint(f),
                "message": rule.message,
                "consensus": consensus,
                "split": f.split,
                "scope": f.scope,
                "paired_converted": paired,
                "statements": statements,
            })
        })
        .collect();
    let set_aside: Vec<Value> = outcome
        .set_aside
        .iter()
        .map(|a| {
            let mut v = statement(&outcome.articles, &a.statement);
            extend(
                &mut v,
                json!({
                    "rule": outcome.rules[a.statement.rule].id,
                    "cause": a.cause.name(),
                    "reason": a.reason,
                }),
            );
            v
        })
        .collect();
    let unread: Vec<Value> = outcome
        .unread
        .iter()
        .filter_map(|m| {
            let e = m.reading.as_ref().err()?;
            Some(json!({
                "path": outcome.articles[m.article].path,
                "line": m.line,
                "column": m.column,
                "start": m.span.0,
                "end": m.span.1,
                "quote": m.quote,
                "code": e.code(),
                "error": e.to_string(),
            }))
        })
        .collect();
    let unused: Vec<Value> = outcome
        .unused
        .iter()
        .map(|u| {
            let (line, column) = position(u).unzip();
            json!({
                "path": u.path,
                "line": line,
                "column": column,
                "rule": u.rule,
                "code": miette::Diagnostic::code(u).map(|c| c.to_string()),
                "message": u.to_string(),
            })
        })
        .collect();
    let not_compared: serde_json::Map<String, Value> = outcome
        .not_compared()
        .into_iter()
        .map(|(cause, n)| (cause.name().to_owned(), n.into()))
        .collect();
    let hidden = &outcome.hidden;
    let baseline = hidden
        .baseline
        .as_ref()
        .map(|path| json!({ "path": path, "known": hidden.known, "stale": hidden.stale }));
    let document = json!({
        "findings": findings,
        "set_aside": set_aside,
        "unread": unread,
        "unused_ignores": unused,
        "baseline": baseline,
        "errors": errors(&outcome.problems),
        "summary": {
            "articles": outcome.articles.len(),
            "rules": outcome.rules.len(),
            "statements": outcome.statements.len(),
            "findings": outcome.findings.len(),
            "scopes": outcome.scopes,
            "not_compared": not_compared,
            "errors": outcome.problems.iter().filter(|p| !p.is_warning()).count(),
            "known": hidden.known,
            "unchanged": hidden.unchanged,
            "not_checked": hidden.not_checked,
        },
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// A statement: where it is, what it says and how it was read.
pub(super) fn statement(articles: &[Article], s: &Statement) -> Value {
    let article = &articles[s.article];
    let mut v = json!({
        "path": article.path,
        "line": s.line,
        "column": s.column,
        "start": s.span.0,
        "end": s.span.1,
        "quote": s.quote,
    });
    extend(&mut v, value(&s.value));
    if let Some(p) = &s.paired {
        let mut paired = json!({ "start": p.span.0, "end": p.span.1, "quote": p.quote });
        extend(&mut paired, reading(&p.reading));
        extend(&mut v, json!({ "paired": paired }));
    }
    extend(
        &mut v,
        json!({ "qualifiers": qualifiers(&s.qualifiers), "key": s.key }),
    );
    extend(
        &mut v,
        json!({
            "sentence": article.text[s.sentence.0..s.sentence.1],
            "source": article.meta.source,
            "published": article.meta.published.map(|d| d.to_string()),
        }),
    );
    v
}

/// A statement's value: a reading's fields, or a wording's with its verdict.
pub(super) fn value(v: &crate::statement::Value) -> Value {
    use crate::rules::Verdict;
    match v {
        crate::statement::Value::Quantity(r) => reading(r),
        crate::statement::Value::Wording { text, verdict } => {
            let (name, variant) = match verdict {
                Verdict::Accepted(w) => ("accepted", Some(w)),
                Verdict::Contradicting(w) => ("contradicting", Some(w)),
                Verdict::Unrecognized(nearest) => ("unrecognized", nearest.as_ref()),
            };
            json!({
                "kind": "wording",
                "hedge": null,
                "low": null,
                "high": null,
                "unit": null,
                "reading": v.to_string(),
                "note": null,
                "wording": text,
                "verdict": name,
                "variant": variant,
            })
        }
    }
}

/// A converted value of a statement, in the claim's common unit.
fn converted(s: &Statement, value: Interval) -> Value {
    match s.value.reading() {
        Some(r) => interval(r, value),
        None => Value::Null,
    }
}

/// A reading's fields: kind, hedge, low, high, unit, the label and a note.
pub(super) fn reading(r: &Reading) -> Value {
    json!({
        "kind": r.kind.name(),
        "hedge": r.hedge,
        "low": r.low_json(),
        "high": r.high_json(),
        "unit": r.unit,
        "reading": r.to_string(),
        "note": r.note,
    })
}

/// An interval in the kind and unit of `like`: `{"low": .., "high": ..}`.
fn interval(like: &Reading, value: Interval) -> Value {
    let r = Reading {
        value,
        ..like.clone()
    };
    json!({ "low": r.low_json(), "high": r.high_json(), "unit": r.unit })
}

/// Time frame, reference date and attribution.
pub(super) fn qualifiers(q: &Qualifiers) -> Value {
    let days = |d: Option<Interval>| d.map(|d| interval(&Reading::days(d), d));
    json!({
        "frame": q.frame.as_ref().map(|f| json!({ "text": f.text, "days": days(f.days) })),
        "as_of": { "days": days(q.as_of.days), "stated": q.as_of.stated },
        "attribution": q.attribution.as_ref().map(|a| json!({ "speaker": a.speaker, "direct": a.direct })),
    })
}

/// The problems: path, code and message of each.
pub(super) fn errors(problems: &[Problem]) -> Vec<Value> {
    problems
        .iter()
        .map(|p| {
            let (line, column) = position(p).unzip();
            json!({
                "path": p.path(),
                "line": line,
                "column": column,
                "code": miette::Diagnostic::code(p).map(|c| c.to_string()),
                "severity": if p.is_warning() { "warning" } else { "error" },
                "message": p.to_string(),
            })
        })
        .collect()
}

/// The 1-based line and column (in characters, as statements count them) of a
/// diagnostic's first label, when it has one.
pub(super) fn position(d: &dyn miette::Diagnostic) -> Option<(usize, usize)> {
    let label = d.labels()?.next()?;
    let contents = d.source_code()?.read_span(label.inner(), 0, 0).ok()?;
    // Everything before the label, to count the characters of its line (miette counts bytes).
    let before = d
        .source_code()?
        .read_span(&(0, label.offset()).into(), 0, 0)
        .ok()?;
    let text = before
        .data()
        .get(..label.offset().checked_sub(before.span().offset())?)?;
    let line = text.rsplit(|&b| b == b'\n').next().unwrap_or_default();
    let column = String::from_utf8_lossy(line).chars().count();
    Some((contents.line() + 1, column + 1))
}

/// Adds the fields of the object `more` to the object `v`.
pub(super) fn extend(v: &mut Value, more: Value) {
    if let (Value::Object(v), Value::Object(more)) = (v, more) {
        v.extend(more);
    }
}
