//! The `check` pipeline: articles and rules in, statements, then findings.
//!
//! The configuration's settings (disabled rules, severities, ignores) and the inline
//! ignores apply here, before comparison; a baseline and a list of changed articles then
//! decide which findings are reported ([`crate::gate`]). Rendering is [`crate::report`]'s.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::article::{self, Article, InputError};
use crate::compare::{self, SetAside};
use crate::config::Settings;
use crate::ignore::{self, IgnoreError, Marker, Unused};
use crate::outcome::{Found, Hidden, Outcome};
use crate::problem::Problem;
use crate::rules::{self, Rule, RuleError};
use crate::statement::{self, Matcher, Mention, Shared, Statement};

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
    /// Told of each article as its statements are found, for a progress display.
    pub progress: Option<Progress>,
}

/// A callback told `(articles done, articles in all)` as each article's statements are
/// found; the library never draws anything itself.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// Reads the articles and rules, finds statements, compares them, and keeps the findings
/// to report.
pub fn check(options: &CheckOptions) -> Outcome {
    let found = find(
        || article::walk(&options.paths),
        || rules::load(&options.rules),
        &options.settings,
        options.progress.as_ref(),
    );
    let mut outcome = reduce(found, &options.settings);
    crate::gate::gate(
        &mut outcome,
        options.baseline.as_deref(),
        options.changed.as_deref(),
    );
    outcome
}

