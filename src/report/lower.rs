//! The lowering of an [`Outcome`] that every machine format reads: where each statement,
//! unread value and problem is (path, line, column, byte span, quote, and where it ends),
//! each finding's rule, severity, headline and help, each statement's message and
//! severity, and the notes on what could not be read. It is worked out here, once; the
//! formats only arrange it (JSON fields, a SARIF result, a workflow command, a line).

use std::fmt;

use miette::Diagnostic;
use serde::Serialize;

use super::phrases;
use crate::article::Article;
use crate::compare::{self, Involved, Side};
use crate::outcome::{Outcome, Texts};
use crate::rules::{Rule, Severity};
use crate::statement::{self, Mention};
use crate::text::LineIndex;

/// Where a quoted value is: its article, 1-based line and column (in characters), byte
/// span and text. Serialized as the JSON contract's place fields; shown as
/// `path:line:column`.
#[derive(Serialize)]
pub(super) struct Place<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub quote: &'a str,
}

impl<'a> Place<'a> {
    /// Where statement `s` of `articles` is.
    pub fn statement(articles: &'a [Article], s: &'a statement::Statement) -> Self {
        Self::new(&articles[s.article], (s.line, s.column), s.span, &s.quote)
    }

    /// Where mention `m` of `articles` is.
    pub fn mention(articles: &'a [Article], m: &'a Mention) -> Self {
        Self::new(&articles[m.article], (m.line, m.column), m.span, &m.quote)
    }

    fn new(
        article: &'a Article,
        (line, column): (usize, usize),
        (start, end): (usize, usize),
        quote: &'a str,
    ) -> Self {
        Place {
            path: &article.path,
            line,
            column,
            start,
            end,
            quote,
        }
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// A stretch of an article by 1-based line and column: its start, the position just past
/// its last character when known, and its text when it has one.
pub(super) struct Region<'a> {
    pub start: (usize, usize),
    pub end: Option<(usize, usize)>,
    pub snippet: Option<&'a str>,
}

/// A finding as the machine formats report it.
pub(super) struct Finding<'o> {
    pub finding: &'o compare::Finding,
    pub rule: &'o Rule,
    /// What it says ([`phrases::headline`]).
    pub headline: String,
    /// Why, and what to do ([`phrases::help`]).
    pub help: String,
    pub statements: Vec<Statement<'o>>,
}

/// One statement of a finding.
pub(super) struct Statement<'o> {
    pub place: Place<'o>,
    /// The finding's severity where the statement needs correcting; `None` where it agrees
    /// with most sources or fits both sides of a split.
    pub severity: Option<Severity>,
    /// How it was read and where it stands ([`phrases::statement`]).
    pub message: String,
    /// Its second value, when the finding is about the two disagreeing: what it comes to,
    /// and its byte span.
    pub paired: Option<(String, (usize, usize))>,
    statement: &'o statement::Statement,
}

/// Where a statement of a finding ends, its sentence and its paired value, by line and
/// column: what formats with regions add to its [`Place`].
pub(super) struct Regions<'o> {
    /// The value.
    pub at: Region<'o>,
    /// Its sentence.
    pub context: Region<'o>,
    /// Its paired value, when it has one.
    pub paired: Option<Region<'o>>,
}

/// The finding's severity where `involved` needs correcting; `None` where it agrees with
/// most sources or fits both sides of a split.
pub(super) fn correction(finding: &compare::Finding, involved: &Involved) -> Option<Severity> {
    (!involved.agrees && involved.side != Some(Side::Both)).then_some(finding.severity)
}

/// Every finding of `outcome`, lowered as it is walked.
pub(super) fn findings(outcome: &Outcome) -> impl Iterator<Item = Finding<'_>> {
    outcome.findings.iter().map(move |f| Finding {
        finding: f,
        rule: &outcome.rules[f.rule],
        headline: phrases::headline(outcome, f),
        help: phrases::help(outcome, f),
        statements: f
            .statements
            .iter()
            .map(|i| Statement {
                place: Place::statement(&outcome.articles, &i.statement),
                severity: correction(f, i),
                message: phrases::statement(f, i),
                paired: phrases::paired_label(f, i),
                statement: &i.statement,
            })
            .collect(),
    })
}

