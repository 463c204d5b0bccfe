//! Properties of the grammar that must hold for every input, not just the tables.

use crosscheck::grammar::{
    read, scan, scan_for, Bound, Context, Decimal, Interval, Kind, Mention, Tolerance,
};
use proptest::prelude::*;

/// Hedges that may stand before any quantity.
const HEDGES: &[&str] = &[
    "",
    "exactly",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "nearly",
    "almost",
    "close to",
    "just under",
    "just over",
    "more than",
    "over",
    "well over",
    "at least",
    "no fewer than",
    "fewer than",
    "less than",
    "under",
    "up to",
    "as many as",
    "at most",
    "no more than",
];

/// How each quantity kind writes a number `n`.
fn written(kind: Kind, n: &str) -> String {
    match kind {
        Kind::Money => format!("${n} billion"),
        Kind::Percent => format!("{n}%"),
        Kind::Duration => format!("{n} days"),
        Kind::Ordinal => format!("{n}th"),
        _ => n.to_string(),
    }
}

/// Words and marks the grammar reacts to, to build inputs that reach its deeper paths.
const TOKENS: &[&str] = &[
    "about",
    "nearly",
    "more",
    "than",
    "between",
    "and",
    "to",
    "or",
    "so",
    "a",
    "an",
    "half",
    "dozen",
    "dozens",
    "of",
    "thousands",
    "tens",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "bn",
    "m",
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "₽",
    "yuan",
    "RMB",
    "dollars",
    "%",
    "percent",
    "per",
    "cent",
    "third",
    "thirds",
    "fifth",
    "21st",
    "0",
    "1",
    "7",
    "29",
    "30",
    "40",
    "99",
    "1,200",
    "1.5",
    "2012",
    "2023",
    "1960s",
    "9999",
    "99999999999999999999",
    "thirty",
    "thirty-nine",
    "forty",
    "zero",
    "day",
    "days",
    "three-day",
    "weeks",
    "months",
    "year",
    "years",
    "decade",
    "ago",
    "last",
    "next",
    "this",
    "early",
    "mid",
    "late",
    "the",
    "since",
    "before",
    "after",
    "around",
    "March",
    "February",
    "Feb.",
    "30,",
    "Monday",
    "yesterday",
    "-",
    "–",
    ",",
    ".",
    "  ",
    "\n",
    "é",
    "日本",
    "🙂",
];

/// A string of grammar tokens joined by spaces or nothing.
fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(TOKENS), any::<bool>()), 0..10).prop_map(|ts| {
        ts.into_iter()
            .map(|(t, glued)| {
                if glued {
                    t.to_string()
                } else {
                    format!("{t} ")
                }
            })
            .collect()
    })
}

/// A context with any publication date in jiff's range and any tolerances.
fn any_context() -> impl Strategy<Value = Context> {
    (
        prop::option::of((1i16..=9999, 1i8..=12, 1i8..=28)),
        -1.0f64..3.0,
        -1.0f64..3.0,
        -1.0f64..3.0,
    )
        .prop_map(|(date, approximate, near, exact)| Context {
            tolerance: Tolerance {
                approximate,
                near,
                exact,
            },
            published: date.map(|(y, m, d)| jiff::civil::date(y, m, d)),
            ..Context::default()
        })
}

/// True when the interval is not empty and its ends are in order.
fn well_formed(i: &Interval) -> bool {
    let ordered = match (i.low.value(), i.high.value()) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    };
    ordered && !i.is_empty()
}

