//! The compact format: one line per statement of each finding on stdout,
//! `path:line:col: severity[rule-id] message`, for editors' quickfix lists and grep; what
//! could not be read goes to stderr in the same shape, with its code in the brackets. A
//! statement that needs no correction (it agrees with most sources, or fits both sides of
//! a split) is a `note`, so the finding's severity marks only what disagrees, as GitHub's
//! `notice` does.

use std::io::{self, Write};

use super::lower::{self, Ends};
use super::phrases;
use super::Style;
use crate::outcome::Outcome;

/// Writes a line per statement to `out`, and a line per problem to `err`.
pub(super) fn render(
    outcome: &Outcome,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    for f in lower::findings(outcome) {
        for st in &f.statements {
            let message = format!("{}: {}", st.message, f.headline);
            writeln!(
                out,
                "{}: {}[{}] {}",
                st.place,
                st.severity.map_or("note", |s| s.name()),
                f.rule.id,
                phrases::one_line(&message)
            )?;
        }
    }
    // `path:line:col: error[code] message`, or `path: error[code] message` for a file as a
    // whole.
    for note in Ends::new(outcome).notes() {
        writeln!(
            err,
            "{}: {}[{}] {}",
            note.place(),
            note.severity.name(),
            note.code,
            phrases::one_line(&note.message)
        )?;
    }
    if style.verbose {
        for s in &outcome.set_aside {
            writeln!(err, "{}", phrases::set_aside(outcome, s))?;
        }
    }
    Ok(())
}
