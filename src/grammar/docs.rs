//! The grammar's own tables as Markdown: the generated part of `docs/semantics.md`, so
//! that what is documented is what runs. `tests/library/grammar.rs` fails when the file is stale;
//! `UPDATE_DOCS=1 cargo test --test library grammar::` rewrites it.

use std::fmt::Write;

use super::currency::{CODES, NAMES, SYMBOLS, WORDLIKE};
use super::date::{DateHedge, CENTURIES, DATE_HEDGES, PART_WORDS};
use super::duration::UNITS as DURATION_UNITS;
use super::hedges::{Hedge, PREFIXES, SUFFIXES};
use super::numbers::{PARTS, PLURALS, SCALES, SHORT_SCALES, TENS, UNITS, VULGAR};
use super::ordinal::ORDINALS;
use super::relative::PERIOD_UNITS;
use super::scan::{AFTER_A_SECOND, CHANGE_WORDS, FUTURE, PAST, SCORE_VERBS, TALLY_NOUNS};

/// The line that opens the generated section of `docs/semantics.md`.
pub const BEGIN: &str =
    "<!-- BEGIN GENERATED: grammar tables (UPDATE_DOCS=1 cargo test --test library grammar::) -->";
/// The line that closes it.
pub const END: &str = "<!-- END GENERATED: grammar tables -->";

/// What a hedge means, for counts and for real-valued kinds.
fn meaning(h: Hedge) -> (&'static str, &'static str, &'static str) {
    match h {
        Hedge::Exact => ("the value", "`x - x·exact .. x + x·exact`", "same"),
        Hedge::Between => ("both ends written", "`x .. y`", "`x .. y`"),
        Hedge::Approximate => (
            "close to x either way",
            "`x ± max(x·approximate, 1)`, outward",
            "`x ± x·approximate`",
        ),
        Hedge::Near => (
            "a little below x",
            "`x - x·near .. x - 1`",
            "`x - x·near .. <x`",
        ),
        Hedge::JustOver => (
            "a little above x",
            "`x + 1 .. x + x·near`",
            "`>x .. x + x·near`",
        ),
        Hedge::MoreThan => ("above x", "`x + 1 ..`", "`>x ..`"),
        Hedge::AtLeast => ("x or above", "`x ..`", "`x ..`"),
        Hedge::LessThan => ("below x", "`0 .. x - 1`", "`0 .. <x`"),
        Hedge::AtMost => ("x or below", "`0 .. x`", "`0 .. x`"),
    }
}

/// What a date hedge does to a span `s..e`.
fn date_meaning(h: DateHedge) -> &'static str {
    match h {
        DateHedge::Before => "`.. s-1`",
        DateHedge::After => "`e+1 ..`",
        DateHedge::Since => "`s .. publication day`",
        DateHedge::Until => "`.. e`",
        DateHedge::NoEarlier => "`s ..`",
        DateHedge::Around => "widened by one of its own unit each side",
    }
}

/// `a`, `b`, `c` as inline code.
fn codes<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words
        .into_iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The generated Markdown, from [`BEGIN`] to [`END`] inclusive.
