//! The HTML format: one self-contained page for an editor's review: a summary of the run,
//! then a table of claims × sources whose cells hold each statement with how it was read,
//! marked by where it stands against the other sources, and filters over that table.
//!
//! The page needs no network and no file beside it: its style sheet and script are inline,
//! allowed by their hashes in its Content-Security-Policy, which forbids everything else.
//! Every text that comes from an article, a manifest or a rule file is written through
//! [`Esc`]; the data the script reads is a JSON block in which `<` is escaped.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::lower::{Ends, Note, Place};
use super::phrases;
use super::Style;
use crate::compare::{Finding, FindingKind, Involved, SetAside};
use crate::outcome::Outcome;
use crate::rules::Severity;
use crate::statement::Statement;

/// The page's style sheet, screen and print.
const CSS: &str = include_str!("html.css");
/// The page's script: the filters, and every row opened for print.
const JS: &str = include_str!("html.js");

/// How many articles the summary names among those with the most disagreeing statements.
const MOST_DISAGREEING: usize = 5;

/// Writes the outcome as one HTML page.
pub(super) fn render(outcome: &Outcome, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let page = Page::new(outcome);
    let title = format!(
        "crosscheck: {} in {}",
        plural(outcome.findings.len(), "finding", "findings"),
        plural(outcome.articles.len(), "article", "articles")
    );
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src {}; script-src {}; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header>\n<h1>{}</h1>\n",
        csp_hash(CSS),
        csp_hash(JS),
        Esc(&title),
        Esc(&title),
    )?;
    summary(&page, style, out)?;
    writeln!(out, "</header>\n<main>")?;
    legend(out)?;
    filters(outcome, out)?;
    table(&page, out)?;
    not_compared(outcome, out)?;
    notes(&page, out)?;
    writeln!(
        out,
        "</main>\n<script type=\"application/json\" id=\"crosscheck-data\">{}</script>",
        data(&page)?
    )?;
    if !page.deferred().is_empty() {
        writeln!(
            out,
            "<script type=\"application/json\" id=\"crosscheck-deferred\">{}</script>",
            deferred(&page)?
        )?;
    }
    writeln!(out, "<script>{JS}</script>\n</body>\n</html>")
}

/// What the page shows, worked out once: where each statement stands, the rows, and the
/// order of the columns.
struct Page<'o> {
    outcome: &'o Outcome,
    marks: Marks<'o>,
    rows: Vec<Row<'o>>,
    /// The articles in column order: those with most statements at odds first, then by path.
    columns: Vec<usize>,
    /// What could not be read or applied, and what the gate left out.
    notes: Vec<Note>,
}

/// How many columns the table holds when the page opens; the script adds the others' cells,
/// kept as markup in a JSON block, when the source filter asks for them. A table of
/// thousands of columns takes seconds to lay out; this many, a fraction of one.
const SHOWN_COLUMNS: usize = 100;

impl<'o> Page<'o> {
    /// The page of `outcome`.
    fn new(outcome: &'o Outcome) -> Page<'o> {
        let marks = Marks::new(outcome);
        let rows = rows(outcome, &marks);
        let mut columns: Vec<usize> = (0..outcome.articles.len()).collect();
        columns.sort_by_key(|&a| (Reverse(marks.dissents[a]), a));
        Page {
            outcome,
            marks,
            rows,
            columns,
            notes: Ends::new(outcome).notes(),
        }
    }

    /// The articles whose columns the table holds when the page opens.
    fn shown(&self) -> &[usize] {
        &self.columns[..self.columns.len().min(SHOWN_COLUMNS)]
    }

    /// The articles whose columns the script adds on demand.
    fn deferred(&self) -> &[usize] {
        &self.columns[self.shown().len()..]
    }
}

/// Text escaped for HTML content and for quoted attribute values: every text from an
/// article, a manifest or a rule file goes through it.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// `1 finding`, `2 findings`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The Content-Security-Policy source that allows exactly `text` inline: `'sha256-…'`.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64, padded.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// A statement's identity in an outcome: rule, article and value span.
type Id = (usize, usize, (usize, usize));

/// The identity of `s`.
fn id(s: &Statement) -> Id {
    (s.rule, s.article, s.span)
}

/// Where each statement stands: the findings it is part of, or why it was not compared.
struct Marks<'o> {
    /// Each finding a statement is part of, with its place in it.
    involved: HashMap<Id, Vec<(&'o Finding, &'o Involved)>>,
    /// Why a statement was set aside.
    set_aside: HashMap<Id, &'o str>,
    /// Per article, how many of its statements disagree in a finding.
    dissents: Vec<usize>,
}

