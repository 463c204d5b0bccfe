//! Table-driven tests of the quantity and date grammar: every row is a mention as news copy
//! writes it and the interval `docs/semantics.md` says it must be read as.

use crosscheck::grammar::{
    placeholder, read, scan, Context, GrammarError, Kind, Reading, CODES_AFTER_ONLY, CURRENCIES,
};
use regex::Regex;

/// The context every table uses unless a row says otherwise.
fn ctx() -> Context {
    Context::default()
}

/// Reads `text` as `kind` and fails the test with the text if it cannot be read.
fn reading(kind: Kind, text: &str) -> Reading {
    match read(kind, text, &ctx()) {
        Ok(r) => r,
        Err(e) => panic!("{kind:?} `{text}` did not read: {e}"),
    }
}

/// Checks each `(mention, shown value)` row; collects every failure before failing.
fn check_table(kind: Kind, rows: &[(&str, &str)]) {
    check_table_in(&ctx(), kind, rows);
}

/// [`check_table`] in a given context.
fn check_table_in(ctx: &Context, kind: Kind, rows: &[(&str, &str)]) {
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(text, want)| match read(kind, text, ctx) {
            Ok(r) if r.range() == want => None,
            Ok(r) => Some(format!("`{text}`: got {}, want {want}", r.range())),
            Err(e) => Some(format!("`{text}`: error {e}, want {want}")),
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A context whose articles were published on the given day.
fn published(year: i16, month: i8, day: i8) -> Context {
    Context {
        published: Some(jiff::civil::date(year, month, day)),
        ..Context::default()
    }
}

/// Checks that each text is refused as `kind`.
fn check_refused(kind: Kind, rows: &[&str]) {
    let accepted: Vec<String> = rows
        .iter()
        .filter_map(|&text| match read(kind, text, &ctx()) {
            Ok(r) => Some(format!("`{text}` read as {r}")),
            Err(_) => None,
        })
        .collect();
    assert!(accepted.is_empty(), "{}", accepted.join("\n"));
}

/// Checks what the placeholder of `kind` finds first in each sentence (`None`: nothing).
fn check_finds(kind: Kind, rows: &[(&str, Option<&str>)]) {
    let re = Regex::new(&format!("(?i){}", placeholder(kind))).expect("placeholder compiles");
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(sentence, want)| {
            let got = re.find(sentence).map(|m| m.as_str());
            (got != want).then(|| format!("in `{sentence}`: found {got:?}, want {want:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn count_hedges() {
    check_table(
        Kind::Count,
        &[
            ("40", "40"),
            ("exactly 40", "40"),
            ("about 40", "36..44"),
            ("around 40", "36..44"),
            ("approximately 40", "36..44"),
            ("roughly 40", "36..44"),
            ("some 40", "36..44"),
            ("an estimated 40", "36..44"),
            ("40 or so", "36..44"),
            ("nearly 30", "27..29"),
            ("almost 30", "27..29"),
            ("close to 30", "27..29"),
            ("just under 30", "27..29"),
            ("just over 40", "41..44"),
            ("more than 40", "41.."),
            ("over 40", "41.."),
            ("well over 40", "41.."),
            ("upwards of 40", "41.."),
            ("at least 40", "40.."),
            ("no fewer than 40", "40.."),
            ("no less than 40", "40.."),
            ("40 or more", "40.."),
            ("fewer than 40", "0..39"),
            ("less than 40", "0..39"),
            ("under 40", "0..39"),
            ("up to 40", "0..40"),
            ("as many as 40", "0..40"),
            ("no more than 40", "0..40"),
            ("at most 40", "0..40"),
            ("40 or fewer", "0..40"),
            ("between 30 and 40", "30..40"),
            ("between thirty and forty", "30..40"),
            ("30 to 40", "30..40"),
            ("30-40", "30..40"),
            ("30 - 40", "30..40"),
            ("two or three", "2..3"),
            ("about 30 to 40", "27..44"),
            ("between 40 and 30", "30..40"),
        ],
    );
}

#[test]
fn count_small_values_and_rounding() {
    check_table(
        Kind::Count,
        &[
            ("about 5", "4..6"),
            ("about 15", "13..17"),
            ("about 1", "0..2"),
            ("nearly 1", "0"),
            ("nearly 15", "13..14"),
            ("just over 3", "4"),
            ("fewer than 1", "0"),
            ("zero", "0"),
            ("2.5", "2.5"),
            ("about 1,000", "900..1100"),
        ],
    );
}

#[test]
fn count_numbers_in_words_and_digits() {
    check_table(
        Kind::Count,
        &[
            ("forty", "40"),
            ("Forty", "40"),
            ("thirty-nine", "39"),
            ("thirty nine", "39"),
            ("ninety-nine", "99"),
            ("seventeen", "17"),
            ("nineteen", "19"),
            ("eleven", "11"),
            ("a hundred", "100"),
            ("one hundred", "100"),
            ("two hundred and fifty", "250"),
            ("two hundred fifty", "250"),
            ("a thousand", "1000"),
            ("three thousand", "3000"),
            ("one thousand two hundred", "1200"),
            ("two million", "2000000"),
            ("1,200", "1200"),
            ("12,000,000", "12000000"),
            ("1.5 million", "1500000"),
            ("3 billion", "3000000000"),
            ("a dozen", "12"),
            ("half a dozen", "6"),
            ("two dozen", "24"),
            ("3 dozen", "36"),
            ("dozens", "24..199"),
            ("hundreds", "200..1999"),
            ("thousands", "2000..19999"),
            ("tens of thousands", "20000..199999"),
            ("hundreds of thousands", "200000..1999999"),
            ("more than a dozen", "13.."),
            ("nearly a dozen", "10..11"),
            ("More Than Forty", "41.."),
            ("NEARLY THIRTY", "27..29"),
            ("about  40", "36..44"),
            ("more\tthan 40", "41.."),
        ],
    );
}

#[test]
fn count_refusals() {
    check_refused(
        Kind::Count,
        &[
            "",
            " ",
            "many",
            "a",
            "the 40th",
            "40th",
            "forty-ish",
            "about",
            "more than",
            "between 30 and",
            "fewer than zero",
            "nearly zero",
            "40 people",
            "1e400",
            "99999999999999999999999999",
            "fortyfive",
        ],
    );
}

#[test]
fn count_errors_say_why() {
    assert_eq!(
        read(Kind::Count, "many", &ctx()),
        Err(GrammarError::NotA("many".into(), "count"))
    );
    assert_eq!(
        read(Kind::Count, "fewer than zero", &ctx()),
        Err(GrammarError::Empty)
    );
    let too_large = read(Kind::Count, "9,999,999,999,999,999", &ctx());
    assert!(
        matches!(too_large, Err(GrammarError::TooLarge(_))),
        "{too_large:?}"
    );
}

#[test]
fn count_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Count,
        &[
            ("they have met nearly 30 times", Some("nearly 30")),
            ("met about 40 times in recent years", Some("about 40")),
            ("has met more than forty times", Some("more than forty")),
            ("seen over 1,200 times", Some("over 1,200")),
            ("a dozen meetings", Some("a dozen")),
            ("half a dozen meetings", Some("half a dozen")),
            ("some thirty-nine talks", Some("some thirty-nine")),
            ("held between 30 and 40 rounds", Some("between 30 and 40")),
            ("held 30-40 rounds", Some("30-40")),
            ("two or three calls", Some("two or three")),
            ("forty or so calls", Some("forty or so")),
            ("moreover 30 people came", Some("30")),
            ("someone saw 30 ships", Some("30")),
            ("none came", None),
            ("he often went", None),
            ("his 12th visit", None),
            ("tens of thousands marched", Some("tens of thousands")),
            ("1.5 million people", Some("1.5 million")),
            (
                "two hundred and fifty troops",
                Some("two hundred and fifty"),
            ),
            ("a visit", None),
        ],
    );
}

#[test]
fn count_placeholder_embeds_in_a_rule_pattern() {
    let pattern = format!(
        "(?i)met (?:with \\w+ )?(?P<value>{}) times",
        placeholder(Kind::Count)
    );
    let re = Regex::new(&pattern).expect("rule pattern compiles");
    let rows = [
        ("The two leaders met about 40 times.", "about 40"),
        ("We have met nearly 30 times", "nearly 30"),
        ("Xi has met with Putin more than 40 times", "more than 40"),
        ("they met thirty-nine times", "thirty-nine"),
    ];
    for (sentence, want) in rows {
        let got = re
            .captures(sentence)
            .and_then(|c| c.name("value"))
            .map(|m| m.as_str());
        assert_eq!(got, Some(want), "in `{sentence}`");
        let value = reading(Kind::Count, want);
        assert_eq!(value.kind, Kind::Count);
    }
    assert_eq!(
        Regex::new(placeholder(Kind::Count))
            .map(|r| r.captures_len())
            .ok(),
        Some(1)
    );
}

#[test]
fn count_display_and_json() {
    let about = reading(Kind::Count, "about 40");
    assert_eq!(about.to_string(), "about 40 → 36..44");
    assert_eq!(about.hedge.as_deref(), Some("about"));
    assert_eq!(about.low_json(), serde_json::json!(36));
    assert_eq!(about.high_json(), serde_json::json!(44));
    let more = reading(Kind::Count, "More than  40");
    assert_eq!(more.to_string(), "More than 40 → 41..");
    assert_eq!(more.hedge.as_deref(), Some("more than"));
    assert_eq!(more.high_json(), serde_json::Value::Null);
    let nearly = reading(Kind::Count, "nearly 30");
    assert_eq!(nearly.to_string(), "nearly 30 → 27..29");
    let bare = reading(Kind::Count, "40");
    assert_eq!(
        (bare.to_string(), bare.hedge, bare.unit),
        ("40 → 40".into(), None, None)
    );
    let range = reading(Kind::Count, "30-40");
    assert_eq!(range.hedge.as_deref(), Some("between"));
    let dozens = reading(Kind::Count, "dozens");
    assert!(dozens.note.is_some(), "a vague plural explains itself");
}

#[test]
fn count_tolerance_comes_from_the_context() {
    let mut wide = ctx();
    wide.tolerance.approximate = 0.25;
    wide.tolerance.near = 0.2;
    let about = read(Kind::Count, "about 40", &wide).map(|r| r.range());
    assert_eq!(about.as_deref(), Ok("30..50"));
    let nearly = read(Kind::Count, "nearly 30", &wide).map(|r| r.range());
    assert_eq!(nearly.as_deref(), Ok("24..29"));
    wide.tolerance.exact = 0.05;
    let bare = read(Kind::Count, "40", &wide).map(|r| r.range());
    assert_eq!(bare.as_deref(), Ok("38..42"));
    wide.tolerance.approximate = f64::NAN;
    let nan = read(Kind::Count, "about 40", &wide).map(|r| r.range());
    assert_eq!(nan.as_deref(), Ok("39..41"), "a NaN tolerance counts as 0");
    wide.tolerance.approximate = -0.5;
    let negative = read(Kind::Money, "about $100", &wide).map(|r| r.range());
    assert_eq!(
        negative.as_deref(),
        Ok("100 USD"),
        "a negative tolerance counts as 0"
    );
    wide.tolerance.approximate = 2.0;
    let huge = read(Kind::Money, "about $100", &wide).map(|r| r.range());
    assert_eq!(
        huge.as_deref(),
        Ok("0..200 USD"),
        "a tolerance above 1 counts as 1"
    );
}

#[test]
fn kind_names_round_trip() {
    for &kind in Kind::ALL {
        assert_eq!(Kind::from_name(kind.name()), Some(kind));
        let json = serde_json::to_string(&kind).expect("kind serializes");
        assert_eq!(json, format!("\"{}\"", kind.name()));
    }
    assert_eq!(Kind::from_name("Count"), None);
    assert_eq!(Kind::ALL.len(), 6);
}

#[test]
fn money_amounts_and_currencies() {
    check_table(
        Kind::Money,
        &[
            ("$153 billion", "153 bn USD"),
            ("$153bn", "153 bn USD"),
            ("$153 bn", "153 bn USD"),
            ("US$153 billion", "153 bn USD"),
            ("USD 153 billion", "153 bn USD"),
            ("153 billion dollars", "153 bn USD"),
            ("153 billion US dollars", "153 bn USD"),
            ("153 billion U.S. dollars", "153 bn USD"),
            ("1.28 trillion yuan", "1.28 tn CNY"),
            ("1.28tn yuan", "1.28 tn CNY"),
            ("RMB1.28 trillion", "1.28 tn CNY"),
            ("RMB 1.28 trillion", "1.28 tn CNY"),
            ("1.28 trillion renminbi", "1.28 tn CNY"),
            ("1,280 billion yuan", "1.28 tn CNY"),
            ("CNY 500 million", "500 m CNY"),
            ("€30 million", "30 m EUR"),
            ("€30m", "30 m EUR"),
            ("30 million euros", "30 m EUR"),
            ("EUR 2.5bn", "2.5 bn EUR"),
            ("£2m", "2 m GBP"),
            ("£450,000", "450000 GBP"),
            ("450,000 pounds", "450000 GBP"),
            ("five million pounds sterling", "5 m GBP"),
            ("₽100 billion", "100 bn RUB"),
            ("100 billion rubles", "100 bn RUB"),
            ("100 billion roubles", "100 bn RUB"),
            ("a billion rubles", "1 bn RUB"),
            ("5 billion yen", "5 bn JPY"),
            ("¥5 billion yuan", "5 bn CNY"),
            ("HK$10 million", "10 m HKD"),
            ("$1,280", "1280 USD"),
            ("$1.28", "1.28 USD"),
            ("$30k", "30000 USD"),
            ("two million dollars", "2 m USD"),
            ("$1.5 million", "1.5 m USD"),
            ("billions of dollars", "2 bn..20 bn USD"),
            ("hundreds of millions of euros", "200 m..2 bn EUR"),
        ],
    );
}

#[test]
fn money_hedges_and_ranges() {
    check_table(
        Kind::Money,
        &[
            ("about $150 billion", "135 bn..165 bn USD"),
            ("roughly $150bn", "135 bn..165 bn USD"),
            ("some €30m", "27 m..33 m EUR"),
            ("nearly $200 billion", "180 bn..<200 bn USD"),
            ("almost £2m", "1.8 m..<2 m GBP"),
            ("more than $100 billion", ">100 bn.. USD"),
            ("over $100bn", ">100 bn.. USD"),
            ("at least $100 billion", "100 bn.. USD"),
            ("less than $5 million", "0..<5 m USD"),
            ("up to $5 million", "0..5 m USD"),
            ("as much as $5 million", "0..5 m USD"),
            ("just over $1 billion", ">1 bn..1.1 bn USD"),
            ("between $30 billion and $40 billion", "30 bn..40 bn USD"),
            ("between $30 and $40 billion", "30 bn..40 bn USD"),
            ("$30-40 billion", "30 bn..40 bn USD"),
            ("$30bn-$40bn", "30 bn..40 bn USD"),
            ("30-40 billion yuan", "30 bn..40 bn CNY"),
            ("30 to 40 million euros", "30 m..40 m EUR"),
            ("$500,000 to $1 million", "500000..1 m USD"),
            ("$190 billion or so", "171 bn..209 bn USD"),
        ],
    );
}

#[test]
fn money_refusals_and_errors() {
    check_refused(
        Kind::Money,
        &[
            "153 billion",
            "$",
            "dollars",
            "about dollars",
            "30-40",
            "between $30 billion and 40 billion euros",
        ],
    );
    assert_eq!(
        read(Kind::Money, "¥5 billion", &ctx()),
        Err(GrammarError::AmbiguousCurrency("¥5 billion".into()))
    );
    let message = read(Kind::Money, "¥5 billion", &ctx())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("yen") && message.contains("yuan"),
        "{message}"
    );
}

#[test]
fn money_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Money,
        &[
            (
                "trade hit a record 1.28 trillion yuan ($153 billion) last year",
                Some("1.28 trillion yuan"),
            ),
            (
                "a record high ($153 billion), customs said",
                Some("$153 billion"),
            ),
            (
                "billions of dollars' worth of aid",
                Some("billions of dollars"),
            ),
            ("worth about $190bn in 2022", Some("about $190bn")),
            ("a deal worth RMB1.28 trillion", Some("RMB1.28 trillion")),
            ("sanctions cost €30-40 billion", Some("€30-40 billion")),
            ("it rose 30 percent", None),
            ("they met 40 times", None),
            ("a pound of flour", None),
        ],
    );
}

