//! The `check` pipeline: articles and rules in, statements, then findings.
//!
//! The configuration's settings (disabled rules, severities, ignores) and the inline
//! ignores apply here, before comparison; a baseline and a list of changed articles then
//! decide which findings are reported. Rendering is [`crate::report`]'s.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use rayon::prelude::*;

use crate::article::{self, Article, InputError};
use crate::baseline::{self, BaselineError};
use crate::compare::{self, Finding, SetAside};
use crate::config::{ConfigError, Settings};
use crate::ignore::{self, IgnoreError, Marker, Unused};
use crate::rules::{self, Rule, RuleError};
use crate::statement::{self, Matcher, Mention, Statement};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Article files and folders.
    pub paths: Vec<PathBuf>,
    /// Rule files and folders; empty means the shipped rules.
    pub rules: Vec<PathBuf>,
    /// Severities, disabled rules and ignores from the configuration.
    pub settings: Settings,
    /// A baseline whose findings are not reported.
    pub baseline: Option<PathBuf>,
    /// When given, only findings that involve one of these articles are reported.
    pub changed: Option<Vec<PathBuf>>,
}

/// Something that could not be read or applied; the rest was still checked.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum Problem {
    /// An article, folder or manifest.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(#[from] InputError),
    /// A rule file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Rule(#[from] RuleError),
    /// The configuration.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
    /// An inline ignore.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Ignore(#[from] IgnoreError),
    /// The baseline.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Baseline(#[from] BaselineError),
}

impl Problem {
    /// True for a problem that is only a warning (a link to a folder already read): it is
    /// reported, and does not fail the run.
    pub fn is_warning(&self) -> bool {
        matches!(
            Diagnostic::severity(self),
            Some(miette::Severity::Warning | miette::Severity::Advice)
        )
    }

    /// The file the problem is about.
    pub fn path(&self) -> &str {
        match self {
            Problem::Input(e) => e.path(),
            Problem::Rule(e) => e.path(),
            Problem::Config(e) => e.path(),
            Problem::Ignore(e) => e.path(),
            Problem::Baseline(e) => e.path(),
        }
    }
}

/// The result of a check.
#[derive(Debug)]
pub struct Outcome {
    /// The articles read, in path order.
    pub articles: Vec<Article>,
    /// The rules applied.
    pub rules: Vec<Rule>,
    /// Every statement found, by rule, article and position.
    pub statements: Vec<Statement>,
    /// Findings reported, by rule, key and first statement.
    pub findings: Vec<Finding>,
    /// Statements that could not be compared, and why.
    pub set_aside: Vec<SetAside>,
    /// Values a rule's pattern caught that the grammar could not read.
    pub unread: Vec<Mention>,
    /// Ignores that covered no statement.
    pub unused: Vec<Unused>,
    /// Findings not reported because of a baseline or a list of changed articles.
    pub hidden: Hidden,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

/// What a baseline and a list of changed articles kept out of a report.
#[derive(Debug, Default)]
pub struct Hidden {
    /// The baseline applied, as shown in messages.
    pub baseline: Option<String>,
    /// Findings the baseline holds.
    pub known: usize,
    /// Baseline entries that no finding matched any more.
    pub stale: Vec<baseline::Entry>,
    /// Findings that involve none of the changed articles.
    pub unchanged: usize,
    /// Changed article files that are not articles of the set, so were not checked (a
    /// folder's manifest does not list them, or they lie outside the paths checked).
    pub not_checked: Vec<String>,
}

impl Outcome {
    /// True when `path` is one of the articles checked, however it is named.
    pub fn is_article(&self, path: &Path) -> bool {
        let Some(target) = canonical(path) else {
            // It does not exist, so it is no article.
            return false;
        };
        self.articles
            .iter()
            .any(|a| canonical(Path::new(&a.path)).is_some_and(|p| p == target))
    }

    /// How many comparison scopes the articles form (see [`Article::scope`]).
    pub fn scopes(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.scope.as_deref())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The statements set aside, counted by cause.
    pub fn not_compared(&self) -> BTreeMap<compare::Cause, usize> {
        let mut counts = BTreeMap::new();
        for a in &self.set_aside {
            *counts.entry(a.cause).or_default() += 1;
        }
        counts
    }

