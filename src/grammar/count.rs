//! Counts: "about 40", "nearly thirty", "more than a dozen", "between 30 and 40", "dozens",
//! "1.6" (a count need not be whole: a rate, an average), and ages by decade ("in her 40s").

use rust_decimal::Decimal;

use super::hedges::Domain;
use super::numbers::{self, Amount};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Regex source for an age by decade: `in her 40s`, `in their early 30s`, `in his mid-50s`.
fn age() -> &'static str {
    "(?-u:\\b)in\\s+(?:his|her|their|its|my|your|our)\\s+(?:(?:early|mid|late)(?:\\s+|-))?[1-9]0s(?-u:\\b)"
}

/// The regex sources of a count.
pub(super) fn shape() -> Shape {
    let number = numbers::fragment();
    Shape {
        left: number.clone(),
        hyphens: vec![(
            format!("(?-u:\\b){}", numbers::digits()),
            numbers::digits().to_string(),
        )],
        value: format!("(?:{}|{number})", age()),
    }
}

/// Counts are numbers from zero, without a unit.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Count,
    end,
    domain: Domain::COUNT,
    reports_unit: false,
};

/// Reads one count: a number, or an age by decade.
fn end(text: &str) -> Result<End, GrammarError> {
    let lower = text.trim().to_lowercase();
    let amount = match lower.strip_prefix("in ") {
        Some(rest) => decade_of_age(rest, text)?,
        None => numbers::parse(text)?,
    };
    Ok(End { amount, unit: None })
}

/// `her 40s` → 40..49; `their early 30s` → 30..33, `mid` 33..36, `late` 36..39.
fn decade_of_age(rest: &str, text: &str) -> Result<Amount, GrammarError> {
    let not_a = || GrammarError::NotA(text.to_string(), "count");
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let (part, decade) = match words.as_slice() {
        [_, decade] => (None, *decade),
        [_, part, decade] => (Some(*part), *decade),
        _ => return Err(not_a()),
    };
    let first: i64 = decade
        .strip_suffix('s')
        .and_then(|d| d.parse().ok())
        .ok_or_else(not_a)?;
    let (a, b) = match part {
        Some("early") => (0, 3),
        Some("mid") => (3, 6),
        Some("late") => (6, 9),
        _ => (0, 9),
    };
    Ok(Amount {
        low: Decimal::from(first + a),
        high: Decimal::from(first + b),
        note: Some(format!("an age: \"{}\"", super::collapse(text))),
        ..Amount::exact(Decimal::ZERO)
    })
}
