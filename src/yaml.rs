//! Pointing into YAML files: where each value was written, from the YAML parser's events.
//!
//! serde reports where a deserialization error was raised, but gives no value its span, and
//! reports an error inside a nested value (a date parsed by `deserialize_with`, an item of a
//! sequence) at the start of the enclosing block. [`Spans`] reads the same text with a YAML
//! parser that marks every event, so a diagnostic raised after deserializing (a pattern that
//! does not compile, a manifest entry naming no file) points at the value by its path, and
//! one raised during it at the value its message names.

use miette::SourceSpan;
use saphyr_parser::{Event, Parser, ScalarStyle};

/// A step of a path into a YAML document: a mapping's key, or a sequence's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// The value of this key.
    Key(String),
    /// The item at this index (0-based).
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Step {
        Step::Key(key.to_owned())
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Step {
        Step::Index(index)
    }
}

/// A path into a YAML document: `steps!["rules", 2, "patterns", 0]`.
macro_rules! steps {
    ($($step:expr),* $(,)?) => {
        [$($crate::yaml::Step::from($step)),*]
    };
}
pub(crate) use steps;

/// Where each node of a YAML document was written: every value by its path, every
/// mapping key, every scalar's value. Read up to the first syntax error.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    /// In document order.
    nodes: Vec<Node>,
}

/// One node as written.
#[derive(Debug)]
struct Node {
    /// The path of the value (of a key: of the value it names).
    path: Vec<Step>,
    /// True for a mapping's key.
    key: bool,
    /// Bytes of the text: a scalar's inside its quotes, a collection's from its first to its
    /// last byte.
    span: (usize, usize),
    /// A scalar's value.
    value: Option<String>,
}

impl Node {
    fn source_span(&self) -> SourceSpan {
        (self.span.0, self.span.1 - self.span.0).into()
    }
}

/// An open collection while the events are read.
enum Open {
    /// A mapping at `path`: awaiting a key (`None`), or the value of the key read.
    Map {
        path: Vec<Step>,
        key: Option<String>,
        node: usize,
    },
    /// A sequence at `path`, and the index of its next item.
    Seq {
        path: Vec<Step>,
        next: usize,
        node: usize,
    },
}

impl Spans {
    /// Reads `text`'s nodes.
    pub(crate) fn parse(text: &str) -> Spans {
        let bytes = Offsets::new(text);
        let mut spans = Spans::default();
        let mut open: Vec<Open> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            let (start, end) = (bytes.at(span.start.index()), bytes.at(span.end.index()));
            match event {
                Event::Scalar(value, style, ..) => {
                    let (path, key) = next_path(&mut open, Some(&value));
                    let span = match style {
                        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                            (start + 1, end.saturating_sub(1).max(start + 1))
                        }
                        ScalarStyle::Literal | ScalarStyle::Folded => {
                            (start, start + text[start..end].trim_end().len())
                        }
                        ScalarStyle::Plain => (start, end),
                    };
                    spans.nodes.push(Node {
                        path,
                        key,
                        span,
                        value: Some(value.into_owned()),
                    });
                }
                Event::Alias(_) => {
                    let (path, key) = next_path(&mut open, None);
                    spans.nodes.push(Node {
                        path,
                        key,
                        span: (start, end),
                        value: None,
                    });
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let (path, key) = next_path(&mut open, None);
                    let node = spans.nodes.len();
                    spans.nodes.push(Node {
                        path: path.clone(),
                        key,
                        span: (start, end),
                        value: None,
                    });
                    open.push(if matches!(event, Event::MappingStart(..)) {
                        Open::Map {
                            path,
                            key: None,
                            node,
                        }
                    } else {
                        Open::Seq {
                            path,
                            next: 0,
                            node,
                        }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(Open::Map { node, .. } | Open::Seq { node, .. }) = open.pop() {
                        let last = spans.nodes.last().map_or(end, |n| n.span.1.max(end));
                        let from = spans.nodes[node].span.0;
                        let last = from + text[from..last.max(from)].trim_end().len();
                        spans.nodes[node].span = (from, last.max(from));
                    }
                }
                _ => {}
            }
        }
        spans
    }

    /// The span of the value at `path`.
    pub(crate) fn value(&self, path: &[Step]) -> Option<SourceSpan> {
        self.find(path, false)
    }

    /// The span of the key that names the value at `path`.
    pub(crate) fn key(&self, path: &[Step]) -> Option<SourceSpan> {
        self.find(path, true)
    }

    /// The span of the value at `path`, else of the nearest enclosing value that was
    /// written, else the start of the text.
    pub(crate) fn value_or_parent(&self, path: &[Step]) -> SourceSpan {
        (0..=path.len())
            .rev()
            .find_map(|n| self.value(&path[..n]))
            .unwrap_or_else(|| (0, 0).into())
    }

    /// The span of the key that names the value at `path`, else as
    /// [`Spans::value_or_parent`].
    pub(crate) fn key_or_parent(&self, path: &[Step]) -> SourceSpan {
        self.key(path).unwrap_or_else(|| self.value_or_parent(path))
    }

