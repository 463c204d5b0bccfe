//! Patterns and phrases compiled to the regexes the engine runs, with the literals every
//! match needs.

use std::fmt;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::grammar::{self, Kind};

/// What a pattern's placeholder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A quantity or date of this kind (`{count}`, `{money}`, `{date}` ...).
    Quantity(Kind),
    /// A wording (`{wording}`), judged against the rule's `wordings`.
    Wording,
}

/// A run of one to five words: what `{wording}` matches.
const WORDING: &str = r"[\w'-]+(?:\s+[\w'-]+){0,4}";

impl Slot {
    /// The slot a placeholder names.
    fn from_name(name: &str) -> Option<Slot> {
        match name {
            "wording" => Some(Slot::Wording),
            _ => Kind::from_name(name).map(Slot::Quantity),
        }
    }

    /// The regex source the placeholder expands to.
    fn source(self) -> &'static str {
        match self {
            Slot::Quantity(kind) => grammar::placeholder(kind),
            Slot::Wording => WORDING,
        }
    }
}

/// A compiled pattern: as written (a regex or a phrase), as the engine runs it, and with
/// its placeholder expanded.
#[derive(Clone)]
pub struct Pattern {
    /// The pattern as written in the rule file.
    pub source: String,
    /// True when it was written as a phrase (under `phrases:`), false for a regex.
    pub phrase: bool,
    /// The regex the engine runs, with the placeholder as written (`{count}`): the phrase
    /// compiled, or the regex with its spaces matching any whitespace, and word boundaries
    /// where it starts or ends with a word character.
    pub runs: String,
    /// What its placeholder reads.
    pub slot: Slot,
    /// The names of its capture groups, `value` among them.
    pub captures: Vec<String>,
    /// The regex [`Pattern::regex`] compiles: `runs` with its placeholder expanded.
    expanded: String,
    /// That regex, once compiled; shared by the pattern's clones.
    compiled: Arc<OnceLock<Regex>>,
    /// Literal text every match contains (see [`Pattern::required`]): a sentence without it
    /// cannot match, so the regex need not run there.
    pub required: Required,
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Why a regex pattern does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// True when the regex engine refuses it (the message is the engine's); false when its
    /// placeholder is missing, unknown or not alone.
    pub regex: bool,
    /// The placeholder the message is about, as written (`{tally}`), if it is about one.
    pub placeholder: Option<String>,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl PatternError {
    fn regex(message: String) -> PatternError {
        PatternError {
            message,
            regex: true,
            placeholder: None,
        }
    }
}

/// The longest pattern a rule may hold, in bytes (see docs/reliability.md).
pub const MAX_PATTERN_LEN: usize = 2_000;
/// The most memory one compiled pattern may take, placeholder included.
const MAX_COMPILED: usize = 16 << 20;
/// The most memory a placeholder's grammar takes in a compiled pattern, with room to spare
/// (`{money}`, the largest, takes about 3.5 MiB): a pattern whose placeholder is left out
/// compiles within [`MAX_COMPILED`] less this, so with its placeholder it compiles within
/// [`MAX_COMPILED`].
const PLACEHOLDER_ROOM: usize = 6 << 20;
/// How deep a pattern may nest groups and repetitions, placeholder left out (the regex
/// crate's default).
const NEST_LIMIT: u32 = 250;
/// How deep a placeholder's grammar nests, with room to spare (`{date}`, the deepest,
/// about 31 levels).
const PLACEHOLDER_DEPTH: u32 = 64;

/// Compiles a regex within `limit` bytes, nesting at most `depth` levels.
fn compile_limited(source: &str, limit: usize, depth: u32) -> Result<Regex, regex::Error> {
    (regex::RegexBuilder::new(source)
        .size_limit(limit)
        .nest_limit(depth))
    .build()
}

/// Compiles a pattern with its placeholder left out: within what leaves room for any
/// placeholder.
fn compile_checked(source: &str) -> Result<Regex, regex::Error> {
    compile_limited(source, MAX_COMPILED - PLACEHOLDER_ROOM, NEST_LIMIT)
}

/// A regex with each run of literal spaces (outside character classes, not escaped)
/// matching any run of whitespace; unchanged in verbose mode `(?x)`, where spaces mean
/// nothing.
fn spaced(regex: &str) -> String {
    if regex.contains("(?x") {
        return regex.to_owned();
    }
    let mut out = String::with_capacity(regex.len() + 8);
    let mut chars = regex.chars().peekable();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            ' ' if class == 0 => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                // Under a quantifier (` ?`, ` {2}`) the run stays one unit.
                let quantified = match chars.peek() {
                    Some('?' | '*' | '+') => true,
                    Some('{') => chars.clone().nth(1).is_some_and(|d| d.is_ascii_digit()),
                    _ => false,
                };
                out.push_str(if quantified { r"(?:\s+)" } else { r"\s+" });
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Whether every match of `regex` starts, and whether every match ends, with an ASCII word
/// character: there the engine adds a word boundary. False when the regex does not parse.
fn word_edges(regex: &str) -> (bool, bool) {
    let Ok(hir) = regex_syntax::Parser::new().parse(regex) else {
        return (false, false);
    };
    let edge = |last| {
        let (word, nullable) = edge_is_word(&hir, last);
        word && !nullable
    };
    (edge(false), edge(true))
}

/// For the first (or `last`) character of every match of `hir`: whether it is always an
/// ASCII word character, and whether `hir` may match the empty text (then the characters
/// after it decide).
fn edge_is_word(hir: &Hir, last: bool) -> (bool, bool) {
    let word = |b: u32| {
        b < 0x80 && (char::from_u32(b).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'))
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (true, true),
        HirKind::Literal(lit) => {
            let byte = if last { lit.0.last() } else { lit.0.first() };
            (byte.is_some_and(|&b| word(u32::from(b))), lit.0.is_empty())
        }
        HirKind::Class(Class::Unicode(c)) => (
            c.ranges()
                .iter()
                .all(|r| (u32::from(r.start())..=u32::from(r.end())).all(word)),
            false,
        ),
        HirKind::Class(Class::Bytes(c)) => (
            c.ranges()
                .iter()
                .all(|r| (u32::from(r.start())..=u32::from(r.end())).all(word)),
            false,
        ),
        HirKind::Capture(c) => edge_is_word(&c.sub, last),
        HirKind::Repetition(r) => {
            let (w, n) = edge_is_word(&r.sub, last);
            (w, n || r.min == 0)
        }
        HirKind::Concat(parts) => {
            let mut all = true;
            let ordered: Box<dyn Iterator<Item = &Hir>> = if last {
                Box::new(parts.iter().rev())
            } else {
                Box::new(parts.iter())
            };
            for part in ordered {
                let (w, n) = edge_is_word(part, last);
                all &= w;
                if !n {
                    return (all, false);
                }
            }
            (all, true)
        }
        HirKind::Alternation(branches) => branches.iter().fold((true, false), |(w, n), b| {
            let (bw, bn) = edge_is_word(b, last);
            (w && bw, n || bn)
        }),
    }
}

/// A placeholder in a pattern: `{count}`, `{money}`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{([a-z_]+)\}").unwrap_or_else(|e| unreachable!("a constant regex: {e}"))
});

/// The word boundary the engine adds: ASCII-only, so the regex keeps to its fastest engines.
const BOUNDARY: &str = r"(?-u:\b)";

impl Pattern {
    /// Compiles a regex pattern: spaces match any run of whitespace, the engine adds word
    /// boundaries, the placeholder is expanded, and the whole is case-insensitive.
    pub fn compile(source: &str) -> Result<Pattern, PatternError> {
        if source.len() > MAX_PATTERN_LEN {
            return Err(PatternError::regex(format!(
                "the pattern is {} bytes long; the limit is {MAX_PATTERN_LEN}",
                source.len()
            )));
        }
        // Check the pattern as written first, so the message speaks of the author's regex.
        // Each placeholder stands in as a group of its own length, so the engine's caret
        // lines up when the placeholder is written back into its message.
        let stand_in =
            |c: &regex::Captures| format!("(?:{})", "x".repeat(c[0].len().saturating_sub(4)));
        let plain = PLACEHOLDER.replace_all(source, stand_in);
        compile_checked(&plain).map_err(|e| {
            let mut message = e.to_string();
            for cap in PLACEHOLDER.captures_iter(source) {
                message = message.replacen(&stand_in(&cap), &cap[0], 1);
            }
            PatternError::regex(message)
        })?;
        Pattern::build(source, &spaced(source), false)
    }

