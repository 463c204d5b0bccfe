//! Pointing into YAML files: serde's error positions made precise.
//!
//! serde reports an error raised inside a nested value (a date parsed by
//! `deserialize_with`, an item of a sequence) at the start of the enclosing block, so the
//! loaders find the offending scalar itself from that line on.

use miette::SourceSpan;

/// A YAML error's message without the position serde_yaml appends (the snippet shows it).
pub(crate) fn message(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// The span of the scalar `value` as written (plain, single- or double-quoted) at or
/// after the line of `from`, standing as a whole token; else the token at `from`.
pub(crate) fn value_span(text: &str, from: usize, value: &str) -> SourceSpan {
    let from = from.min(text.len());
    let line_start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let written = [value.to_owned(), value.replace('\'', "''")];
    written
        .iter()
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            text[line_start..]
                .match_indices(w.as_str())
                .map(|(i, _)| line_start + i)
                .find(|&i| stands_alone(text, i, i + w.len()))
                .map(|i| (i, w.len()))
        })
        .map_or_else(|| token_span(text, from), SourceSpan::from)
}

/// True when `start..end` is a whole scalar: after a key, dash or quote, and before a
/// quote, comment or line end.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(before, None | Some(' ' | '\t' | '"' | '\'' | '[' | ','))
        && matches!(
            after,
            None | Some('\n' | '\r' | '"' | '\'' | ' ' | '#' | ',' | ']' | '}')
        )
}

/// The span from `at` to the end of its line, so a label underlines the offending value.
pub(crate) fn token_span(text: &str, at: usize) -> SourceSpan {
    let at = at.min(text.len());
    let rest = &text[at..];
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    (at, len.max(usize::from(at < text.len()))).into()
}

/// The value a custom error of ours names first, in backticks: "`21/03/2023` is not ...".
pub(crate) fn named_value(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// The span of the `nth` (0-based) occurrence of `token` standing as a whole scalar or
/// key; the start of the file if there is none.
pub(crate) fn nth_token_span(text: &str, token: &str, nth: usize) -> SourceSpan {
    text.match_indices(token)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + token.len()..].chars().next();
            matches!(
                before,
                None | Some('\n' | '{' | ' ' | '\t' | '"' | '\'' | '[' | ',')
            ) && matches!(
                after,
                None | Some(':' | '\n' | '\r' | '"' | '\'' | ' ' | '#' | ',' | ']' | '}')
            )
        })
        .nth(nth)
        .map_or_else(|| token_span(text, 0), |i| (i, token.len()).into())
}

/// Where a deserialization error raised at byte `at` points: the value its message names,
/// else the token at `at`.
pub(crate) fn error_span(text: &str, at: usize, message: &str) -> SourceSpan {
    match named_value(message) {
        Some(value) => value_span(text, at, value),
        None => token_span(text, at),
    }
}

/// The byte offset of `text` a deserialization error was raised at.
pub(crate) fn error_at(text: &str, e: &serde_yaml::Error) -> usize {
    e.location().map_or(0, |l| l.index()).min(text.len())
}

/// The help for a deserialization error: for an unknown field, the expected field nearest
/// in spelling, if one is near; then `general`.
pub(crate) fn help(message: &str, general: &str) -> String {
    match did_you_mean(message) {
        Some(name) => format!("did you mean `{name}`? {general}"),
        None => general.to_owned(),
    }
}

/// [`help`] for the error raised at byte `at` of `text`, where an "unknown field" that is
/// the tail of an unquoted value cut at a comma (`{ quote: some 30,000 }` reads a field
/// `000`) gets the advice to quote the value instead.
pub(crate) fn help_at(text: &str, at: usize, message: &str, general: &str) -> String {
    comma_trap(text, at, message).unwrap_or_else(|| help(message, general))
}

/// The advice for an unknown field that follows a comma inside a flow mapping on the lines
/// from `at`'s: the value before the comma, with the field, was one value.
fn comma_trap(text: &str, at: usize, message: &str) -> Option<String> {
    let field = message
        .split_once("unknown field `")
        .and_then(|(_, rest)| rest.split_once('`'))?
        .0;
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..].lines().take(8).find_map(|line| {
        line.match_indices(field).find_map(|(i, _)| {
            // The field stands alone after a comma, inside `{ }`...
            let before = line[..i].trim_end_matches(' ');
            let after = line[i + field.len()..].trim_start_matches(' ');
            if !before.ends_with(',') || !matches!(after.chars().next(), Some('}' | ',')) {
                return None;
            }
            let head = &before[..before.len() - 1];
            let open = head.rfind('{')?;
            // ...and the value before the comma is a plain scalar of a `key: value`.
            let (key, value) = head[head[open..].rfind([',', '{'])? + open + 1..].split_once(':')?;
            let value = value.trim();
            if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
                return None;
            }
            let whole = format!("{value},{}{field}", &line[before.len()..i]);
            Some(format!(
                "`{field}` is the end of `{}: {whole}`: in {{ }} a comma ends a value, so quote a value that holds one: `{}: \"{whole}\"`",
                key.trim(),
                key.trim()
            ))
        })
    })
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the expected name closest to
/// `x`, if one is close.
fn did_you_mean(message: &str) -> Option<String> {
    let (field, rest) = message
        .split_once("unknown field `")
        .and_then(|(_, rest)| rest.split_once('`'))?;
    let expected = rest.split_once("expected ")?.1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (strsim::jaro_winkler(field, name), name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_field_cut_from_a_value_at_a_comma_gets_advice_to_quote_it() {
        let text = "rules:\n  - expect: [{ quote: some 30,000, low: 30000 }]\n";
        let message = "unknown field `000`, expected one of `quote`, `low`";
        let help = help_at(text, 0, message, "general");
        assert_eq!(
            help,
            "`000` is the end of `quote: some 30,000`: in { } a comma ends a value, so quote a value that holds one: `quote: \"some 30,000\"`"
        );
        // A field really misspelt is no comma trap.
        let text = "rules:\n  - expect: [{ quote: some, qoute: 3 }]\n";
        let message = "unknown field `qoute`, expected one of `quote`, `low`";
        assert_eq!(
            help_at(text, 0, message, "general"),
            "did you mean `quote`? general"
        );
        // Nor is a quoted value.
        let text = "x: [{ quote: 'a', 000 }]\n";
        assert_eq!(
            help_at(text, 0, "unknown field `000`", "general"),
            "general"
        );
    }

    #[test]
    fn a_value_is_found_as_a_whole_token_from_the_reported_line() {
        let text = "articles:\n  - path: a.txt\n    published: 2023\n  - path: b.txt\n    published: '2023'\n";
        let at = text.find("  - path: b.txt").unwrap();
        let span = value_span(text, at, "2023");
        assert_eq!(span.offset(), text.rfind("2023").unwrap());
        let a = value_span(text, 0, "a.txt");
        assert_eq!(&text[a.offset()..a.offset() + a.len()], "a.txt");
        // Not inside a longer name.
        let t = "- path: 02-b.txt\n- path: b.txt\n";
        assert_eq!(
            value_span(t, 0, "b.txt").offset(),
            t.rfind("b.txt").unwrap()
        );
    }
}
