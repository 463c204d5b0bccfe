//! Phrases: the pattern syntax an editor writes without knowing regexes, compiled to the
//! regex source a rule's pattern runs.
//!
//! A phrase is words separated by spaces, with optional words `[with]`, alternatives
//! `(met | held talks)`, a gap of up to N words `~3`, a placeholder `{count}` and a named
//! capture `{visitor: Xi | Putin}`. This module knows nothing of placeholders' grammar or of
//! rules: it leaves `{count}` in the regex for [`crate::rules::Pattern`] to expand, and its
//! errors are strings with the byte offset in the phrase they are about.

use std::fmt::Write;

/// Whitespace between the items of a phrase: any run of it.
const SEPARATOR: &str = r"\s+";
/// A word a gap `~N` skips: anything between spaces except a semicolon, so that a gap
/// stays inside its clause.
const GAP_WORD: &str = r"[^\s;]+";
/// Punctuation a gap skips right after the word before it: the comma of "in 2022, Xi".
const GAP_PUNCTUATION: &str = r"[^\w\s;]*";
/// The longest gap a phrase may ask for.
pub const MAX_GAP: u32 = 20;
/// The characters with a meaning in phrases; `\` makes any of them a plain character.
const SYNTAX: &[char] = &['[', ']', '(', ')', '|', '{', '}', '~', '\\'];

/// Why a phrase does not compile: what is wrong, and the byte offset in the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseError {
    /// Where in the phrase (a byte offset).
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

/// Compiles a phrase to a regex source, with its placeholder left as written (`{count}`).
///
/// Words match as written (any case: the pattern is case-insensitive), the spaces between
/// items match any run of whitespace, and the engine adds word boundaries at the ends.
pub fn compile(phrase: &str) -> Result<String, PhraseError> {
    let mut parser = Parser {
        text: phrase,
        pos: 0,
    };
    let seq = parser.sequence(0)?;
    if let Some(c) = parser.peek() {
        let message = match c {
            '|' => "`|` separates alternatives inside ( ) or [ ]; write two phrases for two forms"
                .to_owned(),
            _ => format!("`{c}` closes nothing"),
        };
        return Err(parser.error(message));
    }
    if seq.items.is_empty() {
        return Err(PhraseError {
            at: 0,
            message: "the phrase is empty".to_owned(),
        });
    }
    for (item, edge) in [(seq.items.first(), "start"), (seq.items.last(), "end")] {
        if let Some(item) = item.filter(|i| i.gap().is_some()) {
            return Err(PhraseError {
                at: item.at,
                message: format!(
                    "a gap at the {edge} of a phrase skips nothing; put it between two words"
                ),
            });
        }
    }
    let mut out = String::new();
    emit_sequence(&seq, &mut out)?;
    Ok(out)
}

/// Words and groups separated by spaces.
#[derive(Debug)]
struct Sequence {
    items: Vec<Item>,
    /// Where the sequence starts in the phrase.
    at: usize,
}

/// Atoms written together, without a space between them (`Xi's`, `visit[s]`).
#[derive(Debug)]
struct Item {
    atoms: Vec<Atom>,
    /// Where the item starts in the phrase.
    at: usize,
}

impl Item {
    /// The gap this item is, when it is one alone.
    fn gap(&self) -> Option<u32> {
        match self.atoms.as_slice() {
            [Atom::Gap(n)] => Some(*n),
            _ => None,
        }
    }

    /// The alternatives of this item when it is one optional group alone.
    fn optional(&self) -> Option<&[Sequence]> {
        match self.atoms.as_slice() {
            [Atom::Optional(alts)] => Some(alts),
            _ => None,
        }
    }
}

#[derive(Debug)]
enum Atom {
    /// Characters matched as written.
    Text(String),
    /// `[a | b]`: one of the alternatives, or nothing.
    Optional(Vec<Sequence>),
    /// `(a | b)`: one of the alternatives.
    Choice(Vec<Sequence>),
    /// `{count}`: the value.
    Placeholder(String),
    /// `{name: a | b}`: one of the alternatives, captured as `name`.
    Capture(String, Vec<Sequence>),
    /// `~N`: up to N words.
    Gap(u32),
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn error(&self, message: String) -> PhraseError {
        PhraseError {
            at: self.pos,
            message,
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// Items up to the end, a `|` or a closing bracket (not consumed). `depth` is how many
    /// groups are open.
    fn sequence(&mut self, depth: usize) -> Result<Sequence, PhraseError> {
        self.skip_space();
        let at = self.pos;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None | Some('|' | ']' | ')' | '}') => break,
                Some(_) => items.push(self.item(depth)?),
            }
        }
        Ok(Sequence { items, at })
    }