/// Loads the rules (`load_rules`) while `walk` lists the articles, then reads each article,
/// finds its statements, sets aside those an inline ignore covers and lets its text go:
/// the map stage, which alone reads article text. Memory grows with the statements, not
/// with the articles' text. With no rules at all (`extract` without `--rules`), inline
/// ignores are not judged: a marker's rule ids cannot be checked against nothing.
pub fn find(
    walk: impl FnOnce() -> article::Walked + Send,
    load_rules: impl FnOnce() -> rules::Loaded + Send,
    settings: &Settings,
    progress: Option<&Progress>,
) -> Found {
    // The grammar's regexes compile and the articles are listed while the rules load.
    let ((loaded_rules, ()), walked) =
        rayon::join(|| rayon::join(load_rules, crate::grammar::prepare), walk);
    let asked = !loaded_rules.rules.is_empty() || !loaded_rules.errors.is_empty();
    let digest = crate::fingerprint::digest(&loaded_rules.rules);
    let mut problems: Vec<Problem> = loaded_rules.errors.into_iter().map(Problem::from).collect();
    let unknown_rules = settings.unknown_rules(&loaded_rules.rules);
    let rules: Vec<Rule> = loaded_rules
        .rules
        .into_iter()
        .filter(|r| !settings.disable.contains(&r.id))
        .collect();
    let matcher = match Matcher::new(&rules) {
        Ok(matcher) => Some(matcher),
        Err(e) => {
            problems.push(Problem::Rule(RuleError::Unreadable {
                path: "(subject terms)".to_owned(),
                error: std::io::Error::other(e),
            }));
            None
        }
    };
    let done = AtomicUsize::new(0);
    let total = walked.entries.len();
    let mut input_errors = walked.errors;
    let mut found = Found {
        articles: Vec::new(),
        canonical: Vec::new(),
        rules: Vec::new(),
        digest,
        statements: Vec::new(),
        ignored: Vec::new(),
        unread: Vec::new(),
        unused: Vec::new(),
        problems: Vec::new(),
    };
    let mut marker_problems = Vec::new();
    // A chunk of articles at a time on every thread, kept in path order.
    for chunk in walked.entries.chunks(CHUNK) {
        let scanned: Vec<Result<Scanned, InputError>> = chunk
            .par_iter()
            .map(|entry| {
                let scanned = entry
                    .read()
                    .map(|article| scan(article, &rules, matcher.as_ref(), settings));
                if let Some(Progress(tell)) = progress {
                    tell(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                }
                scanned
            })
            .collect();
        for (result, entry) in scanned.into_iter().zip(chunk) {
            let mut one = match result {
                Ok(one) => one,
                Err(e) => {
                    input_errors.push(e);
                    continue;
                }
            };
            let index = found.articles.len();
            for s in &mut one.statements {
                s.article = index;
            }
            for m in &mut one.unread {
                m.article = index;
            }
            found.articles.push(one.article);
            // The walk resolved every link already.
            found.canonical.push(Some(entry.identity.clone()));
            // Shared from here on: the outcome, its findings and what is set aside hold the
            // one copy.
            found
                .statements
                .extend(one.statements.drain(..).map(Shared::new));
            found.ignored.append(&mut one.ignored);
            found.unread.append(&mut one.unread);
            found.unused.append(&mut one.unused);
            marker_problems.append(&mut one.problems);
        }
    }
    input_errors.sort_by(|a, b| a.path().cmp(b.path()));
    problems.extend(input_errors.into_iter().map(Problem::from));
    problems.extend(unknown_rules.into_iter().map(Problem::from));
    // Without rules (extract alone) a marker's ids cannot be checked: nothing to say.
    if asked {
        problems.append(&mut marker_problems);
    }
    found.rules = rules;
    found.problems = problems;
    found
}

/// How many articles the map stage reads between two merges of what it found.
const CHUNK: usize = 1024;

/// What the map stage keeps of one article: everything but its text.
struct Scanned {
    article: Article,
    statements: Vec<Statement>,
    ignored: Vec<Option<String>>,
    unread: Vec<Mention>,
    unused: Vec<Unused>,
    problems: Vec<Problem>,
}

/// Finds one article's statements and applies its inline ignores; its text is let go.
fn scan(
    article: Article,
    rules: &[Rule],
    matcher: Option<&Matcher>,
    settings: &Settings,
) -> Scanned {
    let markers = ignore::markers(&article);
    let (mut statements, unread) = match matcher {
        Some(matcher) => {
            let masked = ignore::masked(&article, &markers);
            statement::find_all(0, &masked, rules, matcher)
        }
        None => (Vec::new(), Vec::new()),
    };
    for s in &mut statements {
        s.sentence_text = article.text[s.sentence.0..s.sentence.1].to_owned();
    }
    // Most articles hold a statement or two: no room kept for more.
    statements.shrink_to_fit();
    let mut problems = Vec::new();
    let mut markers = checked_markers(&article, rules, markers, settings, &mut problems);
    let ignored = statements
        .iter()
        .map(|s| inline_reason(&mut markers, rules, s))
        .collect();
    let unused = unused_markers(&article, &markers, rules);
    Scanned {
        article: Article {
            text: String::new(),
            ..article
        },
        statements,
        ignored,
        unread,
        unused,
        problems,
    }
}

/// Applies the configuration's ignores and scopes to what [`find`] found, compares the
/// statements and sets the configured severities: the reduce stage.
pub fn reduce(found: Found, settings: &Settings) -> Outcome {
    let Found {
        mut articles,
        canonical,
        rules,
        statements,
        ignored,
        unread,
        mut unused,
        problems,
        ..
    } = found;
    let mut configured = Configured::new(&canonical, settings);
    let mut compared = Vec::new();
    let mut set_aside = Vec::new();
    for (s, inline) in statements.iter().zip(ignored) {
        match inline.or_else(|| configured.reason(s, &rules)) {
            Some(reason) => set_aside.push(SetAside {
                statement: s.clone(),
                cause: compare::Cause::Ignored,
                reason,
            }),
            None => compared.push(s.clone()),
        }
    }
    unused.extend(configured.unused(&rules));
    if !matches!(settings.scopes, crate::config::Scopes::Manifests) {
        for (a, path) in articles.iter_mut().zip(&canonical) {
            let path = path.clone().unwrap_or_else(|| PathBuf::from(&a.path));
            a.scope = settings.scopes.of(a.scope.take(), &path);
        }
    }
    let scopes: Vec<Option<&str>> = articles.iter().map(|a| a.scope.as_deref()).collect();
    let scope_count = scopes.iter().collect::<BTreeSet<_>>().len();
    let mut comparison = compare::compare(&rules, compared, &scopes);
    for f in &mut comparison.findings {
        if let Some(&severity) = settings.severity.get(&rules[f.rule].id) {
            f.severity = severity;
        }
        crate::fingerprint::stamp(f, &rules, &articles);
    }
    set_aside.append(&mut comparison.set_aside);
    set_aside.sort_by_key(|a| (a.statement.rule, a.statement.article, a.statement.span));
    Outcome {
        articles,
        rules,
        statements,
        scopes: scope_count,
        findings: comparison.findings,
        set_aside,
        unread,
        unused,
        hidden: Hidden::default(),
        problems,
    }
}

/// An article's well-formed markers, each with a use flag per rule it names; malformed
/// ones and ids that name no rule are reported.
fn checked_markers(
    article: &Article,
    rules: &[Rule],
    markers: Vec<Marker>,
    settings: &Settings,
    problems: &mut Vec<Problem>,
) -> Vec<(Marker, Vec<bool>)> {
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
                    help: rules::unknown_rule_help(rules, id),
                    src: src(),
                    span: (span.0, span.1 - span.0).into(),
                }));
            }
        }
        let used = vec![false; m.rules.len()];
        ok.push((m, used));
    }
    ok
}

