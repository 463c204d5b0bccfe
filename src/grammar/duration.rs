//! Durations: "three-day", "12 months", "a year", "nearly six hours", "five and a half
//! hours", "a decade"; read in seconds.
//!
//! A year is 365.25 days and a month a twelfth of that (30.4375 days), so "12 months" and
//! "a year" are the same length.

use rust_decimal::Decimal;

use super::hedges::Domain;
use super::interval::int;
use super::numbers::{self, Amount};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Seconds in a day.
pub(crate) const DAY: i64 = 86_400;
/// Seconds in a year of 365.25 days.
pub(crate) const YEAR: i64 = 31_557_600;
/// Seconds in a month, a twelfth of a year (30.4375 days).
pub(crate) const MONTH: i64 = YEAR / 12;

/// Unit words (singular and plural) and their length in seconds.
pub(crate) const UNITS: &[(&str, i64)] = &[
    ("seconds", 1),
    ("second", 1),
    ("secs", 1),
    ("sec", 1),
    ("minutes", 60),
    ("minute", 60),
    ("mins", 60),
    ("min", 60),
    ("hours", 3600),
    ("hour", 3600),
    ("hrs", 3600),
    ("hr", 3600),
    ("days", DAY),
    ("day", DAY),
    ("weeks", 7 * DAY),
    ("week", 7 * DAY),
    ("fortnights", 14 * DAY),
    ("fortnight", 14 * DAY),
    ("months", MONTH),
    ("month", MONTH),
    ("years", YEAR),
    ("year", YEAR),
    ("decades", 10 * YEAR),
    ("decade", 10 * YEAR),
    ("centuries", 100 * YEAR),
    ("century", 100 * YEAR),
];

/// Regex source for a unit word.
pub(crate) fn unit() -> String {
    let mut words: Vec<&str> = UNITS.iter().map(|u| u.0).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("(?:{})(?-u:\\b)", words.join("|"))
}

/// Regex source for how many units: `three`, `a`, `half a`, `five and a half`, `a couple of`.
fn count() -> String {
    let half = "(?:\\s+|-)and(?:\\s+|-)a(?:\\s+|-)half";
    format!(
        "(?:(?-u:\\b)half(?:\\s+|-)an?|(?-u:\\b)a\\s+couple\\s+of|{}(?:{half})?|(?-u:\\b)an?)",
        numbers::fragment()
    )
}

/// Regex source for one duration: `three-day`, `12 months`, `a year and a half`.
pub(crate) fn value() -> String {
    format!(
        "(?:{}(?:\\s+|-){}(?:\\s+and\\s+a\\s+half(?-u:\\b))?)",
        count(),
        unit()
    )
}

/// The regex sources of a duration mention.
pub(super) fn shape() -> Shape {
    let digits = numbers::digits();
    Shape {
        value: value(),
        left: format!("(?:{}|{})", value(), numbers::fragment()),
        hyphens: vec![(
            format!("(?-u:\\b){digits}"),
            format!("{digits}(?:\\s+|-){}", unit()),
        )],
    }
}

/// Durations are real numbers of seconds from zero.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Duration,
    end,
    domain: Domain::AMOUNT,
    reports_unit: true,
};

/// Reads one value: a number of units, or a bare number (a range's low end).
pub(crate) fn end(text: &str) -> Result<End, GrammarError> {
    let lower = text.trim().to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut half = Decimal::ZERO;
    if words.ends_with(&["and", "a", "half"]) {
        words.truncate(words.len() - 3);
        half = Decimal::new(5, 1);
    }
    let Some((&last, head)) = words.split_last() else {
        return Err(GrammarError::NotA(text.to_string(), "duration"));
    };
    let Some(&(_, seconds)) = UNITS.iter().find(|u| u.0 == last) else {
        let amount = numbers::parse(&words.join(" "))?;
        return Ok(End { amount, unit: None });
    };
    let mut amount = how_many(head, text)?;
    amount.low += half;
    amount.high += half;
    Ok(End {
        amount,
        unit: Some(("s".to_string(), int(seconds))),
    })
}

/// The number of units in `a`, `half an`, `a couple of`, `five and a half`, `three`.
fn how_many(words: &[&str], text: &str) -> Result<Amount, GrammarError> {
    match words {
        ["a" | "an"] => Ok(Amount::exact(Decimal::ONE)),
        ["half", "a" | "an"] => Ok(Amount::exact(Decimal::new(5, 1))),
        ["a", "couple", "of"] => Ok(Amount::exact(int(2))),
        [head @ .., "and", "a", "half"] => {
            let n = numbers::parse(&head.join(" "))?;
            Ok(Amount::exact(n.low + Decimal::new(5, 1)))
        }
        _ if words.is_empty() => Err(GrammarError::NotA(text.to_string(), "duration")),
        _ => numbers::parse(&words.join(" ")),
    }
}
