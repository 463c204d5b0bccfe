//! Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian).
//!
//! jiff does the calendar; this module speaks in day numbers, total on the years the
//! grammar reads (1..=9999).

use jiff::civil::Date;

/// English month names and their common abbreviations, with the month number.
pub(crate) const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names, Monday first (ISO numbering 1..=7).
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month number of a month name or abbreviation (any case, trailing dot allowed).
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|m| m.0 == name).map(|m| m.1)
}

/// The weekday number (Monday = 1) of a weekday name.
pub(crate) fn weekday_number(name: &str) -> Option<i64> {
    let name = name.to_lowercase();
    WEEKDAYS
        .iter()
        .position(|&w| w == name)
        .and_then(|i| i64::try_from(i + 1).ok())
}

/// The first day of day numbering.
fn epoch() -> Date {
    jiff::civil::date(1970, 1, 1)
}

/// The date of a valid `(year, month, day)` in the years the grammar reads.
fn date(year: i64, month: u32, day: u32) -> Option<Date> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The number of days in a month (0 for a month that does not exist).
pub(crate) fn month_length(year: i64, month: u32) -> u32 {
    date(year, month, 1).map_or(0, |d| u32::try_from(d.days_in_month()).unwrap_or(0))
}

/// The day number of a valid date; `None` if the date does not exist or is out of range.
pub(crate) fn day_number(year: i64, month: u32, day: u32) -> Option<i64> {
    from_jiff(date(year, month, day)?)
}

/// The date of a day number, clamped to the dates jiff represents.
fn to_jiff(days: i64) -> Date {
    let span = jiff::Span::new().days(days.clamp(-719_162, 2_932_896));
    epoch()
        .checked_add(span)
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// The civil date `(year, month, day)` of a day number.
pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    let d = to_jiff(days);
    (
        i64::from(d.year()),
        u32::try_from(d.month()).unwrap_or(1),
        u32::try_from(d.day()).unwrap_or(1),
    )
}

/// The ISO weekday (Monday = 1) of a day number.
pub(crate) fn weekday(days: i64) -> i64 {
    i64::from(to_jiff(days).weekday().to_monday_one_offset())
}

/// `YYYY-MM-DD` for a day number.
pub(crate) fn iso(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The first and last day numbers of a year.
pub(crate) fn year_span(year: i64) -> Option<(i64, i64)> {
    Some((day_number(year, 1, 1)?, day_number(year, 12, 31)?))
}

/// The first and last day numbers of a month.
pub(crate) fn month_span(year: i64, month: u32) -> Option<(i64, i64)> {
    Some((
        day_number(year, month, 1)?,
        day_number(year, month, month_length(year, month))?,
    ))
}

/// The day number of a date.
pub(crate) fn from_jiff(date: Date) -> Option<i64> {
    let span = date.since(epoch()).ok()?;
    Some(i64::from(span.get_days()))
}

/// The day number `months` calendar months after the first of `(year, month)`, as a month.
pub(crate) fn add_months(year: i64, month: u32, months: i64) -> (i64, u32) {
    let index = year * 12 + i64::from(month) - 1 + months;
    let m = u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (index.div_euclid(12), m)
}
