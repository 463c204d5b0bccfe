//! The human format: one miette diagnostic per finding, with a related diagnostic per
//! article (a diagnostic labels spans of one source only), then the problems, then a summary.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::check::{Outcome, Problem};
use crate::compare::Finding;
use crate::rules::Severity;
use crate::text::LineIndex;

/// How human output looks.
#[derive(Debug, Clone)]
pub struct Style {
    /// Colours and bold (off when `NO_COLOR` is set or output is not a terminal).
    pub color: bool,
    /// The width to wrap messages at.
    pub width: usize,
}

/// Writes findings to `out` and problems to `err`.
pub(super) fn render(
    outcome: &Outcome,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let handler = handler(style);
    let sources = sources(outcome);
    for finding in &outcome.findings {
        let report = FindingReport::new(outcome, finding, &sources);
        write_diagnostic(&handler, &report, out)?;
    }
    render_problems(&outcome.problems, style, err)?;
    writeln!(out, "{}", summary(outcome))
}

/// Writes each problem as a diagnostic.
pub(super) fn render_problems(
    problems: &[Problem],
    style: &Style,
    err: &mut dyn Write,
) -> io::Result<()> {
    let handler = handler(style);
    for problem in problems {
        write_diagnostic(&handler, problem, err)?;
    }
    Ok(())
}

/// miette's graphical handler in the given style; context lines make [`Snippet`] show
/// whole sentences.
fn handler(style: &Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1)
}

/// Renders one diagnostic followed by a blank line.
fn write_diagnostic(
    handler: &GraphicalReportHandler,
    diagnostic: &dyn Diagnostic,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = String::new();
    handler
        .render_report(&mut text, diagnostic)
        .map_err(|_| io::Error::other("could not render a diagnostic"))?;
    writeln!(out, "{}", text.trim_end())?;
    writeln!(out)
}

/// `checked 5 articles against 1 rule: 9 statements, 1 finding (1 error)`.
fn summary(outcome: &Outcome) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in &outcome.findings {
        *by_severity.entry(outcome.rules[f.rule].severity).or_default() += 1;
    }
    let detail: Vec<String> = by_severity
        .iter()
        .rev()
        .map(|(s, n)| plural(*n, s.name(), &format!("{}s", s.name())))
        .collect();
    let mut line = format!(
        "checked {} against {}: {}, {}",
        plural(outcome.articles.len(), "article", "articles"),
        plural(outcome.rules.len(), "rule", "rules"),
        plural(outcome.statements.len(), "statement", "statements"),
        plural(outcome.findings.len(), "finding", "findings"),
    );
    if !detail.is_empty() {
        line.push_str(&format!(" ({})", detail.join(", ")));
    }
    if !outcome.problems.is_empty() {
        line.push_str(&format!(
            "; {} could not be read",
            plural(outcome.problems.len(), "file", "files")
        ));
    }
    line
}

/// An article's text and sentence bounds, shared by every diagnostic that quotes it.
struct Source {
    name: String,
    text: Arc<str>,
    lines: LineIndex,
}

/// One [`Source`] per article.
fn sources(outcome: &Outcome) -> Vec<Arc<Source>> {
    outcome
        .articles
        .iter()
        .map(|a| {
            Arc::new(Source {
                name: a.path.clone(),
                text: Arc::from(a.text.as_str()),
                lines: LineIndex::new(&a.text),
            })
        })
        .collect()
}

/// A window on an article that shows whole sentences around each label, not whole lines:
/// scraped articles put a paragraph of several hundred characters on one line.
struct Snippet {
    source: Arc<Source>,
    /// The sentences of the statements shown, as byte spans.
    sentences: Vec<(usize, usize)>,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &*self.source.text;
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (from, to) = if before == 0 && after == 0 {
            (start, end)
        } else {
            let from = self
                .sentences
                .iter()
                .filter(|s| s.0 <= start && start <= s.1)
                .map(|s| s.0)
                .min()
                .unwrap_or(start);
            let to = self
                .sentences
                .iter()
                .filter(|s| s.0 <= end && end <= s.1)
                .map(|s| s.1)
                .max()
                .unwrap_or(end);
            (from, to)
        };
        let (line, column) = self.source.lines.line_col(text, from);
        let (last, _) = self.source.lines.line_col(text, to);
        Ok(Box::new(MietteSpanContents::new_named(
            self.source.name.clone(),
            &text.as_bytes()[from..to],
            (from, to - from).into(),
            line - 1,
            column - 1,
            last - line + 1,
        )))
    }
}

