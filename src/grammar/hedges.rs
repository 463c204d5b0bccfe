//! Hedges ("about", "nearly", "more than", "between ... and ...") and the one table
//! that says what interval each allows. `docs/semantics.md` mirrors [`apply`].

use rust_decimal::Decimal;

use super::interval::from_f64;
use super::numbers::Amount;
use super::{Bound, GrammarError, Interval, Tolerance};

/// What a hedge says about the stated value `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    /// No hedge, or "exactly": `x`, widened by the `exact` tolerance.
    Exact,
    /// Both ends given ("between 30 and 40", "30-40"): taken as written.
    Between,
    /// about, around, roughly: `x ± x·approximate`.
    Approximate,
    /// nearly, almost, just under: `[x - x·near, x)`.
    Near,
    /// just over: `(x, x + x·near]`.
    JustOver,
    /// more than, over: `(x, ∞)`.
    MoreThan,
    /// at least, no fewer than: `[x, ∞)`.
    AtLeast,
    /// fewer than, under: `[min, x)`.
    LessThan,
    /// up to, as many as, at most: `[min, x]`.
    AtMost,
}

/// Hedges written before the value, as lower-case phrases.
pub(crate) const PREFIXES: &[(&str, Hedge)] = &[
    ("exactly", Hedge::Exact),
    ("precisely", Hedge::Exact),
    ("only", Hedge::Exact),
    ("just", Hedge::Exact),
    ("a mere", Hedge::Exact),
    ("merely", Hedge::Exact),
    ("about", Hedge::Approximate),
    ("around", Hedge::Approximate),
    ("approximately", Hedge::Approximate),
    ("roughly", Hedge::Approximate),
    ("some", Hedge::Approximate),
    ("circa", Hedge::Approximate),
    ("an estimated", Hedge::Approximate),
    ("in the region of", Hedge::Approximate),
    ("on the order of", Hedge::Approximate),
    ("nearly", Hedge::Near),
    ("almost", Hedge::Near),
    ("close to", Hedge::Near),
    ("not quite", Hedge::Near),
    ("just under", Hedge::Near),
    ("just below", Hedge::Near),
    ("just shy of", Hedge::Near),
    ("just short of", Hedge::Near),
    ("slightly less than", Hedge::Near),
    ("slightly fewer than", Hedge::Near),
    ("a little under", Hedge::Near),
    ("a little less than", Hedge::Near),
    ("just over", Hedge::JustOver),
    ("just above", Hedge::JustOver),
    ("just more than", Hedge::JustOver),
    ("slightly more than", Hedge::JustOver),
    ("slightly over", Hedge::JustOver),
    ("a little over", Hedge::JustOver),
    ("a little more than", Hedge::JustOver),
    ("more than", Hedge::MoreThan),
    ("over", Hedge::MoreThan),
    ("above", Hedge::MoreThan),
    ("well over", Hedge::MoreThan),
    ("well above", Hedge::MoreThan),
    ("greater than", Hedge::MoreThan),
    ("in excess of", Hedge::MoreThan),
    ("exceeding", Hedge::MoreThan),
    ("topping", Hedge::MoreThan),
    ("upwards of", Hedge::MoreThan),
    ("at least", Hedge::AtLeast),
    ("no fewer than", Hedge::AtLeast),
    ("no less than", Hedge::AtLeast),
    ("not less than", Hedge::AtLeast),
    ("not fewer than", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("fewer than", Hedge::LessThan),
    ("less than", Hedge::LessThan),
    ("under", Hedge::LessThan),
    ("below", Hedge::LessThan),
    ("well under", Hedge::LessThan),
    ("well below", Hedge::LessThan),
    ("up to", Hedge::AtMost),
    ("as many as", Hedge::AtMost),
    ("as much as", Hedge::AtMost),
    ("as high as", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("no more than", Hedge::AtMost),
    ("not more than", Hedge::AtMost),
    ("a maximum of", Hedge::AtMost),
];

/// Hedges written after the value ("40 or so").
pub(crate) const SUFFIXES: &[(&str, Hedge)] = &[
    ("or so", Hedge::Approximate),
    ("or more", Hedge::AtLeast),
    ("or older", Hedge::AtLeast),
    ("or over", Hedge::AtLeast),
    ("or above", Hedge::AtLeast),
    ("or higher", Hedge::AtLeast),
    ("or longer", Hedge::AtLeast),
    ("or fewer", Hedge::AtMost),
    ("or less", Hedge::AtMost),
    ("or younger", Hedge::AtMost),
    ("or under", Hedge::AtMost),
    ("or below", Hedge::AtMost),
    ("or lower", Hedge::AtMost),
];

/// The kind of number line a value lives on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Domain {
    /// Integers only: ends are rounded outward, strict ends become inclusive ones.
    pub discrete: bool,
    /// The smallest possible value (0 for counts), if any; a value written below it
    /// ("minus 0.5 per cent") lowers it to itself.
    pub min: Option<i64>,
}

impl Domain {
    /// Counts: whole numbers from zero.
    pub const COUNT: Domain = Domain {
        discrete: true,
        min: Some(0),
    };
    /// Positions (ordinals): whole numbers from one.
    pub const POSITION: Domain = Domain {
        discrete: true,
        min: Some(1),
    };
    /// Money, percentages, durations: real numbers from zero.
    pub const AMOUNT: Domain = Domain {
        discrete: false,
        min: Some(0),
    };
}

/// Regex source for `phrases`, longest first, on word boundaries.
fn phrases_fragment(phrases: &[(&str, Hedge)]) -> String {
    let mut words: Vec<&str> = phrases.iter().map(|p| p.0).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alts = words.join("|").replace(' ', "\\s+");
    format!("(?-u:\\b)(?:{alts})(?-u:\\b)")
}

/// Regex source (no capture groups) for a hedge written before the value.
pub(crate) fn prefix_fragment() -> String {
    phrases_fragment(PREFIXES)
}

/// Regex source (no capture groups) for a hedge written after the value.
pub(crate) fn suffix_fragment() -> String {
    phrases_fragment(SUFFIXES)
}

/// Lower case with single spaces: the form a hedge is reported in.
pub(crate) fn normalize(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The hedge a normalized phrase names, before or after the value.
pub(crate) fn classify(phrase: &str) -> Option<Hedge> {
    PREFIXES
        .iter()
        .chain(SUFFIXES)
        .find(|p| p.0 == phrase)
        .map(|p| p.1)
}

/// The interval `hedge amount` allows on `domain`; an error if it allows nothing.
///
/// Whole-number kinds use the whole-number table only when the stated values are whole:
/// "a fertility rate of 1.6" is 1.6, not 1..2.
pub(crate) fn apply(
    hedge: Hedge,
    amount: &Amount,
    tol: &Tolerance,
    domain: Domain,
) -> Result<Interval, GrammarError> {
    let (a, b) = (amount.low.min(amount.high), amount.low.max(amount.high));
    let tol = Fractions {
        approximate: fraction(tol.approximate),
        near: fraction(tol.near),
        exact: fraction(tol.exact),
    };
    let interval = if domain.discrete && a.fract().is_zero() && b.fract().is_zero() {
        discrete(hedge, a, b, &tol)
    } else {
        continuous(hedge, a, b, &tol)
    };
    let interval = clamp(interval, domain.min.map(|m| Decimal::from(m).min(a)));
    if interval.is_empty() {
        return Err(GrammarError::Empty);
    }
    Ok(interval)
}

/// The tolerances as exact fractions in 0..=1.
struct Fractions {
    /// See [`Tolerance::approximate`].
    approximate: Decimal,
    /// See [`Tolerance::near`].
    near: Decimal,
    /// See [`Tolerance::exact`].
    exact: Decimal,
}

/// The table for real-valued kinds: strict ends stay strict.
fn continuous(hedge: Hedge, a: Decimal, b: Decimal, tol: &Fractions) -> Interval {
    use Bound::{Excluded, Included, Unbounded};
    let (lo, hi) = match hedge {
        Hedge::Exact => (
            Included(a - a.abs() * tol.exact),
            Included(b + b.abs() * tol.exact),
        ),
        Hedge::Between => (Included(a), Included(b)),
        Hedge::Approximate => (
            Included(a - a.abs() * tol.approximate),
            Included(b + b.abs() * tol.approximate),
        ),
        Hedge::Near => {
            let lo = a - a.abs() * tol.near;
            (Included(lo), if lo < b { Excluded(b) } else { Included(b) })
        }
        Hedge::JustOver => {
            let hi = b + b.abs() * tol.near;
            (Excluded(a), if hi > a { Included(hi) } else { Unbounded })
        }
        Hedge::MoreThan => (Excluded(a), Unbounded),
        Hedge::AtLeast => (Included(a), Unbounded),
        Hedge::LessThan => (Unbounded, Excluded(b)),
        Hedge::AtMost => (Unbounded, Included(b)),
    };
    Interval { low: lo, high: hi }
}

/// The table for whole-number kinds: tolerance ends round outward, strict ends step in by one.
fn discrete(hedge: Hedge, a: Decimal, b: Decimal, tol: &Fractions) -> Interval {
    let one = Decimal::ONE;
    let (lo, hi) = match hedge {
        Hedge::Exact => (
            Some((a - a.abs() * tol.exact).floor()),
            Some((b + b.abs() * tol.exact).ceil()),
        ),
        Hedge::Between => (Some(a), Some(b)),
        Hedge::Approximate => (
            Some((a - (a.abs() * tol.approximate).max(one)).floor()),
            Some((b + (b.abs() * tol.approximate).max(one)).ceil()),
        ),
        Hedge::Near => {
            let hi = b - one;
            (Some((a - a.abs() * tol.near).floor().min(hi)), Some(hi))
        }
        Hedge::JustOver => {
            let lo = a + one;
            (Some(lo), Some((b + b.abs() * tol.near).ceil().max(lo)))
        }
        Hedge::MoreThan => (Some(a + one), None),
        Hedge::AtLeast => (Some(a), None),
        Hedge::LessThan => (None, Some(b - one)),
        Hedge::AtMost => (None, Some(b)),
    };
    let bound = |v: Option<Decimal>| v.map_or(Bound::Unbounded, |v| Bound::Included(v.normalize()));
    Interval {
        low: bound(lo),
        high: bound(hi),
    }
}

/// Raises the low end to the domain's minimum.
fn clamp(interval: Interval, min: Option<Decimal>) -> Interval {
    let Some(min) = min else {
        return interval;
    };
    let low = match interval.low {
        Bound::Included(v) | Bound::Excluded(v) if v >= min => interval.low,
        _ => Bound::Included(min),
    };
    Interval { low, ..interval }
}

/// A tolerance as a usable fraction: negative or non-finite ones count as 0, large ones as 1.
fn fraction(v: f64) -> Decimal {
    if v.is_finite() {
        from_f64(v.clamp(0.0, 1.0))
    } else {
        Decimal::ZERO
    }
}
