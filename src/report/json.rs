//! The JSON format: one document with findings, errors and a summary (a contract: fields
//! are added, never renamed or removed).

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::check::Outcome;
use crate::grammar::Reading;

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
                .map(|i| {
                    let s = &i.statement;
                    let article = &outcome.articles[s.article];
                    json!({
                        "path": article.path,
                        "line": s.line,
                        "column": s.column,
                        "start": s.span.0,
                        "end": s.span.1,
                        "quote": s.quote,
                        "kind": s.reading.kind.name(),
                        "hedge": s.reading.hedge,
                        "low": s.reading.low_json(),
                        "high": s.reading.high_json(),
                        "unit": s.reading.unit,
                        "reading": s.reading.to_string(),
                        "agrees": i.agrees,
                        "sentence": article.text[s.sentence.0..s.sentence.1],
                        "source": article.meta.source,
                        "published": article.meta.published.map(|d| d.to_string()),
                    })
                })
                .collect();
            let consensus = f.consensus.map(|c| {
                let reading = Reading {
                    hedge: None,
                    value: c.value,
                    ..f.statements[0].statement.reading.clone()
                };
                json!({
                    "low": reading.low_json(),
                    "high": reading.high_json(),
                    "articles": c.articles,
                    "of": c.of,
                })
            });
            json!({
                "rule": rule.id,
                "title": rule.title,
                "severity": rule.severity.name(),
                "message": rule.message,
                "consensus": consensus,
                "statements": statements,
            })
        })
        .collect();
    let errors: Vec<Value> = outcome
        .problems
        .iter()
        .map(|p| {
            json!({
                "path": p.path(),
                "code": miette::Diagnostic::code(p).map(|c| c.to_string()),
                "message": p.to_string(),
            })
        })
        .collect();
    let document = json!({
        "findings": findings,
        "errors": errors,
        "summary": {
            "articles": outcome.articles.len(),
            "rules": outcome.rules.len(),
            "statements": outcome.statements.len(),
            "findings": outcome.findings.len(),
            "errors": outcome.problems.len(),
        },
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
