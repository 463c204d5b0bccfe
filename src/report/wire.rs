//! The JSON contract's shapes, as serde-derived types that borrow from the outcome.
//!
//! Every JSON document (`check`, `extract`, `discover`) is written from these types straight
//! to its writer: nothing is assembled in memory first, so a report of a million statements
//! costs no more than the statements themselves. Field order is the contract's order.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::lower::Place;
use crate::article::Article;
use crate::grammar::{Interval, Reading};
use crate::qualifiers::Qualifiers;
use crate::rules::Verdict;
use crate::statement::{self, Statement};

/// A list serialized as it is walked: `f` yields the items each time it is called.
pub(super) struct Seq<F>(pub F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A map serialized as it is walked, in the order `f` yields its entries.
pub(super) struct Map<F>(pub F);

impl<F, I, K, V> Serialize for Map<F>
where
    F: Fn() -> I,
    I: IntoIterator<Item = (K, V)>,
    K: Serialize,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map((self.0)())
    }
}

/// A value's fields: a reading's, or a wording's with its verdict.
#[derive(Serialize)]
pub(super) struct ValueWire<'a> {
    kind: &'static str,
    hedge: Option<&'a str>,
    low: Value,
    high: Value,
    unit: Option<&'a str>,
    reading: String,
    note: Option<&'a str>,
    #[serde(flatten)]
    wording: Option<WordingWire<'a>>,
}

/// The fields only a wording has.
#[derive(Serialize)]
struct WordingWire<'a> {
    wording: &'a str,
    verdict: &'static str,
    variant: Option<&'a str>,
}

impl<'a> ValueWire<'a> {
    /// A reading's fields: kind, hedge, low, high, unit, the label and a note.
    pub(super) fn reading(r: &'a Reading) -> Self {
        ValueWire {
            kind: r.kind.name(),
            hedge: r.hedge.as_deref(),
            low: r.low_json(),
            high: r.high_json(),
            unit: r.unit.as_deref(),
            reading: r.to_string(),
            note: r.note.as_deref(),
            wording: None,
        }
    }

    /// A statement's value.
    pub(super) fn value(v: &'a statement::Value) -> Self {
        match v {
            statement::Value::Quantity(r) => Self::reading(r),
            statement::Value::Wording { text, verdict } => {
                let (name, variant) = match verdict {
                    Verdict::Accepted(w) => ("accepted", Some(w)),
                    Verdict::Contradicting(w) => ("contradicting", Some(w)),
                    Verdict::Unrecognized(nearest) => ("unrecognized", nearest.as_ref()),
                };
                ValueWire {
                    kind: "wording",
                    hedge: None,
                    low: Value::Null,
                    high: Value::Null,
                    unit: None,
                    reading: v.to_string(),
                    note: None,
                    wording: Some(WordingWire {
                        wording: text,
                        verdict: name,
                        variant: variant.map(String::as_str),
                    }),
                }
            }
        }
    }

    /// The same fields with another label in `reading`.
    pub(super) fn labelled(mut self, reading: String) -> Self {
        self.reading = reading;
        self
    }
}

/// An interval in the kind and unit of a reading: `{"low": .., "high": .., "unit": ..}`.
#[derive(Serialize)]
pub(super) struct IntervalWire {
    low: Value,
    high: Value,
    unit: Option<String>,
}

impl IntervalWire {
    /// `value` in the kind and unit of `like`.
    pub(super) fn new(like: &Reading, value: Interval) -> Self {
        let r = Reading {
            value,
            ..like.clone()
        };
        IntervalWire {
            low: r.low_json(),
            high: r.high_json(),
            unit: r.unit,
        }
    }

    /// A statement's value converted to the claim's common unit; `None` for a wording.
    pub(super) fn converted(s: &Statement, value: Interval) -> Option<Self> {
        s.value.reading().map(|r| Self::new(r, value))
    }

    /// A span of days.
    fn days(d: Interval) -> Self {
        Self::new(&Reading::days(d), d)
    }
}

/// Time frame, reference date and attribution.
#[derive(Serialize)]
pub(super) struct QualifiersWire<'a> {
    frame: Option<FrameWire<'a>>,
    as_of: AsOfWire<'a>,
    attribution: Option<AttributionWire<'a>>,
}

#[derive(Serialize)]
struct FrameWire<'a> {
    text: &'a str,
    days: Option<IntervalWire>,
}

#[derive(Serialize)]
struct AsOfWire<'a> {
    days: Option<IntervalWire>,
    stated: Option<&'a str>,
}

#[derive(Serialize)]
struct AttributionWire<'a> {
    speaker: Option<&'a str>,
    direct: bool,
}

impl<'a> QualifiersWire<'a> {
    pub(super) fn new(q: &'a Qualifiers) -> Self {
        QualifiersWire {
            frame: q.frame.as_ref().map(|f| FrameWire {
                text: &f.text,
                days: f.days.map(IntervalWire::days),
            }),
            as_of: AsOfWire {
                days: q.as_of.days.map(IntervalWire::days),
                stated: q.as_of.stated.as_deref(),
            },
            attribution: q.attribution.as_ref().map(|a| AttributionWire {
                speaker: a.speaker.as_deref(),
                direct: a.direct,
            }),
        }
    }
}

/// A statement: where it is, what it says and how it was read.
#[derive(Serialize)]
pub(super) struct StatementWire<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    #[serde(flatten)]
    value: ValueWire<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paired: Option<PairedWire<'a>>,
    qualifiers: QualifiersWire<'a>,
    key: &'a BTreeMap<String, String>,
    sentence: &'a str,
    source: Option<&'a str>,
    published: Option<String>,
}

/// The same value given again in another unit right after a statement's.
#[derive(Serialize)]
struct PairedWire<'a> {
    start: usize,
    end: usize,
    quote: &'a str,
    #[serde(flatten)]
    reading: ValueWire<'a>,
}

impl<'a> StatementWire<'a> {
    pub(super) fn new(articles: &'a [Article], s: &'a Statement) -> Self {
        let article = &articles[s.article];
        StatementWire {
            place: Place::statement(articles, s),
            value: ValueWire::value(&s.value),
            paired: s.paired.as_ref().map(|p| PairedWire {
                start: p.span.0,
                end: p.span.1,
                quote: &p.quote,
                reading: ValueWire::reading(&p.reading),
            }),
            qualifiers: QualifiersWire::new(&s.qualifiers),
            key: &s.key,
            sentence: &s.sentence_text,
            source: article.meta.source.as_deref(),
            published: article.meta.published.map(|d| d.to_string()),
        }
    }
}

/// A problem: path, position, code and message.
#[derive(Serialize)]
pub(super) struct ProblemWire<'a> {
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    code: Option<String>,
    severity: &'static str,
    message: String,
}

impl<'a> ProblemWire<'a> {
    pub(super) fn new(p: &'a crate::problem::Problem) -> Self {
        let (line, column) = super::lower::position(p).unzip();
        ProblemWire {
            path: p.path(),
            line,
            column,
            code: miette::Diagnostic::code(p).map(|c| c.to_string()),
            severity: if p.is_warning() { "warning" } else { "error" },
            message: p.to_string(),
        }
    }
}

/// Writes `document` as one pretty-printed JSON document and a newline, buffered.
pub(super) fn write_document(document: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, document)?;
    writeln!(out)?;
    out.flush()
}