/// Something that could not be read or applied, or that the gate left out, for the formats
/// that put it on one line or in one record.
pub(super) struct Note {
    /// The file.
    pub path: String,
    /// 1-based line and column, when the note points into the file.
    pub start: Option<(usize, usize)>,
    /// Line and column just past the text it is about, when known.
    pub end: Option<(usize, usize)>,
    /// The quote, for an unread value.
    pub quote: Option<String>,
    /// Its code (`crosscheck::grammar::no_such_date`).
    pub code: String,
    /// [`Severity::Warning`] for an unread value or an unused ignore, [`Severity::Error`]
    /// for an input that could not be used, [`Severity::Info`] for what the gate left out.
    pub severity: Severity,
    /// What went wrong, without the path in front (it may span lines).
    pub message: String,
    /// What to do about it, when there is advice.
    pub help: Option<String>,
}

impl Note {
    /// `path:line:column`, or the path for a file as a whole.
    pub fn place(&self) -> String {
        match self.start {
            Some((line, column)) => format!("{}:{line}:{column}", self.path),
            None => self.path.clone(),
        }
    }

    /// The message, then `help: ...` on a line of its own when there is advice.
    pub fn text(&self) -> String {
        let mut text = self.message.clone();
        if let Some(help) = &self.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        text
    }

    /// Where in the file it points, with the quote, when it points into the file.
    pub fn region(&self) -> Option<Region<'_>> {
        self.start.map(|start| Region {
            start,
            end: self.end,
            snippet: self.quote.as_deref(),
        })
    }
}

/// Notes on what the gate left out: a note per changed article file that is not an article
/// of the set, and per baseline entry that no finding matches any more.
pub(super) fn gate_notes(outcome: &Outcome) -> Vec<Note> {
    let hidden = &outcome.hidden;
    let not_checked = hidden.not_checked.iter().map(|path| Note {
        path: path.clone(),
        start: None,
        end: None,
        quote: None,
        code: "crosscheck::changed::not_checked".to_owned(),
        severity: Severity::Info,
        message: "changed, but not an article of the set, so not checked".to_owned(),
        help: Some(
            "list it in its folder's sources.yaml, or add its folder to the paths checked"
                .to_owned(),
        ),
    });
    let baseline = hidden.baseline.as_deref().unwrap_or_default();
    let stale = hidden.stale.iter().map(|e| {
        let quotes: Vec<String> = e
            .statements
            .iter()
            .map(|q| format!("{} \"{}\"", q.path, q.quote))
            .collect();
        Note {
            path: baseline.to_owned(),
            start: None,
            end: None,
            quote: None,
            code: "crosscheck::baseline::stale".to_owned(),
            severity: Severity::Info,
            message: format!(
                "the entry {} of `{}` ({}) no longer matches any finding",
                e.fingerprint,
                e.rule,
                quotes.join(", ")
            ),
            help: Some("record the baseline again to drop it".to_owned()),
        }
    });
    not_checked.chain(stale).collect()
}

/// Line and column positions past the start of a span (statements carry their start;
/// formats with regions also need the end), from the article last asked about, read again
/// and indexed once.
pub(super) struct Ends<'o> {
    outcome: &'o Outcome,
    texts: Texts<'o>,
    current: Option<(usize, String, LineIndex)>,
}

