//! Dates relative to the publication date: "yesterday", "Monday", "last week",
//! "last September", "October", "March 21", "earlier this year", "two years ago".
//!
//! Without a publication date each is read as an open span with a note saying why.

use regex::Captures;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::calendar::{self, iso};
use super::date::{self, Form, Grain, Span};
use super::duration::{self, DAY};
use super::{hedges, numbers, Bound, Context, GrammarError, Tense, Tolerance};

/// What a relative date is resolved against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Env {
    /// The publication day number, if known.
    pub published: Option<i64>,
    /// The year a range's other end gives ("March to May 2023"), if any.
    pub year_hint: Option<i64>,
    /// Tolerances for hedged durations ("about two years ago").
    pub tolerance: Tolerance,
    /// The tense of the words around the date, if known.
    pub tense: Option<Tense>,
}

/// Units of rolling periods and their length in days.
pub(crate) const PERIOD_UNITS: &[(&str, &str, f64)] = &[
    ("day", "days", 1.0),
    ("week", "weeks", 7.0),
    ("fortnight", "fortnights", 14.0),
    ("month", "months", 30.4375),
    ("quarter", "quarters", 91.3125),
    ("year", "years", 365.25),
    ("decade", "decades", 3652.5),
    ("century", "centuries", 36525.0),
];

/// Regex source for a rolling period's unit, singular or plural.
fn period_unit() -> String {
    let mut words: Vec<&str> = PERIOD_UNITS.iter().flat_map(|u| [u.0, u.1]).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("(?:{})", words.join("|"))
}

/// The relative forms, each with named groups.
pub(crate) fn forms() -> Vec<Form> {
    let b = "(?-u:\\b)";
    let (month, weekday) = (date::month_full(), date::weekday());
    let (num, unit) = (numbers::fragment(), period_unit());
    // Without a number the unit is singular: "the past year"; "in coming years" is vague.
    let single = format!(
        "(?:{})",
        PERIOD_UNITS
            .iter()
            .map(|u| u.0)
            .collect::<Vec<_>>()
            .join("|")
    );
    let half = "(?:\\s+and\\s+a\\s+half)";
    let lead = "(?:(?:over|in|during|for|within|throughout)\\s+)?(?:the\\s+)?";
    let count = format!("(?:an?|a\\s+couple\\s+of|a\\s+few|several|{num})");
    vec![
        Form {
            source: format!(
                "{b}{lead}(?:(?P<rw>past|last|previous|next|coming|following)\\s+(?P<rn>{num})\\s+(?P<ru>{unit})|(?P<rw2>past|previous|coming|following)\\s+(?P<ru2>{single}){half}?|(?P<rw3>last|next)\\s+(?P<ru3>{unit}){half}){b}"
            ),
            read: read_rolling,
        },
        Form {
            source: format!("{b}in\\s+(?P<idur>{count}\\s+{unit}){b}"),
            read: read_in,
        },
        Form {
            source: format!(
                "(?P<odur>{}|{count}\\s+{unit})\\s+(?P<ow>earlier|later|from\\s+now|hence){b}",
                duration::value()
            ),
            read: read_offset,
        },
        Form {
            source: format!(
                "{b}(?:Q(?P<q>[1-4])|(?:the\\s+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)(?:\\s+|-)quarter|(?:the\\s+)?(?P<ho>first|second|1st|2nd)\\s+half\\s+of\\s+(?P<hy>the|this|last|next)\\s+year){b}"
            ),
            read: read_quarter,
        },
        Form {
            source: format!(
                "(?:(?P<ah>{})\\s+)?(?P<dur>{})\\s+ago{b}",
                hedges::prefix_fragment(),
                duration::value()
            ),
            read: read_ago,
        },
        Form {
            source: format!(
                "{b}(?P<which>last|this|next)\\s+\
                 (?P<per>week|weekend|month|quarter|year|decade|{month}|{weekday}){b}"
            ),
            read: read_which,
        },
        Form {
            source: format!("{b}(?P<when>earlier|later)\\s+this\\s+(?P<per>week|month|year){b}"),
            read: read_earlier,
        },
        Form {
            source: format!("{b}(?P<day>yesterday|today|tonight|tomorrow|last\\s+night){b}"),
            read: read_day,
        },
        Form {
            source: format!("{b}(?P<mon>{month}){b}"),
            read: read_month_alone,
        },
        Form {
            source: format!("{b}(?P<wd>{weekday}){b}"),
            read: read_weekday,
        },
    ]
}

