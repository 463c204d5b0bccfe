//! The human format: one miette diagnostic per finding, followed by one per article it
//! involves (a diagnostic labels spans of one source only), then the problems, then a
//! summary. Snippets show a window of the sentence around each statement, not whole lines.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};

use super::phrases;
use crate::article::Article;
use crate::compare::{Finding, Involved};
use crate::grammar::GrammarError;
use crate::outcome::{Outcome, Texts};
use crate::problem::Problem;
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
    let agreeing = handler_agreeing(style);
    let texts = Texts::of(outcome);
    for finding in &outcome.findings {
        let report = FindingReport::new(outcome, finding, &texts, style.width);
        write_diagnostic(&handler, &report, out)?;
        // Each article on its own, not as miette's related diagnostics, which open with a
        // "Warning: " or "Advice: " line of their own.
        for article in &report.related {
            let handler = if article.agrees { &agreeing } else { &handler };
            write_diagnostic(handler, article, out)?;
        }
    }
    render_unread(&outcome.articles, &outcome.unread, &texts, style, err)?;
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
    for note in super::lower::gate_notes(outcome) {
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
    articles: &[Article],
    mentions: &[Mention],
    texts: &Texts,
    style: &Style,
    err: &mut dyn Write,
) -> io::Result<()> {
    // One copy of each article's text, shared by all its unread mentions.
    let mut shared: Vec<Option<Arc<str>>> = vec![None; articles.len()];
    let unread: Vec<Unread> = mentions
        .iter()
        .filter_map(|m| {
            m.reading.as_ref().err()?;
            let text = shared[m.article].get_or_insert_with(|| {
                Arc::from(crate::text::neutralize_controls(&texts.get(m.article)))
            });
            Unread::new(articles, m, Arc::clone(text))
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
    fn new(articles: &[Article], m: &Mention, text: Arc<str>) -> Option<Unread> {
        let error = m.reading.clone().err()?;
        Some(Unread {
            error,
            src: miette::NamedSource::new(&articles[m.article].path, text),
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

/// The handler for an article whose statements agree: marked with a tick, not miette's
/// advice sign.
fn handler_agreeing(style: &Style) -> GraphicalReportHandler {
    let mut theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    theme.characters.advice = "✓".to_owned();
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
    let scopes = outcome.scopes;
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

impl Source {
    /// Article `a`'s text, read again.
    fn read(outcome: &Outcome, texts: &Texts, a: usize) -> Source {
        let text = texts.get(a);
        Source {
            name: outcome.articles[a].path.clone(),
            lines: LineIndex::new(&text),
            text: Arc::from(crate::text::neutralize_controls(&text)),
        }
    }
}

/// A window on an article around each group of labels: the whole sentences when they fit
/// the width, else the part of them around the labels, with ellipses where it is cut.
/// Scraped articles put a paragraph of several hundred characters on one line.
struct Snippet {
    source: Arc<Source>,
    /// What is shown around each group of labels.
    windows: Vec<Window>,
}

/// The text shown around a group of labels.
struct Window {
    /// The byte span of the article the labels lie in (their sentences).
    region: (usize, usize),
    /// The text shown: part of the region, with "…" where it is cut.
    data: String,
    /// The byte offset `data` stands at: its first real character is at its own offset in
    /// the article, so that label offsets fall where they belong.
    offset: usize,
    /// The line and column (0-based) of the first character shown.
    line: usize,
    column: usize,
    /// How many lines it spans.
    lines: usize,
}

/// A byte span of an article.
type Span = (usize, usize);

/// What marks text left out of a snippet.
const ELLIPSIS: &str = "…";

impl Snippet {
    /// The snippet of `source` for labels on `spans`, each in the sentence beside it, shown
    /// within `width` characters where the sentences are longer.
    fn new(source: Arc<Source>, labels: &[(Span, Span)], width: usize) -> Snippet {
        // Labels whose sentences overlap or lie on the same or the next line share a window:
        // miette merges their contexts.
        let mut groups: Vec<(Span, Span)> = Vec::new();
        let mut sorted = labels.to_vec();
        sorted.sort_unstable();
        let text = &*source.text;
        for (span, sentence) in sorted {
            let line = |at: usize| source.lines.line_col(text, at).0;
            match groups.last_mut() {
                Some((region, covered))
                    if sentence.0 <= region.1 || line(sentence.0) <= line(region.1) + 1 =>
                {
                    region.1 = region.1.max(sentence.1);
                    region.0 = region.0.min(sentence.0);
                    covered.0 = covered.0.min(span.0);
                    covered.1 = covered.1.max(span.1);
                }
                _ => groups.push((sentence, span)),
            }
        }
        let budget = width.saturating_sub(12).max(40);
        let windows = groups
            .into_iter()
            .map(|(region, covered)| window(&source, region, covered, budget))
            .collect();
        Snippet { source, windows }
    }
}

/// The window on `region` of an article that shows `covered` (the labels) and as much
/// around it as `budget` characters allow, cut at spaces.
fn window(
    source: &Source,
    region: (usize, usize),
    covered: (usize, usize),
    budget: usize,
) -> Window {
    let text = &*source.text;
    let chars = |a: usize, b: usize| text[a..b].chars().count();
    let (mut from, mut to) = region;
    if chars(from, to) > budget {
        let spare = budget.saturating_sub(chars(covered.0, covered.1));
        // More before the value than after: the claim's words mostly lead up to it.
        let before = spare * 2 / 3;
        let after = spare - before;
        from = text[from..covered.0]
            .char_indices()
            .rev()
            .nth(before.saturating_sub(1))
            .map_or(from, |(i, _)| from + i);
        to = text[covered.1..to]
            .char_indices()
            .nth(after)
            .map_or(to, |(i, _)| covered.1 + i);
        // Cut at spaces, so no word is shown in part.
        if from > region.0 {
            from = text[from..covered.0]
                .find(' ')
                .map_or(covered.0, |i| from + i + 1);
        }
        if to < region.1 {
            to = text[covered.1..to]
                .rfind(' ')
                .map_or(covered.1, |i| covered.1 + i);
        }
    }
    let cut_before = from > region.0 && from >= ELLIPSIS.len();
    let from = if cut_before { from } else { region.0 };
    let cut_after = to < region.1;
    let mut data = String::new();
    if cut_before {
        data.push_str(ELLIPSIS);
    }
    data.push_str(&text[from..to]);
    if cut_after {
        data.push_str(ELLIPSIS);
    }
    let (line, column) = source.lines.line_col(text, from);
    let (last, _) = source.lines.line_col(text, to);
    Window {
        region,
        offset: from - if cut_before { ELLIPSIS.len() } else { 0 },
        data,
        line: line - 1,
        column: (column - 1).saturating_sub(usize::from(cut_before)),
        lines: last - line + 1,
    }
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
        let window = self
            .windows
            .iter()
            .find(|w| w.region.0 <= start && end <= w.region.1);
        if let (Some(w), true) = (window, before > 0 || after > 0) {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.source.name.clone(),
                w.data.as_bytes(),
                (w.offset, w.data.len()).into(),
                w.line,
                w.column,
                w.lines,
            )));
        }
        let (line, column) = self.source.lines.line_col(text, start);
        let (last, _) = self.source.lines.line_col(text, end);
        Ok(Box::new(MietteSpanContents::new_named(
            self.source.name.clone(),
            &text.as_bytes()[start..end],
            (start, end - start).into(),
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
    fn new(outcome: &Outcome, finding: &Finding, texts: &Texts, width: usize) -> FindingReport {
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
                } else if agrees {
                    // A cumulative figure that a later, lower one does not put in question.
                    message.push_str(": consistent with the others");
                }
                let mut labels: Vec<LabeledSpan> = involved
                    .iter()
                    .map(|i| labeled(phrases::label(finding, i), i.statement.span))
                    .collect();
                labels.extend(involved.iter().filter_map(|i| {
                    phrases::paired_label(finding, i).map(|(text, span)| labeled(text, span))
                }));
                let spans: Vec<_> = involved
                    .iter()
                    .flat_map(|i| {
                        let sentence = i.statement.sentence;
                        std::iter::once((i.statement.span, sentence)).chain(
                            phrases::paired_label(finding, i).map(|(_, span)| (span, sentence)),
                        )
                    })
                    .collect();
                let report = ArticleReport {
                    message,
                    agrees,
                    severity: if agrees {
                        miette::Severity::Advice
                    } else {
                        miette_severity(finding.severity)
                    },
                    labels,
                    source: Snippet::new(Arc::new(Source::read(outcome, texts, a)), &spans, width),
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
}

/// The statements of a finding in one article.
struct ArticleReport {
    message: String,
    /// Its statements agree with the others: shown with a tick.
    agrees: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            name: "a.txt".to_owned(),
            text: Arc::from(text),
            lines: LineIndex::new(text),
        }
    }

    #[test]
    fn a_long_sentence_is_shown_as_a_window_around_the_value() {
        let words = "and the talks went on for hours in the hall ";
        let text = format!(
            "Intro.\n{}they have met about 40 times since 2013, {}.\n",
            words.repeat(4),
            words.repeat(4).trim_end()
        );
        let sentence = (7, text.len() - 1);
        let at = text.find("about 40").unwrap_or_default();
        let w = window(&source(&text), sentence, (at, at + 8), 88);
        assert!(
            w.data.starts_with("…") && w.data.ends_with("…"),
            "{}",
            w.data
        );
        assert!(
            w.data.contains("they have met about 40 times since 2013"),
            "{}",
            w.data
        );
        assert!(w.data.chars().count() <= 90, "{}", w.data);
        // Cut at spaces: no word shown in part.
        assert!(
            text[..w.offset + ELLIPSIS.len()].ends_with(' '),
            "{}",
            w.data
        );
        assert!(w.data.ends_with(" the…"), "{}", w.data);
        // Labels keep their offsets: the window's text sits at its own place.
        let shown = &w.data[at - w.offset..at - w.offset + 8];
        assert_eq!(shown, "about 40");
        assert_eq!((w.line, w.lines), (1, 1));
        // A short sentence is shown whole.
        let short = "They met about 40 times.";
        let w = window(&source(short), (0, short.len()), (9, 17), 88);
        assert_eq!(w.data, short);
        assert_eq!(w.offset, 0);
    }
}