pub fn tables() -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{BEGIN}");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "## The grammar's tables\n\nThis section is generated from the tables the grammar \
         runs on (`src/grammar/docs.rs`); a test fails when it is stale.\n"
    );
    let _ = writeln!(w, "### Hedges\n");
    let _ = writeln!(
        w,
        "| meaning | written before the value | written after the value | whole numbers | real numbers |\n| --- | --- | --- | --- | --- |"
    );
    let order = [
        Hedge::Exact,
        Hedge::Approximate,
        Hedge::Near,
        Hedge::JustOver,
        Hedge::MoreThan,
        Hedge::AtLeast,
        Hedge::LessThan,
        Hedge::AtMost,
    ];
    for h in order {
        let (what, whole, real) = meaning(h);
        let before = codes(PREFIXES.iter().filter(|p| p.1 == h).map(|p| p.0));
        let after = codes(SUFFIXES.iter().filter(|p| p.1 == h).map(|p| p.0));
        let _ = writeln!(w, "| {what} | {before} | {after} | {whole} | {real} |");
    }
    let (what, whole, real) = meaning(Hedge::Between);
    let _ = writeln!(
        w,
        "| {what} | `between x and y`, `from x to y` (either order) | `x to y`, `x through y`, `x or y`, `x-y` (low to high; high to low is a tally) | {whole} | {real} |"
    );
    let _ = writeln!(
        w,
        "\n`-plus` or `+` after a number (`80-plus`, `80+`) reads as \"x or above\".\n"
    );

    let _ = writeln!(w, "### Numbers\n");
    let _ = writeln!(w, "| table | entries |\n| --- | --- |");
    let _ = writeln!(
        w,
        "| number words | {} |",
        codes(UNITS.iter().chain(TENS).map(|u| u.0))
    );
    let scales: Vec<String> = SCALES
        .iter()
        .map(|s| format!("`{}` (10^{})", s.0, s.1))
        .collect();
    let _ = writeln!(w, "| scale words | {} |", scales.join(", "));
    let shorts: Vec<String> = SHORT_SCALES
        .iter()
        .map(|s| format!("`{}` (10^{})", s.0, s.1))
        .collect();
    let _ = writeln!(
        w,
        "| short scales (money; `k`, `m`, `mn`, `bn`, `tn` glued to counts) | {} |",
        shorts.join(", ")
    );
    let plurals: Vec<String> = PLURALS
        .iter()
        .map(|p| format!("`{}` {}..{}", p.0, p.1, p.2))
        .collect();
    let _ = writeln!(w, "| vague plurals | {} |", plurals.join(", "));
    let parts: Vec<String> = PARTS
        .iter()
        .map(|p| format!("`{}` 1/{}", p.0, p.1))
        .collect();
    let _ = writeln!(w, "| fraction words | {} |", parts.join(", "));
    let vulgar: Vec<String> = VULGAR
        .iter()
        .map(|v| format!("`{}` {}/{}", v.0, v.1, v.2))
        .collect();
    let _ = writeln!(w, "| fraction characters | {} |", vulgar.join(", "));
    let _ = writeln!(
        w,
        "| signs | `minus`, `negative`, a leading `-` or `−` (not glued to a word: `COVID-19`) |"
    );
    let _ = writeln!(
        w,
        "| words that make `from x to y` a change (two values), within six words before it | {} |",
        codes(CHANGE_WORDS.iter().copied())
    );
    let _ = writeln!(
        w,
        "| tallies written low to high: a noun right after the pair, or, for `x-y`, a verb just before it | {}; {} |",
        codes(TALLY_NOUNS.iter().copied()),
        codes(SCORE_VERBS.iter().copied())
    );
    let _ = writeln!(w);

    let _ = writeln!(w, "### Ordinals\n");
    let _ = writeln!(
        w,
        "{}, and tens joined to them (`twenty-first`); digits with `st`, `nd`, `rd`, `th`. \
         `a second` is a duration only before one of {} (or at the end of a phrase); else \
         `second` is an ordinal (`a second term`).\n",
        codes(ORDINALS.iter().map(|o| o.0)),
        codes(AFTER_A_SECOND.iter().copied())
    );

    let _ = writeln!(w, "### Currencies\n");
    let symbols: Vec<String> = SYMBOLS
        .iter()
        .map(|s| {
            if s.1.is_empty() {
                format!("`{}` (ambiguous: an error)", s.0)
            } else {
                format!("`{}` {}", s.0, s.1)
            }
        })
        .collect();
    let _ = writeln!(w, "Before the number: {}.\n", symbols.join(", "));
    let names: Vec<String> = NAMES.iter().map(|n| format!("`{}` {}", n.0, n.1)).collect();
    let _ = writeln!(w, "After the number: {}.\n", names.join(", "));
    let _ = writeln!(
        w,
        "ISO 4217 codes, in capitals, before or after the number ({} of them; {} only after \
         it): {}.\n",
        CODES.len(),
        codes(WORDLIKE.iter().copied()),
        CODES.join(" ")
    );

    let _ = writeln!(w, "### Durations\n");
    let _ = writeln!(w, "| unit | seconds |\n| --- | --- |");
    for u in DURATION_UNITS {
        let _ = writeln!(w, "| `{}` | {} |", u.0, u.1);
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "### Dates\n");
    let _ = writeln!(w, "| date hedge | span `s..e` becomes |\n| --- | --- |");
    for h in DATE_HEDGES {
        let _ = writeln!(w, "| `{}` | {} |", h.0, date_meaning(h.1));
    }
    let parts: Vec<String> = PART_WORDS
        .iter()
        .map(|p| format!("`{}` ({})", p.0, p.1))
        .collect();
    let _ = writeln!(w, "\nParts of a period: {}.\n", parts.join(", "));
    let periods: Vec<String> = PERIOD_UNITS
        .iter()
        .map(|u| format!("`{}`/`{}` {} days", u.0, u.1, u.2))
        .collect();
    let _ = writeln!(
        w,
        "Rolling periods (`over the past five years`, `the next decade and a half`, `in two \
         weeks`, `three years earlier`) count these lengths from the publication day; whole \
         months, quarters and years move along the calendar: {}.\n",
        periods.join(", ")
    );
    let centuries: Vec<String> = CENTURIES
        .iter()
        .map(|c| format!("`{}` {}", c.0, c.1))
        .collect();
    let _ = writeln!(
        w,
        "Centuries in words: {}; in digits, `21st century`.\n",
        centuries.join(", ")
    );
    let _ = writeln!(
        w,
        "Tense: the cue word nearest a bare weekday, month, day of a month or quarter \
         decides. Ahead: {}. Back: {}, and words of five letters or more ending in `-ed` \
         (a participle after `be` is passive, not past: `will be held`).\n",
        codes(FUTURE.iter().copied()),
        codes(PAST.iter().copied())
    );
    let _ = writeln!(w, "{END}");
    out
}
