//! Ordinals: "fifth", "5th", "twenty-first", "third or fourth"; the value is the position.

use rust_decimal::Decimal;

use super::hedges::Domain;
use super::numbers::{self, Amount};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Ordinal words for 1..=19 and the tens, and scale ordinals.
pub(crate) const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
    ("thousandth", 1000),
];

/// Regex source for one ordinal: `5th`, `21st`, `fifth`, `twenty-first`, `twenty first`.
fn value() -> String {
    let mut words: Vec<&str> = ORDINALS.iter().map(|o| o.0).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let words = words.join("|");
    let tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    format!("(?-u:\\b)(?:[0-9]+(?:st|nd|rd|th)|(?:(?:{tens})(?:-|\\s+))?(?:{words}))(?-u:\\b)")
}

/// The regex sources of an ordinal mention.
pub(super) fn shape() -> Shape {
    let value = value();
    Shape {
        left: value.clone(),
        hyphens: Vec::new(),
        value,
    }
}

/// Positions are whole numbers from one.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Ordinal,
    end,
    domain: Domain::POSITION,
    reports_unit: false,
};

/// Reads one ordinal.
fn end(text: &str) -> Result<End, GrammarError> {
    let lower = text.trim().to_lowercase();
    let not_a = || GrammarError::NotA(text.to_string(), "ordinal");
    let value = if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        numbers::digit_value(digits, text)?
    } else {
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .collect();
        let (last, head) = words.split_last().ok_or_else(not_a)?;
        let last = ORDINALS.iter().find(|o| o.0 == *last).ok_or_else(not_a)?.1;
        let head = if head.is_empty() {
            Decimal::ZERO
        } else {
            numbers::spelled(head, text)?
        };
        head + Decimal::from(last)
    };
    Ok(End {
        amount: Amount::exact(value),
        unit: None,
    })
}
