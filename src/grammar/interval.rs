//! Intervals of real numbers with open, closed or missing ends.

use std::fmt;

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// No limit on this side.
    Unbounded,
    /// The value itself is in the interval.
    Included(f64),
    /// Values up to, but not including, this one.
    Excluded(f64),
}

impl Bound {
    /// The number at this end, if bounded.
    pub fn value(self) -> Option<f64> {
        match self {
            Bound::Unbounded => None,
            Bound::Included(v) | Bound::Excluded(v) => Some(v),
        }
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
    pub fn exact(v: f64) -> Interval {
        Interval::closed(v, v)
    }

    /// `low..=high`.
    pub fn closed(low: f64, high: f64) -> Interval {
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
fn tighter(a: Bound, b: Bound, beyond: fn(f64, f64) -> bool) -> Bound {
    match (a, b) {
        (Bound::Unbounded, x) | (x, Bound::Unbounded) => x,
        _ => {
            let (va, vb) = (a.value().unwrap_or(0.0), b.value().unwrap_or(0.0));
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

impl fmt::Display for Interval {
    /// `36..44`, `41..`, `..29`, `(40..50]`-style ends are shown only when open.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let num = |v: f64| {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                format!("{}", (v * 1000.0).round() / 1000.0)
            }
        };
        match self.low {
            Bound::Unbounded => {}
            Bound::Included(v) => write!(f, "{}", num(v))?,
            Bound::Excluded(v) => write!(f, ">{}", num(v))?,
        }
        f.write_str("..")?;
        match self.high {
            Bound::Unbounded => Ok(()),
            Bound::Included(v) => write!(f, "{}", num(v)),
            Bound::Excluded(v) => write!(f, "<{}", num(v)),
        }
    }
}
