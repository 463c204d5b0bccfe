//! Renders a [`Discovery`]: each candidate claim with its frame, the quote and reading per
//! source and a verdict, for people; or one JSON document.

use std::io::{self, Write};

use std::collections::BTreeSet;

use serde::Serialize;

use super::wire::{QualifiersWire, Seq, ValueWire};
use super::{human, Style};
use crate::discover::{Candidate, Discovery, Said};
use crate::problem::Problem;

/// Writes the candidates to `out` (as JSON when `json`), problems to `err`.
pub fn render_discovery(
    discovery: &Discovery,
    json: bool,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    if json {
        let document = DiscoveryWire {
            articles: discovery.articles.len(),
            statements: discovery.statements.len(),
            candidates: Seq(|| {
                (discovery.candidates.iter().enumerate())
                    .map(|(n, c)| CandidateWire::new(discovery, n + 1, c))
            }),
            errors: Seq(|| discovery.problems.iter().map(ErrorWire::new)),
        };
        return super::wire::write_document(&document, out);
    }
    for (n, c) in discovery.candidates.iter().enumerate() {
        write_candidate(discovery, n + 1, c, out)?;
    }
    let count = |v| {
        discovery
            .candidates
            .iter()
            .filter(|c| c.verdict == v)
            .count()
    };
    use crate::discover::Verdict;
    writeln!(
        out,
        "{} candidate claim{} in {} article{}: {} disagree, {} uncertain, {} agree",
        discovery.candidates.len(),
        if discovery.candidates.len() == 1 {
            ""
        } else {
            "s"
        },
        discovery.articles.len(),
        if discovery.articles.len() == 1 {
            ""
        } else {
            "s"
        },
        count(Verdict::Disagree),
        count(Verdict::Uncertain),
        count(Verdict::Agree),
    )?;
    human::render_problems(&discovery.problems, style, err)
}

/// One candidate for people.
fn write_candidate(
    discovery: &Discovery,
    number: usize,
    c: &Candidate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let unit = c
        .unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    writeln!(
        out,
        "{number}. {}: {}{unit} · {} sources · {}",
        c.verdict.name(),
        c.kind.name(),
        c.sources,
        c.frame
    )?;
    if !c.subjects.is_empty() {
        writeln!(out, "   subjects: {}", c.subjects.join(", "))?;
    }
    for &i in &c.statements {
        let s = &discovery.statements[i];
        let flag = if c.conflicts.iter().any(|&(a, b)| a == i || b == i) {
            "×"
        } else {
            " "
        };
        writeln!(out, "  {flag}{}", statement_line(discovery, s))?;
    }
    writeln!(out, "   {}", c.reason)?;
    writeln!(out)
}

/// `path:line:col  about 40 → 36..44  (since 2012; as of 2019)`.
fn statement_line(discovery: &Discovery, s: &Said) -> String {
    let path = &discovery.articles[s.article].path;
    let mut qualifiers = Vec::new();
    if let Some(f) = &s.qualifiers.frame {
        qualifiers.push(f.text.clone());
    }
    if let Some(stated) = &s.qualifiers.as_of.stated {
        qualifiers.push(format!("said {stated}"));
    }
    let qualifiers = if qualifiers.is_empty() {
        String::new()
    } else {
        format!("  ({})", qualifiers.join("; "))
    };
    let reading = match &s.tally {
        Some(t) => format!(
            "{} → {} (the {} value)",
            t.quote,
            s.reading.range(),
            t.side_name()
        ),
        None => s.reading.to_string(),
    };
    format!(
        "{path}:{}:{}  {}{qualifiers}",
        s.line,
        s.column,
        crate::text::neutralize_controls(&reading)
    )
}

/// The JSON document of `discover`.
#[derive(Serialize)]
struct DiscoveryWire<C, E> {
    articles: usize,
    statements: usize,
    #[serde(bound(serialize = "Seq<C>: Serialize"))]
    candidates: Seq<C>,
    #[serde(bound(serialize = "Seq<E>: Serialize"))]
    errors: Seq<E>,
}

/// A problem: path, code and message.
#[derive(Serialize)]
struct ErrorWire<'a> {
    path: &'a str,
    code: Option<String>,
    message: String,
}

impl<'a> ErrorWire<'a> {
    fn new(p: &'a Problem) -> Self {
        ErrorWire {
            path: p.path(),
            code: miette::Diagnostic::code(p).map(|c| c.to_string()),
            message: p.to_string(),
        }
    }
}

/// One candidate: its frame, verdict and statements, and the pairs (positions in its
/// statements) that cannot both hold.
#[derive(Serialize)]
struct CandidateWire<'a> {
    number: usize,
    verdict: &'static str,
    kind: &'static str,
    unit: &'a Option<String>,
    frame: &'a str,
    words: &'a [String],
    subjects: &'a [String],
    sources: usize,
    reason: &'a str,
    statements: Vec<SaidWire<'a>>,
    conflicts: Vec<[usize; 2]>,
}

impl<'a> CandidateWire<'a> {
    fn new(discovery: &'a Discovery, number: usize, c: &'a Candidate) -> Self {
        let position = |i: usize| c.statements.iter().position(|&s| s == i);
        CandidateWire {
            number,
            verdict: c.verdict.name(),
            kind: c.kind.name(),
            unit: &c.unit,
            frame: &c.frame,
            words: &c.words,
            subjects: &c.subjects,
            sources: c.sources,
            reason: &c.reason,
            statements: (c.statements.iter())
                .map(|&i| SaidWire::new(discovery, &discovery.statements[i]))
                .collect(),
            conflicts: (c.conflicts.iter())
                .filter_map(|&(a, b)| Some([position(a)?, position(b)?]))
                .collect(),
        }
    }
}

/// A statement of a candidate: where, as written, what it names, and its reading and
/// qualifiers as the JSON of `check` gives them.
#[derive(Serialize)]
struct SaidWire<'a> {
    path: &'a str,
    source: &'a Option<String>,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    quote: &'a str,
    sentence: &'a str,
    names: &'a BTreeSet<String>,
    tally: Option<TallyWire<'a>>,
    event: &'a Option<String>,
    #[serde(flatten)]
    reading: ValueWire<'a>,
    #[serde(flatten)]
    qualifiers: QualifiersWire<'a>,
}

/// Which side of a tally a statement is, and the whole tally.
#[derive(Serialize)]
struct TallyWire<'a> {
    side: &'static str,
    quote: &'a str,
}

impl<'a> SaidWire<'a> {
    fn new(discovery: &'a Discovery, s: &'a Said) -> Self {
        let article = &discovery.articles[s.article];
        SaidWire {
            path: &article.path,
            source: &article.meta.source,
            line: s.line,
            column: s.column,
            start: s.span.0,
            end: s.span.1,
            quote: &s.quote,
            sentence: &s.sentence,
            names: &s.names,
            tally: (s.tally.as_ref()).map(|t| TallyWire {
                side: t.side_name(),
                quote: &t.quote,
            }),
            event: &s.event,
            reading: ValueWire::reading(&s.reading),
            qualifiers: QualifiersWire::new(&s.qualifiers),
        }
    }
}