    /// The first scalar below `path` (keys included) whose value is `value`.
    pub(crate) fn scalar_within(&self, path: &[Step], value: &str) -> Option<SourceSpan> {
        self.nodes
            .iter()
            .find(|n| n.path.starts_with(path) && n.value.as_deref() == Some(value))
            .map(Node::source_span)
    }

    /// The first scalar (keys included) whose value is `value`, written on the line of
    /// byte `from` or after it.
    pub(crate) fn scalar_from(&self, text: &str, from: usize, value: &str) -> Option<SourceSpan> {
        let line_start = text[..from.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        self.nodes
            .iter()
            .find(|n| n.span.0 >= line_start && n.value.as_deref() == Some(value))
            .map(Node::source_span)
    }

    fn find(&self, path: &[Step], key: bool) -> Option<SourceSpan> {
        self.nodes
            .iter()
            .find(|n| n.key == key && n.path == path)
            .map(Node::source_span)
    }
}

/// The path of the node an event opens, and whether it is a mapping's key; moves the
/// enclosing collection on to its next key or item.
fn next_path(open: &mut [Open], scalar: Option<&str>) -> (Vec<Step>, bool) {
    match open.last_mut() {
        None => (Vec::new(), false),
        Some(Open::Seq { path, next, .. }) => {
            let mut path = path.clone();
            path.push(Step::Index(*next));
            *next += 1;
            (path, false)
        }
        Some(Open::Map { path, key, .. }) => match key.take() {
            Some(k) => {
                let mut path = path.clone();
                path.push(Step::Key(k));
                (path, false)
            }
            None => {
                // A key that is no scalar cannot be named by a path: its value is found
                // under a key no rule file writes.
                let k = scalar.unwrap_or("\u{0}").to_owned();
                let mut named = path.clone();
                named.push(Step::Key(k.clone()));
                *key = Some(k);
                (named, true)
            }
        },
    }
}

/// Byte offsets of the parser's character indices.
struct Offsets {
    /// The byte offset of each character, and the text's length last; empty for ASCII text.
    of_char: Vec<usize>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        let of_char = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        };
        Offsets {
            of_char,
            len: text.len(),
        }
    }

    fn at(&self, index: usize) -> usize {
        if self.of_char.is_empty() {
            index.min(self.len)
        } else {
            self.of_char.get(index).copied().unwrap_or(self.len)
        }
    }
}

/// A YAML error's message without the position serde_yaml appends (the snippet shows it).
pub(crate) fn message(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
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

/// Where a deserialization error raised at byte `at` of the YAML document `text` points:
/// the value its message names, written on that line or after it, else the token at `at`.
pub(crate) fn error_span(text: &str, at: usize, message: &str) -> SourceSpan {
    named_value(message)
        .and_then(|value| Spans::parse(text).scalar_from(text, at, value))
        .unwrap_or_else(|| token_span(text, at))
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
    fn every_value_is_found_by_its_path_as_the_parser_read_it() {
        let text = "rules:\n  - id: a\n    patterns: ['x {count}', \"y \\\\d {count}\", plain  # c\n    ]\n    keys: { k: v }\n    help: |\n      two\n      lines\n  - id: b\n";
        let spans = Spans::parse(text);
        let at = |span: SourceSpan| &text[span.offset()..span.offset() + span.len()];
        let value = |p: &[Step]| spans.value(p).map(at);
        assert_eq!(value(&steps!["rules", 0, "patterns", 0]), Some("x {count}"));
        // Inside the quotes, escapes as written.
        assert_eq!(
            value(&steps!["rules", 0, "patterns", 1]),
            Some("y \\\\d {count}")
        );
        assert_eq!(value(&steps!["rules", 0, "patterns", 2]), Some("plain"));
        assert_eq!(value(&steps!["rules", 0, "keys", "k"]), Some("v"));
        assert_eq!(value(&steps!["rules", 0, "help"]), Some("two\n      lines"));
        assert_eq!(value(&steps!["rules", 1, "id"]), Some("b"));
        assert_eq!(spans.key(&steps!["rules", 0, "keys"]).map(at), Some("keys"));
        assert_eq!(value(&steps!["rules", 0, "keys"]), Some("{ k: v }"));
        assert_eq!(value(&steps!["rules", 2]), None);
        assert_eq!(
            at(spans.value_or_parent(&steps!["rules", 1, "title"])),
            "id: b"
        );
        // Found by value, as a serde error names it: within a path, or from a line on.
        let b = spans.scalar_within(&steps!["rules", 1], "b").map(at);
        assert_eq!(b, Some("b"));
        let from = text.find("  - id: b").unwrap();
        assert_eq!(
            spans.scalar_from(text, from, "b").map(|s| s.offset()),
            text.rfind('b')
        );
        assert_eq!(spans.scalar_from(text, from, "a"), None);
    }

    #[test]
    fn spans_are_bytes_in_text_that_is_not_ascii() {
        let text = "articles:\n  - path: \u{e9}t\u{e9}.txt\n    title: \u{201c}No limits\u{201d}\n";
        let spans = Spans::parse(text);
        let span = spans.value(&steps!["articles", 0, "title"]).unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "\u{201c}No limits\u{201d}"
        );
    }
}