/// True when a core mention is an "N units ago" form.
pub(crate) fn is_ago(core: &str) -> bool {
    core.trim().to_lowercase().ends_with("ago")
}

/// The publication day, or the open span that says it is missing.
fn published(env: &Env, text: &str) -> Result<i64, Span> {
    env.published.ok_or_else(|| {
        Span::open(format!(
            "relative date (\"{}\"), but no publication date: left open",
            super::collapse(text)
        ))
    })
}

/// The note for a relative date resolved against the publication date.
fn resolved(text: &str, published: i64) -> String {
    format!(
        "{}, published {}",
        super::collapse(text).to_lowercase(),
        iso(published)
    )
}

/// The Monday of the week containing `day`.
fn week_start(day: i64) -> i64 {
    day - (calendar::weekday(day) - 1)
}

/// "two years ago", "more than a decade ago"; `hedge` overrides the written one.
pub(crate) fn ago(hedge: Option<&str>, text: &str, env: &Env) -> Result<Span, GrammarError> {
    let Some(m) = ago_parts(text) else {
        return Err(GrammarError::NotA(text.to_string(), "date"));
    };
    let written = m.0.or(hedge.map(str::to_string));
    ago_span(written.as_deref(), &m.1, env, text)
}

/// The hedge and duration of an "ago" form.
fn ago_parts(text: &str) -> Option<(Option<String>, String)> {
    let lower = text.trim().to_lowercase();
    let body = lower.strip_suffix("ago")?.trim_end();
    let words: Vec<&str> = body.split_whitespace().collect();
    // The duration is the longest tail that reads as one; the rest is the hedge.
    (0..words.len()).find_map(|i| {
        let dur = words[i..].join(" ");
        let hedge = words[..i].join(" ");
        let ok = duration::end(&dur).is_ok_and(|e| e.unit.is_some());
        let hedge_ok = i == 0 || hedges::classify(&hedge).is_some();
        (ok && hedge_ok).then(|| ((i > 0).then_some(hedge), dur))
    })
}

/// Reads the `ago` form's captures.
fn read_ago(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let hedge = caps.name("ah").map(|m| hedges::normalize(m.as_str()));
    let dur = caps.name("dur").map_or("", |m| m.as_str());
    ago_span(hedge.as_deref(), dur, env, text)
}

/// The days `hedge dur` before publication. An unhedged "two years ago" allows half a unit
/// either way (18 months to 30 months before publication).
fn ago_span(hedge: Option<&str>, dur: &str, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let ctx = Context {
        tolerance: env.tolerance,
        ..Context::default()
    };
    let phrase = match hedge {
        Some(h) => format!("{h} {dur}"),
        None => dur.to_string(),
    };
    let length = super::read_uncached(super::Kind::Duration, &phrase, &ctx)?.value;
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let half = if hedge.is_none() {
        Decimal::from(unit_of(dur)) / Decimal::from(2)
    } else {
        Decimal::ZERO
    };
    let (pd, day) = (Decimal::from(p), Decimal::from(DAY));
    let whole = |v: Decimal| v.to_i64().unwrap_or(p);
    // The longest duration gives the earliest day, and the shortest the latest.
    let start = match length.high {
        Bound::Unbounded => None,
        Bound::Included(v) => Some(whole((pd - (v + half) / day).ceil())),
        Bound::Excluded(v) => Some(whole((pd - (v + half) / day).floor()) + 1),
    };
    let end = match length.low {
        Bound::Unbounded => Some(p),
        Bound::Included(v) => Some(whole((pd - (v - half).max(Decimal::ZERO) / day).floor())),
        Bound::Excluded(v) => Some(whole((pd - (v - half).max(Decimal::ZERO) / day).ceil()) - 1),
    };
    Ok(Span {
        start,
        end: end.map(|e| e.min(p)),
        grain: Grain::Days,
        note: Some(resolved(text, p)),
    })
}

/// The length in seconds of the unit a duration is written in (`years` in "two years").
fn unit_of(dur: &str) -> i64 {
    let lower = dur.to_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| duration::UNITS.iter().find(|u| u.0 == w))
        .map(|u| u.1)
        .next_back()
        .unwrap_or(DAY)
}