    /// Compiles a phrase (see [`crate::phrase`]).
    pub fn phrase(source: &str) -> Result<Pattern, crate::phrase::PhraseError> {
        let fail = |at: usize, message: String| crate::phrase::PhraseError { at, message };
        if source.len() > MAX_PATTERN_LEN {
            return Err(fail(
                0,
                format!(
                    "the phrase is {} bytes long; the limit is {MAX_PATTERN_LEN}",
                    source.len()
                ),
            ));
        }
        let regex = crate::phrase::compile(source)?;
        Pattern::build(source, &regex, true).map_err(|e| {
            // A placeholder's name is the one thing the phrase parser leaves to us.
            let at = (e.placeholder.as_deref())
                .and_then(|p| source.find(p))
                .unwrap_or(0);
            fail(at, e.message)
        })
    }

    /// Expands the placeholder of `regex` (the form the engine runs, before boundaries)
    /// and compiles it, case-insensitively, with boundaries where it starts or ends with a
    /// word character.
    fn build(source: &str, regex: &str, phrase: bool) -> Result<Pattern, PatternError> {
        let mut kind = None;
        let mut expanded = String::new();
        // The pattern with its placeholder standing for any text: what the required
        // literals are read from (see `Pattern::required`).
        let mut abstracted = String::new();
        // With its placeholder standing for a character that is no word character: what
        // the boundaries are decided from (a value may start with "$").
        let mut edges = String::new();
        let mut last = 0;
        for cap in PLACEHOLDER.captures_iter(regex) {
            let (whole, name) = (&cap[0], &cap[1]);
            let start = cap.get(0).map_or(0, |m| m.start());
            if regex[..start].ends_with('\\') {
                continue;
            }
            let about = |message: String| PatternError {
                message,
                regex: false,
                placeholder: Some(whole.to_owned()),
            };
            let k = Slot::from_name(name).ok_or_else(|| {
                let mut known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                known.push("wording");
                about(format!(
                    "unknown placeholder `{whole}`; known: {{{}}}",
                    known.join("}, {")
                ))
            })?;
            if kind.is_some() {
                return Err(about(format!(
                    "pattern `{source}` has more than one placeholder; a pattern reads one value"
                )));
            }
            kind = Some(k);
            for out in [&mut expanded, &mut abstracted, &mut edges] {
                out.push_str(&regex[last..start]);
            }
            abstracted.push_str("(?P<value>(?s:.)*)");
            edges.push_str("(?P<value>%)");
            expanded.push_str("(?P<value>");
            expanded.push_str(k.source());
            expanded.push(')');
            last = start + whole.len();
        }
        for out in [&mut expanded, &mut abstracted, &mut edges] {
            out.push_str(&regex[last..]);
        }
        let kind = kind.ok_or_else(|| PatternError {
            message: format!(
                "pattern `{source}` has no placeholder such as {{count}} for the value"
            ),
            regex: false,
            placeholder: None,
        })?;
        let (first, last) = word_edges(&edges);
        let bounded = |inner: &str| {
            format!(
                "{}(?:{inner}){}",
                if first { BOUNDARY } else { "" },
                if last { BOUNDARY } else { "" }
            )
        };
        let runs = if first || last {
            bounded(regex)
        } else {
            regex.to_owned()
        };
        // Checked now, with a character standing for the placeholder; compiled when first
        // run (see `Pattern::regex`).
        let checked = compile_checked(&format!("(?i){}", bounded(&edges)))
            .map_err(|e| PatternError::regex(e.to_string()))?;
        let required = Pattern::required(&format!("(?i){}", bounded(&abstracted)));
        Ok(Pattern {
            source: source.to_owned(),
            phrase,
            runs,
            slot: kind,
            captures: (checked.capture_names().flatten().map(str::to_owned)).collect(),
            expanded: format!("(?i){}", bounded(&expanded)),
            compiled: Arc::default(),
            required,
        })
    }

