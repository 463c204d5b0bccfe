//! Percentages and shares: "30%", "30 per cent", "thirty percent", "minus 0.5 per cent",
//! "half", "a third", "two-thirds", "3/4", "one in five", "3 out of 4", "one over three";
//! read in percentage points of a whole. A ratio is a share, never a count.

use rust_decimal::Decimal;

use super::hedges::Domain;
use super::interval::int;
use super::numbers::{self, Amount, PARTS};
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Regex source for the percent sign or word after a number.
fn sign() -> &'static str {
    "(?:\\s*%|\\s*(?:percent|per\\s+cent|pct|percentage\\s+points?)(?-u:\\b))"
}

/// Regex source for a share of a whole: `half`, `a third`, `two-thirds`, `3/4`, `½`,
/// `one in five`, `one out of five`, `3 out of 4`, `one over three`.
pub(crate) fn fraction() -> String {
    let parts = PARTS.iter().map(|p| p.0).collect::<Vec<_>>().join("|");
    let small = numbers::small_words();
    format!(
        "(?:(?-u:\\b)(?:(?:a|one|two|three|four|five|six|seven|eight|nine)(?:\\s+|-)(?:{parts})\
         |half|[1-9]/[1-9]\
         |(?:{small}|[0-9]{{1,3}})[ \\t]+(?:in|out[ \\t]+of)[ \\t]+(?:{small}|[0-9]{{1,3}})\
         |(?:{small})[ \\t]+over[ \\t]+(?:{small}))(?-u:\\b)|[½¼¾⅓])"
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

/// Percentages are real numbers of points; a share is at least 0 unless written negative.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Percent,
    end,
    domain: Domain::AMOUNT,
    reports_unit: false,
};

/// Reads one value: a number with a percent sign or word, a bare number (a range's low
/// end), or a share.
fn end(text: &str) -> Result<End, GrammarError> {
    let lower = text.trim().to_lowercase();
    let percent = Some(("%".to_string(), Decimal::ONE));
    if let Some(amount) = fraction_value(&lower) {
        return Ok(End {
            amount: amount?,
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

/// The share a fraction or ratio names (`None`: not one), widened to the whole points
/// around it when it is not a whole number of points ("a third" is 33..34).
fn fraction_value(lower: &str) -> Option<Result<Amount, GrammarError>> {
    let vulgar = [("½", 1, 2), ("¼", 1, 4), ("¾", 3, 4), ("⅓", 1, 3)];
    if let Some(v) = vulgar.iter().find(|v| v.0 == lower) {
        return Some(Ok(share(int(v.1), int(v.2))));
    }
    if let Some((n, d)) = lower.split_once('/') {
        let (n, d) = (n.trim().parse::<i64>().ok()?, d.trim().parse::<i64>().ok()?);
        if n >= d {
            return Some(Err(GrammarError::NotA(lower.to_string(), "share")));
        }
        return Some(Ok(share(int(n), int(d))));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let ratio = |n: &[&str], d: &[&str]| -> Result<Amount, GrammarError> {
        let n = numbers::parse(&n.join(" "))?.low;
        let d = numbers::parse(&d.join(" "))?.low;
        // A ratio names a part of a whole: "one in three"; "2019 in 2019" is no share.
        if d.is_zero() || n >= d {
            return Err(GrammarError::NotA(lower.to_string(), "share"));
        }
        Ok(share(n, d))
    };
    if let Some(i) = words.iter().position(|w| *w == "in" || *w == "over") {
        return Some(ratio(&words[..i], &words[i + 1..]));
    }
    if let Some(i) = words.windows(2).position(|w| w == ["out", "of"]) {
        return Some(ratio(&words[..i], &words[i + 2..]));
    }
    let (numerator, denominator) = match words.as_slice() {
        ["half"] => (Decimal::ONE, int(2)),
        [n, part] => (
            if *n == "a" {
                Decimal::ONE
            } else {
                numbers::parse(n).ok()?.low
            },
            int(i64::from(PARTS.iter().find(|p| p.0 == *part)?.1)),
        ),
        _ => return None,
    };
    Some(Ok(share(numerator, denominator)))
}

/// `numerator / denominator` of a whole, in points; not a whole number of points, the
/// whole points around it.
fn share(numerator: Decimal, denominator: Decimal) -> Amount {
    let share = int(100) * numerator / denominator;
    Amount {
        low: share.floor(),
        high: share.ceil(),
        ..Amount::exact(share)
    }
}
