//! The registry of diagnostic codes: `docs/codes.md` is generated from the source, one row
//! per code, and this test fails when the file is out of date or a code has no help.
//!
//! The source of truth is where each code is declared: a `#[diagnostic(code(..), ..)]`
//! attribute with the `#[error(..)]` message beside it (and a `help(..)`, or a `#[help]`
//! field whose doc comment says what the help holds), a `fn code` that maps an error's
//! variants to codes (with its `fn help`), or a report note built with a literal `code`.
//! `UPDATE_DOCS=1 cargo test --test codes` writes the file.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "common/rust_files.rs"]
mod rust_files;
use rust_files::rust_files;

/// One code, as the registry lists it.
#[derive(Debug, Clone, PartialEq)]
struct Code {
    code: String,
    severity: String,
    message: String,
    help: String,
    /// Where it is declared, `src/...rs`.
    file: String,
}

/// `text` with every comment line (`//`, `///`, `//!`) blanked, so that byte offsets hold
/// and a code or attribute quoted in documentation is not read as one.
fn without_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with("//") {
                line.chars()
                    .map(|c| match c {
                        '\n' => "\n".to_owned(),
                        c => " ".repeat(c.len_utf8()),
                    })
                    .collect()
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// The string literal starting at the first `"` at or after `at`, unescaped as a format
/// string shows it (`{{` as `{`), with the offset just past it.
fn string_at(text: &str, at: usize) -> Option<(String, usize)> {
    let start = at + text[at..].find('"')? + 1;
    let mut out = String::new();
    let mut chars = text[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let shown = out.replace("{{", "{").replace("}}", "}");
                return Some((shown, start + i + 1));
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push(' '),
                Some((_, '\n')) => {
                    // A continued line: the next line's leading spaces are not part of it.
                    let rest = &text[start + i + 2..];
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skip].chars().count() {
                        chars.next();
                    }
                }
                Some((_, e)) => out.push(e),
                None => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// The offset just past the parenthesis that closes the one just before `at` (strings
/// skipped).
fn close_paren(text: &str, at: usize) -> usize {
    let mut depth = 1;
    let mut i = at;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_at(text, i).map_or(bytes.len(), |(_, end)| end);
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The `#[error("...")]` message of the item whose attributes include the one spanning
/// `start..end`: the nearest error attribute with nothing but attributes between.
fn message_beside(text: &str, start: usize, end: usize) -> Option<String> {
    let only_attributes = |between: &str| {
        let mut rest = between.trim();
        while let Some(attr) = rest.strip_prefix("#[") {
            // `#[x]` has no parenthesis; `#[x(...)]` ends after the one that closes.
            let end = match (attr.find(']'), attr.find('(')) {
                (Some(b), Some(p)) if p < b => close_paren(attr, p + 1) + 1,
                (Some(b), _) => b + 1,
                _ => return false,
            };
            rest = attr.get(end..).unwrap_or("").trim();
        }
        rest.is_empty()
    };
    let errors: Vec<(usize, usize)> = text
        .match_indices("#[error(")
        .map(|(at, _)| (at, close_paren(text, at + "#[error(".len()) + 1))
        .collect();
    let before = errors
        .iter()
        .rev()
        .find(|(_, e)| *e <= start && only_attributes(&text[*e..start]));
    let after = errors
        .iter()
        .find(|(s, _)| *s >= end && only_attributes(&text[end..*s]));
    let (at, _) = before.or(after)?;
    if text[*at..].starts_with("#[error(transparent)") {
        return None;
    }
    string_at(text, *at).map(|(s, _)| s)
}

/// The doc comment of the `#[help]` field of the item that follows `end`, as the help it
/// computes (a variant's or struct's body is searched up to its closing brace).
fn computed_help(original: &str, code: &str, end: usize) -> Option<String> {
    let open = end + code[end..].find('{')?;
    let unit = code[end..open].contains([';', ',']);
    if unit {
        return None;
    }
    let mut depth = 0;
    let mut close = open;
    for (i, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &original[open..close];
    let at = body.find("#[help]")?;
    let doc: Vec<&str> = body[..at]
        .lines()
        .rev()
        .skip(1) // the `#[help]` line's own indentation
        .take_while(|l| l.trim_start().starts_with("///"))
        .collect();
    let doc: Vec<&str> = doc
        .into_iter()
        .rev()
        .map(|l| l.trim_start().trim_start_matches("///").trim())
        .collect();
    let doc = doc.join(" ");
    let mut first = doc.chars();
    let doc = match first.next() {
        Some(c) => c.to_lowercase().chain(first).collect(),
        None => doc,
    };
    Some(format!("computed: {doc}"))
}

/// The codes declared by `#[diagnostic(code(..))]` attributes in `original`.
fn attribute_codes(original: &str, file: &str, out: &mut Vec<Code>) {
    let code = without_comments(original);
    for (at, _) in code.match_indices("#[diagnostic(") {
        let inner_start = at + "#[diagnostic(".len();
        let inner_end = close_paren(&code, inner_start);
        let inner = &code[inner_start..inner_end - 1];
        let Some(c) = inner.find("code(") else {
            continue; // transparent
        };
        let name_start = c + "code(".len();
        let name = inner[name_start..name_start + inner[name_start..].find(')').unwrap_or(0)]
            .trim()
            .to_owned();
        let severity = inner
            .find("severity(")
            .map(|s| {
                let rest = &inner[s + "severity(".len()..];
                rest[..rest.find(')').unwrap_or(0)].trim().to_lowercase()
            })
            .unwrap_or_else(|| "error".to_owned());
        let attr_end = inner_end + 1; // past `]`
        let help = match inner.find("help(") {
            Some(h) => string_at(inner, h).map(|(s, _)| s),
            None => computed_help(original, &code, attr_end),
        };
        out.push(Code {
            code: name,
            severity,
            message: message_beside(&code, at, attr_end).unwrap_or_default(),
            help: help.unwrap_or_default(),
            file: file.to_owned(),
        });
    }
}

/// The codes written as string literals: the arms of an error type's `fn code` (its message
/// from the variant's `#[error]`, its help from the same arm of `fn help`), and report notes
/// (`code: "..."` with `severity:`, `message:` and `help:` beside it).
fn literal_codes(original: &str, file: &str, out: &mut Vec<Code>) -> Vec<String> {
    let code = without_comments(original);
    let mut unplaced = Vec::new();
    for (at, _) in code.match_indices("\"crosscheck::") {
        let Some((name, end)) = string_at(&code, at) else {
            continue;
        };
        if name.contains('{') {
            continue; // a finding's code: `crosscheck::RULE_ID`
        }
        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &code[line_start..at];
        if let Some(arm) = line.trim().strip_suffix("=>") {
            // `Type::Variant(..) => "crosscheck::..."` in `fn code`.
            let path = arm.trim();
            let path = &path[..path.find(['(', ' ', '{']).unwrap_or(path.len())];
            let (ty, variant) = path.split_once("::").unwrap_or(("", path));
            let help = code[end..]
                .find("fn help")
                .map(|h| end + h)
                .and_then(|h| code[h..].find(path).map(|p| h + p))
                .and_then(|p| code[p..].find("=>").map(|a| p + a))
                .and_then(|a| string_at(&code, a).map(|(s, _)| s));
            let message = code
                .find(&format!("enum {ty} "))
                .and_then(|e| {
                    code[e..]
                        .match_indices(variant)
                        .map(|(v, _)| e + v)
                        .find(|&v| {
                            code[..v].ends_with("    ")
                                && code[v + variant.len()..].starts_with(['(', ',', ' '])
                        })
                })
                .and_then(|v| message_beside(&code, v, v));
            out.push(Code {
                code: name,
                // An error of this kind is a value that was not read: every report shows
                // it as a warning (README: it never changes the exit code).
                severity: "warning".to_owned(),
                message: message.unwrap_or_default(),
                help: help.unwrap_or_default(),
                file: file.to_owned(),
            });
        } else if line.trim() == "code:" {
            // A note: its fields follow, up to the literal's end.
            let rest = &code[end..];
            let body = &rest[..rest.find("\n    }").unwrap_or(rest.len())];
            let field = |name: &str| {
                let f = body.find(&format!("{name}:"))?;
                string_at(body, f).map(|(s, _)| s)
            };
            let severity = body.find("severity: Severity::").map(|s| {
                let rest = &body[s + "severity: Severity::".len()..];
                rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(0)].to_lowercase()
            });
            out.push(Code {
                code: name,
                severity: severity.unwrap_or_default(),
                message: field("message").unwrap_or_default(),
                help: field("help").unwrap_or_default(),
                file: file.to_owned(),
            });
        } else {
            unplaced.push(format!("{file}: `{name}`"));
        }
    }
    unplaced
}

/// Every code of the crate, by code.
fn registry() -> BTreeMap<String, Code> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = Vec::new();
    let mut unplaced = Vec::new();
    for path in rust_files(&root.join("src")) {
        let text = std::fs::read_to_string(&path).expect("a source file reads");
        let file = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        attribute_codes(&text, &file, &mut codes);
        unplaced.extend(literal_codes(&text, &file, &mut codes));
    }
    let mut by_code = BTreeMap::new();
    let mut twice = Vec::new();
    for c in codes {
        if let Some(first) = by_code.insert(c.code.clone(), c.clone()) {
            twice.push(format!("{} ({} and {})", c.code, first.file, c.file));
        }
    }
    unplaced.retain(|u| !by_code.keys().any(|k| u.ends_with(&format!("`{k}`"))));
    assert!(
        unplaced.is_empty(),
        "codes written where this test cannot read their message and help (declare them with \
         #[diagnostic(code(..))], or teach tests/codes.rs the new shape):\n{}",
        unplaced.join("\n")
    );
    assert!(
        twice.is_empty(),
        "codes declared twice:\n{}",
        twice.join("\n")
    );
    by_code
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The exit code a diagnostic of `severity` leads to (README, "Exit codes").
fn exit(severity: &str) -> &'static str {
    match severity {
        "error" => "2",
        _ => "unchanged",
    }
}

/// The text of docs/codes.md.
fn document(codes: &BTreeMap<String, Code>) -> String {
    let mut doc = String::from(
        "# Diagnostic codes\n\
         \n\
         <!-- Generated by tests/codes.rs from the source: do not edit by hand. \
         Run `UPDATE_DOCS=1 cargo test --test codes` after adding or changing a code. -->\n\
         \n\
         Every diagnostic crosscheck reports carries a code. A finding's code is its rule's id\n\
         (`crosscheck::RULE_ID`; its severity is the rule's, or the configuration's, and it\n\
         exits 1 when at or above `--fail-on`). The other codes are listed here: what could\n\
         not be read or applied, values the grammar could not read, and notes on what the\n\
         gate left out. An `error` exits 2 (the rest is still checked and reported); a\n\
         `warning` or an `info` leaves the exit code as the findings set it (0 or 1). See\n\
         the README's \"Exit codes\" and docs/reliability.md.\n\
         \n\
         In a message, `{field}` stands for what the diagnostic fills in (a path, a key, a\n\
         reason). A help marked *computed* is built for each case (a did-you-mean, say).\n\
         \n\
         | code | severity | message | help | exit | declared in |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for c in codes.values() {
        let help = match c.help.strip_prefix("computed: ") {
            Some(what) => format!("*computed*: {}", cell(what)),
            None => cell(&c.help),
        };
        doc.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | `{}` |\n",
            c.code,
            c.severity,
            cell(&c.message),
            help,
            exit(&c.severity),
            c.file
        ));
    }
    doc
}