/// Any interval with finite, possibly open or missing ends.
fn any_interval() -> impl Strategy<Value = Interval> {
    let bound = prop_oneof![
        Just(Bound::Unbounded),
        (-10_000i64..10_000).prop_map(|v| Bound::Included(Decimal::new(v, 2))),
        (-10_000i64..10_000).prop_map(|v| Bound::Excluded(Decimal::new(v, 2))),
        (-5i64..5).prop_map(|v| Bound::Included(Decimal::from(v))),
        (-5i64..5).prop_map(|v| Bound::Excluded(Decimal::from(v))),
    ];
    (bound.clone(), bound).prop_map(|(low, high)| Interval { low, high })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_hedge_yields_an_empty_or_inverted_interval(
        hedge in prop::sample::select(HEDGES),
        kind in prop::sample::select(vec![Kind::Count, Kind::Money, Kind::Percent, Kind::Duration, Kind::Ordinal]),
        n in 0u32..100_000,
        frac in prop::option::of(0u32..100),
        ctx in any_context(),
    ) {
        let number = match frac {
            Some(f) if kind != Kind::Ordinal => format!("{n}.{f:02}"),
            _ => n.to_string(),
        };
        let text = format!("{hedge} {}", written(kind, &number));
        if let Ok(r) = read(kind, &text, &ctx) {
            prop_assert!(well_formed(&r.value), "`{}` read as {}", text, r);
        }
    }

    #[test]
    fn ranges_are_never_empty(
        kind in prop::sample::select(vec![Kind::Count, Kind::Money, Kind::Percent, Kind::Duration]),
        a in 0u32..10_000,
        b in 0u32..10_000,
        form in 0usize..4,
    ) {
        let (x, y) = (a.to_string(), b.to_string());
        let text = match form {
            0 => format!("between {} and {}", written(kind, &x), written(kind, &y)),
            1 => format!("{x} to {}", written(kind, &y)),
            2 if kind == Kind::Money => format!("${x}-{y} billion"),
            2 => format!("{x}-{}", written(kind, &y)),
            _ => format!("about {x} to {}", written(kind, &y)),
        };
        let r = read(kind, &text, &Context::default());
        // Written high to low, `x to y` and `x-y` may be a tally (two values), not a range
        // (`2522 to $1 billion` is still a range: its ends are in order).
        if form == 0 || a <= b {
            prop_assert!(r.is_ok(), "`{}`: {:?}", text, r);
        }
        if let Ok(r) = r {
            prop_assert!(well_formed(&r.value), "`{}` read as {}", text, r);
        }
    }

    #[test]
    fn inclusive_hedges_keep_the_stated_value(
        hedge in prop::sample::select(vec!["", "about", "around", "roughly", "at least", "up to", "as many as", "at most"]),
        n in 1u32..1_000_000,
    ) {
        let text = format!("{hedge} {n}");
        let r = read(Kind::Count, &text, &Context::default());
        prop_assert!(r.is_ok(), "`{}`: {:?}", text, r);
        if let Ok(r) = r {
            let point = Interval::exact(Decimal::from(n));
            prop_assert!(r.value.overlaps(&point), "`{}` read as {} leaves out {}", text, r, n);
        }
    }

    #[test]
    fn strict_hedges_leave_out_the_stated_value(
        hedge in prop::sample::select(vec!["nearly", "almost", "more than", "over", "fewer than", "under", "just over"]),
        n in 1u32..1_000_000,
    ) {
        let text = format!("{hedge} {n}");
        if let Ok(r) = read(Kind::Count, &text, &Context::default()) {
            prop_assert!(!r.value.overlaps(&Interval::exact(Decimal::from(n))), "`{}` read as {}", text, r);
        }
    }

    #[test]
    fn overlap_is_symmetric(a in any_interval(), b in any_interval()) {
        prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
        prop_assert_eq!(a.intersect(&b), b.intersect(&a));
    }

    #[test]
    fn overlap_of_readings_is_symmetric(
        x in (prop::sample::select(HEDGES), 0u32..200),
        y in (prop::sample::select(HEDGES), 0u32..200),
    ) {
        let ctx = Context::default();
        let a = read(Kind::Count, &format!("{} {}", x.0, x.1), &ctx);
        let b = read(Kind::Count, &format!("{} {}", y.0, y.1), &ctx);
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert_eq!(a.value.overlaps(&b.value), b.value.overlaps(&a.value));
        }
    }

    #[test]
    fn calendar_dates_read_back_as_themselves(y in 1000i16..=2199, m in 1i8..=12, d in 1i8..=31) {
        let ctx = Context::default();
        let iso = format!("{y:04}-{m:02}-{d:02}");
        let exists = jiff::civil::Date::new(y, m, d).is_ok();
        let r = read(Kind::Date, &iso, &ctx);
        prop_assert_eq!(r.is_ok(), exists, "{}: {:?}", iso, r);
        if let Ok(r) = r {
            prop_assert_eq!(r.range(), iso.clone());
            let months = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];
            let name = months[usize::try_from(m - 1).unwrap_or(0)];
            let prose = read(Kind::Date, &format!("{name} {d}, {y}"), &ctx);
            prop_assert_eq!(prose.map(|p| p.value), Ok(r.value));
        }
    }

    #[test]
    fn relative_dates_resolve_around_any_publication_day(
        (y, m, d) in (1900i16..=2100, 1i8..=12, 1i8..=28),
        text in prop::sample::select(vec![
            "yesterday", "today", "Monday", "Sunday", "last week", "this month", "last month",
            "last year", "last September", "October", "March 21", "February 29",
            "earlier this year", "two years ago", "more than two years ago", "a decade ago",
            "early last year", "since last year", "next week",
        ]),
    ) {
        let published = jiff::civil::date(y, m, d);
        let ctx = Context { published: Some(published), ..Context::default() };
        match read(Kind::Date, text, &ctx) {
            Ok(r) => {
                prop_assert!(well_formed(&r.value), "`{}` at {}: {}", text, published, r);
                prop_assert!(r.note.is_some(), "`{}`: a relative date explains itself", text);
            }
            Err(e) => prop_assert!(text == "February 29", "`{}` at {}: {}", text, published, e),
        }
    }

    #[test]
    fn no_string_panics_read_or_scan(text in any::<String>(), ctx in any_context()) {
        for &kind in Kind::ALL {
            let _ = read(kind, &text, &ctx);
        }
        check_scan(&text, &ctx)?;
    }

    #[test]
    fn no_token_soup_panics_read_or_scan(text in token_soup(), ctx in any_context()) {
        for &kind in Kind::ALL {
            if let Ok(r) = read(kind, &text, &ctx) {
                prop_assert!(well_formed(&r.value), "{:?} `{}` read as {}", kind, text, r);
                let _ = (r.to_string(), r.low_json(), r.high_json());
            }
        }
        check_scan(&text, &ctx)?;
    }
}

