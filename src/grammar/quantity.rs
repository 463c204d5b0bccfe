//! The shape every hedged quantity shares: `[hedge] value [hedge]`, or a range
//! (`between X and Y`, `X to Y`, `X or Y`, `X-Y`).
//!
//! One [`Shape`] writes both the placeholder (no capture groups) and the reader (named
//! groups), so the two cannot disagree about what a mention is. Each kind supplies the
//! regex of one value and a function that reads one value as an [`End`].

use regex::{Captures, Regex};
use rust_decimal::Decimal;

use super::hedges::{self, Domain, Hedge};
use super::numbers::Amount;
use super::{collapse, Context, GrammarError, Kind, Reading};

/// What a range written high to low is refused as: a tally ("voted 134 to 63"), which the
/// scanner reads as two values.
pub(crate) const TALLY: &str = "range (a tally or score is two values)";

/// The regex sources a kind plugs into the shared shape.
pub(crate) struct Shape {
    /// One complete value: `40`, `$153 billion`, `30%`.
    pub value: String,
    /// The low end of a worded range, which may leave out the unit: `$30` in `$30 to $40 bn`.
    pub left: String,
    /// `(low, high)` pairs for the hyphen form `30-40`; digits only, so that
    /// `thirty-nine` stays one number.
    pub hyphens: Vec<(String, String)>,
}

/// The worded range forms: (group-name prefix, before, between the ends). `between` and
/// `from` ranges may be written in either order; the others, written high to low, are
/// tallies ("voted 134 to 63"), not ranges.
const WORDED: &[(&str, &str, &str)] = &[
    ("a", "(?-u:\\b)between\\s+", "\\s+and\\s+"),
    (
        "b",
        "(?:(?-u:\\b)from\\s+)?",
        "\\s+(?:to|through|until|till)\\s+",
    ),
    ("c", "", "\\s+or\\s+"),
];

impl Shape {
    /// Regex source for `[hedge] value-or-range [hedge]`; with `named`, the parts are
    /// captured (`pre`, `post`, `n`, and `a1`/`a2`.. for range ends), else no groups.
    pub fn source(&self, named: bool) -> String {
        let g = |name: &str, src: &str| {
            if named {
                format!("(?P<{name}>{src})")
            } else {
                format!("(?:{src})")
            }
        };
        let mut alternatives: Vec<String> = WORDED
            .iter()
            .map(|(p, before, sep)| {
                let (l, r) = (format!("{p}1"), format!("{p}2"));
                format!("{before}{}{sep}{}", g(&l, &self.left), g(&r, &self.value))
            })
            .collect();
        for (i, (lo, hi)) in self.hyphens.iter().enumerate() {
            let (l, r) = (format!("h{i}1"), format!("h{i}2"));
            alternatives.push(format!("{}\\s*[-–—]\\s*{}", g(&l, lo), g(&r, hi)));
        }
        alternatives.push(g("n", &self.value));
        format!(
            "(?:{}\\s+)?(?:{})(?:\\s+{})?",
            g("pre", &hedges::prefix_fragment()),
            alternatives.join("|"),
            g("post", &hedges::suffix_fragment()),
        )
    }

    /// The anchored, case-insensitive reader for this shape.
    pub fn reader(&self) -> Regex {
        let src = format!("(?i)^\\s*(?:{})\\s*$", self.source(true));
        Regex::new(&src).expect("built-in quantity pattern compiles")
    }
}

/// One value as read: the number (scale words applied) and its unit, if written.
#[derive(Debug, Clone)]
pub(crate) struct End {
    /// The number, before the unit's factor.
    pub amount: Amount,
    /// The unit code (`USD`, `s`, `%`) and how many of the base unit one written unit is.
    pub unit: Option<(String, Decimal)>,
}

/// How a kind reads one value, and where its values live.
pub(crate) struct Grammar {
    /// The kind read.
    pub kind: Kind,
    /// Reads one value's text.
    pub end: fn(&str) -> Result<End, GrammarError>,
    /// The number line of the kind.
    pub domain: Domain,
    /// Whether [`Reading::unit`] names the unit (money, durations); percentages and
    /// counts leave it empty, their unit being implied by the kind.
    pub reports_unit: bool,
}

/// A mention split into its hedge and the text of its value or values.
#[derive(Debug)]
struct Parts<'t> {
    /// The hedge as written, normalized to lower case, if any.
    hedge_text: Option<String>,
    /// What the hedge means.
    hedge: Hedge,
    /// One value, or the two ends of a range.
    values: Vec<&'t str>,
    /// The range may be written high to low (`between`, `from`).
    either_order: bool,
}