#[test]
fn percent_values() {
    check_table(
        Kind::Percent,
        &[
            ("30%", "30%"),
            ("30 %", "30%"),
            ("30 percent", "30%"),
            ("30 per cent", "30%"),
            ("30 pct", "30%"),
            ("thirty percent", "30%"),
            ("2.5 percentage points", "2.5%"),
            ("around 30%", "27..33%"),
            ("about 30 per cent", "27..33%"),
            ("nearly 30%", "27..<30%"),
            ("more than 30%", ">30..%"),
            ("at least 30%", "30..%"),
            ("less than 5%", "0..<5%"),
            ("up to 10 percent", "0..10%"),
            ("between 30% and 40%", "30..40%"),
            ("between 30 and 40 percent", "30..40%"),
            ("30 to 40 per cent", "30..40%"),
            ("30-40%", "30..40%"),
            ("30%-40%", "30..40%"),
            ("150%", "150%"),
            ("half", "50%"),
            ("a half", "50%"),
            ("more than half", ">50..%"),
            ("nearly half", "45..<50%"),
            ("a third", "33..34%"),
            ("one third", "33..34%"),
            ("two-thirds", "66..67%"),
            ("two thirds", "66..67%"),
            ("a quarter", "25%"),
            ("three quarters", "75%"),
            ("a fifth", "20%"),
            ("a tenth", "10%"),
            ("one in five", "20%"),
            ("one in three", "33..34%"),
            ("nearly a third", "29.7..<34%"),
            ("about a quarter", "22.5..27.5%"),
        ],
    );
    check_refused(
        Kind::Percent,
        &["30", "percent", "a", "third", "two in one", "6/5"],
    );
}

