//! The GitHub format: workflow commands that GitHub Actions turns into annotations on the
//! articles, one per statement of each finding (`::error file=..,line=..::message`), then
//! one per value or file that could not be read. A statement that agrees with most sources
//! is a `notice`, so that a pull request's warnings and errors point at what disagrees.
//! Everything goes to stdout, where the runner reads commands.

use std::io::{self, Write};

use super::lower::{self, Ends};
use crate::outcome::Outcome;
use crate::rules::Severity;

/// Writes a command per statement, then per problem, to `out`.
pub(super) fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut ends = Ends::new(outcome);
    for f in lower::findings(outcome) {
        for st in &f.statements {
            let (end_line, end_column) = ends.end(st);
            let message = format!("{}\n{}\nhelp: {}", f.headline, st.message, f.help);
            let properties = [
                ("file", st.place.path.to_owned()),
                ("line", st.place.line.to_string()),
                ("col", st.place.column.to_string()),
                ("endLine", end_line.to_string()),
                ("endColumn", end_column.to_string()),
                ("title", f.rule.id.clone()),
            ];
            let level = st.severity.map_or("notice", level);
            writeln!(out, "{}", command(level, &properties, &message))?;
        }
    }
    for note in ends.notes() {
        let mut properties = vec![("file", note.path.clone())];
        if let Some((line, column)) = note.start {
            properties.push(("line", line.to_string()));
            properties.push(("col", column.to_string()));
        }
        if let Some((line, column)) = note.end {
            properties.push(("endLine", line.to_string()));
            properties.push(("endColumn", column.to_string()));
        }
        properties.push(("title", note.code.clone()));
        writeln!(
            out,
            "{}",
            command(level(note.severity), &properties, &note.text())
        )?;
    }
    Ok(())
}

/// The command for a severity: `error`, `warning` or `notice`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `::name key=value,key=value::message`, escaped as the actions toolkit escapes them.
fn command(name: &str, properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(message)
    )
}

/// A command's message: `%`, carriage returns and line feeds are percent-encoded, so a
/// message of several lines stays one command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which would end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_ends() {
        assert_eq!(
            escape_data("50% of 40, said: \"yes\"\r\nthen 30\n"),
            "50%25 of 40, said: \"yes\"%0D%0Athen 30%0A"
        );
        // `%` first: an escape is never escaped again.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("C:\\news\\a, b%.txt\n"),
            "C%3A\\news\\a%2C b%25.txt%0A"
        );
    }

    #[test]
    fn a_command_keeps_properties_and_message_apart() {
        assert_eq!(
            command(
                "warning",
                &[("file", "a,b:c.txt".to_owned()), ("title", "x".to_owned())],
                "one: two, three\nfour"
            ),
            "::warning file=a%2Cb%3Ac.txt,title=x::one: two, three%0Afour"
        );
    }
}