    /// The compiled regex; the value is the capture group `value`. A pattern is compiled
    /// the first time a sentence reaches it: with its placeholder's grammar it takes a
    /// megabyte or more and tens of milliseconds, and most patterns of a rule set meet no
    /// sentence in most archives.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // Cannot fail: without its placeholder the pattern compiled within
            // PLACEHOLDER_ROOM and PLACEHOLDER_DEPTH of these limits, and every placeholder
            // fits in those (`every_placeholder_fits_the_room_a_checked_pattern_leaves`).
            let depth = NEST_LIMIT + PLACEHOLDER_DEPTH;
            compile_limited(&self.expanded, MAX_COMPILED, depth).unwrap_or_else(|e| {
                unreachable!("a checked pattern compiles with its placeholder: {e}")
            })
        })
    }

    /// The literal text every match of `regex` (a regex source) must contain: a list of
    /// sets, and each text the regex matches holds, for every set, one of its literals,
    /// compared ignoring ASCII case (the literals are lower case), unless the text holds one
    /// of the characters of [`Required::unless`].
    ///
    /// Read from the regex's own syntax tree, as the regex engine parses it. A literal is a
    /// run of characters the regex matches exactly, or of ASCII letters it matches in either
    /// case; case-insensitive `k` and `s` also match the Kelvin sign and the long s, and
    /// those characters go to `unless`. Sets with a literal shorter than `MIN_LITERAL` are
    /// left out: they would keep nearly every sentence.
    ///
    /// [`Pattern::compile`] passes the pattern with its placeholder standing for any text
    /// (`(?s:.)*`): a placeholder requires no literal of its own (its values start with
    /// digits or any of many words), parsing its expansion costs about as much as compiling
    /// it, and a part that requires nothing can only drop sets, never add one.
    pub fn required(regex: &str) -> Required {
        let Ok(hir) = regex_syntax::Parser::new().parse(regex) else {
            return Required::default();
        };
        let mut unless = Vec::new();
        let mut sets = required_sets(&hir, &mut unless);
        sets.retain(|set| set.iter().all(|l| l.len() >= MIN_LITERAL));
        let sets: Vec<Vec<String>> = sets
            .into_iter()
            .filter_map(|set| {
                set.into_iter()
                    .map(String::from_utf8)
                    .collect::<Result<Vec<_>, _>>()
                    .ok()
            })
            .collect();
        unless.sort_unstable();
        unless.dedup();
        Required { sets, unless }
    }

    /// False when `text` lacks one of the [`Pattern::required`] literals, so that the regex
    /// cannot match it; true when it may match.
    pub fn admits(&self, text: &str) -> bool {
        if text.contains(self.required.unless.as_slice()) {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        self.required
            .sets
            .iter()
            .all(|set| set.iter().any(|l| lower.contains(l.as_str())))
    }
}