/// The length in days of `count unit [and a half]`, from a rolling period's parts.
fn period_days(
    count: Option<&str>,
    unit: &str,
    half: bool,
    text: &str,
) -> Result<f64, GrammarError> {
    let unit = unit.to_lowercase();
    let per = PERIOD_UNITS
        .iter()
        .find(|u| u.0 == unit || u.1 == unit)
        .map(|u| u.2)
        .ok_or_else(|| GrammarError::NotA(text.to_string(), "date"))?;
    let n = match count.map(|c| c.trim().to_lowercase()) {
        None => 1.0,
        Some(c) if c == "a" || c == "an" => 1.0,
        Some(c) if c == "a couple of" => 2.0,
        Some(c) if c == "a few" || c == "several" => {
            return Err(GrammarError::NotA(text.to_string(), "date (a vague count)"))
        }
        Some(c) => {
            let amount = numbers::parse(&c)?;
            if amount.low != amount.high {
                return Err(GrammarError::NotA(text.to_string(), "date (a vague count)"));
            }
            amount.low.to_f64().unwrap_or(0.0)
        }
    };
    Ok((n + if half { 0.5 } else { 0.0 }) * per)
}

/// "over the past five years", "in the last 12 months", "the next decade and a half":
/// the days from that long before publication to publication, or from publication on.
fn read_rolling(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let pick = |names: [&str; 3]| names.iter().find_map(|n| caps.name(n)).map(|m| m.as_str());
    let which = pick(["rw", "rw2", "rw3"])
        .unwrap_or_default()
        .to_lowercase();
    let unit = pick(["ru", "ru2", "ru3"]).unwrap_or_default();
    let count = caps.name("rn").map(|m| m.as_str());
    let half = text.to_lowercase().contains("half");
    let days = period_days(count, unit, half, text)?;
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let sign = if matches!(which.as_str(), "past" | "last" | "previous") {
        -1
    } else {
        1
    };
    // Whole months, quarters and years move along the calendar ("the past two years" from
    // 2023-03-21 starts on 2021-03-21); other lengths count days.
    let months = days / 30.4375;
    let other = if (months - months.round()).abs() < 1e-9 && months >= 1.0 {
        shift_months(p, sign * months.round() as i64)
    } else {
        None
    }
    .unwrap_or(p + sign * days.round() as i64);
    let (s, e) = if sign < 0 { (other, p) } else { (p, other) };
    Ok(Span::days(s, e, Grain::Days).noted(resolved(text, p)))
}

/// The day `months` calendar months from day `p` (the last day of a shorter month).
fn shift_months(p: i64, months: i64) -> Option<i64> {
    let (y, m, d) = calendar::civil(p);
    let (y, m) = calendar::add_months(y, m, months);
    calendar::day_number(y, m, d.min(calendar::month_length(y, m)))
}

/// "in two weeks": that long after publication, give or take half its unit.
fn read_in(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    // In the past tense "in 12 months" is how long something took, not when.
    if env.tense == Some(Tense::Past) {
        return Err(GrammarError::NotA(
            text.to_string(),
            "date (a length of time)",
        ));
    }
    let dur = caps.name("idur").map_or("", |m| m.as_str());
    offset(dur, 1, env, text)
}

/// "three years earlier", "two weeks later", "a month from now".
fn read_offset(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let dur = caps.name("odur").map_or("", |m| m.as_str());
    let word = caps.name("ow").map_or("", |m| m.as_str()).to_lowercase();
    offset(dur, if word == "earlier" { -1 } else { 1 }, env, text)
}

/// The day `dur` before (`sign` -1) or after (+1) publication, give or take half its unit.
fn offset(dur: &str, sign: i64, env: &Env, text: &str) -> Result<Span, GrammarError> {
    if sign < 0 {
        return ago_span(None, dur, env, text);
    }
    let words: Vec<&str> = dur.split_whitespace().collect();
    let (unit, count) = words
        .split_last()
        .ok_or_else(|| GrammarError::NotA(text.to_string(), "date"))?;
    let count = (!count.is_empty()).then(|| count.join(" "));
    let days = period_days(count.as_deref(), unit, false, text)?;
    let half = PERIOD_UNITS
        .iter()
        .find(|u| u.0 == unit.to_lowercase() || u.1 == unit.to_lowercase())
        .map_or(0.0, |u| u.2 / 2.0);
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let (s, e) = if half < 1.0 {
        (p + days as i64, p + days as i64)
    } else {
        (
            p + (days - half).ceil() as i64,
            p + (days + half).floor() as i64,
        )
    };
    Ok(Span::days(s, e, Grain::Days).noted(resolved(text, p)))
}

