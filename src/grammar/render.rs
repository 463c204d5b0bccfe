//! How a reading is shown to an editor (`about 40 → 36..44`) and written to JSON.

use std::fmt;

use serde_json::Value;

use super::{Bound, Kind, Reading};

impl fmt::Display for Reading {
    /// `about 40 → 36..44`, `$153 billion → 153 bn USD`, `2022 → 2022-01-01..2022-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.text, self.range())
    }
}

impl Reading {
    /// The interval in the kind's own terms: `36..44`, `153 bn USD`, `2022-01-01..2022-12-31`.
    pub fn range(&self) -> String {
        let (low, high) = (self.value.low, self.value.high);
        let body = match (low, high) {
            (Bound::Included(a), Bound::Included(b)) if a == b => self.number(a),
            _ => format!("{}..{}", self.end(low, ">"), self.end(high, "<")),
        };
        match &self.unit {
            Some(unit) if unit == "%" => format!("{body}%"),
            Some(unit) if self.kind != Kind::Duration => format!("{body} {unit}"),
            _ => body,
        }
    }

    /// The low end as JSON: a number in the kind's unit, an ISO date, or `null` if unbounded.
    pub fn low_json(&self) -> Value {
        self.json(self.value.low)
    }

    /// The high end as JSON: a number in the kind's unit, an ISO date, or `null` if unbounded.
    pub fn high_json(&self) -> Value {
        self.json(self.value.high)
    }

    /// One end as JSON.
    fn json(&self, bound: Bound) -> Value {
        match bound.value() {
            None => Value::Null,
            Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => Value::from(v as i64),
            Some(v) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        }
    }

    /// One end of an interval as shown: empty if unbounded, `marker` before a strict end.
    fn end(&self, bound: Bound, marker: &str) -> String {
        match bound {
            Bound::Unbounded => String::new(),
            Bound::Included(v) => self.number(v),
            Bound::Excluded(v) => format!("{marker}{}", self.number(v)),
        }
    }

    /// One value in the kind's terms.
    fn number(&self, v: f64) -> String {
        plain(v)
    }
}

/// A number without trailing zeros: `40`, `1.28`, rounded to three decimals.
pub(crate) fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let rounded = (v * 1000.0).round() / 1000.0;
        format!("{rounded}")
    }
}
