//! Reporting: renders an [`Outcome`] (or an extraction) for people (miette's graphical
//! report, one line per statement, or an HTML page for review) or machines (JSON, SARIF,
//! GitHub Actions commands).
//!
//! Renderers only read findings; they never search or compare. The machine formats (JSON,
//! SARIF, GitHub, compact, the HTML page's places and notes) read one lowering of the
//! outcome (`lower.rs`); the human format reads the outcome itself, for miette's snippets.
//! Adding a format means adding a renderer here and nothing else.

mod authoring;
mod compact;
mod discover;
mod extract;
mod github;
mod html;
mod human;
mod json;
mod lower;
mod phrases;
mod sarif;
mod terminal;
mod wire;

use std::io::{self, Write};
use std::path::Path;

use miette::Diagnostic;

use crate::outcome::Outcome;

pub use authoring::{
    render_init, render_rule_check, render_rule_tests, AuthoringFormat, RuleCheck, RuleTests,
};
pub use discover::render_discovery;
pub use extract::render_extraction;
pub use human::Style;
pub use terminal::Terminal;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Rich diagnostics with snippets of each article.
    Human,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0, for code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per statement.
    Github,
    /// One line per statement: `path:line:col: severity[rule] message`.
    Compact,
    /// One self-contained HTML page for editors: claims × sources, a summary, filters.
    Html,
}

impl crate::Named for Format {
    const ALL: &'static [(Format, &'static str, &'static str)] = &[
        (
            Format::Human,
            "human",
            "Rich diagnostics with snippets of each article",
        ),
        (Format::Json, "json", "One JSON document"),
        (
            Format::Sarif,
            "sarif",
            "SARIF 2.1.0, for code scanning and SARIF viewers",
        ),
        (
            Format::Github,
            "github",
            "GitHub Actions workflow commands: an annotation per statement",
        ),
        (
            Format::Compact,
            "compact",
            "One line per statement: `path:line:col: severity[rule] message`",
        ),
        (
            Format::Html,
            "html",
            "One self-contained HTML page for editors: claims × sources, a summary, filters",
        ),
    ];
}

/// An output format of `extract`: mentions are no findings, so no findings' formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One line per mention and per statement.
    Human,
    /// One JSON document.
    Json,
    /// A shard for `crosscheck compare`: JSON lines of articles and statements with
    /// everything comparison needs (no mentions; problems also on stderr).
    Jsonl,
}

impl crate::Named for ExtractFormat {
    const ALL: &'static [(ExtractFormat, &'static str, &'static str)] = &[
        (ExtractFormat::Human, "human", "One line per mention and per statement"),
        (ExtractFormat::Json, "json", "One JSON document"),
        (ExtractFormat::Jsonl, "jsonl", "A shard for `crosscheck compare`: JSON lines of articles and statements with everything comparison needs (no mentions; problems also on stderr)"),
    ];
}

/// Writes the findings of `outcome` to `out`, and its problems to `err`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(outcome, style, out, err),
        Format::Json => json::render(outcome, out),
        Format::Sarif => sarif::render(outcome, out),
        Format::Github => github::render(outcome, out),
        Format::Compact => compact::render(outcome, style, out, err),
        Format::Html => html::render(outcome, style, out),
    }
}

/// A report file that must not or could not be written.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum OutputError {
    /// The file named for the report is one of the articles checked.
    #[error("{path}: is an article of the set; the report would overwrite it")]
    #[diagnostic(
        code(crosscheck::output::is_article),
        help("name a file outside the articles with -o, or leave -o out to write to stdout")
    )]
    IsArticle {
        /// The file, as named.
        path: String,
    },
    /// The file could not be created or written.
    #[error("{path}: could not be written: {error}")]
    #[diagnostic(
        code(crosscheck::output::unwritable),
        help("check that the folder exists and is writable, or leave -o out to write to stdout")
    )]
    Unwritable {
        /// The file, as named.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
}

/// Refuses `path` as the report's file when it is one of the outcome's articles (the same
/// file, however it is named).
pub fn check_output(outcome: &Outcome, path: &Path) -> Result<(), OutputError> {
    if outcome.is_article(path) {
        return Err(OutputError::IsArticle {
            path: crate::article::display(path),
        });
    }
    Ok(())
}