impl<'o> Ends<'o> {
    /// No article read yet.
    pub fn new(outcome: &'o Outcome) -> Ends<'o> {
        Ends {
            outcome,
            texts: Texts::of(outcome),
            current: None,
        }
    }

    /// 1-based line and column (in characters, as statements count them) of a byte
    /// offset into article `a`'s file.
    fn at(&mut self, a: usize, offset: usize) -> (usize, usize) {
        let (_, text, lines) = match self.current.take() {
            Some(current) if current.0 == a => self.current.insert(current),
            _ => {
                let text = self.texts.get(a);
                let lines = LineIndex::new(&text);
                self.current.insert((a, text, lines))
            }
        };
        lines.line_col(text, offset)
    }

    /// The line and column just past the value of statement `st` of a finding.
    pub fn end(&mut self, st: &Statement) -> (usize, usize) {
        self.at(st.statement.article, st.statement.span.1)
    }

    /// Where statement `st` of a finding ends, its sentence and its paired value.
    pub fn regions<'s>(&mut self, st: &Statement<'s>) -> Regions<'s> {
        let s = st.statement;
        let a = s.article;
        Regions {
            at: Region {
                start: (s.line, s.column),
                end: Some(self.end(st)),
                snippet: Some(&s.quote),
            },
            context: Region {
                start: self.at(a, s.sentence.0),
                end: Some(self.at(a, s.sentence.1)),
                snippet: Some(&s.sentence_text),
            },
            paired: st.paired.as_ref().map(|&(_, span)| Region {
                start: self.at(a, span.0),
                end: Some(self.at(a, span.1)),
                snippet: s.excerpt(span),
            }),
        }
    }

    /// The values the grammar could not read, the ignores that covered nothing, what could
    /// not be read or applied, then what the gate left out: the order the human format
    /// writes them in.
    pub fn notes(&mut self) -> Vec<Note> {
        let outcome = self.outcome;
        let unread = outcome.unread.iter().filter_map(|m| {
            let e = m.reading.as_ref().err()?;
            Some(Note {
                path: outcome.articles[m.article].path.clone(),
                start: Some((m.line, m.column)),
                end: Some(self.at(m.article, m.span.1)),
                quote: Some(m.quote.clone()),
                code: e.code().to_owned(),
                severity: Severity::Warning,
                message: e.to_string(),
                help: Some(e.help().to_owned()),
            })
        });
        let unused = outcome
            .unused
            .iter()
            .map(|u| diagnostic_note(u, &u.path, Severity::Warning));
        let problems = outcome.problems.iter().map(|p| {
            let severity = if p.is_warning() {
                Severity::Warning
            } else {
                Severity::Error
            };
            diagnostic_note(p, p.path(), severity)
        });
        unread
            .chain(unused)
            .chain(problems)
            .chain(gate_notes(outcome))
            .collect()
    }
}

/// A note for a diagnostic about the file at `path`.
fn diagnostic_note(d: &dyn Diagnostic, path: &str, severity: Severity) -> Note {
    let message = d.to_string();
    Note {
        path: path.to_owned(),
        start: position(d),
        end: None,
        quote: None,
        code: d.code().map(|c| c.to_string()).unwrap_or_default(),
        severity,
        message: message
            .strip_prefix(&format!("{path}: "))
            .map_or(message.clone(), str::to_owned),
        help: d.help().map(|h| h.to_string()),
    }
}

/// The 1-based line and column (in characters, as statements count them) of a
/// diagnostic's first label, when it has one.
pub(super) fn position(d: &dyn Diagnostic) -> Option<(usize, usize)> {
    let label = d.labels()?.next()?;
    let contents = d.source_code()?.read_span(label.inner(), 0, 0).ok()?;
    // Everything before the label, to count the characters of its line (miette counts bytes).
    let before = d
        .source_code()?
        .read_span(&(0, label.offset()).into(), 0, 0)
        .ok()?;
    let text = before
        .data()
        .get(..label.offset().checked_sub(before.span().offset())?)?;
    let line = text.rsplit(|&b| b == b'\n').next().unwrap_or_default();
    let column = String::from_utf8_lossy(line).chars().count();
    Some((contents.line() + 1, column + 1))
}
