//! Durations: "three-day", "12 months", "a year", "nearly six hours", "five and a half
//! hours", "a decade"; read in seconds.
//!
//! A year is 365.25 days and a month a twelfth of that (30.4375 days), so "12 months" and
//! "a year" are the same length.

use super::hedges::Domain;
use super::numbers::{self, Amount};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Seconds in a day.
pub(crate) const DAY: f64 = 86_400.0;
/// Seconds in a year of 365.25 days.
pub(crate) const YEAR: f64 = 365.25 * DAY;
/// Seconds in a month, a twelfth of a year.
pub(crate) const MONTH: f64 = YEAR / 12.0;

/// Unit words (singular and plural) and their length in seconds.
pub(crate) const UNITS: &[(&str, f64)] = &[
    ("seconds", 1.0),
    ("second", 1.0),
    ("secs", 1.0),
    ("sec", 1.0),
    ("minutes", 60.0),
    ("minute", 60.0),
    ("mins", 60.0),
    ("min", 60.0),
    ("hours", 3600.0),
    ("hour", 3600.0),
    ("hrs", 3600.0),
    ("hr", 3600.0),
    ("days", DAY),
    ("day", DAY),
    ("weeks", 7.0 * DAY),
    ("week", 7.0 * DAY),
    ("fortnights", 14.0 * DAY),
    ("fortnight", 14.0 * DAY),
    ("months", MONTH),
    ("month", MONTH),
    ("years", YEAR),
    ("year", YEAR),
    ("decades", 10.0 * YEAR),
    ("decade", 10.0 * YEAR),
    ("centuries", 100.0 * YEAR),
    ("century", 100.0 * YEAR),
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
    let mut half = 0.0;
    if words.ends_with(&["and", "a", "half"]) {
        words.truncate(words.len() - 3);
        half = 0.5;
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
        unit: Some(("s".to_string(), seconds)),
    })
}

/// The number of units in `a`, `half an`, `a couple of`, `five and a half`, `three`.
fn how_many(words: &[&str], text: &str) -> Result<Amount, GrammarError> {
    match words {
        ["a" | "an"] => Ok(Amount::exact(1.0)),
        ["half", "a" | "an"] => Ok(Amount::exact(0.5)),
        ["a", "couple", "of"] => Ok(Amount::exact(2.0)),
        [head @ .., "and", "a", "half"] => {
            let n = numbers::parse(&head.join(" "))?;
            Ok(Amount::exact(n.low + 0.5))
        }
        _ if words.is_empty() => Err(GrammarError::NotA(text.to_string(), "duration")),
        _ => numbers::parse(&words.join(" ")),
    }
}