/// Scans `text` and checks the mentions are in order, apart, on char boundaries, and sound;
/// and that scanning for some kinds finds the mentions of those kinds a full scan finds.
fn check_scan(text: &str, ctx: &Context) -> Result<(), TestCaseError> {
    let all = scan(text, ctx);
    for kinds in [
        &[Kind::Date, Kind::Duration][..],
        &[Kind::Money],
        &[Kind::Count],
    ] {
        let of = |mentions: &[Mention]| -> Vec<String> {
            (mentions.iter())
                .filter(|m| m.reading.as_ref().is_ok_and(|r| kinds.contains(&r.kind)))
                .map(|m| format!("{}..{} {:?} {:?}", m.start, m.end, m.tally, m.reading))
                .collect()
        };
        let some = scan_for(text, ctx, kinds);
        prop_assert_eq!(of(&some), of(&all), "{:?} in `{}`", kinds, text);
    }
    let mut last_end = 0;
    for m in all {
        prop_assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        if let Ok(r) = &m.reading {
            prop_assert!(
                well_formed(&r.value),
                "`{}` read as {}",
                &text[m.start..m.end],
                r
            );
        }
        last_end = m.end;
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_reading_displays_without_panicking(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        low in any_interval(),
        far in prop::sample::select(vec![Decimal::MAX, Decimal::MIN, Decimal::new(5, 1), Decimal::new(1, 28)]),
    ) {
        let mut value = low;
        value.high = Bound::Included(far);
        let r = crosscheck::grammar::Reading {
            kind,
            text: "x".into(),
            hedge: None,
            value,
            unit: Some("USD".into()),
            note: None,
        };
        let _ = (r.to_string(), r.low_json(), r.high_json());
    }
}

/// Mentions as news writes them, of every kind; each is scanned alone and in company.
const PHRASES: &[&str] = &[
    "about 40",
    "half a million",
    "two and a half million",
    "$16.4 million",
    "half a billion dollars",
    "NZ$20 million",
    "three thousand dollars",
    "minus 0.5 per cent",
    "one in three",
    "3 out of 4",
    "two-thirds of",
    "nearly three dozen",
    "exceeding $5m",
    "18 or older",
    "in her 40s",
    "between 200 and 300",
    "from 200 to 300",
    "voted 134 to 63",
    "won 98-96",
    "a fertility rate of 1.6",
    "a second term",
    "30 seconds",
    "Q3 2019",
    "the first half of 2019",
    "June 9-12, 2020",
    "01/22/2016",
    "the 21st century",
    "March 21, 2023",
    "the late 1960s",
    "10 billion Swiss francs",
];

/// Words that change no reading next to a mention.
const FILLERS: &[&str] = &[
    "",
    "Meanwhile,",
    "the committee",
    "(AP)",
    "Notably",
    "according to officials,",
    "Reuters:",
    "the region's",
    "apparently",
    "the figure,",
    "as the chart shows,",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every mention's span holds its quote: the reading's text is the span's text.
    #[test]
    fn every_mention_span_holds_its_quote(text in token_soup(), ctx in any_context()) {
        for m in scan(&text, &ctx) {
            if let Ok(r) = &m.reading {
                let quote = text[m.start..m.end].split_whitespace().collect::<Vec<_>>().join(" ");
                prop_assert_eq!(&r.text, &quote);
            }
        }
    }

    /// A mention reads the same whatever neutral text stands around it.
    #[test]
    fn readings_are_invariant_under_surrounding_text(
        phrase in prop::sample::select(PHRASES),
        before in prop::sample::select(FILLERS),
        after in prop::sample::select(FILLERS),
        ctx in any_context(),
    ) {
        let alone = scan(phrase, &ctx);
        let text = format!("{before} {phrase} {after}.");
        let offset = before.len() + 1;
        let found = scan(&text, &ctx);
        for m in &alone {
            let twin = found.iter().find(|f| f.start == m.start + offset && f.end == m.end + offset);
            prop_assert!(twin.is_some(), "`{}` lost `{}`", text, &phrase[m.start..m.end]);
            if let Some(twin) = twin {
                prop_assert_eq!(&twin.reading, &m.reading, "in `{}`", text);
            }
        }
    }
}