    /// Atoms up to a space, a `|`, a closing bracket or the end.
    fn item(&mut self, depth: usize) -> Result<Item, PhraseError> {
        let at = self.pos;
        let mut atoms = Vec::new();
        loop {
            let start = self.pos;
            let atom = match self.peek() {
                None | Some('|' | ']' | ')' | '}') => break,
                Some(c) if c.is_whitespace() => break,
                Some('[') => {
                    self.bump();
                    Atom::Optional(self.alternatives(depth, ']')?)
                }
                Some('(') => {
                    self.bump();
                    Atom::Choice(self.alternatives(depth, ')')?)
                }
                Some('{') => self.braces(depth)?,
                Some('~') => {
                    self.bump();
                    let digits: String = self.text[self.pos..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    self.pos += digits.len();
                    let n = digits
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=MAX_GAP).contains(n));
                    let Some(n) = n else {
                        return Err(PhraseError {
                            at: start,
                            message: format!(
                                "`~` takes the most words the gap may skip, 1 to {MAX_GAP}: `~3`"
                            ),
                        });
                    };
                    Atom::Gap(n)
                }
                Some(_) => Atom::Text(self.text_run()?),
            };
            if matches!(atom, Atom::Gap(_)) && !atoms.is_empty()
                || atoms.first().is_some_and(|a| matches!(a, Atom::Gap(_)))
            {
                return Err(PhraseError {
                    at: start,
                    message: "a gap `~N` stands alone, with spaces around it".to_owned(),
                });
            }
            atoms.push(atom);
        }
        Ok(Item { atoms, at })
    }

    /// Plain characters, `\` escaping the next one.
    fn text_run(&mut self) -> Result<String, PhraseError> {
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || SYNTAX.contains(&c) && c != '\\' {
                break;
            }
            self.bump();
            if c == '\\' {
                match self.bump() {
                    Some(next) if !next.is_whitespace() => text.push(next),
                    _ => {
                        return Err(
                            self.error("`\\` makes the next character plain; none follows".into())
                        )
                    }
                }
            } else {
                text.push(c);
            }
        }
        Ok(text)
    }

    /// After an opening bracket: alternatives up to `close`, which is consumed.
    fn alternatives(&mut self, depth: usize, close: char) -> Result<Vec<Sequence>, PhraseError> {
        let open = self.pos - 1;
        let mut alts = Vec::new();
        loop {
            let seq = self.sequence(depth + 1)?;
            if seq.items.is_empty() {
                return Err(PhraseError {
                    at: seq.at,
                    message: match close {
                        ']' => "empty brackets: `[ ]` holds the words that may be left out".into(),
                        _ => "an empty alternative; for words that may be left out write `[words]`"
                            .into(),
                    },
                });
            }
            alts.push(seq);
            match self.bump() {
                Some('|') => continue,
                Some(c) if c == close => return Ok(alts),
                Some(c) => {
                    self.pos -= c.len_utf8();
                    return Err(self.error(format!("`{c}` where `{close}` was expected")));
                }
                None => {
                    return Err(PhraseError {
                        at: open,
                        message: format!("this bracket is never closed with `{close}`"),
                    })
                }
            }
        }
    }

    /// `{name}` or `{name: alternatives}`.
    fn braces(&mut self, depth: usize) -> Result<Atom, PhraseError> {
        let open = self.pos;
        self.bump();
        let name: String = self.text[self.pos..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        self.pos += name.len();
        self.skip_space();
        let named = |ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(PhraseError {
                    at: open + 1,
                    message: "write `{` then a name: a placeholder `{count}` or a capture `{visitor: Xi | Putin}`"
                        .to_owned(),
                })
            }
        };
        named(
            name.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_'),
        )?;
        match self.bump() {
            Some('}') => Ok(Atom::Placeholder(name)),
            Some(':') => {
                if name == "value" {
                    return Err(PhraseError {
                        at: open + 1,
                        message: "`value` is the placeholder's capture; name the key otherwise"
                            .to_owned(),
                    });
                }
                Ok(Atom::Capture(name, self.alternatives(depth, '}')?))
            }
            _ => Err(PhraseError {
                at: open,
                message: format!("`{{{name}` is neither a placeholder `{{{name}}}` nor a capture `{{{name}: ...}}`"),
            }),
        }
    }
}

/// Writes a sequence: items joined by [`SEPARATOR`]; an optional item or a gap takes the
/// separator on its side inside itself, so that leaving it out leaves one separator.
fn emit_sequence(seq: &Sequence, out: &mut String) -> Result<(), PhraseError> {
    let nullable = |item: &Item| item.gap().is_some() || item.optional().is_some();
    let Some(first) = seq.items.iter().position(|i| !nullable(i)) else {
        return Err(PhraseError {
            at: seq.at,
            message: "nothing here must be read: add a word outside `[ ]` and `~N`".to_owned(),
        });
    };
    for (i, item) in seq.items.iter().enumerate() {
        let leading = i < first;
        if let Some(n) = item.gap() {
            let _ = match leading {
                true => write!(out, "(?:{GAP_WORD}{SEPARATOR}){{0,{n}}}?"),
                false => write!(out, "{GAP_PUNCTUATION}(?:{SEPARATOR}{GAP_WORD}){{0,{n}}}?"),
            };
        } else if let Some(alts) = item.optional() {
            out.push_str("(?:");
            if !leading {
                out.push_str(SEPARATOR);
            }
            emit_group(alts, out, true)?;
            if leading {
                out.push_str(SEPARATOR);
            }
            out.push_str(")?");
        } else {
            if i > first {
                out.push_str(SEPARATOR);
            }
            for atom in &item.atoms {
                emit_atom(atom, out)?;
            }
        }
    }
    Ok(())
}

