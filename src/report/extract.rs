//! Renders an [`Extraction`]: one line per mention for people, or the JSON contract.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{human, ExtractFormat, Style};
use crate::extract::{Extraction, Mention};
use crate::statement::Statement;

/// Writes the mentions (and statements, when rules were given) to `out`, problems to `err`.
pub fn render_extraction(
    extraction: &Extraction,
    format: ExtractFormat,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ExtractFormat::Human => {
            for m in &extraction.mentions {
                writeln!(out, "{}", mention_line(extraction, m))?;
            }
            for s in &extraction.found.statements {
                writeln!(out, "{}", statement_line(extraction, s))?;
            }
            human::render_unread(&extraction.found.articles, &extraction.mentions, style, err)?;
            human::render_problems(&extraction.found.problems, style, err)
        }
        ExtractFormat::Json => {
            let found = &extraction.found;
            let mentions: Vec<Value> = extraction
                .mentions
                .iter()
                .map(|m| {
                    let mut v = json!({
                        "path": found.articles[m.article].path,
                        "line": m.line,
                        "column": m.column,
                        "start": m.span.0,
                        "end": m.span.1,
                        "quote": m.quote,
                    });
                    match &m.reading {
                        Ok(r) => super::json::extend(&mut v, super::json::reading(r)),
                        Err(e) => super::json::extend(
                            &mut v,
                            json!({ "error": e.to_string(), "code": e.code() }),
                        ),
                    }
                    v
                })
                .collect();
            let statements: Vec<Value> = found
                .statements
                .iter()
                .map(|s| {
                    let mut v = super::json::statement(&found.articles, s);
                    super::json::extend(&mut v, json!({ "rule": found.rules[s.rule].id }));
                    v
                })
                .collect();
            let document = json!({
                "mentions": mentions,
                "statements": statements,
                "errors": super::json::errors(&found.problems),
            });
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)
        }
        ExtractFormat::Jsonl => {
            crate::shard::write(&extraction.found, out)?;
            human::render_problems(&extraction.found.problems, style, err)
        }
    }
}

/// `path:line:col: kind: "quote" → reading (note)`.
fn mention_line(extraction: &Extraction, m: &Mention) -> String {
    let path = &extraction.found.articles[m.article].path;
    match &m.reading {
        Ok(r) => {
            let mut line = format!("{path}:{}:{}: {}: {r}", m.line, m.column, r.kind.name());
            if let Some(note) = &r.note {
                line.push_str(&format!(" ({note})"));
            }
            line
        }
        Err(e) => format!("{path}:{}:{}: unread: {e}", m.line, m.column),
    }
}

/// `path:line:col: [rule] reading (qualifiers)`.
fn statement_line(extraction: &Extraction, s: &Statement) -> String {
    let found = &extraction.found;
    format!(
        "{}:{}:{}: [{}] {} ({})",
        found.articles[s.article].path,
        s.line,
        s.column,
        found.rules[s.rule].id,
        s.value,
        s.qualifiers
    )
}