    /// The fingerprint of one of this outcome's findings (see [`crate::fingerprint`]).
    pub fn fingerprint(&self, finding: &Finding) -> String {
        crate::fingerprint::fingerprint(finding, &self.rules, &self.articles)
    }
}

/// Reads the articles and rules, finds statements, compares them, and keeps the findings
/// to report.
pub fn check(options: &CheckOptions) -> Outcome {
    let loaded = article::load(&options.paths);
    let problems = loaded.errors.into_iter().map(Problem::from).collect();
    let mut outcome = run(
        loaded.articles,
        problems,
        &options.rules,
        true,
        &options.settings,
    );
    if let Some(path) = &options.baseline {
        match baseline::read(path) {
            Ok(b) => hide_known(&mut outcome, &b, article::display(path)),
            Err(e) => outcome.problems.push(e.into()),
        }
    }
    if let Some(changed) = &options.changed {
        keep_changed(&mut outcome, changed);
    }
    outcome
}

/// Takes what a baseline accepted out of the report: a finding it holds, and each
/// dissenting statement it holds (by [`crate::fingerprint::dissent`]), so that a finding
/// with an accepted dissent and a new one reports the new one only.
fn hide_known(outcome: &mut Outcome, baseline: &baseline::Baseline, shown: String) {
    use crate::fingerprint::{dissent, identifying};
    let known: BTreeSet<&str> = baseline
        .findings
        .iter()
        .map(|e| e.fingerprint.as_str())
        .collect();
    let entry_dissents = |e: &baseline::Entry| -> Vec<String> {
        e.statements
            .iter()
            .map(|q| dissent(&e.rule, &e.key, &q.path, &q.quote))
            .collect()
    };
    let accepted: BTreeSet<String> = baseline.findings.iter().flat_map(entry_dissents).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut used_findings: BTreeSet<String> = BTreeSet::new();
    let findings = std::mem::take(&mut outcome.findings);
    let mut kept = Vec::with_capacity(findings.len());
    let before = findings.len();
    for mut f in findings {
        let fingerprint = outcome.fingerprint(&f);
        let rule = &outcome.rules[f.rule].id;
        let of = |i: &compare::Involved| {
            let path = &outcome.articles[i.statement.article].path;
            dissent(rule, &f.key, path, &i.statement.quote)
        };
        let dissents: Vec<String> = identifying(&f).map(of).collect();
        if known.contains(fingerprint.as_str()) {
            used_findings.insert(fingerprint);
            used.extend(dissents);
            continue;
        }
        let (old, new): (Vec<&String>, Vec<&String>) =
            dissents.iter().partition(|d| accepted.contains(*d));
        if old.is_empty() {
            kept.push(f);
            continue;
        }
        used.extend(old.into_iter().cloned());
        if new.is_empty() {
            continue;
        }
        // Report the new dissent only: the accepted statements leave the finding.
        let accepted_here: BTreeSet<String> = dissents
            .iter()
            .filter(|d| accepted.contains(*d))
            .cloned()
            .collect();
        let identifying_now: Vec<bool> = {
            let ids: BTreeSet<*const compare::Involved> =
                identifying(&f).map(|i| i as *const _).collect();
            f.statements
                .iter()
                .map(|i| ids.contains(&(i as *const _)))
                .collect()
        };
        let mut flags = identifying_now.into_iter();
        f.statements.retain(|i| {
            let identifies = flags.next().unwrap_or(false);
            !(identifies && accepted_here.contains(&of(i)))
        });
        kept.push(f);
    }
    outcome.findings = kept;
    outcome.hidden.known = before - outcome.findings.len();
    outcome.hidden.stale = baseline
        .findings
        .iter()
        .filter(|e| {
            !used_findings.contains(&e.fingerprint)
                && !entry_dissents(e).iter().any(|d| used.contains(d))
        })
        .cloned()
        .collect();
    outcome.hidden.baseline = Some(shown);
}

/// Keeps the findings that involve one of the `given` changed articles: a statement that
/// disagrees is in one of them (see [`crate::fingerprint::identifying`]). Paths that are
/// not articles of the set, such as deleted files, are passed over; article files among
/// them are listed as not checked.
fn keep_changed(outcome: &mut Outcome, given: &[PathBuf]) {
    let changed: BTreeSet<PathBuf> = given.iter().filter_map(|p| canonical(p)).collect();
    let articles: Vec<Option<PathBuf>> = outcome
        .articles
        .iter()
        .map(|a| canonical(Path::new(&a.path)))
        .collect();
    let involved: Vec<bool> = articles
        .iter()
        .map(|a| a.as_ref().is_some_and(|p| changed.contains(p)))
        .collect();
    outcome.hidden.not_checked = given
        .iter()
        .filter(|p| p.is_file() && article::is_article_file(p))
        .filter(|p| canonical(p).is_some_and(|c| !articles.contains(&Some(c))))
        .map(|p| article::display(p))
        .collect();
    let before = outcome.findings.len();
    outcome
        .findings
        .retain(|f| crate::fingerprint::identifying(f).any(|i| involved[i.statement.article]));
    outcome.hidden.unchanged = before - outcome.findings.len();
}

/// A path made absolute with every link resolved, when it exists.
fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Applies the rules under `rule_paths` (the shipped ones when empty and `shipped` is set)
/// to articles already loaded, with `settings` from a configuration.
pub(crate) fn run(
    articles: Vec<Article>,
    mut problems: Vec<Problem>,
    rule_paths: &[PathBuf],
    shipped: bool,
    settings: &Settings,
) -> Outcome {
    // extract without --rules asks for no rules, so its configuration names none either.
    let asked = !rule_paths.is_empty() || shipped;
    // The grammar's regexes compile on the other threads while the rules load.
    let (loaded_rules, ()) = rayon::join(
        || {
            if asked {
                rules::load(rule_paths)
            } else {
                rules::Loaded::default()
            }
        },
        crate::grammar::prepare,
    );
    let mut rule_problems: Vec<Problem> =
        loaded_rules.errors.into_iter().map(Problem::from).collect();
    rule_problems.append(&mut problems);
    let mut problems = rule_problems;
    if asked {
        problems.extend(
            settings
                .unknown_rules(&loaded_rules.rules)
                .into_iter()
                .map(Problem::from),
        );
    }
    let rules: Vec<Rule> = loaded_rules
        .rules
        .into_iter()
        .filter(|r| !settings.disable.contains(&r.id))
        .collect();
    let (statements, unread, markers) = match Matcher::new(&rules) {
        Ok(matcher) => {
            let found: Vec<_> = articles
                .par_iter()
                .enumerate()
                .map(|(i, a)| {
                    let markers = ignore::markers(a);
                    let masked = ignore::masked(a, &markers);
                    let (statements, unread) = statement::find_all(i, &masked, &rules, &matcher);
                    (statements, unread, markers)
                })
                .collect();
            let mut all = (Vec::new(), Vec::new(), Vec::new());
            for (statements, unread, markers) in found {
                all.0.extend(statements);
                all.1.extend(unread);
                all.2.push(markers);
            }
            all
        }
        Err(e) => {
            problems.push(Problem::Rule(RuleError::Unreadable {
                path: "(subject terms)".to_owned(),
                reason: e.to_string(),
            }));
            (Vec::new(), Vec::new(), Vec::new())
        }
    };
    let mut ignored = Ignored::new(&articles, &rules, markers, settings, &mut problems);
    let (compared, mut set_aside): (Vec<Statement>, Vec<SetAside>) = {
        let mut compared = Vec::new();
        let mut set_aside = Vec::new();
        for s in &statements {
            match ignored.reason(s) {
                Some(reason) => set_aside.push(SetAside {
                    statement: s.clone(),
                    cause: compare::Cause::Ignored,
                    reason,
                }),
                None => compared.push(s.clone()),
            }
        }
        (compared, set_aside)
    };
    let unused = ignored.unused(&articles);
    let mut articles = articles;
    if !matches!(settings.scopes, crate::config::Scopes::Manifests) {
        for a in &mut articles {
            let path = canonical(Path::new(&a.path)).unwrap_or_else(|| PathBuf::from(&a.path));
            a.scope = settings.scopes.of(a.scope.take(), &path);
        }
    }
    let scopes: Vec<Option<&str>> = articles.iter().map(|a| a.scope.as_deref()).collect();
    let mut comparison = compare::compare(&rules, compared, &scopes);
    for f in &mut comparison.findings {
        if let Some(&severity) = settings.severity.get(&rules[f.rule].id) {
            f.severity = severity;
        }
    }
    set_aside.append(&mut comparison.set_aside);
    set_aside.sort_by_key(|a| (a.statement.rule, a.statement.article, a.statement.span));
    Outcome {
        articles,
        rules,
        statements,
        findings: comparison.findings,
        set_aside,
        unread,
        unused,
        hidden: Hidden::default(),
        problems,
    }
}

/// The help for an id that names no rule: the nearest id, else where ids are.
pub(crate) fn unknown_rule_help(rules: &[Rule], id: &str) -> String {
    match rules::nearest_id(rules, id) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "`crosscheck explain ID` shows a rule; ids are in the rule files".to_owned(),
    }
}

