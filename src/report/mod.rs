//! Reporting: renders an [`Outcome`] (or an extraction) for people (miette's graphical
//! report, or one line per statement) or machines (JSON, SARIF, GitHub Actions commands).
//!
//! Renderers only read findings; they never search or compare. Adding a format means adding
//! a renderer here and nothing else.

mod compact;
mod extract;
mod github;
mod human;
mod json;
mod phrases;
mod sarif;
mod terminal;

use std::io::{self, Write};

use crate::check::Outcome;

pub use extract::render_extraction;
pub use human::Style;
pub use terminal::Terminal;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    }
}
