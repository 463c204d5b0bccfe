//! Renders a [`Discovery`]: each candidate claim with its frame, the quote and reading per
//! source and a verdict, for people; or one JSON document.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{human, Style};
use crate::discover::{Candidate, Discovery, Said};

/// Writes the candidates to `out` (as JSON when `json`), problems to `err`.
pub fn render_discovery(
    discovery: &Discovery,
    json: bool,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let candidates: Vec<Value> = discovery
            .candidates
            .iter()
            .enumerate()
            .map(|(n, c)| candidate_json(discovery, n + 1, c))
            .collect();
        let errors: Vec<Value> = discovery
            .problems
            .iter()
            .map(|p| json!({ "path": p.path(), "code": miette::Diagnostic::code(p).map(|c| c.to_string()), "message": p.to_string() }))
            .collect();
        let document = json!({
            "articles": discovery.articles.len(),
            "statements": discovery.statements.len(),
            "candidates": candidates,
            "errors": errors,
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        return writeln!(out);
    }
    for (n, c) in discovery.candidates.iter().enumerate() {
        write_candidate(discovery, n + 1, c, out)?;
    }
    let count = |v| {
        discovery
            .candidates
            .iter()
            .filter(|c| c.verdict == v)
            .count()
    };
    use crate::discover::Verdict;
    writeln!(
        out,
        "{} candidate claim{} in {} article{}: {} disagree, {} uncertain, {} agree",
        discovery.candidates.len(),
        if discovery.candidates.len() == 1 {
            ""
        } else {
            "s"
        },
        discovery.articles.len(),
        if discovery.articles.len() == 1 {
            ""
        } else {
            "s"
        },
        count(Verdict::Disagree),
        count(Verdict::Uncertain),
        count(Verdict::Agree),
    )?;
    human::render_problems(&discovery.problems, style, err)
}

/// One candidate for people.
fn write_candidate(
    discovery: &Discovery,
    number: usize,
    c: &Candidate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let unit = c
        .unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    writeln!(
        out,
        "{number}. {}: {}{unit} · {} sources · {}",
        c.verdict.name(),
        c.kind.name(),
        c.sources,
        c.frame
    )?;
    if !c.subjects.is_empty() {
        writeln!(out, "   subjects: {}", c.subjects.join(", "))?;
    }
    for &i in &c.statements {
        let s = &discovery.statements[i];
        let flag = if c.conflicts.iter().any(|&(a, b)| a == i || b == i) {
            "×"
        } else {
            " "
        };
        writeln!(out, "  {flag}{}", statement_line(discovery, s))?;
    }
    writeln!(out, "   {}", c.reason)?;
    writeln!(out)
}

/// `path:line:col  about 40 → 36..44  (since 2012; as of 2019)`.
fn statement_line(discovery: &Discovery, s: &Said) -> String {
    let path = &discovery.articles[s.article].path;
    let mut qualifiers = Vec::new();
    if let Some(f) = &s.qualifiers.frame {
        qualifiers.push(f.text.clone());
    }
    if let Some(stated) = &s.qualifiers.as_of.stated {
        qualifiers.push(format!("said {stated}"));
    }
    let qualifiers = if qualifiers.is_empty() {
        String::new()
    } else {
        format!("  ({})", qualifiers.join("; "))
    };
    let reading = match &s.tally {
        Some(t) => format!(
            "{} → {} (the {} value)",
            t.quote,
            s.reading.range(),
            t.side_name()
        ),
        None => s.reading.to_string(),
    };
    format!(
        "{path}:{}:{}  {}{qualifiers}",
        s.line,
        s.column,
        crate::text::neutralize_controls(&reading)
    )
}

/// One candidate as JSON.
fn candidate_json(discovery: &Discovery, number: usize, c: &Candidate) -> Value {
    let position = |i: usize| c.statements.iter().position(|&s| s == i);
    let statements: Vec<Value> = c
        .statements
        .iter()
        .map(|&i| {
            let s = &discovery.statements[i];
            let mut v = json!({
                "path": discovery.articles[s.article].path,
                "source": discovery.articles[s.article].meta.source,
                "line": s.line,
                "column": s.column,
                "start": s.span.0,
                "end": s.span.1,
                "quote": s.quote,
                "sentence": s.sentence,
                "names": s.names,
                "tally": s.tally.as_ref().map(|t| json!({ "side": t.side_name(), "quote": t.quote })),
                "event": s.event,
            });
            super::wire::extend(&mut v, super::wire::ValueWire::reading(&s.reading));
            super::wire::extend(&mut v, super::wire::QualifiersWire::new(&s.qualifiers));
            v
        })
        .collect();
    let conflicts: Vec<Value> = c
        .conflicts
        .iter()
        .filter_map(|&(a, b)| Some(json!([position(a)?, position(b)?])))
        .collect();
    json!({
        "number": number,
        "verdict": c.verdict.name(),
        "kind": c.kind.name(),
        "unit": c.unit,
        "frame": c.frame,
        "words": c.words,
        "subjects": c.subjects,
        "sources": c.sources,
        "reason": c.reason,
        "statements": statements,
        "conflicts": conflicts,
    })
}