impl<'o> Marks<'o> {
    /// Indexes the findings and the statements set aside of `outcome`.
    fn new(outcome: &'o Outcome) -> Marks<'o> {
        let mut involved: HashMap<Id, Vec<(&Finding, &Involved)>> = HashMap::new();
        let mut dissents = vec![0; outcome.articles.len()];
        for f in &outcome.findings {
            for i in &f.statements {
                involved.entry(id(&i.statement)).or_default().push((f, i));
                if Standing::of(f, i) != Standing::Agrees {
                    dissents[i.statement.article] += 1;
                }
            }
        }
        let set_aside = outcome
            .set_aside
            .iter()
            .map(|a| (id(&a.statement), a.reason.as_str()))
            .collect();
        Marks {
            involved,
            set_aside,
            dissents,
        }
    }

    /// The findings `s` is part of.
    fn of(&self, s: &Statement) -> &[(&'o Finding, &'o Involved)] {
        self.involved.get(&id(s)).map_or(&[], Vec::as_slice)
    }

    /// Where `s` stands at worst.
    fn standing(&self, s: &Statement) -> Standing {
        let aside = self
            .set_aside
            .contains_key(&id(s))
            .then_some(Standing::SetAside);
        let marks = self.of(s).iter().map(|(f, i)| Standing::of(f, i));
        marks.chain(aside).max().unwrap_or(Standing::Compared)
    }
}

/// Where a statement stands, from least to most in need of an editor: each has a colour,
/// a symbol and words, so a mark reads without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    /// Compared, and in no finding.
    Compared,
    /// Not compared.
    SetAside,
    /// Shares the reading most sources share.
    Agrees,
    /// On one side of a finding in which no reading is shared by most sources.
    Split,
    /// Outside the reading most sources share, or at odds with itself or the rule's wordings.
    Dissents,
}

impl Standing {
    /// Where `involved` stands in `finding`.
    fn of(finding: &Finding, involved: &Involved) -> Standing {
        match (finding.kind, &finding.consensus) {
            (FindingKind::Unrecognized | FindingKind::Paired { .. }, _) => Standing::Dissents,
            (_, None) => Standing::Split,
            (_, Some(_)) if involved.agrees => Standing::Agrees,
            (_, Some(_)) => Standing::Dissents,
        }
    }

    /// The class that colours it.
    fn class(self) -> &'static str {
        match self {
            Standing::Compared => "compared",
            Standing::Agrees => "agrees",
            Standing::SetAside => "aside",
            Standing::Split => "split",
            Standing::Dissents => "dissents",
        }
    }

    /// The symbol shown before its words.
    fn symbol(self) -> &'static str {
        match self {
            Standing::Compared => "",
            Standing::Agrees => "✓",
            Standing::SetAside => "○",
            Standing::Split => "◆",
            Standing::Dissents => "✗",
        }
    }
}

/// The words of a statement set aside.
const NOT_COMPARED: &str = "not compared";

/// The words of a statement on one side of a split.
fn split() -> String {
    format!("split: {}", phrases::NO_CONSENSUS)
}

/// The severities, from the most serious.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The symbol of a severity, so its badge reads without colour.
fn severity_symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "■",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

/// `words` on a severity's badge: its colour and symbol.
fn severity_badge(severity: Severity, words: &str) -> String {
    format!(
        "<span class=\"sev sev-{}\"><span aria-hidden=\"true\">{}</span> {words}</span>",
        severity.name(),
        severity_symbol(severity)
    )
}

/// The plural of a severity's name: `errors`, `warnings`, `info`.
fn severity_plural(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
        Severity::Info => "info",
    }
}

/// A row of the table: one claim (a rule and a key) and its statements in each article.
struct Row<'o> {
    /// Index of the rule.
    rule: usize,
    /// The key its statements state (key name → value).
    key: &'o BTreeMap<String, String>,
    /// The row's statements, by article.
    cells: BTreeMap<usize, Vec<&'o Statement>>,
    /// The findings reported under this rule and key.
    findings: Vec<&'o Finding>,
    /// The severities of the findings the row's statements are part of.
    severities: BTreeSet<Severity>,
}

