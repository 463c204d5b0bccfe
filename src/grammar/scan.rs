//! Finds every quantity and date mention in running text.
//!
//! Each kind's placeholder proposes candidates; candidates that are not worth reporting
//! are dropped (see [`worth_keeping`]); where candidates overlap, the longest wins, and
//! between equally long ones the more specific kind (date, money, percent, duration,
//! ordinal, count).

use std::sync::OnceLock;

use regex::Regex;

use super::{placeholder, read, Context, GrammarError, Kind, Reading};

/// One mention found by [`scan`].
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first byte of the mention in the scanned text.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// How it was read, or why it could not be.
    pub reading: Result<Reading, GrammarError>,
}

/// The kinds in order of preference when two equally long mentions overlap.
const PREFERENCE: &[Kind] = &[
    Kind::Date,
    Kind::Money,
    Kind::Percent,
    Kind::Duration,
    Kind::Ordinal,
    Kind::Count,
];

/// A proposed mention.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte range in the text.
    start: usize,
    /// End of the byte range.
    end: usize,
    /// The kind whose placeholder matched.
    kind: Kind,
}

/// Every quantity and date mention in `text`: non-overlapping, in order, byte offsets.
pub fn scan(text: &str, ctx: &Context) -> Vec<Mention> {
    let mut candidates: Vec<Candidate> = Kind::ALL
        .iter()
        .flat_map(|&kind| {
            finder(kind).find_iter(text).map(move |m| Candidate {
                start: m.start(),
                end: m.end(),
                kind,
            })
        })
        .filter(|c| worth_keeping(text, c))
        .flat_map(|c| split_change(text, c))
        .collect();
    let rank = |k: Kind| {
        PREFERENCE
            .iter()
            .position(|&p| p == k)
            .unwrap_or(usize::MAX)
    };
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), rank(c.kind)));
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in candidates {
        match chosen.last() {
            Some(last) if c.start < last.end => {}
            _ => chosen.push(c),
        }
    }
    chosen
        .into_iter()
        .map(|c| Mention {
            start: c.start,
            end: c.end,
            reading: read_candidate(text, c, ctx),
        })
        // A candidate its own kind refuses outright ("five six") is no mention; other
        // errors (a day that does not exist, an unknown currency) are worth showing.
        .filter(|m| !matches!(m.reading, Err(GrammarError::NotA(..))))
        .collect()
}

/// The case-insensitive finder of a kind, compiled on first use.
pub(super) fn finder(kind: Kind) -> &'static Regex {
    static FINDERS: [OnceLock<Regex>; 6] = [const { OnceLock::new() }; 6];
    let index = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
    FINDERS[index].get_or_init(|| {
        Regex::new(&format!("(?i){}", placeholder(kind))).expect("built-in placeholder compiles")
    })
}

/// Reads a candidate; the low end of a split "from X to Y" that cannot stand alone as its
/// kind ("from 30 to 40 percent") is read as a count.
fn read_candidate(text: &str, c: Candidate, ctx: &Context) -> Result<Reading, GrammarError> {
    let slice = text.get(c.start..c.end).unwrap_or_default();
    read(c.kind, slice, ctx).or_else(|e| read(Kind::Count, slice, ctx).map_err(|_| e))
}

/// Drops candidates that are parts of words or names, or not facts worth reporting.
fn worth_keeping(text: &str, c: &Candidate) -> bool {
    let slice = text.get(c.start..c.end).unwrap_or_default();
    let before = text.get(..c.start).unwrap_or_default();
    let after = text.get(c.end..).unwrap_or_default();
    let glued_after = after.starts_with('-') && after[1..].starts_with(char::is_alphabetic);
    let glued_before = before.ends_with('-')
        && before[..before.len() - 1].ends_with(|ch: char| ch.is_alphanumeric());
    match c.kind {
        // "12-point plan", "COVID-19", "one of", "the two leaders".
        Kind::Count => !glued_after && !glued_before && !idle_word(before, slice),
        Kind::Money | Kind::Percent => !glued_after && !glued_before && fraction_ok(slice, after),
        // "May" the verb, "march" the walk: a bare month name must be capitalized.
        Kind::Date => !glued_before && capitalized_month(slice),
        Kind::Duration | Kind::Ordinal => !glued_before,
    }
}

/// True for a bare "one", or a bare number word right after "the" ("the two countries").
fn idle_word(before: &str, slice: &str) -> bool {
    let lower = slice.to_lowercase();
    let spelled = lower
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == ' ');
    let after_the = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    lower == "one" || (spelled && after_the && !lower.contains(' '))
}

/// A fraction word ("a third") counts as a share only before "of" or "the", or at the end
/// of a phrase: "a third term" is an ordinal.
fn fraction_ok(slice: &str, after: &str) -> bool {
    if slice.contains(|c: char| c.is_ascii_digit()) || slice.to_lowercase().contains("cent") {
        return true;
    }
    let next = after.trim_start();
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let word = word.to_lowercase();
    word == "of" || word == "the" || next.is_empty() || !next.starts_with(char::is_alphabetic)
}

/// False for a month name alone written in lower case.
fn capitalized_month(slice: &str) -> bool {
    let trimmed = slice.trim();
    let is_month = super::calendar::MONTHS
        .iter()
        .take(12)
        .any(|m| m.0.eq_ignore_ascii_case(trimmed));
    !is_month || trimmed.starts_with(char::is_uppercase)
}

/// "rose from 30 to 40": a change, not a range; yields the two ends as mentions.
fn split_change(text: &str, c: Candidate) -> Vec<Candidate> {
    let slice = text.get(c.start..c.end).unwrap_or_default();
    let before = text.get(..c.start).unwrap_or_default();
    // Only the word before the candidate is looked at, so the cost does not grow with
    // the text before it.
    let word = before.trim_end();
    let from = word.len().checked_sub(4).and_then(|i| word.get(i..));
    let is_change = c.kind != Kind::Date && from.is_some_and(|w| w.eq_ignore_ascii_case("from"));
    match slice.to_ascii_lowercase().find(" to ") {
        Some(i) if is_change && before.ends_with(|ch: char| ch.is_whitespace()) => vec![
            Candidate {
                end: c.start + i,
                ..c
            },
            Candidate {
                start: c.start + i + 4,
                ..c
            },
        ],
        _ => vec![c],
    }
}
