//! How a reading is shown to an editor (`about 40 → 36..44`) and written to JSON.

use std::fmt;

use serde_json::Value;

use super::{calendar, duration, Bound, Kind, Reading};

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
        let number = |v: f64| self.number(v / divisor);
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
            Some(v) if self.kind == Kind::Date => Value::from(calendar::iso(v as i64)),
            Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => Value::from(v as i64),
            Some(v) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        }
    }

    /// What values are divided by for display, and the unit written after them.
    fn display_unit(&self) -> (f64, String) {
        match (self.kind, &self.unit) {
            (Kind::Duration, _) => duration_unit(self.largest()),
            (Kind::Percent, _) => (1.0, "%".to_string()),
            (_, Some(unit)) => (1.0, format!(" {unit}")),
            (_, None) => (1.0, String::new()),
        }
    }

    /// The largest finite end, by magnitude (0 if none).
    fn largest(&self) -> f64 {
        [self.value.low.value(), self.value.high.value()]
            .into_iter()
            .flatten()
            .map(f64::abs)
            .fold(0.0, f64::max)
    }

    /// One value in the kind's terms.
    fn number(&self, v: f64) -> String {
        match self.kind {
            Kind::Date if v.is_finite() => calendar::iso(v as i64),
            Kind::Money => money(v),
            _ => plain(v),
        }
    }
}

/// The unit a duration of about `seconds` is best shown in: (seconds per unit, ` unit`).
fn duration_unit(seconds: f64) -> (f64, String) {
    const UNITS: &[(f64, &str)] = &[
        (duration::YEAR, "years"),
        (duration::MONTH, "months"),
        (duration::DAY, "days"),
        (3600.0, "hours"),
        (60.0, "minutes"),
    ];
    UNITS
        .iter()
        .find(|u| seconds >= u.0)
        .map_or((1.0, " seconds".to_string()), |u| {
            (u.0, format!(" {}", u.1))
        })
}

/// Money with a short scale: `153 bn`, `1.28 tn`, `30 m`, `1280`.
fn money(v: f64) -> String {
    const SCALES: &[(f64, &str)] = &[(1e12, "tn"), (1e9, "bn"), (1e6, "m")];
    SCALES
        .iter()
        .find(|s| v.abs() >= s.0)
        .map_or_else(|| plain(v), |s| format!("{} {}", plain(v / s.0), s.1))
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
