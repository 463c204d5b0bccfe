//! Reporting: renders an [`Outcome`] (or an extraction) for people (miette's graphical
//! report) or machines (JSON).
//!
//! Renderers only read findings; they never search or compare. Adding a format means adding
//! a renderer here and nothing else.

mod extract;
mod human;
mod json;

use std::io::{self, Write};

use crate::check::Outcome;

pub use extract::render_extraction;
pub use human::Style;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Rich diagnostics with snippets of each article.
    Human,
    /// One JSON document.
    Json,
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
    }
}
