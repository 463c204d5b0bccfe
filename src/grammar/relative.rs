//! Dates relative to the publication date: "yesterday", "Monday", "last week",
//! "last September", "October", "March 21", "earlier this year", "two years ago".
//!
//! Without a publication date each is read as an open span with a note saying why.

use regex::Captures;

use super::calendar::{self, iso};
use super::date::{self, Form, Grain, Span};
use super::duration::{self, DAY};
use super::{hedges, Bound, Context, GrammarError, Tolerance};

/// What a relative date is resolved against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Env {
    /// The publication day number, if known.
    pub published: Option<i64>,
    /// The year a range's other end gives ("March to May 2023"), if any.
    pub year_hint: Option<i64>,
    /// Tolerances for hedged durations ("about two years ago").
    pub tolerance: Tolerance,
}

/// The relative forms, each with named groups.
pub(crate) fn forms() -> Vec<Form> {
    let b = "(?-u:\\b)";
    let (month, weekday) = (date::month_full(), date::weekday());
    vec![
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
                 (?P<per>week|weekend|month|year|decade|{month}|{weekday}){b}"
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
        published: None,
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
        unit_of(dur) / 2.0
    } else {
        0.0
    };
    let pf = p as f64;
    // The longest duration gives the earliest day, and the shortest the latest.
    let start = match length.high {
        Bound::Unbounded => None,
        Bound::Included(v) => Some((pf - (v + half) / DAY).ceil() as i64),
        Bound::Excluded(v) => Some((pf - (v + half) / DAY).floor() as i64 + 1),
    };
    let end = match length.low {
        Bound::Unbounded => Some(p),
        Bound::Included(v) => Some((pf - (v - half).max(0.0) / DAY).floor() as i64),
        Bound::Excluded(v) => Some((pf - (v - half).max(0.0) / DAY).ceil() as i64 - 1),
    };
    Ok(Span {
        start,
        end: end.map(|e| e.min(p)),
        grain: Grain::Days,
        note: Some(resolved(text, p)),
    })
}

/// The length in seconds of the unit a duration is written in (`years` in "two years").
fn unit_of(dur: &str) -> f64 {
    let lower = dur.to_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| duration::UNITS.iter().find(|u| u.0 == w))
        .map(|u| u.1)
        .next_back()
        .unwrap_or(DAY)
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
        // "over the last decade" means the ten years up to publication.
        "decade" if step != 0 => {
            let ten_years = (10.0 * duration::YEAR / DAY) as i64;
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
    let year = if m <= pm { py } else { py - 1 };
    let (s, e) = calendar::month_span(year, m).ok_or_else(no_such)?;
    let note = format!(
        "\"{}\" without a year: the most recent one not after publication ({})",
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
    let day = p + nearest(calendar::weekday(p), target);
    let note = format!(
        "\"{}\": the one nearest publication ({})",
        super::collapse(text),
        iso(p)
    );
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
        .min_by_key(|day| (day - p).abs())
        .ok_or_else(no_such)?;
    let note = format!(
        "\"{}\" without a year: the one nearest publication ({})",
        super::collapse(text),
        iso(p)
    );
    Ok(Span::days(day, day, Grain::Days).noted(note))
}