/// A row per claim with statements or findings: rows with findings first (the most severe
/// first), then by rule and key.
fn rows<'o>(outcome: &'o Outcome, marks: &Marks<'o>) -> Vec<Row<'o>> {
    let mut rows = BTreeMap::new();
    for s in &outcome.statements {
        let r = row(&mut rows, s.rule, &s.key);
        r.cells.entry(s.article).or_default().push(s);
        r.severities
            .extend(marks.of(s).iter().map(|(f, _)| f.severity));
    }
    for f in &outcome.findings {
        let r = row(&mut rows, f.rule, &f.key);
        r.findings.push(f);
        r.severities.insert(f.severity);
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    // Stable: rule and key order within each group.
    rows.sort_by_key(|r| Reverse(r.severities.last().copied()));
    rows
}

/// Rows by rule and key.
type Rows<'o> = BTreeMap<(usize, &'o BTreeMap<String, String>), Row<'o>>;

/// The row of `rule` and `key`, added empty if there is none yet.
fn row<'m, 'o>(
    rows: &'m mut Rows<'o>,
    rule: usize,
    key: &'o BTreeMap<String, String>,
) -> &'m mut Row<'o> {
    rows.entry((rule, key)).or_insert_with(|| Row {
        rule,
        key,
        cells: BTreeMap::new(),
        findings: Vec::new(),
        severities: BTreeSet::new(),
    })
}