/// The literals a pattern's matches must contain (see [`Pattern::required`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Required {
    /// Sets of literals, in ASCII lower case: a match holds one literal of every set.
    pub sets: Vec<Vec<String>>,
    /// Characters that the pattern matches in place of an ASCII letter of a literal (the
    /// Kelvin sign for `k`): in a text that holds one, the sets say nothing.
    pub unless: Vec<char>,
}

/// Required literals shorter than this (in bytes) are not worth looking for.
const MIN_LITERAL: usize = 3;
/// An alternation of more literals than this is not worth looking for.
const MAX_ALTERNATIVES: usize = 64;

/// The sets of literals one of each of which every match of `hir` contains (ASCII lower case).
///
/// Non-ASCII characters that a class matches besides an ASCII letter in both cases go to
/// `unless`.
fn required_sets(hir: &Hir, unless: &mut Vec<char>) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(_) => Vec::new(),
        HirKind::Literal(lit) => vec![vec![lit.0.to_ascii_lowercase()]],
        HirKind::Capture(c) => required_sets(&c.sub, unless),
        HirKind::Repetition(r) if r.min >= 1 => required_sets(&r.sub, unless),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Concat(parts) => {
            // Adjacent parts that each match one fixed text make one longer literal.
            let mut sets = Vec::new();
            let mut run: Vec<u8> = Vec::new();
            for part in parts {
                if let Some(text) = fixed_text(part, unless) {
                    run.extend(text);
                    continue;
                }
                if !run.is_empty() {
                    sets.push(vec![std::mem::take(&mut run)]);
                }
                sets.extend(required_sets(part, unless));
            }
            if !run.is_empty() {
                sets.push(vec![run]);
            }
            sets
        }
        HirKind::Alternation(branches) => {
            // A match is one branch's match: it holds a literal of that branch's best set.
            let mut union: Vec<Vec<u8>> = Vec::new();
            for branch in branches {
                let Some(best) = required_sets(branch, unless)
                    .into_iter()
                    .max_by_key(|set| set.iter().map(Vec::len).min().unwrap_or(0))
                else {
                    return Vec::new();
                };
                union.extend(best);
            }
            union.sort();
            union.dedup();
            if union.is_empty() || union.len() > MAX_ALTERNATIVES {
                Vec::new()
            } else {
                vec![union]
            }
        }
    }
}