#[test]
fn percent_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Percent,
        &[
            ("an increase of around 30% from 2021", Some("around 30%")),
            ("rose 4.5 per cent in May", Some("4.5 per cent")),
            ("more than half of Russians", Some("more than half")),
            ("two-thirds of exports", Some("two-thirds")),
            ("one in five voters", Some("one in five")),
            ("met about 40 times", None),
            ("behalf of the state", None),
        ],
    );
}

#[test]
fn ordinal_values() {
    check_table(
        Kind::Ordinal,
        &[
            ("first", "1"),
            ("second", "2"),
            ("third", "3"),
            ("fifth", "5"),
            ("twelfth", "12"),
            ("nineteenth", "19"),
            ("twentieth", "20"),
            ("twenty-first", "21"),
            ("twenty first", "21"),
            ("sixty-sixth", "66"),
            ("hundredth", "100"),
            ("1st", "1"),
            ("2nd", "2"),
            ("3rd", "3"),
            ("5th", "5"),
            ("21st", "21"),
            ("66th", "66"),
            ("Third", "3"),
            ("third or fourth", "3..4"),
        ],
    );
    check_refused(Kind::Ordinal, &["three", "3", "thirds", "st", "fifthly"]);
}

#[test]
fn ordinal_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Ordinal,
        &[
            ("a rare third term in office", Some("third")),
            ("elected for a fifth time", Some("fifth")),
            ("For his 66th birthday", Some("66th")),
            ("the 21st century", Some("21st")),
            ("the first visit since 2020", Some("first")),
            ("met 40 times", None),
        ],
    );
}

#[test]
fn duration_values() {
    check_table(
        Kind::Duration,
        &[
            ("three-day", "3 days"),
            ("3-day", "3 days"),
            ("three days", "3 days"),
            ("two-day", "2 days"),
            ("a day", "1 day"),
            ("24 hours", "1 day"),
            ("24-hour", "1 day"),
            ("six hours", "6 hours"),
            ("an hour", "1 hour"),
            ("half an hour", "30 minutes"),
            ("five and a half hours", "5.5 hours"),
            ("90 minutes", "1.5 hours"),
            ("30 seconds", "30 seconds"),
            ("two weeks", "14 days"),
            ("a fortnight", "14 days"),
            ("12 months", "1 year"),
            ("12-month", "1 year"),
            ("six months", "6 months"),
            ("a year", "1 year"),
            ("a year and a half", "1.5 years"),
            ("two-and-a-half-year", "2.5 years"),
            ("five years", "5 years"),
            ("a decade", "10 years"),
            ("two decades", "20 years"),
            ("a century", "100 years"),
            ("a couple of days", "2 days"),
            ("nearly six hours", "5.4..<6 hours"),
            ("about three days", "2.7..3.3 days"),
            ("more than a year", ">1.. years"),
            ("over six years", ">6.. years"),
            ("at least two weeks", "14.. days"),
            ("less than a week", "0..<7 days"),
            ("up to 12 months", "0..1 years"),
            ("two to three weeks", "14..21 days"),
            ("2-3 days", "2..3 days"),
            ("between two and three years", "2..3 years"),
            ("some 12 months", "0.9..1.1 years"),
        ],
    );
    check_refused(
        Kind::Duration,
        &["days", "three", "a", "three-dayz", "yearly"],
    );
}