/// The counts, the findings, the articles with most disagreements, what the gate hid, and
/// the run.
fn summary(page: &Page, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let outcome = page.outcome;
    let by_severity: Vec<String> = SEVERITIES
        .into_iter()
        .map(|s| {
            (
                s,
                outcome.findings.iter().filter(|f| f.severity == s).count(),
            )
        })
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| severity_badge(s, &plural(n, s.name(), severity_plural(s))))
        .collect();
    writeln!(
        out,
        "<section class=\"summary\" aria-labelledby=\"summary-title\">\n\
         <h2 id=\"summary-title\">Summary</h2>\n<dl class=\"counts\">\n\
         <div><dt>Articles</dt><dd>{}</dd></div>\n\
         <div><dt>Statements</dt><dd>{}</dd></div>\n\
         <div><dt>Findings</dt><dd>{} <span class=\"by-severity\">{}</span></dd></div>\n\
         <div><dt>Not compared</dt><dd>{}</dd></div>{}\n</dl>",
        outcome.articles.len(),
        outcome.statements.len(),
        outcome.findings.len(),
        by_severity.join(" "),
        if outcome.set_aside.is_empty() {
            "0".to_owned()
        } else {
            let causes: Vec<String> = outcome
                .not_compared()
                .iter()
                .map(|(c, n)| c.count(*n))
                .collect();
            format!(
                "<a href=\"#not-compared\">{}</a> ({})",
                plural(outcome.set_aside.len(), "statement", "statements"),
                causes.join(", ")
            )
        },
        if page.notes.is_empty() {
            String::new()
        } else {
            format!(
                "\n<div><dt>Notes</dt><dd><a href=\"#notes\">{}</a></dd></div>",
                plural(
                    page.notes.len(),
                    "problem or warning",
                    "problems or warnings"
                )
            )
        },
    )?;
    if !outcome.findings.is_empty() {
        writeln!(out, "<h3>Findings</h3>\n<ol class=\"findings\">")?;
        for (n, row) in page.rows.iter().enumerate() {
            for f in &row.findings {
                finding_line(page, n, f, out)?;
            }
        }
        writeln!(out, "</ol>")?;
    }
    let most = page.columns.iter().filter(|&&a| page.marks.dissents[a] > 0);
    let mut most = most.take(MOST_DISAGREEING).peekable();
    if most.peek().is_some() {
        writeln!(out, "<h3>Most disagreements</h3>\n<ol class=\"most\">")?;
        for &a in most {
            writeln!(
                out,
                "<li><strong>{}</strong> <span class=\"path\">{}</span>: {}</li>",
                Esc(source(outcome, a)),
                Esc(&outcome.articles[a].path),
                plural(
                    page.marks.dissents[a],
                    "statement at odds",
                    "statements at odds"
                )
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    let hidden = &outcome.hidden;
    if let Some(baseline) = &hidden.baseline {
        writeln!(
            out,
            "<p>{} in the baseline {} not shown.</p>",
            plural(hidden.known, "known finding", "known findings"),
            Esc(baseline)
        )?;
    }
    if hidden.unchanged > 0 {
        writeln!(
            out,
            "<p>{} about other articles than the changed ones not shown.</p>",
            plural(hidden.unchanged, "finding", "findings")
        )?;
    }
    let mut files: Vec<&str> = outcome.rules.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    let files: Vec<String> = files
        .iter()
        .map(|f| format!("<code>{}</code>", Esc(f)))
        .collect();
    writeln!(
        out,
        "<p class=\"run\">Checked {} with crosscheck {} against {} from {}.</p>\n</section>",
        Esc(&style.run_at.strftime("%Y-%m-%d %H:%M UTC").to_string()),
        env!("CARGO_PKG_VERSION"),
        plural(outcome.rules.len(), "rule", "rules"),
        if files.is_empty() {
            "no rule file".to_owned()
        } else {
            files.join(", ")
        }
    )
}

/// One finding in the summary: its severity, what it says (a link to its row `n`) and the
/// sources at odds in it.
fn finding_line(page: &Page, n: usize, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let outcome = page.outcome;
    let mut at_odds: Vec<usize> = finding
        .statements
        .iter()
        .filter(|i| Standing::of(finding, i) != Standing::Agrees)
        .map(|i| i.statement.article)
        .collect();
    at_odds.dedup();
    let at_odds: Vec<String> = at_odds
        .into_iter()
        .map(|a| format!("<strong>{}</strong>", Esc(source(outcome, a))))
        .collect();
    writeln!(
        out,
        "<li>{} <a href=\"#claim-{n}\">{}</a>: {}</li>",
        severity_badge(finding.severity, finding.severity.name()),
        Esc(&phrases::headline(outcome, finding)),
        at_odds.join(", ")
    )
}

/// How cells are marked, with the words each mark carries.
fn legend(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<ul class=\"legend\" aria-label=\"How statements are marked\">"
    )?;
    let entries = [
        (Standing::Dissents, phrases::standing(0, 1).to_owned()),
        (Standing::Split, split()),
        (Standing::Agrees, phrases::standing(1, 1).to_owned()),
        (Standing::SetAside, NOT_COMPARED.to_owned()),
    ];
    for (standing, words) in entries {
        writeln!(
            out,
            "<li><span class=\"badge {}\"><span aria-hidden=\"true\">{}</span> {}</span></li>",
            standing.class(),
            standing.symbol(),
            words
        )?;
    }
    writeln!(
        out,
        "<li><span class=\"badge compared\">no mark</span> in no finding</li>\n\
         <li><span class=\"badge none\">—</span> not stated</li>\n</ul>"
    )
}

/// The filters: rule, severity, source and findings only (shown by the script).
fn filters(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<div id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter the table\" hidden>\n\
         <label>Rule <select id=\"f-rule\">\n<option value=\"\">All rules</option>"
    )?;
    for rule in &outcome.rules {
        writeln!(
            out,
            "<option value=\"{}\">{}</option>",
            Esc(&rule.id),
            Esc(&rule.title)
        )?;
    }
    writeln!(
        out,
        "</select></label>\n<label>Severity <select id=\"f-severity\">\n\
         <option value=\"\">Any</option>"
    )?;
    for s in SEVERITIES {
        writeln!(out, "<option value=\"{0}\">{0}</option>", s.name())?;
    }
    writeln!(
        out,
        "</select></label>\n<label>Source <input id=\"f-source\" type=\"search\" \
         placeholder=\"name or file\" autocomplete=\"off\"></label>\n\
         <label class=\"check\"><input id=\"f-findings\" type=\"checkbox\"> Findings only</label>\n\
         <p id=\"f-status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</div>"
    )
}

/// The publisher of article `a`, else its path.
fn source(outcome: &Outcome, a: usize) -> &str {
    let article = &outcome.articles[a];
    article.meta.source.as_deref().unwrap_or(&article.path)
}