/// `Q3`, `the third quarter`, `H1`, `the first half of this year` without a year: the
/// one publication falls in or most recently before it, or, in the future tense, the
/// one publication falls in or next after it.
fn read_quarter(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let quarter = date::number(caps, "q")
        .and_then(|q| u32::try_from(q).ok())
        .or_else(|| {
            caps.name("qo")
                .and_then(|m| date::ordinal_position(m.as_str()))
        });
    let half = date::number(caps, "h")
        .and_then(|h| u32::try_from(h).ok())
        .or_else(|| {
            caps.name("ho")
                .and_then(|m| date::ordinal_position(m.as_str()))
        });
    let (n, months) = match (quarter, half) {
        (Some(q), _) => (q, 3),
        (None, Some(h)) => (h, 6),
        _ => return Err(no_such()),
    };
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let (py, pm, _) = calendar::civil(p);
    let current = (pm - 1) / months + 1;
    let year = match caps
        .name("hy")
        .map(|m| m.as_str().to_lowercase())
        .as_deref()
    {
        Some("last") => py - 1,
        Some("next") => py + 1,
        Some(_) => py,
        None => match env.tense {
            Some(Tense::Future) if n < current => py + 1,
            Some(Tense::Future) => py,
            _ if n > current => py - 1,
            _ => py,
        },
    };
    let (s, e) = date::part_of_year(year, n, months).ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Days).noted(resolved(text, p)))
}

/// "last week", "this month", "next year", "last September", "next Monday".
fn read_which(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let which = caps.name("which").map_or("", |m| m.as_str()).to_lowercase();
    let per = caps.name("per").map_or("", |m| m.as_str()).to_lowercase();
    let step: i64 = match which.as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let (py, pm, _) = calendar::civil(p);
    let span = match per.as_str() {
        "week" => {
            let s = week_start(p) + 7 * step;
            Span::days(s, s + 6, Grain::Days)
        }
        "weekend" => {
            let s = week_start(p) + 7 * step + 5;
            Span::days(s, s + 1, Grain::Days)
        }
        "month" => {
            let (y, m) = calendar::add_months(py, pm, step);
            let (s, e) = calendar::month_span(y, m).ok_or_else(no_such)?;
            Span::days(s, e, Grain::Month)
        }
        "year" => {
            let (s, e) = calendar::year_span(py + step).ok_or_else(no_such)?;
            Span::days(s, e, Grain::Year)
        }
        "quarter" => {
            let index = py * 4 + i64::from((pm - 1) / 3) + step;
            let (y, q) = (index.div_euclid(4), index.rem_euclid(4) + 1);
            let q = u32::try_from(q).unwrap_or(1);
            let (s, e) = date::part_of_year(y, q, 3).ok_or_else(no_such)?;
            Span::days(s, e, Grain::Days)
        }
        // "over the last decade" means the ten years up to publication.
        "decade" if step != 0 => {
            let ten_years = 10 * duration::YEAR / DAY;
            let (s, e) = if step < 0 {
                (p - ten_years, p)
            } else {
                (p, p + ten_years)
            };
            Span::days(s, e, Grain::Days)
        }
        "decade" => {
            let first = py - py.rem_euclid(10);
            let s = calendar::year_span(first).ok_or_else(no_such)?.0;
            let e = calendar::year_span(first + 9).ok_or_else(no_such)?.1;
            Span::days(s, e, Grain::Decade)
        }
        name => named_period(name, step, p, py, pm).ok_or_else(no_such)?,
    };
    Ok(span.noted(resolved(text, p)))
}

/// "last September", "next Monday": a named month or weekday before, at or after publication.
fn named_period(name: &str, step: i64, p: i64, py: i64, pm: u32) -> Option<Span> {
    if let Some(m) = calendar::month_number(name) {
        let year = match step {
            -1 if m < pm => py,
            -1 => py - 1,
            1 if m > pm => py,
            1 => py + 1,
            _ => py,
        };
        let (s, e) = calendar::month_span(year, m)?;
        return Some(Span::days(s, e, Grain::Month));
    }
    let target = calendar::weekday_number(name)?;
    let today = calendar::weekday(p);
    let day = match step {
        -1 => p - nonzero((today - target).rem_euclid(7)),
        1 => p + nonzero((target - today).rem_euclid(7)),
        _ => p + nearest(today, target),
    };
    Some(Span::days(day, day, Grain::Days))
}

/// A week's offset of 0 days means a full week.
fn nonzero(days: i64) -> i64 {
    if days == 0 {
        7
    } else {
        days
    }
}

