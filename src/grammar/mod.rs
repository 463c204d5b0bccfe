//! The quantity and date grammar: reads a mention ("about 40", "$153 billion", "last year")
//! as a [`Reading`], an interval in a normalized unit.
//!
//! This module knows nothing of articles, rules or findings. It works on text that
//! `text::normalize` has already cleaned (straight quotes, plain spaces and hyphens), and
//! tolerates text that was not cleaned. The hedge semantics live in one table
//! (`hedges.rs`), mirrored in `docs/semantics.md`.

pub(crate) mod calendar;
mod count;
mod currency;
mod date;
mod docs;
mod duration;
mod hedges;
mod interval;
mod money;
mod numbers;
mod ordinal;
mod percent;
mod quantity;
pub(crate) use quantity::TALLY;
mod relative;
mod render;
mod scan;

pub use docs::{tables as documented_tables, BEGIN as DOCS_BEGIN, END as DOCS_END};
pub use interval::{Bound, Decimal, Interval};
pub use scan::{number_word_after_the, scan, scan_for, tense_around, Mention};

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The kind of value a placeholder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A plain number of things: "about 40", "a dozen", "1,200".
    Count,
    /// An amount of money: "$153 billion", "1.28 trillion yuan".
    Money,
    /// A share: "30%", "30 per cent", "more than half".
    Percent,
    /// A position in a sequence: "fifth", "3rd".
    Ordinal,
    /// A length of time: "three-day", "12 months", "nearly six hours".
    Duration,
    /// A span of calendar days: "March 21, 2023", "the late 1960s", "last year".
    Date,
}

impl Kind {
    /// Every kind, in a stable order.
    pub const ALL: &'static [Kind] = &[
        Kind::Count,
        Kind::Money,
        Kind::Percent,
        Kind::Ordinal,
        Kind::Duration,
        Kind::Date,
    ];

    /// The name used in rule files and output (`count`, `money`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Ordinal => "ordinal",
            Kind::Duration => "duration",
            Kind::Date => "date",
        }
    }

    /// Looks a kind up by the name a rule file uses.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// Relative widths of the hedges that do not say their own width.
///
/// Each is a fraction of the stated value: `approximate: 0.1` reads "about 40" as 36..44.
/// Negative or non-finite fractions are read as 0, fractions above 1 as 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Tolerance {
    /// about, around, approximately, roughly, some, circa.
    pub approximate: f64,
    /// nearly, almost, close to, just under; and just over.
    pub near: f64,
    /// A bare value ("40 times"); 0 reads it exactly.
    pub exact: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            approximate: 0.10,
            near: 0.10,
            exact: 0.0,
        }
    }
}

/// What a reading is relative to.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Tolerances for hedges.
    pub tolerance: Tolerance,
    /// When the text was published: the day "last year" and "on Monday" count from.
    pub published: Option<jiff::civil::Date>,
    /// The tense of the words around the mention, if known: "said on Sunday" is the past
    /// Sunday, "will meet on Sunday" the coming one. [`scan`] sets it for each date.
    pub tense: Option<Tense>,
    /// Whether [`scan`] reports rolling periods ("over the past five years", "in two
    /// weeks") as dates. Off, they stay durations, as the qualifiers read time frames.
    pub periods_as_dates: bool,
}

/// Which way in time the words around a date point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// "said", "met", "was": a bare weekday or month is the one just past.
    Past,
    /// "will", "is scheduled for", "plans": a bare weekday or month is the one ahead.
    Future,
}

/// How one mention was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The kind of value.
    pub kind: Kind,
    /// The mention as written, with runs of whitespace collapsed to one space.
    pub text: String,
    /// The hedge as written and normalized to lower case ("about", "more than"), if any;
    /// `between` for a range however it was written.
    pub hedge: Option<String>,
    /// The values the mention allows, in the kind's unit (see [`Reading::unit`]); dates are
    /// day numbers, days since 1970-01-01.
    pub value: Interval,
    /// The unit: an ISO 4217 code for money, `s` for durations, else none (counts and
    /// ordinals are plain numbers, percentages are in points).
    pub unit: Option<String>,
    /// Why a non-obvious reading was made, e.g. "last year, published 2023-03-21".
    pub note: Option<String>,
}