impl Grammar {
    /// Reads a whole mention with `reader` (from [`Shape::reader`]).
    pub fn read(&self, re: &Regex, text: &str, ctx: &Context) -> Result<Reading, GrammarError> {
        let not_a = || GrammarError::NotA(text.to_string(), self.kind.name());
        let parts = split(re, text).ok_or_else(not_a)?;
        let ends = parts
            .values
            .iter()
            .map(|v| (self.end)(v))
            .collect::<Result<Vec<_>, _>>()?;
        let plus = ends.iter().any(|e| e.amount.plus);
        if ends.len() == 2 && !parts.either_order && is_tally(&ends) {
            return Err(GrammarError::NotA(text.to_string(), TALLY));
        }
        let (amount, unit) = span(ends).ok_or_else(not_a)?;
        let (code, factor) = unit.map_or((None, Decimal::ONE), |(c, f)| (Some(c), f));
        let amount = amount.times(factor);
        let (hedge, hedge_text) = match (parts.hedge, plus) {
            (Hedge::Exact, true) => (Hedge::AtLeast, Some("plus".to_string())),
            (h, _) => (h, parts.hedge_text),
        };
        let value = hedges::apply(hedge, &amount, &ctx.tolerance, self.domain)?;
        Ok(Reading {
            kind: self.kind,
            text: collapse(text),
            hedge: hedge_text,
            value,
            unit: code.filter(|_| self.reports_unit),
            note: amount.note,
        })
    }
}

/// True when a range's ends are written high to low ("134 to 63", "98-96"): a tally or a
/// score, two values rather than a range.
fn is_tally(ends: &[End]) -> bool {
    let [low, high] = ends else {
        return false;
    };
    let factor = |u: Option<&(String, Decimal)>| u.map_or(Decimal::ONE, |u| u.1);
    let raw_high = high.amount.high / high.amount.scale;
    let borrow = low.amount.scale == Decimal::ONE
        && high.amount.scale > Decimal::ONE
        && low.amount.high <= raw_high;
    let scale = if borrow {
        high.amount.scale
    } else {
        Decimal::ONE
    };
    let lo = low.amount.low * scale * factor(low.unit.as_ref().or(high.unit.as_ref()));
    let hi = high.amount.high * factor(high.unit.as_ref());
    lo > hi
}

/// Splits `text` with a reader regex; `None` when it does not match.
fn split<'t>(re: &Regex, text: &'t str) -> Option<Parts<'t>> {
    let caps = re.captures(text)?;
    let values = ends(&caps);
    let written = caps
        .name("pre")
        .or_else(|| caps.name("post"))
        .map(|m| hedges::normalize(m.as_str()));
    let hedge = written.as_deref().and_then(hedges::classify);
    let either_order = caps.name("a1").is_some()
        || caps.name("b1").is_some_and(|m| {
            text[..m.start()]
                .trim_end()
                .to_lowercase()
                .ends_with("from")
        });
    let (hedge_text, hedge) = match (hedge, values.len()) {
        (Some(Hedge::Exact) | None, 2) => (Some("between".to_string()), Hedge::Between),
        (Some(h), _) => (written, h),
        (None, _) => (None, Hedge::Exact),
    };
    Some(Parts {
        hedge_text,
        hedge,
        values,
        either_order,
    })
}

/// The value texts captured: the two ends of whichever range matched, or the single value.
fn ends<'t>(caps: &Captures<'t>) -> Vec<&'t str> {
    let pairs = WORDED
        .iter()
        .map(|w| w.0.to_string())
        .chain((0..4).map(|i| format!("h{i}")));
    for prefix in pairs {
        let lo = caps.name(&format!("{prefix}1"));
        let hi = caps.name(&format!("{prefix}2"));
        if let (Some(a), Some(b)) = (lo, hi) {
            return vec![a.as_str(), b.as_str()];
        }
    }
    caps.name("n").map(|m| vec![m.as_str()]).unwrap_or_default()
}

/// One amount covering every end, and the unit; a range's low end borrows the unit and the
/// scale word of its high end when it has none ("30 to 40 million" is 30 million to 40 million).
fn span(ends: Vec<End>) -> Option<(Amount, Option<(String, Decimal)>)> {
    let mut ends = ends.into_iter().rev();
    let high = ends.next()?;
    let Some(low) = ends.next() else {
        return Some((high.amount, high.unit));
    };
    let raw_high = high.amount.high / high.amount.scale;
    let low_amount = if low.amount.scale == Decimal::ONE
        && high.amount.scale > Decimal::ONE
        && low.amount.high <= raw_high
    {
        low.amount.times(high.amount.scale)
    } else {
        low.amount
    };
    if low
        .unit
        .as_ref()
        .is_some_and(|lu| high.unit.as_ref().is_some_and(|hu| hu.0 != lu.0))
    {
        return None;
    }
    let low_factor = low
        .unit
        .as_ref()
        .or(high.unit.as_ref())
        .map_or(Decimal::ONE, |u| u.1);
    let high_factor = high.unit.as_ref().map_or(Decimal::ONE, |u| u.1);
    let (l, h) = (low_amount.times(low_factor / high_factor), high.amount);
    let amount = Amount {
        low: l.low.min(h.low),
        high: l.high.max(h.high),
        scale: Decimal::ONE,
        note: l.note.or(h.note),
        plus: l.plus || h.plus,
    };
    Some((amount, high.unit.or(low.unit)))
}
