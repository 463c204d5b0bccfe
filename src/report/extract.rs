//! Renders an [`Extraction`]: one line per mention for people, or the JSON contract.

use std::io::{self, Write};

use serde::Serialize;

use super::lower::Place;
use super::wire::{ProblemWire, Seq, StatementWire, ValueWire};
use super::{human, ExtractFormat, Style};
use crate::extract::{Extraction, Mention};
use crate::outcome::Texts;
use crate::statement::Statement;

/// The JSON document of `extract`.
#[derive(Serialize)]
struct ExtractionWire<M, S, E> {
    #[serde(bound(serialize = "Seq<M>: Serialize"))]
    mentions: Seq<M>,
    #[serde(bound(serialize = "Seq<S>: Serialize"))]
    statements: Seq<S>,
    #[serde(bound(serialize = "Seq<E>: Serialize"))]
    errors: Seq<E>,
}

/// A value the grammar met: where, and how it was read or why not.
#[derive(Serialize)]
struct MentionWire<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    #[serde(flatten)]
    reading: Read<'a>,
}

/// A mention's reading, or the error that kept it unread.
#[derive(Serialize)]
#[serde(untagged)]
enum Read<'a> {
    Reading(Box<ValueWire<'a>>),
    Error { error: String, code: &'static str },
}

/// A statement with its rule's id.
#[derive(Serialize)]
struct RuledStatement<'a> {
    #[serde(flatten)]
    statement: StatementWire<'a>,
    rule: &'a str,
}

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
            let found = &extraction.found;
            let statements = found.statements.iter().map(|s| &**s);
            let texts = Texts::new(&found.articles, statements, &found.unread);
            human::render_unread(&found.articles, &extraction.mentions, &texts, style, err)?;
            human::render_problems(&extraction.found.problems, style, err)
        }
        ExtractFormat::Json => {
            let found = &extraction.found;
            let document = ExtractionWire {
                mentions: Seq(|| {
                    extraction.mentions.iter().map(|m| MentionWire {
                        place: Place::mention(&found.articles, m),
                        reading: match &m.reading {
                            Ok(r) => Read::Reading(Box::new(ValueWire::reading(r))),
                            Err(e) => Read::Error {
                                error: e.to_string(),
                                code: e.code(),
                            },
                        },
                    })
                }),
                statements: Seq(|| {
                    found.statements.iter().map(|s| RuledStatement {
                        statement: StatementWire::new(&found.articles, s),
                        rule: &found.rules[s.rule].id,
                    })
                }),
                errors: Seq(|| found.problems.iter().map(ProblemWire::new)),
            };
            super::wire::write_document(&document, out)
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