/// Why a mention could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrammarError {
    /// The text is not a mention of that kind.
    #[error("`{0}` is not a {1}")]
    NotA(String, &'static str),
    /// A number beyond what the grammar reads exactly.
    #[error("`{0}` is too large a number")]
    TooLarge(String),
    /// The hedge leaves no possible value ("fewer than zero").
    #[error("the hedge leaves no possible value")]
    Empty,
    /// A currency the grammar does not know.
    #[error("`{0}`: unknown currency (write an ISO 4217 code, a known symbol or a name)")]
    UnknownCurrency(String),
    /// `¥` alone: yen or yuan.
    #[error(
        "`{0}`: ¥ is used for both yen and yuan; only \"yen\", \"yuan\" or \"RMB\" says which"
    )]
    AmbiguousCurrency(String),
    /// A calendar date that does not exist ("February 30, 2023").
    #[error("`{0}`: no such date")]
    NoSuchDate(String),
    /// A numeric date that reads both ways ("03/04/2020": March 4 or April 3).
    #[error("`{0}`: day and month could be either way round")]
    AmbiguousDate(String),
}

/// Regex source (no capture groups) matching one whole mention of `kind`, hedge included.
///
/// Meant to be embedded in a larger pattern compiled case-insensitively; it starts and ends
/// on word boundaries where the mention starts or ends with a letter or digit.
pub fn placeholder(kind: Kind) -> &'static str {
    static SOURCES: OnceLock<Vec<String>> = OnceLock::new();
    let sources = SOURCES.get_or_init(|| Kind::ALL.iter().map(|&k| source(k)).collect());
    let index = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
    sources.get(index).map_or("", String::as_str)
}

/// How a kind with the shared hedged-quantity shape (every kind but dates) is read: the
/// shape its placeholder and reader are written from, and the grammar that reads a match.
struct Quantity {
    /// The kind's regex sources.
    shape: fn() -> quantity::Shape,
    /// How the kind reads a value.
    grammar: &'static quantity::Grammar,
}

/// The quantity table: `None` for dates, which have a grammar of their own.
fn quantity_of(kind: Kind) -> Option<Quantity> {
    let (shape, grammar): (fn() -> quantity::Shape, _) = match kind {
        Kind::Count => (count::shape, &count::GRAMMAR),
        Kind::Money => (money::shape, &money::GRAMMAR),
        Kind::Percent => (percent::shape, &percent::GRAMMAR),
        Kind::Ordinal => (ordinal::shape, &ordinal::GRAMMAR),
        Kind::Duration => (duration::shape, &duration::GRAMMAR),
        Kind::Date => return None,
    };
    Some(Quantity { shape, grammar })
}

/// The placeholder source for one kind.
fn source(kind: Kind) -> String {
    match quantity_of(kind) {
        Some(q) => (q.shape)().source(false),
        None => date::placeholder(),
    }
}

/// The anchored reader of a quantity kind, compiled on first use.
fn reader(kind: Kind, q: &Quantity) -> &'static regex::Regex {
    static READERS: [OnceLock<regex::Regex>; 6] = [const { OnceLock::new() }; 6];
    let index = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
    READERS[index].get_or_init(|| (q.shape)().reader())
}

/// Compiles the grammar's regexes (placeholders, readers, the scanner's finders) now, on
/// all threads at once, rather than one by one where each is first needed.
pub fn prepare() {
    use rayon::prelude::*;
    // Each task fills cells of its own; none of them starts parallel work inside a cell's
    // initialization, where a thread could be handed a task that waits on that same cell.
    let mut tasks: Vec<Box<dyn Fn() + Send + Sync>> = vec![
        Box::new(|| {
            let _ = date::read("March 21, 2023", &Context::default());
        }),
        Box::new(|| {
            let _ = money::end("$1");
        }),
    ];
    for &kind in Kind::ALL {
        tasks.push(Box::new(move || {
            scan::finder(kind);
        }));
        if let Some(q) = quantity_of(kind) {
            tasks.push(Box::new(move || {
                reader(kind, &q);
            }));
        }
    }
    tasks.par_iter().for_each(|task| task());
}