/// The table: a row per claim, a column per article.
fn table(page: &Page, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"claims-caption\">\n\
         <table id=\"claims\">\n<caption id=\"claims-caption\">Claims × sources: each cell \
         holds what a source states, read as a range, with its time frame, reference date \
         and attribution. Rows with findings come first; open a row for the full sentences.\
         </caption>\n<thead>\n<tr><th scope=\"col\" class=\"corner\">Claim</th>"
    )?;
    for &a in page.shown() {
        column_head(page, a, out)?;
    }
    writeln!(out, "</tr>\n</thead>\n<tbody>")?;
    if page.rows.is_empty() {
        writeln!(
            out,
            "<tr><td colspan=\"{}\">No article states a claim of these rules.</td></tr>",
            page.shown().len() + 1
        )?;
    }
    for (n, row) in page.rows.iter().enumerate() {
        claim_row(page, n, row, out)?;
    }
    writeln!(out, "</tbody>\n</table>\n</div>")
}

/// The `n`th claim's row: its header (the claim, its findings, their explanation) and its
/// cells.
fn claim_row(page: &Page, n: usize, row: &Row, out: &mut dyn Write) -> io::Result<()> {
    let outcome = page.outcome;
    let rule = &outcome.rules[row.rule];
    let severities: Vec<&str> = row.severities.iter().map(|s| s.name()).collect();
    write!(
        out,
        "<tr id=\"claim-{n}\" data-rule=\"{}\" data-severities=\"{}\"{}>\n<th scope=\"row\">\
         <span class=\"claim\">{}</span> <code class=\"rule\">{}</code>",
        Esc(&rule.id),
        severities.join(" "),
        if row.severities.is_empty() {
            ""
        } else {
            " class=\"has-findings\""
        },
        Esc(&rule.title),
        Esc(&rule.id),
    )?;
    for (k, v) in row.key {
        write!(out, " <span class=\"key\">{}: {}</span>", Esc(k), Esc(v))?;
    }
    for f in &row.findings {
        write!(
            out,
            "<p class=\"finding\">{} {}</p>",
            severity_badge(f.severity, f.severity.name()),
            Esc(&phrases::headline(outcome, f))
        )?;
    }
    write!(
        out,
        "<details><summary>{}</summary>",
        if row.findings.is_empty() {
            "Full sentences"
        } else {
            "Why, and the full sentences"
        }
    )?;
    for f in &row.findings {
        write!(out, "<p>{}</p>", Esc(&phrases::help(outcome, f)))?;
    }
    if row.findings.is_empty() {
        let words = if row.severities.is_empty() {
            "No finding: these statements can all be true."
        } else {
            "Its statements are part of a finding reported under another key."
        };
        write!(out, "<p>{words}</p>")?;
    }
    writeln!(out, "</details></th>")?;
    for &a in page.shown() {
        cell(page, row, a, out)?;
    }
    writeln!(out, "</tr>")
}

/// The head of article `a`'s column: its source, publication date, title and path, and how
/// many of its statements are at odds.
fn column_head(page: &Page, a: usize, out: &mut dyn Write) -> io::Result<()> {
    let article = &page.outcome.articles[a];
    write!(
        out,
        "<th scope=\"col\"><span class=\"source\">{}</span> <span class=\"date\">{}</span>",
        Esc(source(page.outcome, a)),
        article
            .meta
            .published
            .map_or_else(|| "undated".to_owned(), |d| d.to_string())
    )?;
    if let Some(title) = &article.meta.title {
        write!(out, " <span class=\"title\">{}</span>", Esc(title))?;
    }
    write!(out, " <span class=\"path\">{}</span>", Esc(&article.path))?;
    let at_odds = page.marks.dissents[a];
    if at_odds > 0 {
        write!(
            out,
            " <span class=\"count\"><span aria-hidden=\"true\">✗</span> {}</span>",
            plural(at_odds, "statement at odds", "statements at odds")
        )?;
    }
    writeln!(out, "</th>")
}

/// The cell of `row` in article `a`'s column: its statements, coloured by the one that
/// stands worst; empty when the article does not state the claim.
fn cell(page: &Page, row: &Row, a: usize, out: &mut dyn Write) -> io::Result<()> {
    let Some(statements) = row.cells.get(&a) else {
        return writeln!(out, "<td></td>");
    };
    let marks = &page.marks;
    let worst = statements.iter().map(|s| marks.standing(s)).max();
    write!(
        out,
        "<td class=\"{}\">",
        worst.unwrap_or(Standing::Compared).class()
    )?;
    for s in statements {
        statement(page.outcome, marks, s, out)?;
    }
    writeln!(out, "</td>")
}

