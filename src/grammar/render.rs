//! How a reading is shown to an editor (`about 40 → 36..44`) and written to JSON.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;

use super::{calendar, duration, numbers, Bound, Kind, Reading};

impl fmt::Display for Reading {
    /// `about 40 → 36..44`, `$153 billion → 153 bn USD`, `2022 → 2022-01-01..2022-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.text, self.range())
    }
}

impl Reading {
    /// The interval in the kind's own terms: `36..44`, `153 bn USD`, `27..33%`, `3 days`,
    /// `2022-01-01..2022-12-31`.
    pub fn range(&self) -> String {
        let (low, high) = (self.value.low, self.value.high);
        let (divisor, suffix) = self.display_unit();
        let number = |v: Decimal| self.number(v / divisor);
        let end = |bound: Bound, marker: &str| match bound {
            Bound::Unbounded => String::new(),
            Bound::Included(v) => number(v),
            Bound::Excluded(v) => format!("{marker}{}", number(v)),
        };
        let body = match (low, high) {
            (Bound::Included(a), Bound::Included(b)) if a == b => number(a),
            _ => format!("{}..{}", end(low, ">"), end(high, "<")),
        };
        match suffix.strip_suffix('s') {
            Some(singular) if self.kind == Kind::Duration && body == "1" => {
                format!("{body}{singular}")
            }
            _ => format!("{body}{suffix}"),
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
            Some(v) if self.kind == Kind::Date => Value::from(calendar::iso(day(v))),
            Some(v) => json_number(v),
        }
    }

    /// What values are divided by for display, and the unit written after them.
    fn display_unit(&self) -> (Decimal, String) {
        match (self.kind, &self.unit) {
            (Kind::Duration, _) => duration_unit(self.largest()),
            (Kind::Percent, _) => (Decimal::ONE, "%".to_string()),
            (_, Some(unit)) => (Decimal::ONE, format!(" {unit}")),
            (_, None) => (Decimal::ONE, String::new()),
        }
    }

    /// The largest finite end, by magnitude (0 if none).
    fn largest(&self) -> Decimal {
        [self.value.low.value(), self.value.high.value()]
            .into_iter()
            .flatten()
            .map(|v| v.abs())
            .fold(Decimal::ZERO, Decimal::max)
    }

    /// One value in the kind's terms.
    fn number(&self, v: Decimal) -> String {
        match self.kind {
            Kind::Date => calendar::iso(day(v)),
            Kind::Money => money(v),
            _ => plain(v),
        }
    }
}

/// A day number held as a decimal.
fn day(v: Decimal) -> i64 {
    v.trunc().to_i64().unwrap_or_default()
}

/// An exact decimal as a JSON number: whole numbers as integers, others as the decimal
/// they are written as (a double prints back as the same digits for up to 15 of them).
pub fn json_number(v: Decimal) -> Value {
    let v = v.normalize();
    if v.fract().is_zero() {
        if let Some(i) = v.to_i64() {
            return Value::from(i);
        }
    }
    v.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// The unit a duration of about `seconds` is best shown in: (seconds per unit, ` unit`).
fn duration_unit(seconds: Decimal) -> (Decimal, String) {
    const UNITS: &[(i64, &str)] = &[
        (duration::YEAR, "years"),
        (duration::MONTH, "months"),
        (duration::DAY, "days"),
        (3600, "hours"),
        (60, "minutes"),
    ];
    UNITS
        .iter()
        .find(|u| seconds >= Decimal::from(u.0))
        .map_or((Decimal::ONE, " seconds".to_string()), |u| {
            (Decimal::from(u.0), format!(" {}", u.1))
        })
}

/// Money with a short scale: `153 bn`, `1.28 tn`, `30 m`, `1280`.
fn money(v: Decimal) -> String {
    const SCALES: &[(u32, &str)] = &[(12, "tn"), (9, "bn"), (6, "m")];
    SCALES
        .iter()
        .find(|s| v.abs() >= numbers::pow10(s.0))
        .map_or_else(
            || plain(v),
            |s| format!("{} {}", plain(v / numbers::pow10(s.0)), s.1),
        )
}

/// A number without trailing zeros: `40`, `1.28`, rounded to three decimals.
pub(crate) fn plain(v: Decimal) -> String {
    super::interval::show(v)
}