/// Writes alternatives as a non-capturing group; one alternative bare when `bare` (the
/// caller groups it, or it stands in a concatenation).
fn emit_group(alts: &[Sequence], out: &mut String, bare: bool) -> Result<(), PhraseError> {
    if bare && alts.len() == 1 {
        return emit_branches(alts, out);
    }
    out.push_str("(?:");
    emit_branches(alts, out)?;
    out.push(')');
    Ok(())
}

/// Writes alternatives separated by `|`.
fn emit_branches(alts: &[Sequence], out: &mut String) -> Result<(), PhraseError> {
    for (i, alt) in alts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        emit_sequence(alt, out)?;
    }
    Ok(())
}

fn emit_atom(atom: &Atom, out: &mut String) -> Result<(), PhraseError> {
    match atom {
        Atom::Text(text) => out.push_str(&regex_syntax::escape(text)),
        Atom::Optional(alts) => {
            emit_group(alts, out, false)?;
            out.push('?');
        }
        Atom::Choice(alts) => emit_group(alts, out, true)?,
        Atom::Placeholder(name) => {
            let _ = write!(out, "{{{name}}}");
        }
        Atom::Capture(name, alts) => {
            let _ = write!(out, "(?P<{name}>");
            emit_branches(alts, out)?;
            out.push(')');
        }
        // A gap is an item alone (the parser sees to it), emitted by `emit_sequence`.
        Atom::Gap(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phrase_compiles_to_its_regex() {
        let gap = |n: u32| format!(r"[^\w\s;]*(?:\s+[^\s;]+){{0,{n}}}?");
        let table: &[(&str, String)] = &[
            ("met {count} times", r"met\s+{count}\s+times".into()),
            ("met   {count}\ttimes", r"met\s+{count}\s+times".into()),
            (
                "met [with] {count} times",
                r"met(?:\s+with)?\s+{count}\s+times".into(),
            ),
            (
                "met [with] ~3 {count} times",
                format!(r"met(?:\s+with)?{}\s+{{count}}\s+times", gap(3)),
            ),
            (
                "(met | held talks) {count} times",
                r"(?:met|held\s+talks)\s+{count}\s+times".into(),
            ),
            (
                "[the] {count} leaders",
                r"(?:the\s+)?{count}\s+leaders".into(),
            ),
            ("{count} meeting[s]", r"{count}\s+meeting(?:s)?".into()),
            (
                "[state | official] visit",
                r"(?:(?:state|official)\s+)?visit".into(),
            ),
            (
                "{visitor: Xi | Putin}'s {duration} visit",
                r"(?P<visitor>Xi|Putin)'s\s+{duration}\s+visit".into(),
            ),
            (
                r#"["]{wording}["] partnership"#,
                r#"(?:")?{wording}(?:")?\s+partnership"#.into(),
            ),
            ("rose by {percent}.", r"rose\s+by\s+{percent}\.".into()),
            (r"cost \$ {count}", r"cost\s+\$\s+{count}".into()),
            (r"a \[sic\] {count}", r"a\s+\[sic\]\s+{count}".into()),
            (
                "in {date}[,] they clashed",
                r"in\s+{date}(?:,)?\s+they\s+clashed".into(),
            ),
            (
                "met [with ~2] {count} times",
                format!(r"met(?:\s+with{})?\s+{{count}}\s+times", gap(2)),
            ),
        ];
        for (phrase, regex) in table {
            assert_eq!(compile(phrase).as_ref(), Ok(regex), "{phrase}");
        }
    }

    #[test]
    fn a_phrase_that_cannot_compile_says_where() {
        let table: &[(&str, usize, &str)] = &[
            ("", 0, "empty"),
            ("met [with {count} times", 4, "never closed"),
            ("met (with | ) {count}", 12, "empty alternative"),
            ("met [] {count}", 5, "empty brackets"),
            ("met ~ {count}", 4, "`~` takes"),
            ("met ~99 {count}", 4, "`~` takes"),
            ("~2 met {count}", 0, "gap at the start"),
            ("met {count} ~2", 12, "gap at the end"),
            ("met~2 {count}", 3, "stands alone"),
            ("met | had {count}", 4, "write two phrases"),
            ("met {count} times)", 17, "closes nothing"),
            ("met (with] {count}", 9, "where `)` was expected"),
            ("{Count} times", 1, "a name"),
            ("{count times", 0, "neither a placeholder"),
            ("{value: a | b} {count}", 1, "`value`"),
            ("[with] [to]", 0, "nothing here must be read"),
            ("met {count} \\", 13, "none follows"),
        ];
        for (phrase, at, message) in table {
            let err = compile(phrase).expect_err(phrase);
            assert!(err.message.contains(message), "{phrase}: {err:?}");
            assert_eq!(err.at, *at, "{phrase}: {err:?}");
        }
    }
}