/// One statement in its cell: its marks, its reading, its qualifiers, where it is, and its
/// sentence with the value marked (shown when the row is open, and in print).
fn statement(
    outcome: &Outcome,
    marks: &Marks,
    s: &Statement,
    out: &mut dyn Write,
) -> io::Result<()> {
    let standing = marks.standing(s);
    write!(out, "<div class=\"st {}\">", standing.class())?;
    let involved = marks.of(s);
    for (f, i) in involved {
        badge(f, i, out)?;
    }
    if let Some(reason) = marks.set_aside.get(&id(s)) {
        write!(
            out,
            "<p class=\"badge aside\"><span aria-hidden=\"true\">{}</span> {NOT_COMPARED}: {}</p>",
            Standing::SetAside.symbol(),
            Esc(reason)
        )?;
    }
    write!(out, "<p class=\"value\">{}", Esc(&s.value.to_string()))?;
    for converted in involved
        .iter()
        .filter_map(|(f, i)| phrases::converted(f, i))
    {
        write!(out, " {}", Esc(&converted))?;
    }
    write!(out, "</p>")?;
    let mut spans = vec![s.span];
    for (text, span) in involved
        .iter()
        .filter_map(|(f, i)| phrases::paired_label(f, i))
    {
        write!(out, "<p class=\"paired\">{}</p>", Esc(&text))?;
        spans.push(span);
    }
    let q = s.qualifiers.phrases();
    write!(out, "<dl class=\"q\">")?;
    if let Some(frame) = &q.frame {
        write!(out, "<dt>Time frame</dt><dd>{}</dd>", Esc(frame))?;
    }
    write!(out, "<dt>Reference date</dt><dd>{}</dd>", Esc(&q.as_of))?;
    if let Some(attribution) = &q.attribution {
        write!(out, "<dt>Attribution</dt><dd>{}</dd>", Esc(attribution))?;
    }
    write!(
        out,
        "</dl><p class=\"where\">{}</p><blockquote class=\"sentence\">",
        Esc(&Place::statement(&outcome.articles, s).to_string())
    )?;
    spans.sort_unstable();
    sentence(s, &spans, out)?;
    write!(out, "</blockquote></div>")
}

/// The mark of a statement in one finding: symbol, words and severity.
fn badge(finding: &Finding, involved: &Involved, out: &mut dyn Write) -> io::Result<()> {
    let standing = Standing::of(finding, involved);
    let mut words: Vec<String> = Vec::new();
    match (standing, &finding.consensus) {
        (Standing::Split, _) if finding.split => words.push(format!(
            "split: {}",
            phrases::side_standing(&[involved.side])
        )),
        (Standing::Split, _) => words.push(split()),
        (Standing::Agrees | Standing::Dissents, Some(c)) => words.push(format!(
            "{} ({} of {})",
            phrases::standing(usize::from(involved.agrees), 1),
            c.articles,
            c.of
        )),
        _ => {}
    }
    words.extend(phrases::kind(finding.kind).map(str::to_owned));
    write!(
        out,
        "<p class=\"badge {}\"><span aria-hidden=\"true\">{}</span> {}",
        standing.class(),
        standing.symbol(),
        Esc(&words.join(", "))
    )?;
    // As in every format, only what needs correcting carries the finding's severity.
    if let Some(severity) = super::lower::correction(finding, involved) {
        write!(out, " {}", severity_badge(severity, severity.name()))?;
    }
    write!(out, "</p>")
}

/// The sentence of `s`, with the sorted `spans` (file offsets) in it marked.
fn sentence(s: &Statement, spans: &[(usize, usize)], out: &mut dyn Write) -> io::Result<()> {
    let mut at = s.sentence.0;
    for &(start, end) in spans {
        if let (Some(before), Some(marked)) = (s.excerpt((at, start)), s.excerpt((start, end))) {
            write!(out, "{}<mark>{}</mark>", Esc(before), Esc(marked))?;
            at = end;
        }
    }
    write!(
        out,
        "{}",
        Esc(s.excerpt((at, s.sentence.1)).unwrap_or_default())
    )
}

