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
pub(crate) enum DateHedge {
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
pub(crate) const DATE_HEDGES: &[(&str, DateHedge)] = &[
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

/// Regex source for a quarter or half as an ordinal word or number.
const QUARTER: &str = "first|second|third|fourth|1st|2nd|3rd|4th";

/// The absolute and relative single-date forms, most specific first. The first
/// [`SIMPLE`] of them may be the ends of a range.
fn forms() -> Vec<Form> {
    let (mon, wd, b) = (month_any(), weekday(), "(?-u:\\b)");
    let lead = format!("(?:{wd},?\\s+)?");
    let to = "\\s*(?:[-–—]|to|through|until|till)\\s*";
    let mut forms = vec![
        Form {
            source: format!(
                "{lead}{b}(?P<mon>{mon})\\s+(?P<d>{DAY}){to}(?P<d2>{DAY}){b}(?:,?\\s+(?P<y>{YEAR}){b})?"
            ),
            read: read_day_range,
        },
        Form {
            source: format!(
                "{b}(?P<d>{DAY}){to}(?P<d2>{DAY})\\s+(?:of\\s+)?(?P<mon>{mon}){b}(?:,?\\s+(?P<y>{YEAR}){b})?"
            ),
            read: read_day_range,
        },
        Form {
            source: format!(
                "{b}(?P<n1>[0-9]{{1,2}})/(?P<n2>[0-9]{{1,2}})/(?P<y>[0-9]{{4}}){b}"
            ),
            read: read_numeric,
        },
        Form {
            source: format!(
                "{b}(?:Q(?P<q>[1-4])\\s*(?P<y>{YEAR})|(?P<y2>{YEAR})\\s*Q(?P<q2>[1-4])|(?:the\\s+)?(?P<qo>{QUARTER})(?:\\s+|-)quarter\\s+(?:of\\s+)?(?P<y3>{YEAR})|H(?P<h>[12])\\s*(?P<y4>{YEAR})|(?:the\\s+)?(?P<ho>first|second|1st|2nd)\\s+half\\s+(?:of\\s+)?(?P<y5>{YEAR})){b}"
            ),
            read: read_part_of_year,
        },
        Form {
            source: format!(
                "(?:{b}the\\s+)?{b}(?P<c>[0-9]{{1,2}}(?:st|nd|rd|th)|{})\\s+century{b}",
                CENTURIES.iter().map(|c| c.0).collect::<Vec<_>>().join("|")
            ),
            read: read_century,
        },
        Form {
            source: format!("{b}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}}){b}"),
            read: read_ymd,
        },
        Form {
            source: format!("{lead}{b}(?P<mon>{mon})\\s+(?P<d>{DAY}){b},?\\s+(?P<y>[0-9]{{4,6}}){b}"),
            read: read_ymd,
        },
        Form {
            source: format!(
                "{lead}{b}(?P<d>{DAY})\\s+(?:of\\s+)?(?P<mon>{mon}),?\\s+(?P<y>[0-9]{{4,6}}){b}"
            ),
            read: read_ymd,
        },
        Form {
            source: format!("{b}(?P<mon>{mon}),?\\s+(?:of\\s+)?(?P<y>[0-9]{{4,6}}){b}"),
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
            source: format!("{b}(?P<y>{YEAR})\\s*[-–—]\\s*(?P<y2>{YEAR}|[0-9]{{2}}){b}"),
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

/// How many of [`forms`] (the absolute ones) may be the ends of a range.
const SIMPLE: usize = 14;

/// Ordinal words of the centuries news names.
pub(crate) const CENTURIES: &[(&str, i64)] = &[
    ("twenty-first", 21),
    ("twenty first", 21),
    ("twenty-second", 22),
    ("twentieth", 20),
    ("nineteenth", 19),
    ("eighteenth", 18),
    ("seventeenth", 17),
    ("sixteenth", 16),
    ("fifteenth", 15),
];

/// The single-date forms usable as the ends of a range (no relative words).
fn simple_source() -> String {
    let all = forms();
    let part = "(?:(?-u:\\b)(?:the\\s+)?(?:beginning|start|middle|end)\\s+of\\s+|(?-u:\\b)(?:early|mid|late)(?:\\s+|-))?";
    let simple: Vec<String> = all
        .iter()
        .take(SIMPLE)
        .map(|f| f.source.clone())
        .chain([
            format!("(?-u:\\b){}(?-u:\\b)", month_full()),
            format!("(?-u:\\b){}(?-u:\\b)", weekday()),
        ])
        .collect();
    format!("{part}(?:{})", strip_names(&simple.join("|")))
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
        part = g(
            "part",
            "early|mid|late|(?:beginning|start|middle|end)\\s+of"
        ),
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
        tense: ctx.tense,
    };
    let hedge_text = caps.name("h").map(|m| hedges::normalize(m.as_str()));
    let part = caps.name("part").map(|m| {
        let written = hedges::normalize(m.as_str());
        PART_WORDS
            .iter()
            .find(|p| p.0 == written)
            .map_or(written, |p| p.1.to_string())
    });
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

/// `between A and B`: from A's first day to B's last; A may borrow B's year, and when it
/// does and would then fall after B, it is in the year before ("from Dec. 22 through
/// Jan. 25"). An end may be a part of a period: "to the end of June".
fn range(low_text: &str, high: &str, env: &Env) -> Result<Span, GrammarError> {
    let high = part_of(high, env)?;
    let hint = high.start.map(|d| calendar::civil(d).0);
    let with_year = |year: Option<i64>| Env {
        year_hint: year,
        ..*env
    };
    let mut low = part_of(low_text, &with_year(hint))?;
    if let (Some(s), Some(e), Some(y)) = (low.start, high.end, hint) {
        if s > e {
            if let Ok(earlier) = part_of(low_text, &with_year(Some(y - 1))) {
                if earlier.start != low.start {
                    low = earlier;
                }
            }
        }
    }
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

/// A range's end, possibly a part of a period ("the end of June", "early 2020"), read
/// with its part applied.
fn part_of(text: &str, env: &Env) -> Result<Span, GrammarError> {
    let (part, core) = split_part(text);
    let span = single(core, env)?;
    Ok(match part {
        Some(p) => cut(span, p),
        None => span,
    })
}

/// The part of a period a range end names ("early", "the end of"), and the period.
fn split_part(text: &str) -> (Option<&'static str>, &str) {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
    let skip = trimmed.len() - lower.len();
    for (prefix, part) in PART_WORDS {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if rest.starts_with([' ', '-']) {
                let at = skip + prefix.len() + 1;
                return (Some(part), trimmed[at..].trim_start());
            }
        }
    }
    (None, trimmed)
}

/// Words for the part of a period, and the part each names.
pub(crate) const PART_WORDS: &[(&str, &str)] = &[
    ("beginning of", "early"),
    ("start of", "early"),
    ("middle of", "mid"),
    ("end of", "late"),
    ("early", "early"),
    ("mid", "mid"),
    ("late", "late"),
];

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

/// `June 9-12`, `March 3-5, 2020`, `9 to 12 June`: days of one month; without a year,
/// the month is placed as a day of it alone would be.
fn read_day_range(caps: &Captures, env: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let m = month_of(caps).ok_or_else(no_such)?;
    let day = |name: &str| {
        number(caps, name)
            .and_then(|d| u32::try_from(d).ok())
            .ok_or_else(no_such)
    };
    let (d1, d2) = (day("d")?, day("d2")?);
    if d2 <= d1 {
        return Err(GrammarError::NotA(text.to_string(), "date range"));
    }
    let (first, note) = match number(caps, "y") {
        Some(y) => (calendar::day_number(y, m, d1).ok_or_else(no_such)?, None),
        None => {
            let s = relative::month_day(m, d1, env, text)?;
            match s.start {
                Some(first) => (first, s.note),
                None => return Ok(s),
            }
        }
    };
    let (y, _, _) = calendar::civil(first);
    let last = calendar::day_number(y, m, d2).ok_or_else(no_such)?;
    Ok(Span {
        note,
        ..Span::days(first, last, Grain::Days)
    })
}

/// `01/22/2016` (month first) or `22/01/2016` (day first), when only one reading is a
/// date or both give the same day; else an error.
fn read_numeric(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let (a, b, y) = (
        number(caps, "n1").ok_or_else(no_such)?,
        number(caps, "n2").ok_or_else(no_such)?,
        number(caps, "y").ok_or_else(no_such)?,
    );
    let day =
        |m: i64, d: i64| calendar::day_number(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?);
    let day = match (day(a, b), day(b, a)) {
        (Some(x), Some(z)) if x == z => x,
        (Some(_), Some(_)) => return Err(GrammarError::AmbiguousDate(text.to_string())),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return Err(no_such()),
    };
    Ok(Span::days(day, day, Grain::Days))
}

/// The position a quarter or half ordinal names: `third` → 3.
pub(crate) fn ordinal_position(word: &str) -> Option<u32> {
    match word.to_lowercase().as_str() {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// The first and last day of quarter `q` (or, with `months` 6, half `q`) of `year`.
pub(crate) fn part_of_year(year: i64, q: u32, months: u32) -> Option<(i64, i64)> {
    let first = (q - 1) * months + 1;
    let s = calendar::month_span(year, first)?.0;
    let e = calendar::month_span(year, first + months - 1)?.1;
    Some((s, e))
}

/// `Q3 2019`, `2019 Q3`, `the third quarter of 2019`, `H1 2019`, `the first half of 2019`.
fn read_part_of_year(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let year = ["y", "y2", "y3", "y4", "y5"]
        .iter()
        .find_map(|n| number(caps, n))
        .ok_or_else(no_such)?;
    let quarter = ["q", "q2"]
        .iter()
        .find_map(|n| number(caps, n))
        .and_then(|q| u32::try_from(q).ok())
        .or_else(|| caps.name("qo").and_then(|m| ordinal_position(m.as_str())));
    let half = number(caps, "h")
        .and_then(|h| u32::try_from(h).ok())
        .or_else(|| caps.name("ho").and_then(|m| ordinal_position(m.as_str())));
    let (s, e) = match (quarter, half) {
        (Some(q), _) => part_of_year(year, q, 3),
        (None, Some(h)) => part_of_year(year, h, 6),
        _ => None,
    }
    .ok_or_else(no_such)?;
    Ok(Span::days(s, e, Grain::Days))
}

/// `the 21st century`: 2001-01-01..2100-12-31.
fn read_century(caps: &Captures, _: &Env, text: &str) -> Result<Span, GrammarError> {
    let no_such = || GrammarError::NoSuchDate(text.to_string());
    let written = caps.name("c").map_or("", |m| m.as_str()).to_lowercase();
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = CENTURIES
        .iter()
        .find(|c| c.0 == written)
        .map(|c| c.1)
        .or_else(|| number(caps, "c"))
        .filter(|n| (1..=30).contains(n))
        .ok_or_else(no_such)?;
    let s = calendar::year_span((n - 1) * 100 + 1)
        .ok_or_else(no_such)?
        .0;
    let e = calendar::year_span(n * 100).ok_or_else(no_such)?.1;
    Ok(Span::days(s, e, Grain::Days))
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
    let bound = |d: Option<i64>| d.map_or(Bound::Unbounded, |d| Bound::Included(d.into()));
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