/// Days from weekday `today` to the nearest `target`, in -3..=3.
fn nearest(today: i64, target: i64) -> i64 {
    let ahead = (target - today).rem_euclid(7);
    if ahead > 3 {
        ahead - 7
    } else {
        ahead
    }
}

/// "earlier this year", "later this month".
fn read_earlier(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let when = caps.name("when").map_or("", |m| m.as_str()).to_lowercase();
    let per = caps.name("per").map_or("", |m| m.as_str()).to_lowercase();
    let (py, pm, _) = calendar::civil(p);
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let (s, e) = match per.as_str() {
        "week" => (week_start(p), week_start(p) + 6),
        "month" => calendar::month_span(py, pm).ok_or_else(no_such)?,
        _ => calendar::year_span(py).ok_or_else(no_such)?,
    };
    let (s, e) = if when == "earlier" { (s, p) } else { (p, e) };
    Ok(Span::days(s, e, Grain::Days).noted(resolved(text, p)))
}

/// "yesterday", "today", "tomorrow", "last night".
fn read_day(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let word = caps.name("day").map_or("", |m| m.as_str()).to_lowercase();
    let day = match word.split_whitespace().next().unwrap_or_default() {
        "yesterday" | "last" => p - 1,
        "tomorrow" => p + 1,
        _ => p,
    };
    Ok(Span::days(day, day, Grain::Days).noted(resolved(text, p)))
}

/// "October" without a year: the most recent October not after the publication month.
fn read_month_alone(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let m = date::month_of(caps).ok_or_else(no_such)?;
    if let Some(y) = env.year_hint {
        let (s, e) = calendar::month_span(y, m).ok_or_else(no_such)?;
        return Ok(Span::days(s, e, Grain::Month));
    }
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let (py, pm, _) = calendar::civil(p);
    let future = env.tense == Some(Tense::Future);
    let year = match (future, m < pm, m <= pm) {
        (true, true, _) => py + 1,
        (true, false, _) | (false, _, true) => py,
        (false, _, false) => py - 1,
    };
    let (s, e) = calendar::month_span(year, m).ok_or_else(no_such)?;
    let which = if future {
        "the next one not before publication"
    } else {
        "the most recent one not after publication"
    };
    let note = format!(
        "\"{}\" without a year: {which} ({})",
        super::collapse(text),
        iso(p)
    );
    Ok(Span::days(s, e, Grain::Month).noted(note))
}

/// "Monday": the Monday nearest publication, from three days before to three days after.
fn read_weekday(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let name = caps.name("wd").map_or("", |m| m.as_str());
    let target = calendar::weekday_number(name)
        .ok_or_else(|| GrammarError::NotA(text.to_string(), "date"))?;
    let today = calendar::weekday(p);
    let (day, which) = match env.tense {
        Some(Tense::Past) => (
            p - (today - target).rem_euclid(7),
            "the one on or before publication, in the past tense",
        ),
        Some(Tense::Future) => (
            p + (target - today).rem_euclid(7),
            "the one on or after publication, in the future tense",
        ),
        None => (p + nearest(today, target), "the one nearest publication"),
    };
    let note = format!("\"{}\": {which} ({})", super::collapse(text), iso(p));
    Ok(Span::days(day, day, Grain::Days).noted(note))
}

/// "March 21" without a year: in the range's year if it has one, else the March 21 nearest
/// publication.
pub(crate) fn month_day(m: u32, d: u32, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    if d == 0 || d > calendar::month_length(2000, m) {
        return Err(no_such());
    }
    if let Some(y) = env.year_hint {
        let day = calendar::day_number(y, m, d).ok_or_else(no_such)?;
        return Ok(Span::days(day, day, Grain::Days));
    }
    let p = match published(env, text) {
        Ok(p) => p,
        Err(open) => return Ok(open),
    };
    let (py, _, _) = calendar::civil(p);
    let day = [py - 1, py, py + 1]
        .into_iter()
        .filter_map(|y| calendar::day_number(y, m, d))
        .filter(|day| match env.tense {
            Some(Tense::Past) => *day <= p,
            Some(Tense::Future) => *day >= p,
            None => true,
        })
        .min_by_key(|day| (day - p).abs())
        .ok_or_else(no_such)?;
    let note = format!(
        "\"{}\" without a year: the one nearest publication ({})",
        super::collapse(text),
        iso(p)
    );
    Ok(Span::days(day, day, Grain::Days).noted(note))
}
