//! The human format: one miette diagnostic per finding, with a related diagnostic per
//! article (a diagnostic labels spans of one source only), then the problems, then a summary.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};

use super::phrases;
use crate::check::{Outcome, Problem};
use crate::compare::{Finding, Involved};
use crate::grammar::GrammarError;
use crate::rules::Severity;
use crate::statement::Mention;
use crate::text::LineIndex;

/// How output for people looks, and when the run was.
#[derive(Debug, Clone)]
pub struct Style {
    /// Colours and bold (off when `NO_COLOR` is set or output is not a terminal).
    pub color: bool,
    /// The width to wrap messages at.
    pub width: usize,
    /// Also list the statements set aside, and why.
    pub verbose: bool,
    /// When the run was, as the HTML report states it.
    pub run_at: jiff::Timestamp,
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
    render_unread(outcome, &outcome.unread, style, err)?;
    render_diagnostics(
        outcome.unused.iter().map(|u| u as &dyn Diagnostic),
        style,
        err,
    )?;
    render_problems(&outcome.problems, style, err)?;
    if style.verbose {
        for s in &outcome.set_aside {
            writeln!(err, "{}", phrases::set_aside(outcome, s))?;
        }
    }
    for note in phrases::gate_notes(outcome) {
        let help = note.help.unwrap_or_default();
        writeln!(err, "note: {}: {}; {help}", note.path, note.message)?;
    }
    writeln!(out, "{}", summary(outcome))
}

/// Writes each problem as a diagnostic.
pub(super) fn render_problems(
    problems: &[Problem],
    style: &Style,
    err: &mut dyn Write,
) -> io::Result<()> {
    render_diagnostics(problems.iter().map(|p| p as &dyn Diagnostic), style, err)
}

/// Writes each mention the grammar could not read as a warning.
pub(super) fn render_unread(
    outcome: &Outcome,
    mentions: &[Mention],
    style: &Style,
    err: &mut dyn Write,
) -> io::Result<()> {
    // One copy of each article's text, shared by all its unread mentions.
    let mut texts: Vec<Option<Arc<str>>> = vec![None; outcome.articles.len()];
    let unread: Vec<Unread> = mentions
        .iter()
        .filter_map(|m| {
            let text = texts[m.article].get_or_insert_with(|| {
                Arc::from(crate::text::neutralize_controls(
                    &outcome.articles[m.article].text,
                ))
            });
            Unread::new(outcome, m, Arc::clone(text))
        })
        .collect();
    render_diagnostics(unread.iter().map(|u| u as &dyn Diagnostic), style, err)
}

/// A mention the grammar could not read, as a warning pointing into its article.
#[derive(Debug)]
struct Unread {
    error: GrammarError,
    src: NamedSource<Arc<str>>,
    span: SourceSpan,
}

impl Unread {
    /// The warning for `m`, whose article's text is `text`.
    fn new(outcome: &Outcome, m: &Mention, text: Arc<str>) -> Option<Unread> {
        let error = m.reading.clone().err()?;
        Some(Unread {
            error,
            src: miette::NamedSource::new(&outcome.articles[m.article].path, text),
            span: (m.span.0, m.span.1 - m.span.0).into(),
        })
    }
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.src.name(), self.error)
    }
}

impl std::error::Error for Unread {}

impl Diagnostic for Unread {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.error.code()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.error.help()))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("not read".to_owned()),
            self.span,
        ))))
    }
}