#[test]
fn duration_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Duration,
        &[
            ("is on a three-day visit to Russia", Some("three-day")),
            ("Putin's two-day state visit", Some("two-day")),
            ("over the past six years", Some("six years")),
            ("in the last 24 hours in China", Some("24 hours")),
            ("over the last 12 months of the war", Some("12 months")),
            (
                "More than a year after the invasion",
                Some("More than a year"),
            ),
            ("some 12 months later", Some("some 12 months")),
            ("met 40 times", None),
            ("a yearly event", None),
        ],
    );
}

#[test]
fn duration_units_agree() {
    let year = reading(Kind::Duration, "a year");
    let months = reading(Kind::Duration, "12 months");
    assert_eq!(year.value, months.value, "12 months is a year");
    assert_eq!(year.low_json(), serde_json::json!(31_557_600));
    assert_eq!(year.unit.as_deref(), Some("s"));
    let days = reading(Kind::Duration, "three-day");
    assert_eq!(days.low_json(), serde_json::json!(259_200));
}

#[test]
fn dates_absolute() {
    check_table(
        Kind::Date,
        &[
            ("2023-03-21", "2023-03-21"),
            ("March 21, 2023", "2023-03-21"),
            ("March 21 2023", "2023-03-21"),
            ("March 21st, 2023", "2023-03-21"),
            ("21 March 2023", "2023-03-21"),
            ("21st of March 2023", "2023-03-21"),
            ("Mar. 21, 2023", "2023-03-21"),
            ("Feb. 4, 2022", "2022-02-04"),
            ("Feb 4, 2022", "2022-02-04"),
            ("Sept. 15, 2022", "2022-09-15"),
            ("Monday, March 20, 2023", "2023-03-20"),
            ("February 29, 2024", "2024-02-29"),
            ("February 29, 2000", "2000-02-29"),
            ("December 31, 1999", "1999-12-31"),
            ("January 1, 1970", "1970-01-01"),
            ("July 4, 1776", "1776-07-04"),
            ("February 2022", "2022-02-01..2022-02-28"),
            ("Feb. 2022", "2022-02-01..2022-02-28"),
            ("February 2024", "2024-02-01..2024-02-29"),
            ("September 2022", "2022-09-01..2022-09-30"),
            ("2022", "2022-01-01..2022-12-31"),
            ("1969", "1969-01-01..1969-12-31"),
            ("in 1969", "1969-01-01..1969-12-31"),
            ("the 1960s", "1960-01-01..1969-12-31"),
            ("1960s", "1960-01-01..1969-12-31"),
            ("the 2010s", "2010-01-01..2019-12-31"),
            ("2019-2021", "2019-01-01..2021-12-31"),
            ("2019-21", "2019-01-01..2021-12-31"),
            ("between 2019 and 2021", "2019-01-01..2021-12-31"),
            ("from 2019 to 2021", "2019-01-01..2021-12-31"),
            ("2019 to 2021", "2019-01-01..2021-12-31"),
            ("from March to May 2023", "2023-03-01..2023-05-31"),
            (
                "between March 1 and March 5, 2023",
                "2023-03-01..2023-03-05",
            ),
        ],
    );
}

#[test]
fn dates_hedged() {
    check_table(
        Kind::Date,
        &[
            ("the early 1960s", "1960-01-01..1963-12-31"),
            ("the mid-1960s", "1963-01-01..1966-12-31"),
            ("the mid 1960s", "1963-01-01..1966-12-31"),
            ("the late 1960s", "1966-01-01..1969-12-31"),
            ("late 1960s", "1966-01-01..1969-12-31"),
            ("early 2019", "2019-01-01..2019-04-30"),
            ("mid-2019", "2019-04-01..2019-09-30"),
            ("late 2019", "2019-09-01..2019-12-31"),
            ("early March 2023", "2023-03-01..2023-03-10"),
            ("mid-March 2023", "2023-03-10..2023-03-20"),
            ("late February 2023", "2023-02-20..2023-02-28"),
            ("before 2020", "..2019-12-31"),
            ("prior to 2020", "..2019-12-31"),
            ("after 2020", "2021-01-01.."),
            ("by 2030", "..2030-12-31"),
            ("until March 2023", "..2023-03-31"),
            ("no earlier than 2025", "2025-01-01.."),
            ("around 2019", "2018-01-01..2020-12-31"),
            ("circa 1969", "1968-01-01..1970-12-31"),
            ("around March 2019", "2019-02-01..2019-04-30"),
            ("about March 21, 2023", "2023-03-20..2023-03-22"),
            ("since 2012", "2012-01-01.."),
        ],
    );
}

#[test]
fn dates_that_do_not_exist() {
    for text in [
        "February 30, 2023",
        "February 29, 2023",
        "February 29, 1900",
        "February 29, 2100",
        "2023-02-29",
        "2023-13-01",
        "April 31, 2022",
        "31 June 2022",
        "March 0, 2023",
    ] {
        assert_eq!(
            read(Kind::Date, text, &ctx()),
            Err(GrammarError::NoSuchDate(text.into())),
            "{text}"
        );
    }
    check_refused(
        Kind::Date,
        &[
            "",
            "Marchy 2023",
            "20233",
            "the 1965s",
            "2021-2019",
            "Frebruary 2022",
        ],
    );
}

#[test]
fn dates_relative_to_publication() {
    // A Tuesday.
    let tuesday = published(2023, 3, 21);
    check_table_in(
        &tuesday,
        Kind::Date,
        &[
            ("today", "2023-03-21"),
            ("yesterday", "2023-03-20"),
            ("last night", "2023-03-20"),
            ("tomorrow", "2023-03-22"),
            ("Monday", "2023-03-20"),
            ("on Monday", "2023-03-20"),
            ("Sunday", "2023-03-19"),
            ("Saturday", "2023-03-18"),
            ("Thursday", "2023-03-23"),
            ("Friday", "2023-03-24"),
            ("Tuesday", "2023-03-21"),
            ("last Monday", "2023-03-20"),
            ("last Tuesday", "2023-03-14"),
            ("next Monday", "2023-03-27"),
            ("next Tuesday", "2023-03-28"),
            ("this week", "2023-03-20..2023-03-26"),
            ("last week", "2023-03-13..2023-03-19"),
            ("next week", "2023-03-27..2023-04-02"),
            ("last weekend", "2023-03-18..2023-03-19"),
            ("this month", "2023-03-01..2023-03-31"),
            ("last month", "2023-02-01..2023-02-28"),
            ("next month", "2023-04-01..2023-04-30"),
            ("this year", "2023-01-01..2023-12-31"),
            ("last year", "2022-01-01..2022-12-31"),
            ("Last year", "2022-01-01..2022-12-31"),
            ("next year", "2024-01-01..2024-12-31"),
            ("last decade", "2013-03-21..2023-03-21"),
            ("last September", "2022-09-01..2022-09-30"),
            ("last February", "2023-02-01..2023-02-28"),
            ("last March", "2022-03-01..2022-03-31"),
            ("next September", "2023-09-01..2023-09-30"),
            ("next March", "2024-03-01..2024-03-31"),
            ("this September", "2023-09-01..2023-09-30"),
            ("October", "2022-10-01..2022-10-31"),
            ("in October", "2022-10-01..2022-10-31"),
            ("March", "2023-03-01..2023-03-31"),
            ("February", "2023-02-01..2023-02-28"),
            ("March 25", "2023-03-25"),
            ("March 20", "2023-03-20"),
            ("4 February", "2023-02-04"),
            ("December 30", "2022-12-30"),
            ("earlier this year", "2023-01-01..2023-03-21"),
            ("later this year", "2023-03-21..2023-12-31"),
            ("earlier this month", "2023-03-01..2023-03-21"),
            ("earlier this week", "2023-03-20..2023-03-21"),
            ("early last year", "2022-01-01..2022-04-30"),
            ("late last year", "2022-09-01..2022-12-31"),
            ("since last year", "2022-01-01..2023-03-21"),
            ("before last week", "..2023-03-12"),
            ("two years ago", "2020-09-19..2021-09-19"),
            ("more than two years ago", "..2021-03-20"),
            ("over two years ago", "..2021-03-20"),
            ("a decade ago", "2008-03-21..2018-03-20"),
            ("a year ago", "2021-09-20..2022-09-19"),
            ("three days ago", "2023-03-18"),
            ("since 2012", "2012-01-01..2023-03-21"),
        ],
    );
}