#[test]
fn every_code_has_a_message_and_a_help() {
    let codes = registry();
    assert!(codes.len() >= 30, "only {} codes found", codes.len());
    let lacking: Vec<String> = codes
        .values()
        .filter(|c| c.help.is_empty() || c.message.is_empty() || c.severity.is_empty())
        .map(|c| format!("{c:?}"))
        .collect();
    assert!(
        lacking.is_empty(),
        "codes without a help line (or a message, or a severity):\n{}",
        lacking.join("\n")
    );
}

#[test]
fn docs_codes_md_lists_every_code() {
    let fresh = document(&registry());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/codes.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == fresh {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, fresh).expect("docs/codes.md writes");
        return;
    }
    panic!(
        "docs/codes.md is stale: it differs from the codes declared in src/; \
         run `UPDATE_DOCS=1 cargo test --test codes` and review the diff"
    );
}

#[test]
fn the_reader_reads_each_shape_of_declaration() {
    let mut out = Vec::new();
    let attribute = r#"
pub enum E {
    /// The file.
    #[error("{path}: no such {{thing}}")]
    #[diagnostic(
        code(crosscheck::x::gone),
        severity(Warning),
        help("check the \"path\"")
    )]
    Gone { path: String },
    #[error("{path}: bad")]
    #[diagnostic(code(crosscheck::x::bad))]
    Bad {
        path: String,
        /// The nearest key,
        /// or what to do.
        #[help]
        help: String,
    },
}
"#;
    attribute_codes(attribute, "src/x.rs", &mut out);
    assert_eq!(out[0].code, "crosscheck::x::gone");
    assert_eq!(out[0].severity, "warning");
    assert_eq!(out[0].message, "{path}: no such {thing}");
    assert_eq!(out[0].help, "check the \"path\"");
    assert_eq!(out[1].severity, "error");
    assert_eq!(out[1].message, "{path}: bad");
    assert_eq!(out[1].help, "computed: the nearest key, or what to do.");

    let mut out = Vec::new();
    let literal = r#"
pub enum GrammarError {
    #[error("`{0}`: no such date")]
    NoSuchDate(String),
}
impl GrammarError {
    pub fn code(&self) -> &'static str {
        match self {
            GrammarError::NoSuchDate(_) => "crosscheck::grammar::no_such_date",
        }
    }
    pub fn help(&self) -> &'static str {
        match self {
            GrammarError::NoSuchDate(_) => "check the date",
        }
    }
}
fn notes() {
    let n = Note {
        code: "crosscheck::baseline::stale".to_owned(),
        severity: Severity::Info,
        message: format!("the entry {} is stale", e),
        help: Some("record it again".to_owned()),
    };
    let odd = "crosscheck::x::odd";
}
"#;
    let unplaced = literal_codes(literal, "src/y.rs", &mut out);
    assert_eq!(out[0].message, "`{0}`: no such date");
    assert_eq!(out[0].help, "check the date");
    assert_eq!(out[1].code, "crosscheck::baseline::stale");
    assert_eq!(out[1].severity, "info");
    assert_eq!(out[1].message, "the entry {} is stale");
    assert_eq!(out[1].help, "record it again");
    assert_eq!(unplaced, ["src/y.rs: `crosscheck::x::odd`"]);
}
