//! What a run hands from stage to stage: [`Found`] (the map step's statements, before
//! comparison), and [`Outcome`] (findings, what was set aside, what the gate hid, the
//! problems), which the renderers of [`crate::report`] read and never change; and what the
//! rule authors' tools ([`crate::authoring`]) found, which the renderers read too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::baseline;
use crate::compare::{self, Finding, SetAside};
pub use crate::ignore::Unused;
use crate::problem::Problem;
use crate::rules::Rule;
use crate::statement::{Mention, Shared, Statement};

/// The map stage of a run: the rules loaded, every article's statements found and its
/// inline ignores applied; the articles' texts are let go (reports read a file again for
/// its snippets, see [`Article::reread`]). Everything after this point ([`crate::reduce`])
/// needs no article text, so a `Found` can be written per shard and reduced on
/// another machine (see [`crate::shard`]).
#[derive(Debug)]
pub struct Found {
    /// The articles read, in path order.
    pub articles: Vec<Article>,
    /// Each article's canonical path (every link resolved), when it exists.
    pub canonical: Vec<Option<PathBuf>>,
    /// The rules applied (disabled ones left out).
    pub rules: Vec<Rule>,
    /// The digest of the rules as loaded, before any was disabled (see
    /// [`crate::fingerprint::digest`]).
    pub digest: String,
    /// Every statement found, by article and position.
    pub statements: Vec<Shared>,
    /// For each statement, why an inline ignore sets it aside.
    pub ignored: Vec<Option<String>>,
    /// Values a rule's pattern caught that the grammar could not read.
    pub unread: Vec<Mention>,
    /// Inline ignores that covered no statement.
    pub unused: Vec<Unused>,
    /// What could not be read, in the order a report lists it.
    pub problems: Vec<Problem>,
}

/// The result of a check.
#[derive(Debug)]
pub struct Outcome {
    /// The articles read, in path order.
    pub articles: Vec<Article>,
    /// The rules applied.
    pub rules: Vec<Rule>,
    /// Every statement found, by rule, article and position (shared with the findings).
    pub statements: Vec<Shared>,
    /// How many comparison scopes the articles form (see [`Article::scope`]).
    pub scopes: usize,
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

    /// The statements set aside, counted by cause.
    pub fn not_compared(&self) -> BTreeMap<compare::Cause, usize> {
        let mut counts = BTreeMap::new();
        for a in &self.set_aside {
            *counts.entry(a.cause).or_default() += 1;
        }
        counts
    }
}

/// Article texts for snippets, read again on demand (see [`Article::reread`]).
pub struct Texts<'a> {
    articles: &'a [Article],
    /// Per article, the pieces of it a report holds: its statements' sentences and the
    /// values the grammar could not read.
    known: Vec<Vec<(usize, &'a str)>>,
}

impl<'a> Texts<'a> {
    /// The texts of `articles`, with the pieces `statements` and `unread` hold.
    pub fn new(
        articles: &'a [Article],
        statements: impl IntoIterator<Item = &'a Statement>,
        unread: &'a [Mention],
    ) -> Texts<'a> {
        let mut known = vec![Vec::new(); articles.len()];
        for s in statements {
            known[s.article].push((s.sentence.0, s.sentence_text.as_str()));
        }
        for m in unread {
            known[m.article].push((m.span.0, m.quote.as_str()));
        }
        Texts { articles, known }
    }

    /// The texts of an outcome's articles.
    pub fn of(outcome: &'a Outcome) -> Texts<'a> {
        let statements = outcome.statements.iter().map(|s| &**s);
        Texts::new(&outcome.articles, statements, &outcome.unread)
    }

    /// The text of article `a`.
    pub fn get(&self, a: usize) -> String {
        self.articles[a].reread(self.known[a].iter().copied())
    }
}

/// A path made absolute with every link resolved, when it exists.
pub(crate) fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// What one example of a rule read, when it did not read what it expects.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Index of the example in the rule's list (0-based).
    pub example: usize,
    /// The line and column (1-based) of the example's text in the rule file.
    pub at: (usize, usize),
    /// The example's text.
    pub text: String,
    /// What the example expects, one line per statement.
    pub expected: Vec<String>,
    /// What the rule read, one line per statement.
    pub read: Vec<String>,
}

/// The outcome of one rule's examples.
#[derive(Debug, Clone)]
pub struct RuleOutcome {
    /// The rule's id.
    pub id: String,
    /// The rule's file.
    pub file: String,
    /// How many examples it has.
    pub examples: usize,
    /// The examples that failed.
    pub failures: Vec<Failure>,
}

impl RuleOutcome {
    /// True when every example read what it expects.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// A rule that loads but is probably not what its author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The rule's id.
    pub rule: String,
    /// The rule's file.
    pub file: String,
    /// The line and column (1-based) of what the warning is about in the file: the value
    /// named, else the rule's `id:`.
    pub at: (usize, usize),
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, col) = self.at;
        write!(
            f,
            "{}:{line}:{col}: rule `{}`: {}",
            self.file, self.rule, self.message
        )
    }
}

/// What one phrase or pattern of a rule runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled<'r> {
    /// The rule's id.
    pub rule: &'r str,
    /// The rule's file.
    pub file: &'r str,
    /// The line and column (1-based) of the phrase or pattern in the file.
    pub at: (usize, usize),
    /// True for a phrase, false for a regex pattern.
    pub phrase: bool,
    /// As written.
    pub source: &'r str,
    /// The regex the engine compiles, with its placeholder as written.
    pub runs: &'r str,
}

impl std::fmt::Display for Compiled<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, col) = self.at;
        let what = if self.phrase { "phrase" } else { "pattern" };
        write!(
            f,
            "{}:{line}:{col}: rule `{}`: {what} `{}` runs as `{}`",
            self.file, self.rule, self.source, self.runs
        )
    }
}