#[test]
fn dates_relative_in_other_weeks_and_years() {
    // A Wednesday: "Thursday" is the next day.
    check_table_in(
        &published(2024, 5, 15),
        Kind::Date,
        &[
            ("Thursday", "2024-05-16"),
            ("on Thursday", "2024-05-16"),
            ("Monday", "2024-05-13"),
            ("Sunday", "2024-05-12"),
            ("Saturday", "2024-05-18"),
            ("In March", "2024-03-01..2024-03-31"),
            ("November", "2023-11-01..2023-11-30"),
            ("more than two years ago", "..2022-05-15"),
            ("last year", "2023-01-01..2023-12-31"),
            ("May 16", "2024-05-16"),
        ],
    );
    // New Year: last month is in the year before; February 29 exists only in leap years.
    check_table_in(
        &published(2024, 1, 3),
        Kind::Date,
        &[
            ("last month", "2023-12-01..2023-12-31"),
            ("next month", "2024-02-01..2024-02-29"),
            ("last week", "2023-12-25..2023-12-31"),
            ("December 30", "2023-12-30"),
            ("February 29", "2024-02-29"),
            ("last December", "2023-12-01..2023-12-31"),
            ("this decade", "2020-01-01..2029-12-31"),
        ],
    );
}

#[test]
fn dates_relative_without_publication_are_open() {
    for text in [
        "last year",
        "yesterday",
        "Monday",
        "on Monday",
        "last week",
        "this month",
        "last September",
        "October",
        "March 21",
        "two years ago",
        "more than two years ago",
        "earlier this year",
    ] {
        let r = reading(Kind::Date, text);
        assert_eq!(
            r.range(),
            "..",
            "`{text}` is open without a publication date"
        );
        assert_eq!(
            (r.low_json(), r.high_json()),
            (serde_json::Value::Null, serde_json::Value::Null)
        );
        let note = r.note.unwrap_or_default();
        assert!(
            note.contains("no publication date"),
            "`{text}`: note {note:?}"
        );
    }
    assert_eq!(
        read(Kind::Date, "February 30", &ctx()),
        Err(GrammarError::NoSuchDate("February 30".into())),
        "a day that never exists is an error even without a year"
    );
}

#[test]
fn date_notes_explain_the_reading() {
    let ctx = published(2023, 3, 21);
    let note = |text: &str| read(Kind::Date, text, &ctx).ok().and_then(|r| r.note);
    assert_eq!(
        note("last year").as_deref(),
        Some("last year, published 2023-03-21")
    );
    assert!(note("October").is_some_and(|n| n.contains("most recent")));
    assert!(note("Monday").is_some_and(|n| n.contains("nearest")));
    assert_eq!(note("March 21, 2023"), None);
}

#[test]
fn date_display_and_json() {
    let r = reading(Kind::Date, "2022");
    assert_eq!(r.to_string(), "2022 → 2022-01-01..2022-12-31");
    assert_eq!(r.low_json(), serde_json::json!("2022-01-01"));
    assert_eq!(r.high_json(), serde_json::json!("2022-12-31"));
    assert_eq!(r.unit, None);
    let before = reading(Kind::Date, "before 2020");
    assert_eq!(before.low_json(), serde_json::Value::Null);
    assert_eq!(before.hedge.as_deref(), Some("before"));
    let late = reading(Kind::Date, "the late 1960s");
    assert_eq!(late.hedge.as_deref(), Some("late"));
    let day = reading(Kind::Date, "March 21, 2023");
    assert_eq!(day.to_string(), "March 21, 2023 → 2023-03-21");
}

#[test]
fn date_placeholder_finds_whole_mentions() {
    check_finds(
        Kind::Date,
        &[
            ("clashed in 1969 over territory", Some("1969")),
            ("fierce adversaries in the 1960s", Some("the 1960s")),
            ("came to blows in the late 1960s", Some("the late 1960s")),
            ("in February 2022, Xi and Putin", Some("February 2022")),
            ("announced on Feb. 4, 2022, that", Some("Feb. 4, 2022")),
            ("date 2023-03-21 Politics", Some("2023-03-21")),
            ("Last year, just weeks before", Some("Last year")),
            (
                "more than two years ago, Russia",
                Some("more than two years ago"),
            ),
            ("since 2012, when he took power", Some("since 2012")),
            ("On Monday, senior officials met", Some("Monday")),
            ("it may rain", Some("may")),
            ("met 40 times", None),
            ("1,200 people", None),
        ],
    );
}