/// Writes diagnostics, each followed by a blank line.
pub(super) fn render_diagnostics<'a>(
    diagnostics: impl Iterator<Item = &'a dyn Diagnostic>,
    style: &Style,
    err: &mut dyn Write,
) -> io::Result<()> {
    let handler = handler(style);
    for d in diagnostics {
        write_diagnostic(&handler, d, err)?;
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
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in &outcome.findings {
        *by_severity.entry(f.severity).or_default() += 1;
    }
    let detail: Vec<String> = by_severity
        .iter()
        .rev()
        .map(|(s, n)| plural(*n, s.name(), &format!("{}s", s.name())))
        .collect();
    let scopes = outcome.scopes();
    let articles = if scopes > 1 {
        format!(
            "{} in {scopes} scopes",
            plural(outcome.articles.len(), "article", "articles")
        )
    } else {
        plural(outcome.articles.len(), "article", "articles")
    };
    let mut line = format!(
        "checked {articles} against {}: {}, {}",
        plural(outcome.rules.len(), "rule", "rules"),
        plural(outcome.statements.len(), "statement", "statements"),
        plural(outcome.findings.len(), "finding", "findings"),
    );
    if !detail.is_empty() {
        line.push_str(&format!(" ({})", detail.join(", ")));
    }
    let not_compared = outcome.not_compared();
    if !not_compared.is_empty() {
        let causes: Vec<String> = not_compared.iter().map(|(c, n)| c.count(*n)).collect();
        line.push_str(&format!(
            "; {} not compared ({})",
            plural(outcome.set_aside.len(), "statement", "statements"),
            causes.join(", ")
        ));
    }
    let hidden = &outcome.hidden;
    if let Some(baseline) = &hidden.baseline {
        line.push_str(&format!(
            "; {} in {baseline} not shown",
            plural(hidden.known, "known finding", "known findings")
        ));
    }
    if hidden.unchanged > 0 {
        line.push_str(&format!(
            "; {} about other articles than the changed ones not shown",
            plural(hidden.unchanged, "finding", "findings")
        ));
    }
    let warnings = outcome.problems.iter().filter(|p| p.is_warning()).count();
    let errors = outcome.problems.len() - warnings;
    if errors > 0 {
        line.push_str(&format!(
            "; {}",
            plural(errors, "input error", "input errors")
        ));
    }
    if warnings > 0 {
        line.push_str(&format!(
            "; {}",
            plural(warnings, "input warning", "input warnings")
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
                text: Arc::from(crate::text::neutralize_controls(&a.text)),
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
        let mut by_article: BTreeMap<usize, Vec<&Involved>> = BTreeMap::new();
        for inv in &finding.statements {
            by_article
                .entry(inv.statement.article)
                .or_default()
                .push(inv);
        }
        let mut related: Vec<(bool, ArticleReport)> = by_article
            .into_iter()
            .map(|(a, involved)| {
                let agreeing = involved.iter().filter(|i| i.agrees).count();
                let mut message = article_title(outcome, a);
                let agrees = agreeing == involved.len();
                if finding.consensus.is_some() {
                    message.push_str(": ");
                    message.push_str(phrases::standing(agreeing, involved.len()));
                } else if finding.split {
                    let sides: Vec<_> = involved.iter().map(|i| i.side).collect();
                    message.push_str(": ");
                    message.push_str(phrases::side_standing(&sides));
                }
                let mut labels: Vec<LabeledSpan> = involved
                    .iter()
                    .map(|i| labeled(phrases::label(finding, i), i.statement.span))
                    .collect();
                labels.extend(involved.iter().filter_map(|i| {
                    phrases::paired_label(finding, i).map(|(text, span)| labeled(text, span))
                }));
                let report = ArticleReport {
                    message,
                    severity: if agrees && finding.consensus.is_some() {
                        miette::Severity::Advice
                    } else {
                        miette_severity(finding.severity)
                    },
                    labels,
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
            message: phrases::headline(outcome, finding),
            severity: miette_severity(finding.severity),
            help: phrases::help(outcome, finding),
            related,
        }
    }
}

/// `path (source, published date)`.
fn article_title(outcome: &Outcome, a: usize) -> String {
    let article = &outcome.articles[a];
    let about: Vec<String> = [
        article.meta.source.clone(),
        article.meta.published.map(|d| format!("published {d}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if about.is_empty() {
        article.path.clone()
    } else {
        format!("{} ({})", article.path, about.join(", "))
    }
}

/// A label with its text on a byte span of an article.
fn labeled(text: String, span: (usize, usize)) -> LabeledSpan {
    LabeledSpan::new_with_span(Some(text), (span.0, span.1 - span.0))
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