/// The ignores that apply to a run: each article's markers and the configuration's
/// entries, with whether each covered anything.
struct Ignored<'a> {
    /// Per article, its well-formed markers, each with a use flag per rule it names.
    markers: Vec<Vec<(Marker, Vec<bool>)>>,
    /// The configuration's entries that cover each article, with a use flag per entry.
    config: Vec<Vec<usize>>,
    config_used: Vec<bool>,
    rules: &'a [Rule],
    settings: &'a Settings,
}

impl<'a> Ignored<'a> {
    /// Checks every marker, reporting malformed ones and those naming no rule.
    fn new(
        articles: &[Article],
        rules: &'a [Rule],
        markers: Vec<Vec<Marker>>,
        settings: &'a Settings,
        problems: &mut Vec<Problem>,
    ) -> Ignored<'a> {
        let mut kept = Vec::with_capacity(markers.len());
        for (article, markers) in articles.iter().zip(markers) {
            let src = || crate::text::source(&article.path, &article.text);
            let mut ok = Vec::new();
            for m in markers {
                let missing = if m.rules.is_empty() {
                    Some("crosscheck-ignore names no rule")
                } else if m.reason.is_empty() {
                    Some("crosscheck-ignore gives no reason")
                } else {
                    None
                };
                if let Some(message) = missing {
                    problems.push(Problem::Ignore(IgnoreError::Malformed {
                        path: article.path.clone(),
                        message: message.to_owned(),
                        src: src(),
                        span: (m.span.0, m.span.1 - m.span.0).into(),
                    }));
                    continue;
                }
                for (id, span) in &m.rules {
                    if !rules.iter().any(|r| &r.id == id) && !settings.disable.contains(id) {
                        problems.push(Problem::Ignore(IgnoreError::UnknownRule {
                            path: article.path.clone(),
                            rule: id.clone(),
                            help: unknown_rule_help(rules, id),
                            src: src(),
                            span: (span.0, span.1 - span.0).into(),
                        }));
                    }
                }
                let used = vec![false; m.rules.len()];
                ok.push((m, used));
            }
            kept.push(ok);
        }
        let config = if settings.ignore.is_empty() {
            vec![Vec::new(); articles.len()]
        } else {
            articles
                .par_iter()
                .map(|a| {
                    let path = canonical(Path::new(&a.path)).unwrap_or_default();
                    (0..settings.ignore.len())
                        .filter(|&n| settings.ignore[n].covers(&path))
                        .collect()
                })
                .collect()
        };
        Ignored {
            markers: kept,
            config,
            config_used: vec![false; settings.ignore.len()],
            rules,
            settings,
        }
    }

    /// Why `s` is not compared, if an ignore covers it.
    fn reason(&mut self, s: &Statement) -> Option<String> {
        let id = &self.rules[s.rule].id;
        let at = s.span.0;
        for (m, used) in self.markers.get_mut(s.article)? {
            let named = m.rules.iter().position(|(r, _)| r == id);
            if let Some(n) = named.filter(|_| m.covers.0 <= at && at < m.covers.1) {
                used[n] = true;
                return Some(format!("reviewed (crosscheck-ignore): {}", m.reason));
            }
        }
        for &n in &self.config[s.article] {
            let entry = &self.settings.ignore[n];
            if &entry.rule == id {
                self.config_used[n] = true;
                return Some(format!(
                    "reviewed (ignore in configuration): {}",
                    entry.reason
                ));
            }
        }
        None
    }

    /// The ignores that covered no statement of their rule.
    fn unused(&self, articles: &[Article]) -> Vec<Unused> {
        let mut out = Vec::new();
        for (article, markers) in articles.iter().zip(&self.markers) {
            for (m, used) in markers {
                let unused = m.rules.iter().zip(used).filter(|(_, used)| !**used);
                for ((id, _), _) in unused.filter(|((id, _), _)| self.is_applied(id)) {
                    out.push(Unused {
                        path: article.path.clone(),
                        rule: id.clone(),
                        src: crate::text::source(&article.path, &article.text),
                        span: (m.span.0, m.span.1 - m.span.0).into(),
                    });
                }
            }
        }
        if let Some((path, text)) = self.settings.source() {
            for (entry, used) in self.settings.ignore.iter().zip(&self.config_used) {
                if !used && self.is_applied(&entry.rule) {
                    out.push(Unused {
                        path: path.to_owned(),
                        rule: entry.rule.clone(),
                        src: crate::text::source(path, text).with_language("yaml"),
                        span: entry.span,
                    });
                }
            }
        }
        out
    }

    /// True when `id` is a rule of this run (not disabled, not unknown).
    fn is_applied(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r.id == id)
    }
}
