//! The JSON format: one document with findings, errors and a summary (a contract: fields
//! are added, never renamed or removed). Written as it is walked, from [`super::wire`].

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::lower::{self, Place};
use super::wire::{IntervalWire, Map, ProblemWire, Seq, StatementWire, ValueWire};
use crate::compare::{Finding, FindingKind, Involved, SetAside, Side};
use crate::outcome::Outcome;
use crate::statement::Mention;

/// Writes the outcome as one JSON document.
pub(super) fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let hidden = &outcome.hidden;
    let not_compared = outcome.not_compared();
    let document = Document {
        findings: Seq(|| {
            outcome
                .findings
                .iter()
                .map(|f| FindingWire::new(outcome, f))
        }),
        set_aside: Seq(|| {
            outcome
                .set_aside
                .iter()
                .map(|a| SetAsideWire::new(outcome, a))
        }),
        unread: Seq(|| {
            outcome
                .unread
                .iter()
                .filter_map(|m| UnreadWire::new(outcome, m))
        }),
        unused_ignores: Seq(|| outcome.unused.iter().map(UnusedWire::new)),
        baseline: hidden.baseline.as_ref().map(|path| BaselineWire {
            path,
            known: hidden.known,
            stale: &hidden.stale,
        }),
        errors: Seq(|| outcome.problems.iter().map(ProblemWire::new)),
        summary: Summary {
            articles: outcome.articles.len(),
            rules: outcome.rules.len(),
            statements: outcome.statements.len(),
            findings: outcome.findings.len(),
            scopes: outcome.scopes,
            not_compared: Map(|| not_compared.iter().map(|(cause, n)| (cause.name(), n))),
            errors: outcome.problems.iter().filter(|p| !p.is_warning()).count(),
            known: hidden.known,
            unchanged: hidden.unchanged,
            not_checked: &hidden.not_checked,
        },
    };
    super::wire::write_document(&document, out)
}

#[derive(Serialize)]
struct Document<'a, F, A, U, I, E, N> {
    #[serde(bound(serialize = "Seq<F>: Serialize"))]
    findings: Seq<F>,
    #[serde(bound(serialize = "Seq<A>: Serialize"))]
    set_aside: Seq<A>,
    #[serde(bound(serialize = "Seq<U>: Serialize"))]
    unread: Seq<U>,
    #[serde(bound(serialize = "Seq<I>: Serialize"))]
    unused_ignores: Seq<I>,
    baseline: Option<BaselineWire<'a>>,
    #[serde(bound(serialize = "Seq<E>: Serialize"))]
    errors: Seq<E>,
    #[serde(bound(serialize = "Map<N>: Serialize"))]
    summary: Summary<'a, N>,
}

#[derive(Serialize)]
struct BaselineWire<'a> {
    path: &'a str,
    known: usize,
    stale: &'a [crate::baseline::Entry],
}

#[derive(Serialize)]
struct Summary<'a, N> {
    articles: usize,
    rules: usize,
    statements: usize,
    findings: usize,
    scopes: usize,
    #[serde(bound(serialize = "Map<N>: Serialize"))]
    not_compared: Map<N>,
    errors: usize,
    known: usize,
    unchanged: usize,
    not_checked: &'a [String],
}

/// A finding with its statements.
#[derive(Serialize)]
struct FindingWire<'a> {
    rule: &'a str,
    title: &'a str,
    severity: &'static str,
    kind: &'static str,
    key: &'a BTreeMap<String, String>,
    fingerprint: &'a str,
    message: &'a str,
    consensus: Option<ConsensusWire<'a>>,
    split: bool,
    scope: Option<&'a str>,
    paired_converted: Option<IntervalWire>,
    statements: Involvement<'a>,
}