/// Why `s` is not compared, if one of its article's markers covers it.
fn inline_reason(
    markers: &mut [(Marker, Vec<bool>)],
    rules: &[Rule],
    s: &Statement,
) -> Option<String> {
    let id = &rules[s.rule].id;
    let at = s.span.0;
    for (m, used) in markers {
        let named = m.rules.iter().position(|(r, _)| r == id);
        if let Some(n) = named.filter(|_| m.covers.0 <= at && at < m.covers.1) {
            used[n] = true;
            return Some(format!("reviewed (crosscheck-ignore): {}", m.reason));
        }
    }
    None
}

/// An article's markers that covered no statement of their rule.
fn unused_markers(
    article: &Article,
    markers: &[(Marker, Vec<bool>)],
    rules: &[Rule],
) -> Vec<Unused> {
    let mut out = Vec::new();
    for (m, used) in markers {
        let unused = m.rules.iter().zip(used).filter(|(_, used)| !**used);
        for ((id, _), _) in unused.filter(|((id, _), _)| is_applied(rules, id)) {
            out.push(Unused {
                path: article.path.clone(),
                rule: id.clone(),
                src: crate::text::source(&article.path, &article.text),
                span: (m.span.0, m.span.1 - m.span.0).into(),
            });
        }
    }
    out
}

/// The configuration's ignores, the articles each covers, and whether each covered anything.
struct Configured<'a> {
    /// Per article, the entries that cover it.
    covering: Vec<Vec<usize>>,
    used: Vec<bool>,
    settings: &'a Settings,
}

impl<'a> Configured<'a> {
    /// Matches every entry against the articles' `canonical` paths.
    fn new(canonical: &[Option<PathBuf>], settings: &'a Settings) -> Configured<'a> {
        let covering = if settings.ignore.is_empty() {
            vec![Vec::new(); canonical.len()]
        } else {
            canonical
                .par_iter()
                .map(|path| {
                    let path = path.clone().unwrap_or_default();
                    (0..settings.ignore.len())
                        .filter(|&n| settings.ignore[n].covers(&path))
                        .collect()
                })
                .collect()
        };
        Configured {
            covering,
            used: vec![false; settings.ignore.len()],
            settings,
        }
    }

    /// Why `s` is not compared, if an entry covers it.
    fn reason(&mut self, s: &Statement, rules: &[Rule]) -> Option<String> {
        let id = &rules[s.rule].id;
        for &n in self.covering.get(s.article)? {
            let entry = &self.settings.ignore[n];
            if &entry.rule == id {
                self.used[n] = true;
                return Some(format!(
                    "reviewed (ignore in configuration): {}",
                    entry.reason
                ));
            }
        }
        None
    }

    /// The entries that covered no statement of their rule.
    fn unused(&self, rules: &[Rule]) -> Vec<Unused> {
        let mut out = Vec::new();
        if let Some((path, text)) = self.settings.source() {
            for (entry, used) in self.settings.ignore.iter().zip(&self.used) {
                if !used && is_applied(rules, &entry.rule) {
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
}

/// True when `id` is a rule of this run (not disabled, not unknown).
fn is_applied(rules: &[Rule], id: &str) -> bool {
    rules.iter().any(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_map_stage_keeps_no_article_text_only_each_statements_sentence() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let outcome = check(&CheckOptions {
            paths: vec![root.join("fixtures/meetings")],
            ..CheckOptions::default()
        });
        assert!(!outcome.statements.is_empty());
        assert!(outcome
            .articles
            .iter()
            .all(|a| a.text.is_empty() && a.bytes > 0));
        for s in &outcome.statements {
            let file = std::fs::read_to_string(&outcome.articles[s.article].path).unwrap();
            assert_eq!(s.sentence_text, file[s.sentence.0..s.sentence.1]);
            assert_eq!(s.excerpt(s.span), Some(s.quote.as_str()));
        }
    }

    #[test]
    fn progress_is_told_of_every_article_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let told = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = Arc::clone(&told);
        let options = CheckOptions {
            paths: vec![root.join("fixtures/meetings")],
            progress: Some(Progress(Arc::new(move |done, total| {
                seen.lock().expect("not poisoned").push((done, total));
            }))),
            ..CheckOptions::default()
        };
        let outcome = check(&options);
        let mut told = told.lock().expect("not poisoned").clone();
        told.sort();
        let n = outcome.articles.len();
        assert_eq!(n, 5);
        assert_eq!(told, (1..=n).map(|done| (done, n)).collect::<Vec<_>>());
    }
}
