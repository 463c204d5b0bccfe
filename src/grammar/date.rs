//! Dates: "2023-03-21", "March 21, 2023", "21 March 2023", "Feb. 4, 2022", "February 2022",
//! "2022", "the 1960s", "the late 1960s", "early 2019", "between 2019 and 2021", and the
//! relative forms of [`super::relative`]. Each is read as a span of calendar days, stored
//! as day numbers (days since 1970-01-01).

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::calendar::{self, MONTHS, WEEKDAYS};
use super::relative::{self, Env};
use super::{collapse, hedges, Bound, Context, GrammarError, Interval, Kind, Reading};

/// How long a span is, which decides what "early", "mid" and "late" cut out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grain {
    /// Ten years from a year ending in 0.
    Decade,
    /// A calendar year.
    Year,
    /// A calendar month.
    Month,
    /// Any other run of days (a day, a week, a range).
    Days,
}

/// A resolved span of days; an end is `None` when the text leaves it open.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// The first day, if bounded.
    pub start: Option<i64>,
    /// The last day, if bounded.
    pub end: Option<i64>,
    /// What kind of period it is.
    pub grain: Grain,
    /// How a relative or vague form was resolved.
    pub note: Option<String>,
}

impl Span {
    /// The closed span `start..=end`.
    pub fn days(start: i64, end: i64, grain: Grain) -> Span {
        Span {
            start: Some(start),
            end: Some(end),
            grain,
            note: None,
        }
    }

    /// A span left open at both ends, with the reason.
    pub fn open(note: String) -> Span {
        Span {
            start: None,
            end: None,
            grain: Grain::Days,
            note: Some(note),
        }
    }

    /// The same span with a note.
    pub fn noted(self, note: String) -> Span {
        Span {
            note: Some(note),
            ..self
        }
    }
}

/// Date hedges: what each does to a span `s..e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateHedge {
    /// before, prior to: `..s-1`.
    Before,
    /// after, later than: `e+1..`.
    After,
    /// since, from: `s..published`.
    Since,
    /// until, by, no later than: `..e`.
    Until,
    /// no earlier than: `s..`.
    NoEarlier,
    /// around, about, circa: the span widened by its own length on each side.
    Around,
}

/// Date hedges as written.
const DATE_HEDGES: &[(&str, DateHedge)] = &[
    ("before", DateHedge::Before),
    ("prior to", DateHedge::Before),
    ("earlier than", DateHedge::Before),
    ("after", DateHedge::After),
    ("later than", DateHedge::After),
    ("since", DateHedge::Since),
    ("until", DateHedge::Until),
    ("till", DateHedge::Until),
    ("by", DateHedge::Until),
    ("no later than", DateHedge::Until),
    ("no earlier than", DateHedge::NoEarlier),
    ("around", DateHedge::Around),
    ("about", DateHedge::Around),
    ("circa", DateHedge::Around),
    ("approximately", DateHedge::Around),
    ("roughly", DateHedge::Around),
];

/// Regex source for any month name or abbreviation (abbreviations may end in a dot).
fn month_any() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|m| m.0).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    format!("(?:{})\\.?", names.join("|"))
}

/// Regex source for a full month name.
pub(crate) fn month_full() -> String {
    let names: Vec<&str> = MONTHS.iter().take(12).map(|m| m.0).collect();
    format!("(?:{})", names.join("|"))
}

/// Regex source for a weekday name.
pub(crate) fn weekday() -> String {
    format!("(?:{})", WEEKDAYS.join("|"))
}

/// Regex source for a day of the month: `4`, `21st`.
const DAY: &str = "[0-9]{1,2}(?:st|nd|rd|th)?";
/// Regex source for a year the grammar reads on its own (1000..=2199).
const YEAR: &str = "(?:1[0-9]|2[01])[0-9]{2}";

/// One single-date form: its regex source (named groups) and how to read it.
pub(crate) struct Form {
    /// Regex source with named groups, to be anchored.
    pub source: String,
    /// Reads the captures.
    pub read: fn(&Captures, &Env, &str) -> Result<Span, GrammarError>,
}

