//! Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian).
//!
//! Pure integer arithmetic, total on the years the grammar reads (1..=9999).

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

/// True in leap years.
pub(crate) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in a month (0 for a month that does not exist).
pub(crate) fn month_length(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The day number of a valid date; `None` if the date does not exist or is out of range.
pub(crate) fn day_number(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=9999).contains(&year) || day == 0 || day > month_length(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The civil date `(year, month, day)` of a day number.
pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's civil_from_days, kept to ±2.7 million years so nothing overflows.
    let z = days.clamp(-1_000_000_000, 1_000_000_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// The ISO weekday (Monday = 1) of a day number.
pub(crate) fn weekday(days: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7) + 1
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

/// The day number of a publication date.
pub(crate) fn from_jiff(date: jiff::civil::Date) -> Option<i64> {
    let month = u32::try_from(date.month()).ok()?;
    let day = u32::try_from(date.day()).ok()?;
    day_number(i64::from(date.year()), month, day)
}

/// The day number `months` calendar months after the first of `(year, month)`, as a month.
pub(crate) fn add_months(year: i64, month: u32, months: i64) -> (i64, u32) {
    let index = year * 12 + i64::from(month) - 1 + months;
    let m = u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
    (index.div_euclid(12), m)
}