impl<'a> FindingWire<'a> {
    fn new(outcome: &'a Outcome, f: &'a Finding) -> Self {
        let rule = &outcome.rules[f.rule];
        let paired_converted = match (f.kind, f.statements.first()) {
            (FindingKind::Paired { converted }, Some(first)) => {
                IntervalWire::converted(&first.statement, converted)
            }
            _ => None,
        };
        FindingWire {
            rule: &rule.id,
            title: &rule.title,
            severity: f.severity.name(),
            kind: match f.kind {
                FindingKind::Contradiction => "contradiction",
                FindingKind::DifferentFrames => "different-frames",
                FindingKind::Unrecognized => "unrecognized",
                FindingKind::Paired { .. } => "paired",
            },
            key: &f.key,
            fingerprint: &f.fingerprint,
            message: &rule.message,
            consensus: f.consensus.as_ref().map(|c| ConsensusWire {
                value: ValueWire::value(&c.value).labelled(c.value.range()),
                articles: c.articles,
                of: c.of,
            }),
            split: f.split,
            scope: f.scope.as_deref(),
            paired_converted,
            statements: Involvement(outcome, f),
        }
    }
}

/// The reading most sources share.
#[derive(Serialize)]
struct ConsensusWire<'a> {
    #[serde(flatten)]
    value: ValueWire<'a>,
    articles: usize,
    of: usize,
}

/// A finding's statements, each with its side and, when it dissents, its fingerprint.
struct Involvement<'a>(&'a Outcome, &'a Finding);

impl Serialize for Involvement<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Involvement(outcome, f) = *self;
        serializer.collect_seq(f.statements.iter().map(|i| InvolvedWire {
            statement: StatementWire::new(&outcome.articles, &i.statement),
            agrees: i.agrees,
            side: i.side.map(Side::name),
            // Each dissenting statement's own fingerprint, which a baseline accepts.
            fingerprint: i.fingerprint.as_deref(),
            converted: converted(i),
        }))
    }
}

/// A statement's value in the claim's common unit, when it was converted (`null` inside
/// when it is no quantity).
fn converted(i: &Involved) -> Option<Option<IntervalWire>> {
    i.converted
        .map(|c| IntervalWire::converted(&i.statement, c))
}

#[derive(Serialize)]
struct InvolvedWire<'a> {
    #[serde(flatten)]
    statement: StatementWire<'a>,
    agrees: bool,
    side: Option<&'static str>,
    fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    converted: Option<Option<IntervalWire>>,
}

/// A statement that was not compared, and why.
#[derive(Serialize)]
struct SetAsideWire<'a> {
    #[serde(flatten)]
    statement: StatementWire<'a>,
    rule: &'a str,
    cause: &'static str,
    reason: &'a str,
}

impl<'a> SetAsideWire<'a> {
    fn new(outcome: &'a Outcome, a: &'a SetAside) -> Self {
        SetAsideWire {
            statement: StatementWire::new(&outcome.articles, &a.statement),
            rule: &outcome.rules[a.statement.rule].id,
            cause: a.cause.name(),
            reason: &a.reason,
        }
    }
}

/// A value a rule caught that the grammar could not read.
#[derive(Serialize)]
struct UnreadWire<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    code: &'static str,
    error: String,
}

impl<'a> UnreadWire<'a> {
    fn new(outcome: &'a Outcome, m: &'a Mention) -> Option<Self> {
        let e = m.reading.as_ref().err()?;
        Some(UnreadWire {
            place: Place::mention(&outcome.articles, m),
            code: e.code(),
            error: e.to_string(),
        })
    }
}

/// An ignore that covered no statement.
#[derive(Serialize)]
struct UnusedWire<'a> {
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    rule: &'a str,
    code: Option<String>,
    message: String,
}

impl<'a> UnusedWire<'a> {
    fn new(u: &'a crate::outcome::Unused) -> Self {
        let (line, column) = lower::position(u).unzip();
        UnusedWire {
            path: &u.path,
            line,
            column,
            rule: &u.rule,
            code: miette::Diagnostic::code(u).map(|c| c.to_string()),
            message: u.to_string(),
        }
    }
}