#[test]
fn agreement_between_readings() {
    let c2023 = published(2023, 3, 21);
    let c2024 = published(2024, 5, 15);
    let c2019 = published(2019, 6, 5);
    let r = |kind: Kind, text: &str, c: &Context| match read(kind, text, c) {
        Ok(r) => r,
        Err(e) => panic!("`{text}`: {e}"),
    };
    let rows: &[(Kind, &str, &Context, &str, &Context, bool)] = &[
        (Kind::Count, "about 40", &c2023, "nearly 30", &c2019, false),
        (
            Kind::Count,
            "about 40",
            &c2023,
            "more than 40",
            &c2024,
            true,
        ),
        (Kind::Count, "about 40", &c2023, "about 40", &c2023, true),
        (
            Kind::Count,
            "more than 40",
            &c2024,
            "nearly 30",
            &c2019,
            false,
        ),
        (Kind::Count, "dozens", &c2023, "about 40", &c2023, true),
        (Kind::Count, "a dozen", &c2023, "12", &c2023, true),
        (
            Kind::Count,
            "thirty-nine",
            &c2023,
            "nearly 40",
            &c2023,
            true,
        ),
        (Kind::Count, "40", &c2023, "nearly 40", &c2023, false),
        (
            Kind::Date,
            "in 1969",
            &c2023,
            "the late 1960s",
            &c2023,
            true,
        ),
        (
            Kind::Date,
            "in 1969",
            &c2023,
            "the early 1960s",
            &c2023,
            false,
        ),
        (
            Kind::Date,
            "February 2022",
            &c2023,
            "last year",
            &c2023,
            true,
        ),
        (
            Kind::Date,
            "February 2022",
            &c2023,
            "last year",
            &c2024,
            false,
        ),
        (
            Kind::Date,
            "Feb. 4, 2022",
            &c2023,
            "February 2022",
            &c2023,
            true,
        ),
        (
            Kind::Date,
            "last year",
            &Context::default(),
            "1999",
            &c2023,
            true,
        ),
        (
            Kind::Duration,
            "three-day",
            &c2023,
            "two-day",
            &c2024,
            false,
        ),
        (Kind::Duration, "12 months", &c2023, "a year", &c2023, true),
        (
            Kind::Duration,
            "more than a year",
            &c2023,
            "nearly 13 months",
            &c2023,
            true,
        ),
        (Kind::Percent, "around 30%", &c2023, "a third", &c2023, true),
        (
            Kind::Percent,
            "more than half",
            &c2023,
            "50%",
            &c2023,
            false,
        ),
        (
            Kind::Money,
            "$153 billion",
            &c2023,
            "about $150bn",
            &c2023,
            true,
        ),
        (
            Kind::Money,
            "$153 billion",
            &c2023,
            "about $190bn",
            &c2023,
            false,
        ),
        (Kind::Ordinal, "third", &c2023, "3rd", &c2023, true),
    ];
    for &(kind, a, ca, b, cb, want) in rows {
        let (x, y) = (r(kind, a, ca), r(kind, b, cb));
        assert_eq!(
            x.value.overlaps(&y.value),
            want,
            "`{a}` vs `{b}`: {x} / {y}"
        );
        assert_eq!(
            y.value.overlaps(&x.value),
            want,
            "`{b}` vs `{a}` (symmetry)"
        );
    }
}

#[test]
fn every_placeholder_is_group_free_and_embeds() {
    for &kind in Kind::ALL {
        let source = placeholder(kind);
        let alone = Regex::new(source).expect("placeholder compiles");
        assert_eq!(
            alone.captures_len(),
            1,
            "{kind:?} placeholder has capture groups"
        );
        let embedded = format!("(?i)said (?P<value>{source}) here");
        assert!(Regex::new(&embedded).is_ok(), "{kind:?} embeds");
    }
}

#[test]
fn placeholders_match_what_read_reads() {
    let samples: &[(Kind, &str)] = &[
        (Kind::Count, "They met nearly thirty times"),
        (Kind::Money, "a deal worth about $150bn, officials said"),
        (Kind::Percent, "up around 30% on the year"),
        (Kind::Ordinal, "his 66th birthday"),
        (Kind::Duration, "a three-day visit"),
        (Kind::Date, "in the late 1960s they clashed"),
    ];
    for &(kind, sentence) in samples {
        let re = Regex::new(&format!("(?i){}", placeholder(kind))).expect("compiles");
        let found = re.find(sentence).map(|m| m.as_str()).unwrap_or_default();
        assert!(
            read(kind, found, &ctx()).is_ok(),
            "{kind:?}: `{found}` found but not read"
        );
    }
}

/// What `scan` finds, as `(text, kind)` pairs.
fn scanned(text: &str, ctx: &Context) -> Vec<(String, Option<Kind>)> {
    scan(text, ctx)
        .into_iter()
        .map(|m| {
            let kind = m.reading.as_ref().ok().map(|r| r.kind);
            (text[m.start..m.end].to_string(), kind)
        })
        .collect()
}