/// A finding as a diagnostic.
struct FindingReport {
    code: String,
    message: String,
    severity: miette::Severity,
    help: String,
    related: Vec<ArticleReport>,
}

impl FindingReport {
    fn new(outcome: &Outcome, finding: &Finding, sources: &[Arc<Source>]) -> FindingReport {
        let rule = &outcome.rules[finding.rule];
        let mut by_article: BTreeMap<usize, Vec<&crate::compare::Involved>> = BTreeMap::new();
        for inv in &finding.statements {
            by_article.entry(inv.statement.article).or_default().push(inv);
        }
        let mut related: Vec<(bool, ArticleReport)> = by_article
            .into_iter()
            .map(|(a, involved)| {
                let article = &outcome.articles[a];
                let agreeing = involved.iter().filter(|i| i.agrees).count();
                let mut message = article.path.clone();
                let about: Vec<String> = [
                    article.meta.source.clone(),
                    article.meta.published.map(|d| format!("published {d}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !about.is_empty() {
                    message.push_str(&format!(" ({})", about.join(", ")));
                }
                let agrees = agreeing == involved.len();
                if finding.consensus.is_some() {
                    message.push_str(if agrees {
                        ": agrees with most sources"
                    } else if agreeing == 0 {
                        ": disagrees with most sources"
                    } else {
                        ": states both readings"
                    });
                }
                let report = ArticleReport {
                    message,
                    severity: if agrees && finding.consensus.is_some() {
                        miette::Severity::Advice
                    } else {
                        miette_severity(rule.severity)
                    },
                    labels: involved.iter().map(|i| label(finding, i)).collect(),
                    source: Snippet {
                        source: Arc::clone(&sources[a]),
                        sentences: involved.iter().map(|i| i.statement.sentence).collect(),
                    },
                };
                (agrees, report)
            })
            .collect();
        // Dissent first: it is what the editor has to judge.
        related.sort_by_key(|(agrees, _)| *agrees);
        let related = related.into_iter().map(|(_, r)| r).collect();
        FindingReport {
            code: format!("crosscheck::{}", rule.id),
            message: rule.message.clone(),
            severity: miette_severity(rule.severity),
            help: help(outcome, finding),
            related,
        }
    }
}

/// A statement's label: how it was read, and whether that squares with most sources.
fn label(finding: &Finding, involved: &crate::compare::Involved) -> LabeledSpan {
    let s = &involved.statement;
    let mut text = s.reading.to_string();
    if let (Some(c), false) = (&finding.consensus, involved.agrees) {
        text.push_str(&format!(", outside the shared {}", consensus_range(finding, c)));
    }
    LabeledSpan::new_with_span(Some(text), (s.span.0, s.span.1 - s.span.0))
}

/// The consensus interval, shown in the claim's kind and unit.
fn consensus_range(finding: &Finding, c: &crate::compare::Consensus) -> String {
    crate::grammar::Reading {
        hedge: None,
        value: c.value,
        ..finding.statements[0].statement.reading.clone()
    }
    .range()
}

/// The help line: the reading most sources share, what disagrees, and the rule's advice.
fn help(outcome: &Outcome, finding: &Finding) -> String {
    let rule = &outcome.rules[finding.rule];
    let dissent: Vec<String> = finding
        .statements
        .iter()
        .filter(|i| !i.agrees)
        .map(|i| format!("`{}` in {}", i.statement.quote, outcome.articles[i.statement.article].path))
        .collect();
    let mut help = match &finding.consensus {
        Some(c) => format!(
            "most sources ({} of {}) allow {}; {} does not",
            c.articles,
            c.of,
            consensus_range(finding, c),
            dissent.join(", ")
        ),
        None => "no reading is shared by most sources".to_owned(),
    };
    if let Some(advice) = &rule.help {
        help.push_str(". ");
        help.push_str(advice.trim());
    }
    help
}

/// The miette severity of a rule severity.
fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl fmt::Debug for FindingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl fmt::Display for FindingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingReport {}

impl Diagnostic for FindingReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// The statements of a finding in one article.
struct ArticleReport {
    message: String,
    severity: miette::Severity,
    labels: Vec<LabeledSpan>,
    source: Snippet,
}

impl fmt::Debug for ArticleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for ArticleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArticleReport {}

impl Diagnostic for ArticleReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}