/// The statements not compared, by reason.
fn not_compared(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    if outcome.set_aside.is_empty() {
        return Ok(());
    }
    let mut by_reason: BTreeMap<&str, Vec<&SetAside>> = BTreeMap::new();
    for a in &outcome.set_aside {
        by_reason.entry(&a.reason).or_default().push(a);
    }
    writeln!(
        out,
        "<section id=\"not-compared\" aria-labelledby=\"not-compared-title\">\n\
         <h2 id=\"not-compared-title\">Statements not compared</h2>"
    )?;
    for (reason, set_aside) in by_reason {
        writeln!(
            out,
            "<details><summary>{}: {}</summary>\n<ul>",
            plural(set_aside.len(), "statement", "statements"),
            Esc(reason)
        )?;
        for a in set_aside {
            let s = &a.statement;
            writeln!(
                out,
                "<li><code>{}</code> {} <q>{}</q></li>",
                Esc(&Place::statement(&outcome.articles, s).to_string()),
                Esc(&outcome.rules[s.rule].id),
                Esc(&s.quote)
            )?;
        }
        writeln!(out, "</ul></details>")?;
    }
    writeln!(out, "</section>")
}

/// What could not be read or applied, and what the gate left out.
fn notes(page: &Page, out: &mut dyn Write) -> io::Result<()> {
    if page.notes.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"notes\" aria-labelledby=\"notes-title\">\n\
         <h2 id=\"notes-title\">Notes: what could not be read or applied</h2>\n<ul class=\"notes\">"
    )?;
    for note in &page.notes {
        write!(
            out,
            "<li>{} <code>{}</code> {} <code>{}</code>",
            severity_badge(note.severity, note.severity.name()),
            Esc(&note.place()),
            Esc(&note.message),
            Esc(&note.code)
        )?;
        if let Some(help) = &note.help {
            write!(out, " <span class=\"help\">{}</span>", Esc(help))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>\n</section>")
}

/// The data the script reads: each column's source and path, and how many columns the
/// table shows when the page opens.
#[derive(Serialize)]
struct Data<'a> {
    columns: Vec<Column<'a>>,
    shown: usize,
}

/// An article's column, as the source filter matches it.
#[derive(Serialize)]
struct Column<'a> {
    source: &'a str,
    path: &'a str,
}

/// A column the table leaves out when the page opens: the markup of its head and of its
/// cell in each row.
#[derive(Serialize)]
struct Deferred {
    head: String,
    cells: Vec<String>,
}

/// The data the script reads, as JSON safe inside a `<script>` element.
fn data(page: &Page) -> io::Result<String> {
    let outcome = page.outcome;
    script_json(&Data {
        columns: page
            .columns
            .iter()
            .map(|&a| Column {
                source: source(outcome, a),
                path: &outcome.articles[a].path,
            })
            .collect(),
        shown: page.shown().len(),
    })
}

/// The columns the table leaves out when the page opens, for the script to add.
fn deferred(page: &Page) -> io::Result<String> {
    let mut columns = Vec::with_capacity(page.deferred().len());
    for &a in page.deferred() {
        let mut head = Vec::new();
        column_head(page, a, &mut head)?;
        let cells = page
            .rows
            .iter()
            .map(|row| {
                let mut cell_html = Vec::new();
                cell(page, row, a, &mut cell_html)?;
                Ok(String::from_utf8_lossy(&cell_html).into_owned())
            })
            .collect::<io::Result<Vec<String>>>()?;
        columns.push(Deferred {
            head: String::from_utf8_lossy(&head).into_owned(),
            cells,
        });
    }
    script_json(&columns)
}

/// `value` as JSON that can neither end its `<script>` element nor open a comment in it:
/// every `<` (in a string, the only place JSON has one) written `\u003c`.
fn script_json(value: &impl Serialize) -> io::Result<String> {
    Ok(serde_json::to_string(value)?.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc("<script>alert(1)</script> & \"a\" 'b'").to_string(),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;a&quot; &#39;b&#39;"
        );
        assert_eq!(Esc("plain").to_string(), "plain");
    }

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b""), "");
        // The CSP hash of "" is the SHA-256 of nothing.
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
