//! Intervals of exact decimal numbers with open, closed or missing ends.
//!
//! Values are [`Decimal`]s, never binary floating point: "1.6" is 1.6 and "$16.4 million"
//! is 16,400,000 exactly, so a bound printed or compared is the one the text wrote.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
pub use rust_decimal::Decimal;

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// No limit on this side.
    Unbounded,
    /// The value itself is in the interval.
    Included(Decimal),
    /// Values up to, but not including, this one.
    Excluded(Decimal),
}

impl Bound {
    /// The number at this end, if bounded.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Bound::Unbounded => None,
            Bound::Included(v) | Bound::Excluded(v) => Some(v),
        }
    }

    /// The number at this end as a float, for arithmetic that is approximate anyway
    /// (exchange rates); `None` if unbounded.
    pub fn to_f64(self) -> Option<f64> {
        self.value().and_then(|v| v.to_f64())
    }
}

/// A set of values `low..high`; the reading of one mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub low: Bound,
    /// The upper end.
    pub high: Bound,
}

impl Interval {
    /// The single value `v`.
    pub fn exact(v: Decimal) -> Interval {
        Interval::closed(v, v)
    }

    /// `low..=high`.
    pub fn closed(low: Decimal, high: Decimal) -> Interval {
        Interval {
            low: Bound::Included(low),
            high: Bound::Included(high),
        }
    }

    /// True when no value lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Bound::Included(a), Bound::Included(b)) => a > b,
            (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) => {
                a >= b
            }
            _ => false,
        }
    }

    /// The values both intervals allow.
    pub fn intersect(&self, other: &Interval) -> Interval {
        Interval {
            low: tighter(self.low, other.low, |a, b| a > b),
            high: tighter(self.high, other.high, |a, b| a < b),
        }
    }

    /// True when some value lies in both.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.intersect(other).is_empty()
    }
}

/// The more restrictive of two bounds on the same side; `beyond(a, b)` says `a` restricts more.
fn tighter(a: Bound, b: Bound, beyond: fn(Decimal, Decimal) -> bool) -> Bound {
    match (a, b) {
        (Bound::Unbounded, x) | (x, Bound::Unbounded) => x,
        _ => {
            let (va, vb) = (a.value().unwrap_or_default(), b.value().unwrap_or_default());
            if beyond(va, vb) {
                a
            } else if beyond(vb, va) {
                b
            } else if matches!(a, Bound::Excluded(_)) {
                a
            } else {
                b
            }
        }
    }
}

/// A whole number as a decimal.
pub fn int(v: i64) -> Decimal {
    Decimal::from(v)
}

/// The decimal a float was written as (its shortest round-trip form): `0.1` is 0.1, not
/// 0.1000000000000000055...; non-finite or out-of-range floats are 0.
pub fn from_f64(v: f64) -> Decimal {
    if !v.is_finite() {
        return Decimal::ZERO;
    }
    Decimal::from_str(&format!("{v}"))
        .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
        .unwrap_or_default()
}

/// A decimal without trailing zeros, rounded to three places for people: `40`, `1.6`.
pub fn show(v: Decimal) -> String {
    v.round_dp(3).normalize().to_string()
}

impl fmt::Display for Interval {
    /// `36..44`, `41..`, `..29`; an open end is marked `>` or `<`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Bound::Unbounded => {}
            Bound::Included(v) => write!(f, "{}", show(v))?,
            Bound::Excluded(v) => write!(f, ">{}", show(v))?,
        }
        f.write_str("..")?;
        match self.high {
            Bound::Unbounded => Ok(()),
            Bound::Included(v) => write!(f, "{}", show(v)),
            Bound::Excluded(v) => write!(f, "<{}", show(v)),
        }
    }
}
