//! Percentages: "30%", "30 per cent", "thirty percent", "half", "a third", "two-thirds",
//! "one in five"; read in percentage points.

use super::hedges::Domain;
use super::numbers::{self, Amount};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Fraction words and their denominators (plural forms included).
const PARTS: &[(&str, f64)] = &[
    ("halves", 2.0),
    ("half", 2.0),
    ("thirds", 3.0),
    ("third", 3.0),
    ("quarters", 4.0),
    ("quarter", 4.0),
    ("fifths", 5.0),
    ("fifth", 5.0),
    ("tenths", 10.0),
    ("tenth", 10.0),
];

/// Regex source for the percent sign or word after a number.
fn sign() -> &'static str {
    "(?:\\s*%|\\s*(?:percent|per\\s+cent|pct|percentage\\s+points?)(?-u:\\b))"
}

/// Regex source for a fraction of a whole: `half`, `a third`, `two-thirds`, `one in five`.
fn fraction() -> String {
    let parts = PARTS.iter().map(|p| p.0).collect::<Vec<_>>().join("|");
    let small = numbers::small_words();
    format!(
        "(?-u:\\b)(?:(?:a|one|two|three|four|five|six|seven|eight|nine)(?:\\s+|-)(?:{parts})\
         |half|(?:one|1)\\s+in\\s+(?:{small}|[0-9]+))(?-u:\\b)"
    )
}

/// The regex sources of a percentage mention.
pub(super) fn shape() -> Shape {
    let number = numbers::fragment();
    let digits = numbers::digits();
    Shape {
        value: format!("(?:{number}{}|{})", sign(), fraction()),
        left: format!("(?:{number}(?:{})?)", sign()),
        hyphens: vec![(
            format!("(?-u:\\b){digits}(?:\\s*%)?"),
            format!("{digits}{}", sign()),
        )],
    }
}

/// Percentages are real numbers from zero, in points.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Percent,
    end,
    domain: Domain::AMOUNT,
    reports_unit: false,
};

/// Reads one value: a number with a percent sign or word, a bare number (a range's low
/// end), or a fraction.
fn end(text: &str) -> Result<End, GrammarError> {
    let lower = text.trim().to_lowercase();
    let percent = Some(("%".to_string(), 1.0));
    if let Some(amount) = fraction_value(&lower) {
        return Ok(End {
            amount,
            unit: percent,
        });
    }
    let number = lower
        .trim_end_matches('%')
        .trim_end_matches("percentage points")
        .trim_end_matches("percentage point")
        .trim_end_matches("percent")
        .trim_end_matches("per cent")
        .trim_end_matches("pct");
    let bare = number.len() == lower.len();
    let number = number.split_whitespace().collect::<Vec<_>>().join(" ");
    let amount = numbers::parse(&number)?;
    Ok(End {
        amount,
        unit: if bare { None } else { percent },
    })
}

/// The share a fraction names, widened to the whole points around it when it is not a
/// whole number of points ("a third" is 33..34).
fn fraction_value(lower: &str) -> Option<Amount> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let (numerator, denominator) = match words.as_slice() {
        ["half"] => (1.0, 2.0),
        [n, "in", d] if matches!(*n, "one" | "1") => (1.0, numbers::parse(d).ok()?.low),
        [n, part] => (
            if *n == "a" {
                1.0
            } else {
                numbers::parse(n).ok()?.low
            },
            PARTS.iter().find(|p| p.0 == *part)?.1,
        ),
        _ => return None,
    };
    if denominator <= 0.0 {
        return None;
    }
    let share = 100.0 * numerator / denominator;
    Some(Amount {
        low: share.floor(),
        high: share.ceil(),
        ..Amount::exact(share)
    })
}