/// The one text `hir` matches, in ASCII lower case, when it matches exactly one text up to
/// ASCII case in text without the characters of `unless`: a literal, an ASCII letter in
/// either case (`[Mm]`), or a sequence of those. A class that also matches non-ASCII
/// characters (`[Kk\u{212A}]`) counts as its letter, and adds them to `unless`.
fn fixed_text(hir: &Hir, unless: &mut Vec<char>) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(class) => ascii_letter_either_case(class, unless).map(|b| vec![b]),
        HirKind::Capture(c) => fixed_text(&c.sub, unless),
        HirKind::Concat(parts) => parts.iter().try_fold(Vec::new(), |mut acc, p| {
            acc.extend(fixed_text(p, unless)?);
            Some(acc)
        }),
        _ => None,
    }
}

/// The lower-case letter of a class that holds one ASCII letter in both its cases, no other
/// ASCII character, and perhaps non-ASCII characters, which go to `unless`.
fn ascii_letter_either_case(class: &Class, unless: &mut Vec<char>) -> Option<u8> {
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        // A byte class may match bytes that are not characters: leave it alone.
        Class::Bytes(_) => return None,
    };
    let (ascii, others): (Vec<_>, Vec<_>) = ranges.iter().partition(|(_, end)| *end < 0x80);
    let letter = match ascii.as_slice() {
        [(a, a2), (b, b2)] if a == a2 && b == b2 => {
            let (upper, lower) = (u8::try_from(*a).ok()?, u8::try_from(*b).ok()?);
            (upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == lower).then_some(lower)?
        }
        _ => return None,
    };
    let mut extra = Vec::new();
    for &(start, end) in &others {
        // A range that straddles ASCII, or a wide one, is no case variant.
        if start < 0x80 || end - start > 4 {
            return None;
        }
        extra.extend((start..=end).filter_map(char::from_u32));
    }
    unless.extend(extra);
    Some(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_fits_the_room_a_checked_pattern_leaves() {
        let slots = (Kind::ALL.iter().map(|&k| Slot::Quantity(k))).chain([Slot::Wording]);
        for slot in slots {
            let alone = format!("(?i){BOUNDARY}(?:(?P<value>{}))%{BOUNDARY}", slot.source());
            let fits = compile_limited(&alone, PLACEHOLDER_ROOM, PLACEHOLDER_DEPTH);
            assert!(fits.is_ok(), "{slot:?}: {:?}", fits.err());
        }
    }

    #[test]
    fn a_pattern_is_compiled_when_first_run_and_once_for_all_its_clones() {
        let p = Pattern::compile("met {count} times").unwrap_or_else(|e| panic!("{e}"));
        let clone = p.clone();
        assert!(
            p.compiled.get().is_none(),
            "checked, not compiled, when loaded"
        );
        assert!(clone.regex().is_match("they met about 40 times"));
        assert!(
            p.compiled.get().is_some(),
            "the clone's compilation is the pattern's"
        );
        assert_eq!(p.captures, ["value"]);
    }

    #[test]
    fn a_pattern_nested_to_the_limit_without_its_placeholder_still_compiles_with_it() {
        let deep = format!("{}met {{date}}{}", "(?:".repeat(240), ")".repeat(240));
        let p = Pattern::compile(&deep).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.regex().is_match("they met March 3, 2023"));
        let too_deep = format!("{}met {{date}}{}", "(?:".repeat(260), ")".repeat(260));
        let e = Pattern::compile(&too_deep).err().map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("nest")), "refused when loaded");
    }
}