#[test]
fn scan_finds_each_mention_once() {
    let ctx = published(2023, 3, 17);
    let rows: &[(&str, &[(&str, Kind)])] = &[
        (
            "Over the past six years, the two leaders have met nearly 30 times.",
            &[("six years", Kind::Duration), ("nearly 30", Kind::Count)],
        ),
        (
            "Trade reached a record 1.28 trillion yuan ($153 billion) in 2022.",
            &[
                ("1.28 trillion yuan", Kind::Money),
                ("$153 billion", Kind::Money),
                ("2022", Kind::Date),
            ],
        ),
        (
            "That was an increase of around 30% from 2021.",
            &[("around 30%", Kind::Percent), ("2021", Kind::Date)],
        ),
        (
            "The neighbours clashed in 1969 and were rivals through the 1960s.",
            &[("1969", Kind::Date), ("the 1960s", Kind::Date)],
        ),
        (
            "Beijing floated a 12-point plan last month.",
            &[("12", Kind::Count), ("last month", Kind::Date)],
        ),
        (
            "Xi arrived on Monday, March 20, 2023, for a three-day visit.",
            &[
                ("Monday, March 20, 2023", Kind::Date),
                ("three-day", Kind::Duration),
            ],
        ),
        (
            "He is expected to seek a third term, his first since 2012.",
            &[
                ("third", Kind::Ordinal),
                ("first", Kind::Ordinal),
                ("since 2012", Kind::Date),
            ],
        ),
        (
            "More than half of those polled said so in the last 24 hours.",
            &[
                ("More than half", Kind::Percent),
                ("24 hours", Kind::Duration),
            ],
        ),
        (
            "Exports rose from 30 to 40 percent.",
            &[("30", Kind::Count), ("40 percent", Kind::Percent)],
        ),
        (
            "Prices rose between 30 and 40 percent.",
            &[("between 30 and 40 percent", Kind::Percent)],
        ),
        (
            "Putin may want weapons, one of them said; the two countries agree.",
            &[],
        ),
        (
            "In October, Putin said relations were at their best.",
            &[("October", Kind::Date)],
        ),
        (
            "More than a year after the invasion, some 12 months later.",
            &[
                ("More than a year", Kind::Duration),
                ("some 12 months", Kind::Duration),
            ],
        ),
        ("Cases of COVID-19 fell; the Su-57 flew; a G20 summit.", &[]),
        (
            "They have met about 40 times since the Chinese leader took over in 2012.",
            &[("about 40", Kind::Count), ("2012", Kind::Date)],
        ),
        (
            "The summit, held from 2019 to 2021, cost billions of dollars.",
            &[
                ("from 2019 to 2021", Kind::Date),
                ("billions of dollars", Kind::Money),
            ],
        ),
        (
            "A third of the 1,200 delegates left on the fifth day.",
            &[
                ("A third", Kind::Percent),
                ("1,200", Kind::Count),
                ("fifth", Kind::Ordinal),
            ],
        ),
        (
            "Moscow, 21 March 2023 - The 69-year-old leader spoke for nearly six hours.",
            &[
                ("21 March 2023", Kind::Date),
                ("69-year", Kind::Duration),
                ("nearly six hours", Kind::Duration),
            ],
        ),
    ];
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(text, want)| {
            let got = scanned(text, &ctx);
            let want: Vec<(String, Option<Kind>)> = want
                .iter()
                .map(|&(t, k)| (t.to_string(), Some(k)))
                .collect();
            (got != want).then(|| format!("`{text}`:\n  got  {got:?}\n  want {want:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scan_offsets_are_byte_offsets_in_order() {
    let text = "Über 40 Menschen — that is, about 40 people — met on 4 February 2022 in Zürich.";
    let mentions = scan(text, &ctx());
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last_end = m.end;
    }
    let found: Vec<&str> = mentions.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(found, ["40", "about 40", "4 February 2022"]);
}

#[test]
fn scan_reports_unreadable_mentions_as_errors() {
    let mentions = scan("The deal was signed on February 30, 2023.", &ctx());
    assert_eq!(mentions.len(), 1);
    assert_eq!(
        mentions[0].reading,
        Err(GrammarError::NoSuchDate("February 30, 2023".into()))
    );
}

#[test]
fn news_copy_styles() {
    // Wire, broadsheet and translated phrasings, each with the mention a rule would capture
    // and how it must be read. Published on a Tuesday.
    let ctx = published(2023, 3, 21);
    let rows: &[(Kind, &str, &str, &str)] = &[
        // Wire copy: terse, digits, abbreviations.
        (
            Kind::Count,
            "Some 1,500 troops crossed the border, officials said.",
            "Some 1,500",
            "1350..1650",
        ),
        (
            Kind::Count,
            "Police said upwards of 2,000 people marched.",
            "upwards of 2,000",
            "2001..",
        ),
        (
            Kind::Count,
            "As many as 300,000 may have fled.",
            "As many as 300,000",
            "0..300000",
        ),
        (
            Kind::Count,
            "At least 12 people died in the blast.",
            "At least 12",
            "12..",
        ),
        (
            Kind::Count,
            "Between 5,000 and 7,000 delegates attended.",
            "Between 5,000 and 7,000",
            "5000..7000",
        ),
        (
            Kind::Count,
            "The toll rose to nearly 3,000 on Friday.",
            "nearly 3,000",
            "2700..2999",
        ),
        (
            Kind::Count,
            "Fewer than 100 remained in the town.",
            "Fewer than 100",
            "0..99",
        ),
        (
            Kind::Count,
            "The pair have held 40-odd summits.",
            "40",
            "40",
        ),
        (
            Kind::Money,
            "Trade rose to $190bn last year, customs data showed.",
            "$190bn",
            "190 bn USD",
        ),
        (
            Kind::Money,
            "The deal is worth US$2.5 bln.",
            "US$2.5 bln",
            "2.5 bn USD",
        ),
        (
            Kind::Money,
            "Exports reached RMB 1.28tn in 2022.",
            "RMB 1.28tn",
            "1.28 tn CNY",
        ),
        (
            Kind::Percent,
            "Output fell 4.5 pct in the quarter.",
            "4.5 pct",
            "4.5%",
        ),
        (
            Kind::Date,
            "MOSCOW, March 21 (Reuters) - Talks began.",
            "March 21",
            "2023-03-21",
        ),
        (
            Kind::Date,
            "The accord was signed Feb. 4, 2022, in Beijing.",
            "Feb. 4, 2022",
            "2022-02-04",
        ),
        (
            Kind::Duration,
            "The leader began a 3-day visit.",
            "3-day",
            "3 days",
        ),
        // Broadsheet: words for numbers, longer hedges.
        (
            Kind::Count,
            "The leaders have met some forty times.",
            "some forty",
            "36..44",
        ),
        (
            Kind::Count,
            "They have met close to thirty times in six years.",
            "close to thirty",
            "27..29",
        ),
        (
            Kind::Count,
            "Well over a hundred officials travelled with him.",
            "Well over a hundred",
            "101..",
        ),
        (
            Kind::Count,
            "No fewer than two dozen agreements were signed.",
            "No fewer than two dozen",
            "24..",
        ),
        (
            Kind::Count,
            "Tens of thousands protested in the capital.",
            "Tens of thousands",
            "20000..199999",
        ),
        (
            Kind::Count,
            "The pair met two hundred and fifty days apart.",
            "two hundred and fifty",
            "250",
        ),
        (
            Kind::Money,
            "a bilateral trade worth some £2.4 billion",
            "some £2.4 billion",
            "2.16 bn..2.64 bn GBP",
        ),
        (
            Kind::Money,
            "sanctions costing in excess of €300 billion",
            "in excess of €300 billion",
            ">300 bn.. EUR",
        ),
        (
            Kind::Percent,
            "barely a third of the electorate",
            "a third",
            "33..34%",
        ),
        (
            Kind::Percent,
            "well over half of the country's gas",
            "well over half",
            ">50..%",
        ),
        (
            Kind::Percent,
            "a rise of roughly 30 per cent on 2021",
            "roughly 30 per cent",
            "27..33%",
        ),
        (Kind::Ordinal, "his third term as president", "third", "3"),
        (
            Kind::Ordinal,
            "for the twenty-first time",
            "twenty-first",
            "21",
        ),
        (
            Kind::Duration,
            "a visit lasting a little over two days",
            "a little over two days",
            ">2..2.2 days",
        ),
        (
            Kind::Duration,
            "after almost a decade in power",
            "almost a decade",
            "9..<10 years",
        ),
        (
            Kind::Date,
            "in the early years of the 1990s",
            "the 1990s",
            "1990-01-01..1999-12-31",
        ),
        (
            Kind::Date,
            "rivals through the late 1960s",
            "the late 1960s",
            "1966-01-01..1969-12-31",
        ),
        (
            Kind::Date,
            "since the mid-1990s",
            "since the mid-1990s",
            "1993-01-01..2023-03-21",
        ),
        // Translated copy: unusual order, "per cent", "roubles", day before month.
        (
            Kind::Count,
            "The leaders have met approximately 40 times.",
            "approximately 40",
            "36..44",
        ),
        (
            Kind::Count,
            "they have had no less than 40 meetings",
            "no less than 40",
            "40..",
        ),
        (
            Kind::Money,
            "a turnover of 1,280 billion yuan",
            "1,280 billion yuan",
            "1.28 tn CNY",
        ),
        (
            Kind::Money,
            "contracts of 100 billion roubles",
            "100 billion roubles",
            "100 bn RUB",
        ),
        (
            Kind::Percent,
            "grew by about 30 per cent compared to 2021",
            "about 30 per cent",
            "27..33%",
        ),
        (
            Kind::Date,
            "on 21 March 2023 the visit began",
            "21 March 2023",
            "2023-03-21",
        ),
        (
            Kind::Date,
            "the 20th of March 2023",
            "20th of March 2023",
            "2023-03-20",
        ),
        (
            Kind::Date,
            "in the last 12 months of war, last year",
            "in the last 12 months",
            "2022-03-21..2023-03-21",
        ),
        (
            Kind::Duration,
            "over the last 12 months of the war",
            "12 months",
            "1 year",
        ),
        (
            Kind::Duration,
            "is on a three-day visit",
            "three-day",
            "3 days",
        ),
        (
            Kind::Date,
            "Last September, after they met",
            "Last September",
            "2022-09-01..2022-09-30",
        ),
    ];
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(kind, sentence, mention, want)| {
            let re = Regex::new(&format!("(?i){}", placeholder(kind))).expect("compiles");
            let found = re.find(sentence).map(|m| m.as_str());
            if found != Some(mention) {
                return Some(format!(
                    "{kind:?} in `{sentence}`: found {found:?}, want `{mention}`"
                ));
            }
            match read(kind, mention, &ctx) {
                Ok(r) if r.range() == want => None,
                Ok(r) => Some(format!("`{mention}`: got {}, want {want}", r.range())),
                Err(e) => Some(format!("`{mention}`: {e}")),
            }
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_currency_code_reads_before_and_after_the_number() {
    for &code in CURRENCIES {
        // Codes that are English words ("ALL", "TOP") are read only after the amount.
        let before = !CODES_AFTER_ONLY.contains(&code);
        let forms = [format!("{code} 5 million"), format!("5 million {code}")];
        for text in forms.iter().skip(usize::from(!before)) {
            let unit = read(Kind::Money, text, &ctx()).ok().and_then(|r| r.unit);
            assert_eq!(unit.as_deref(), Some(code), "`{text}`");
        }
    }
    for text in [
        "$1", "€1", "£1", "₽1", "₹1", "1 yuan", "1 yen", "HK$1", "A$1", "C$1",
    ] {
        let unit = read(Kind::Money, text, &ctx()).ok().and_then(|r| r.unit);
        assert!(
            unit.is_some_and(|u| CURRENCIES.contains(&u.as_str())),
            "`{text}`"
        );
    }
}

#[test]
fn units_are_named_only_for_money_and_durations() {
    let unit = |kind: Kind, text: &str| reading(kind, text).unit;
    assert_eq!(unit(Kind::Money, "$5").as_deref(), Some("USD"));
    assert_eq!(unit(Kind::Duration, "5 days").as_deref(), Some("s"));
    assert_eq!(unit(Kind::Percent, "5%"), None);
    assert_eq!(unit(Kind::Count, "5"), None);
    assert_eq!(unit(Kind::Ordinal, "5th"), None);
    assert_eq!(unit(Kind::Date, "2005"), None);
    assert_eq!(
        reading(Kind::Percent, "about 30%").to_string(),
        "about 30% → 27..33%"
    );
    assert_eq!(
        reading(Kind::Money, "$153 billion").to_string(),
        "$153 billion → 153 bn USD"
    );
}

/// One row of a case table (`tests/grammar/*.tsv`; the columns are described at the top
/// of `traps.tsv`).
struct Case {
    /// Where it was written: file and line.
    at: String,
    /// `read` or `scan`.
    mode: String,
    /// The publication date, if any.
    published: Option<jiff::civil::Date>,
    /// The mention, or running text with the mention in brackets.
    text: String,
    /// The kind, `-` for no mention (scan).
    kind: String,
    /// The low end as written in the table (or `error`).
    low: String,
    /// The high end as written in the table.
    high: String,
    /// The unit, `-` for none.
    unit: String,
}

/// Every row of every table in `tests/grammar/`.
fn cases() -> Vec<Case> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/grammar");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/grammar exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a case table reads");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 7, "{name}:{}: want 7 columns: {line}", i + 1);
            out.push(Case {
                at: format!("{name}:{}", i + 1),
                mode: cols[0].to_string(),
                published: (cols[1] != "-")
                    .then(|| cols[1].parse().expect("a publication date reads")),
                text: cols[2].to_string(),
                kind: cols[3].to_string(),
                low: cols[4].to_string(),
                high: cols[5].to_string(),
                unit: cols[6].to_string(),
            });
        }
    }
    out
}