/// The absolute and relative single-date forms, most specific first.
fn forms() -> Vec<Form> {
    let (mon, wd, b) = (month_any(), weekday(), "(?-u:\\b)");
    let lead = format!("(?:{wd},?\\s+)?");
    let mut forms = vec![
        Form {
            source: format!("{b}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}}){b}"),
            read: read_ymd,
        },
        Form {
            source: format!("{lead}{b}(?P<mon>{mon})\\s+(?P<d>{DAY}){b},?\\s+(?P<y>[0-9]{{4}}){b}"),
            read: read_ymd,
        },
        Form {
            source: format!(
                "{lead}{b}(?P<d>{DAY})\\s+(?:of\\s+)?(?P<mon>{mon}),?\\s+(?P<y>[0-9]{{4}}){b}"
            ),
            read: read_ymd,
        },
        Form {
            source: format!("{b}(?P<mon>{mon}),?\\s+(?:of\\s+)?(?P<y>[0-9]{{4}}){b}"),
            read: read_month,
        },
        Form {
            source: format!("{lead}{b}(?P<mon>{mon})\\s+(?P<d>{DAY}){b}"),
            read: read_month_day,
        },
        Form {
            source: format!("{lead}{b}(?P<d>{DAY})\\s+(?:of\\s+)?(?P<mon>{mon}){b}"),
            read: read_month_day,
        },
        Form {
            source: format!("(?:{b}the\\s+)?{b}(?P<dec>[0-9]{{3}}0)s{b}"),
            read: read_decade,
        },
        Form {
            source: format!("{b}(?P<y>{YEAR})\\s*[-–—]\\s*(?P<y2>[0-9]{{4}}|[0-9]{{2}}){b}"),
            read: read_years,
        },
        Form {
            source: format!("{b}(?P<y>{YEAR}){b}"),
            read: read_year,
        },
    ];
    forms.extend(relative::forms());
    forms
}

/// The single-date forms usable as the ends of a range (no relative words).
fn simple_source() -> String {
    let all = forms();
    let simple: Vec<String> = all
        .iter()
        .take(9)
        .map(|f| f.source.clone())
        .chain([
            format!("(?-u:\\b){}(?-u:\\b)", month_full()),
            format!("(?-u:\\b){}(?-u:\\b)", weekday()),
        ])
        .collect();
    strip_names(&simple.join("|"))
}

/// `source` with every named group made a non-capturing one.
fn strip_names(source: &str) -> String {
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let re = NAMED.get_or_init(|| Regex::new(r"\(\?P<\w+>").expect("built-in pattern compiles"));
    re.replace_all(source, "(?:").into_owned()
}

/// Regex source for the whole date mention; `named` captures the top-level parts.
fn source(named: bool) -> String {
    let g = |name: &str, src: &str| {
        if named {
            format!("(?P<{name}>{src})")
        } else {
            format!("(?:{src})")
        }
    };
    let simple = simple_source();
    let core = strip_names(
        &forms()
            .iter()
            .map(|f| f.source.as_str())
            .collect::<Vec<_>>()
            .join("|"),
    );
    let mut hedge_words: Vec<&str> = DATE_HEDGES.iter().map(|h| h.0).collect();
    hedge_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let hedge = format!(
        "(?-u:\\b)(?:{})(?-u:\\b)",
        hedge_words.join("|").replace(' ', "\\s+")
    );
    format!(
        "(?:{h}\\s+)?(?:(?-u:\\b)between\\s+{ba}\\s+and\\s+{bb}\
         |(?-u:\\b)from\\s+{fa}\\s+(?:to|until|till|through)\\s+{fb}\
         |{ta}\\s+(?:to|through)\\s+{tb}\
         |(?:(?-u:\\b)(?:the\\s+)?{part}(?:\\s+|-))?{core})",
        h = g("h", &hedge),
        ba = g("ba", &simple),
        bb = g("bb", &simple),
        fa = g("fa", &simple),
        fb = g("fb", &simple),
        ta = g("ta", &simple),
        tb = g("tb", &simple),
        part = g("part", "early|mid|late"),
        core = g("core", &core),
    )
}

/// Regex source (no capture groups) for a whole date mention.
pub(crate) fn placeholder() -> String {
    source(false)
}

