//! The compact format: one line per statement of each finding on stdout,
//! `path:line:col: severity[rule-id] message`, for editors' quickfix lists and grep; what
//! could not be read goes to stderr in the same shape, with its code in the brackets.

use std::io::{self, Write};

use super::phrases::{self, Note};
use super::Style;
use crate::outcome::Outcome;

/// Writes a line per statement to `out`, and a line per problem to `err`.
pub(super) fn render(
    outcome: &Outcome,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    for finding in &outcome.findings {
        let rule = &outcome.rules[finding.rule];
        let headline = phrases::headline(outcome, finding);
        for involved in &finding.statements {
            let s = &involved.statement;
            let message = format!("{}: {headline}", phrases::statement(finding, involved));
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                outcome.articles[s.article].path,
                s.line,
                s.column,
                finding.severity.name(),
                rule.id,
                phrases::one_line(&message)
            )?;
        }
    }
    for note in phrases::notes(outcome) {
        writeln!(err, "{}", note_line(&note))?;
    }
    if style.verbose {
        for s in &outcome.set_aside {
            writeln!(err, "{}", phrases::set_aside(outcome, s))?;
        }
    }
    Ok(())
}

/// `path:line:col: error[code] message`, or `path: error[code] message` for a file as a
/// whole.
fn note_line(note: &Note) -> String {
    let place = match note.start {
        Some((line, column)) => format!("{}:{line}:{column}", note.path),
        None => note.path.clone(),
    };
    format!(
        "{place}: {}[{}] {}",
        note.severity.name(),
        note.code,
        phrases::one_line(&note.message)
    )
}