/// A reading's ends and unit as the tables write them.
fn table_form(r: &Reading) -> (String, String, String) {
    use crosscheck::grammar::Bound;
    let show = |b: Bound, open: &str| match b {
        Bound::Unbounded => "-".to_string(),
        Bound::Included(v) | Bound::Excluded(v) => {
            let v = if r.kind == Kind::Date {
                Reading::days(crosscheck::grammar::Interval::exact(v)).range()
            } else {
                v.normalize().to_string()
            };
            match b {
                Bound::Excluded(_) => format!("{open}{v}"),
                _ => v,
            }
        }
    };
    (
        show(r.value.low, ">"),
        show(r.value.high, "<"),
        r.unit.clone().unwrap_or_else(|| "-".to_string()),
    )
}

/// Checks one case; `None` when it holds.
fn check_case(case: &Case) -> Option<String> {
    let ctx = Context {
        published: case.published,
        periods_as_dates: true,
        ..Context::default()
    };
    let want = (case.low.clone(), case.high.clone(), case.unit.clone());
    match case.mode.as_str() {
        "read" => {
            let kind = Kind::from_name(&case.kind)?;
            match (read(kind, &case.text, &ctx), case.low == "error") {
                (Err(_), true) => None,
                (Ok(r), true) => Some(format!("`{}` read as {r}, want an error", case.text)),
                (Err(e), false) => Some(format!("`{}`: error {e}", case.text)),
                (Ok(r), false) => {
                    let got = table_form(&r);
                    (got != want).then(|| format!("`{}`: got {got:?}, want {want:?}", case.text))
                }
            }
        }
        "scan" => {
            let (Some(start), Some(close)) = (case.text.find('['), case.text.find(']')) else {
                return Some(format!("`{}`: mark the mention with [brackets]", case.text));
            };
            let end = close - 1;
            let text = case.text.replacen('[', "", 1).replacen(']', "", 1);
            let mentions = scan(&text, &ctx);
            let found = mentions.iter().find(|m| m.start == start && m.end == end);
            let quote = &text[start..end];
            match (found, case.kind.as_str()) {
                (None, "-") => None,
                (Some(m), "-") => Some(format!("`{quote}` in `{text}` found: {:?}", m.reading)),
                (None, _) => {
                    let all: Vec<String> = mentions
                        .iter()
                        .map(|m| format!("`{}`", &text[m.start..m.end]))
                        .collect();
                    Some(format!(
                        "`{quote}` not found in `{text}` (found {})",
                        all.join(", ")
                    ))
                }
                (Some(m), kind) => match &m.reading {
                    Ok(r) if r.kind.name() == kind && table_form(r) == want => None,
                    Ok(r) => Some(format!(
                        "`{quote}` in `{text}`: got {} {:?}, want {kind} {want:?}",
                        r.kind.name(),
                        table_form(r)
                    )),
                    Err(e) => Some(format!("`{quote}` in `{text}`: error {e}")),
                },
            }
        }
        _ => Some(format!("unknown mode {}", case.mode)),
    }
}

#[test]
fn case_tables() {
    let cases = cases();
    assert!(cases.len() >= 1000, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check_case(c).map(|f| format!("{}: {f}", c.at)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn semantics_doc_is_generated_from_the_tables() {
    use crosscheck::grammar::{documented_tables, DOCS_BEGIN, DOCS_END};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/semantics.md");
    let doc = std::fs::read_to_string(&path).expect("docs/semantics.md reads");
    let (start, end) = match (doc.find(DOCS_BEGIN), doc.find(DOCS_END)) {
        (Some(s), Some(e)) if s < e => (s, e + DOCS_END.len() + 1),
        _ => (doc.len(), doc.len()),
    };
    let fresh = documented_tables();
    let current = doc.get(start..end.min(doc.len())).unwrap_or_default();
    if current == fresh {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let mut updated = doc[..start].to_string();
        if start == doc.len() && !updated.ends_with("\n\n") {
            updated.push('\n');
        }
        updated.push_str(&fresh);
        updated.push_str(doc.get(end..).unwrap_or_default());
        std::fs::write(&path, updated).expect("docs/semantics.md writes");
        return;
    }
    panic!(
        "docs/semantics.md is stale: its generated section differs from the grammar's tables; \
         run `UPDATE_DOCS=1 cargo test --test library grammar::` and review the diff"
    );
}