/// Reads a date mention.
pub(crate) fn read(text: &str, ctx: &Context) -> Result<Reading, GrammarError> {
    static READER: OnceLock<Regex> = OnceLock::new();
    let re = READER.get_or_init(|| {
        let prepositions = "(?:(?:on|in|during|at)\\s+)?";
        Regex::new(&format!("(?i)^\\s*{prepositions}(?:{})\\s*$", source(true)))
            .expect("built-in date pattern compiles")
    });
    let not_a = || GrammarError::NotA(text.to_string(), "date");
    let caps = re.captures(text).ok_or_else(not_a)?;
    let env = Env {
        published: ctx.published.and_then(calendar::from_jiff),
        year_hint: None,
        tolerance: ctx.tolerance,
    };
    let hedge_text = caps.name("h").map(|m| hedges::normalize(m.as_str()));
    let part = caps.name("part").map(|m| m.as_str().to_lowercase());
    let hedge = hedge_text
        .as_deref()
        .and_then(|h| DATE_HEDGES.iter().find(|d| d.0 == h))
        .map(|d| d.1);
    let (span, range, consumed) = whole_span(&caps, &env, hedge_text.as_deref(), hedge, text)?;
    let span = match part.as_deref() {
        Some(p) => cut(span, p),
        None => span,
    };
    let (value, note) = apply(if consumed { None } else { hedge }, span, &env);
    let written = [hedge_text, part, range.then(|| "between".to_string())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    Ok(Reading {
        kind: Kind::Date,
        text: collapse(text),
        hedge: (!written.is_empty()).then(|| written.join(" ")),
        value,
        unit: None,
        note,
    })
}

/// The span the range or core names, whether it was a range, and whether the hedge was
/// consumed by it ("about two years ago" hedges the two years, not the day).
fn whole_span(
    caps: &Captures,
    env: &Env,
    written: Option<&str>,
    hedge: Option<DateHedge>,
    text: &str,
) -> Result<(Span, bool, bool), GrammarError> {
    for (a, b) in [("ba", "bb"), ("fa", "fb"), ("ta", "tb")] {
        if let (Some(lo), Some(hi)) = (caps.name(a), caps.name(b)) {
            return range(lo.as_str(), hi.as_str(), env).map(|s| (s, true, false));
        }
    }
    let core = caps
        .name("core")
        .ok_or_else(|| GrammarError::NotA(text.to_string(), "date"))?
        .as_str();
    match (written, hedge) {
        (Some(h), Some(DateHedge::Around)) if relative::is_ago(core) => {
            Ok((relative::ago(Some(h), core, env)?, false, true))
        }
        _ => Ok((single(core, env)?, false, false)),
    }
}

/// `between A and B`: from A's first day to B's last; A may borrow B's year.
fn range(low: &str, high: &str, env: &Env) -> Result<Span, GrammarError> {
    let high = single(high, env)?;
    let hint = high.start.map(|d| calendar::civil(d).0);
    let low = single(
        low,
        &Env {
            year_hint: hint,
            ..*env
        },
    )?;
    let note = low.note.clone().or(high.note.clone());
    let (start, end) = match (low.start, high.end) {
        (Some(s), Some(e)) if s > e => (Some(e), low.end.max(high.end)),
        _ => (low.start, high.end),
    };
    Ok(Span {
        start,
        end,
        grain: Grain::Days,
        note,
    })
}

/// Reads one date form (no hedge, no part).
pub(crate) fn single(text: &str, env: &Env) -> Result<Span, GrammarError> {
    static READERS: OnceLock<Vec<(Regex, Form)>> = OnceLock::new();
    let readers = READERS.get_or_init(|| {
        forms()
            .into_iter()
            .map(|f| {
                let re = Regex::new(&format!("(?i)^\\s*(?:{})\\s*$", f.source))
                    .expect("built-in date form compiles");
                (re, f)
            })
            .collect()
    });
    readers
        .iter()
        .find_map(|(re, form)| re.captures(text).map(|c| (form.read)(&c, env, text)))
        .unwrap_or_else(|| Err(GrammarError::NotA(text.to_string(), "date")))
}

/// A captured group as a number.
pub(crate) fn number(caps: &Captures, name: &str) -> Option<i64> {
    let digits = caps
        .name(name)?
        .as_str()
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok()
}

/// The month a capture names, by name (`mon`) or number (`m`).
pub(crate) fn month_of(caps: &Captures) -> Option<u32> {
    match caps.name("mon") {
        Some(m) => calendar::month_number(m.as_str()),
        None => number(caps, "m").and_then(|m| u32::try_from(m).ok()),
    }
}

/// `2023-03-21`, `March 21, 2023`, `21 March 2023`.
fn read_ymd(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let (y, m) = (
        number(caps, "y").ok_or_else(no_such)?,
        month_of(caps).ok_or_else(no_such)?,
    );
    let d = number(caps, "d")
        .and_then(|d| u32::try_from(d).ok())
        .ok_or_else(no_such)?;
    let day = calendar::day_number(y, m, d).ok_or_else(no_such)?;
    Ok(Span::days(day, day, Grain::Days))
}

/// `February 2022`.
fn read_month(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let (y, m) = (
        number(caps, "y").ok_or_else(no_such)?,
        month_of(caps).ok_or_else(no_such)?,
    );
    let (s, e) = calendar::month_span(y, m).ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Month))
}

/// `March 21` without a year: resolved by [`relative::month_day`].
fn read_month_day(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let m = month_of(caps).ok_or_else(no_such)?;
    let d = number(caps, "d")
        .and_then(|d| u32::try_from(d).ok())
        .ok_or_else(no_such)?;
    relative::month_day(m, d, env, text)
}

/// `the 1960s`.
fn read_decade(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let first = number(caps, "dec").ok_or_else(no_such)?;
    let (s, _) = calendar::year_span(first).ok_or_else(no_such)?;
    let (_, e) = calendar::year_span(first + 9).ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Decade))
}