/// Reads `text`, one whole mention of `kind` (what [`placeholder`] matched).
///
/// Reading is a pure function of its arguments, and the same mentions recur throughout an
/// archive ("2022", "last year", "two"), so each thread remembers its recent readings: a
/// mention read again (by a rule's pattern, then by the qualifiers' scan of its sentence,
/// or in the next article) costs a lookup instead of a run of the reader regex.
pub fn read(kind: Kind, text: &str, ctx: &Context) -> Result<Reading, GrammarError> {
    type Memo =
        HashMap<(Kind, Option<jiff::civil::Date>, Option<Tense>, [u64; 3]), HashMap<String, Read>>;
    type Read = Result<Reading, GrammarError>;
    thread_local! {
        static MEMO: RefCell<(usize, Memo)> = RefCell::new((0, HashMap::new()));
    }
    let t = ctx.tolerance;
    let key = (
        kind,
        ctx.published,
        ctx.tense,
        [t.approximate.to_bits(), t.near.to_bits(), t.exact.to_bits()],
    );
    let known = MEMO.with(|m| {
        m.borrow()
            .1
            .get(&key)
            .and_then(|texts| texts.get(text))
            .cloned()
    });
    if let Some(read) = known {
        return read;
    }
    let read = read_uncached(kind, text, ctx);
    MEMO.with(|m| {
        let (size, memo) = &mut *m.borrow_mut();
        if *size >= MEMO_SIZE {
            memo.clear();
            *size = 0;
        }
        *size += 1;
        memo.entry(key)
            .or_default()
            .insert(text.to_owned(), read.clone());
    });
    read
}

/// How many readings a thread remembers before it starts afresh.
const MEMO_SIZE: usize = 4096;

/// Reads `text` as [`read`] does, without the memo.
fn read_uncached(kind: Kind, text: &str, ctx: &Context) -> Result<Reading, GrammarError> {
    match quantity_of(kind) {
        Some(q) => q.grammar.read(reader(kind, &q), text, ctx),
        None => date::read(text, ctx),
    }
}

/// `text` with each run of whitespace made one space, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ISO 4217 codes the money grammar reads: every one.
pub const CURRENCIES: &[&str] = currency::CODES;

/// The codes that are also English words ("ALL", "TOP", "TRY"), read only after an amount.
pub const CODES_AFTER_ONLY: &[&str] = currency::WORDLIKE;

/// The exact decimal a float is written as (`0.1` is 0.1): for rates and tolerances that
/// rule files give as floats.
pub fn decimal(v: f64) -> Decimal {
    interval::from_f64(v)
}

/// The day number (days since 1970-01-01) of a date, as date readings hold it.
pub fn day_number(date: jiff::civil::Date) -> Option<Decimal> {
    calendar::from_jiff(date).map(Decimal::from)
}

impl Reading {
    /// A bare reading of a span of days, for showing a date interval that no mention wrote.
    pub fn days(value: Interval) -> Reading {
        Reading {
            kind: Kind::Date,
            text: String::new(),
            hedge: None,
            value,
            unit: None,
            note: None,
        }
    }
}

impl GrammarError {
    /// A stable diagnostic code, e.g. `crosscheck::grammar::no_such_date`.
    pub fn code(&self) -> &'static str {
        match self {
            GrammarError::NotA(..) => "crosscheck::grammar::not_a_mention",
            GrammarError::TooLarge(_) => "crosscheck::grammar::too_large",
            GrammarError::Empty => "crosscheck::grammar::empty_reading",
            GrammarError::UnknownCurrency(_) => "crosscheck::grammar::unknown_currency",
            GrammarError::AmbiguousCurrency(_) => "crosscheck::grammar::ambiguous_currency",
            GrammarError::NoSuchDate(_) => "crosscheck::grammar::no_such_date",
            GrammarError::AmbiguousDate(_) => "crosscheck::grammar::ambiguous_date",
        }
    }

    /// What an editor can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            GrammarError::NotA(..) => "the text does not read as a value of that kind",
            GrammarError::TooLarge(_) => {
                "check the figure: it is beyond any quantity news copy states"
            }
            GrammarError::Empty => "the hedge rules out every value: check the wording",
            GrammarError::UnknownCurrency(_) => {
                "write the currency as a symbol, a name or an ISO 4217 code crosscheck knows"
            }
            GrammarError::AmbiguousCurrency(_) => {
                "write \"yen\" or \"yuan\" (or RMB) after the amount"
            }
            GrammarError::NoSuchDate(_) => "check the date: that day does not exist",
            GrammarError::AmbiguousDate(_) => "write the month as a word: \"March 4, 2020\"",
        }
    }
}
