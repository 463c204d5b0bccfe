//! Table-driven tests of the quantity and date grammar: every row is a mention as news copy
//! writes it and the interval `docs/semantics.md` says it must be read as.

use crosscheck::grammar::{placeholder, read, Context, GrammarError, Kind, Reading};
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
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(text, want)| match read(kind, text, &ctx()) {
            Ok(r) if r.range() == want => None,
            Ok(r) => Some(format!("`{text}`: got {}, want {want}", r.range())),
            Err(e) => Some(format!("`{text}`: error {e}, want {want}")),
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
            ("2.5", "2..3"),
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
fn scratch_other_kinds() {
    for (k, t) in [
        (Kind::Money, "$153 billion"),
        (Kind::Money, "1.28 trillion yuan"),
        (Kind::Money, "about $150bn"),
        (Kind::Money, "US$1.5 billion"),
        (Kind::Money, "$30-40 billion"),
        (Kind::Money, "between $30 billion and $40 billion"),
        (Kind::Money, "30 to 40 million euros"),
        (Kind::Money, "billions of dollars"),
        (Kind::Money, "¥5 billion"),
        (Kind::Money, "RMB1.28 trillion"),
        (Kind::Money, "£2m"),
        (Kind::Percent, "30%"),
        (Kind::Percent, "around 30%"),
        (Kind::Percent, "more than half"),
        (Kind::Percent, "a third"),
        (Kind::Percent, "two-thirds"),
        (Kind::Percent, "one in five"),
        (Kind::Percent, "30 to 40 per cent"),
        (Kind::Percent, "30-40%"),
        (Kind::Ordinal, "fifth"),
        (Kind::Ordinal, "21st"),
        (Kind::Ordinal, "twenty-first"),
        (Kind::Duration, "three-day"),
        (Kind::Duration, "12 months"),
        (Kind::Duration, "a year"),
        (Kind::Duration, "nearly six hours"),
        (Kind::Duration, "five and a half hours"),
        (Kind::Duration, "a year and a half"),
        (Kind::Duration, "two to three weeks"),
        (Kind::Duration, "more than a year"),
        (Kind::Duration, "a decade"),
        (Kind::Duration, "half an hour"),
    ] {
        match read(k, t, &ctx()) {
            Ok(r) => println!("{k:?} {r} [{:?}]", r.unit),
            Err(e) => println!("{k:?} {t} ERR {e}"),
        }
    }
}