/// `2019-2021`, `2019-21`.
fn read_years(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let first = number(caps, "y").ok_or_else(no_such)?;
    let second = caps.name("y2").map(|m| m.as_str()).unwrap_or_default();
    let last = match (second.len(), second.parse::<i64>()) {
        (2, Ok(v)) => first - first.rem_euclid(100) + v,
        (_, Ok(v)) => v,
        _ => return Err(no_such()),
    };
    if last <= first {
        return Err(GrammarError::NotA(text.to_string(), "date range"));
    }
    let (s, _) = calendar::year_span(first).ok_or_else(no_such)?;
    let (_, e) = calendar::year_span(last).ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Days))
}

/// `2022`.
fn read_year(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let y = number(caps, "y").ok_or_else(no_such)?;
    let (s, e) = calendar::year_span(y).ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Year))
}

/// What "early", "mid" and "late" keep of a span.
///
/// Decades: years 0-3, 3-6, 6-9. Years: January-April, April-September, September-December.
/// Months: days 1-10, 10-20, 20-end. Anything else: its first, middle or last third.
fn cut(span: Span, part: &str) -> Span {
    let (Some(s), Some(e)) = (span.start, span.end) else {
        return span;
    };
    let (y, m, _) = calendar::civil(s);
    let pick = |options: [Option<(i64, i64)>; 3]| match part {
        "early" => options[0],
        "mid" => options[1],
        _ => options[2],
    };
    let years =
        |a: i64, b: i64| Some((calendar::year_span(y + a)?.0, calendar::year_span(y + b)?.1));
    let months =
        |a: u32, b: u32| Some((calendar::month_span(y, a)?.0, calendar::month_span(y, b)?.1));
    let days = |a: u32, b: Option<u32>| {
        let last = b.unwrap_or(calendar::month_length(y, m));
        Some((
            calendar::day_number(y, m, a)?,
            calendar::day_number(y, m, last)?,
        ))
    };
    let chosen = match span.grain {
        Grain::Decade => pick([years(0, 3), years(3, 6), years(6, 9)]),
        Grain::Year => pick([months(1, 4), months(4, 9), months(9, 12)]),
        Grain::Month => pick([days(1, Some(10)), days(10, Some(20)), days(20, None)]),
        Grain::Days => {
            let len = e - s + 1;
            let third = (len + 2) / 3;
            let mid = s + (len - third) / 2;
            pick([
                Some((s, s + third - 1)),
                Some((mid, mid + third - 1)),
                Some((e - third + 1, e)),
            ])
        }
    };
    match chosen {
        Some((a, b)) => Span {
            start: Some(a),
            end: Some(b),
            grain: Grain::Days,
            note: span.note,
        },
        None => span,
    }
}

/// The interval a date hedge leaves of a span, and the note to show.
fn apply(hedge: Option<DateHedge>, span: Span, env: &Env) -> (Interval, Option<String>) {
    let bound = |d: Option<i64>| d.map_or(Bound::Unbounded, |d| Bound::Included(d as f64));
    let (s, e) = (span.start, span.end);
    let (low, high, note) = match hedge {
        None => (s, e, None),
        Some(DateHedge::Before) => (None, s.map(|s| s - 1), None),
        Some(DateHedge::After) => (e.map(|e| e + 1), None, None),
        Some(DateHedge::Until) => (None, e, None),
        Some(DateHedge::NoEarlier) => (s, None, None),
        Some(DateHedge::Since) => match (s, env.published) {
            (Some(s), Some(p)) => (Some(s), Some(p.max(s)), None),
            _ => (
                s,
                None,
                Some("\"since\" without a publication date: left open".to_string()),
            ),
        },
        Some(DateHedge::Around) => match (s, e) {
            (Some(s), Some(e)) => {
                let (s, e) = widen(s, e, span.grain);
                (Some(s), Some(e), None)
            }
            _ => (s, e, None),
        },
    };
    let note = span.note.or(note);
    let value = Interval {
        low: bound(low),
        high: bound(high),
    };
    (value, note)
}

/// A span widened by one of its own unit on each side: a year, a month, a decade, or its
/// length in days.
fn widen(s: i64, e: i64, grain: Grain) -> (i64, i64) {
    let (ys, ms, _) = calendar::civil(s);
    let (ye, me, _) = calendar::civil(e);
    let years = |n: i64| {
        Some((
            calendar::year_span(ys - n)?.0,
            calendar::year_span(ye + n)?.1,
        ))
    };
    let months = || {
        let (y0, m0) = calendar::add_months(ys, ms, -1);
        let (y1, m1) = calendar::add_months(ye, me, 1);
        Some((
            calendar::month_span(y0, m0)?.0,
            calendar::month_span(y1, m1)?.1,
        ))
    };
    let widened = match grain {
        Grain::Decade => years(10),
        Grain::Year => years(1),
        Grain::Month => months(),
        Grain::Days => None,
    };
    widened.unwrap_or((s - (e - s + 1), e + (e - s + 1)))
}
