//! Properties of the grammar that must hold for every input, not just the tables.

use crosscheck::grammar::{read, scan, Bound, Context, Interval, Kind, Tolerance};
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
        })
}

/// True when the interval is not empty and its ends are in order.
fn well_formed(i: &Interval) -> bool {
    let ordered = match (i.low.value(), i.high.value()) {
        (Some(a), Some(b)) => a <= b && a.is_finite() && b.is_finite(),
        (Some(a), None) | (None, Some(a)) => a.is_finite(),
        (None, None) => true,
    };
    ordered && !i.is_empty()
}

/// Any interval with finite, possibly open or missing ends.
fn any_interval() -> impl Strategy<Value = Interval> {
    let bound = prop_oneof![
        Just(Bound::Unbounded),
        (-100.0f64..100.0).prop_map(Bound::Included),
        (-100.0f64..100.0).prop_map(Bound::Excluded),
        (-5i32..5).prop_map(|v| Bound::Included(f64::from(v))),
        (-5i32..5).prop_map(|v| Bound::Excluded(f64::from(v))),
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
        prop_assert!(r.is_ok(), "`{}`: {:?}", text, r);
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
            let point = Interval::exact(f64::from(n));
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
            prop_assert!(!r.value.overlaps(&Interval::exact(f64::from(n))), "`{}` read as {}", text, r);
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

/// Scans `text` and checks the mentions are in order, apart, on char boundaries, and sound.
fn check_scan(text: &str, ctx: &Context) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for m in scan(text, ctx) {
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
        far in prop::sample::select(vec![f64::NAN, f64::INFINITY, -1e300, 1e300, 0.5]),
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
