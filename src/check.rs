//! The `check` pipeline: articles and rules in, statements, then findings.

use std::path::PathBuf;

use miette::Diagnostic;
use rayon::prelude::*;

use crate::article::{self, Article, InputError};
use crate::compare::{self, Finding, SetAside};
use crate::rules::{self, Rule, RuleError};
use crate::statement::{self, Matcher, Mention, Statement};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Article files and folders.
    pub paths: Vec<PathBuf>,
    /// Rule files and folders; empty means the shipped rules.
    pub rules: Vec<PathBuf>,
}

/// Something that could not be read; the rest was still checked.
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
}

impl Problem {
    /// The file the problem is about.
    pub fn path(&self) -> &str {
        match self {
            Problem::Input(e) => e.path(),
            Problem::Rule(e) => e.path(),
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
    /// Findings, by rule, key and first statement.
    pub findings: Vec<Finding>,
    /// Statements that could not be compared, and why.
    pub set_aside: Vec<SetAside>,
    /// Values a rule's pattern caught that the grammar could not read.
    pub unread: Vec<Mention>,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// The fingerprint of one of this outcome's findings (see [`crate::fingerprint`]).
    pub fn fingerprint(&self, finding: &Finding) -> String {
        crate::fingerprint::fingerprint(finding, &self.rules, &self.articles)
    }
}

/// Reads the articles and rules, finds statements and compares them.
pub fn check(options: &CheckOptions) -> Outcome {
    let loaded = article::load(&options.paths);
    let problems = loaded.errors.into_iter().map(Problem::from).collect();
    run(loaded.articles, problems, &options.rules, true)
}

/// Applies the rules under `rule_paths` (the shipped ones when empty and `shipped` is set)
/// to articles already loaded.
pub(crate) fn run(
    articles: Vec<Article>,
    mut problems: Vec<Problem>,
    rule_paths: &[PathBuf],
    shipped: bool,
) -> Outcome {
    let loaded_rules = if rule_paths.is_empty() && !shipped {
        rules::Loaded::default()
    } else {
        rules::load(rule_paths)
    };
    let mut rule_problems: Vec<Problem> =
        loaded_rules.errors.into_iter().map(Problem::from).collect();
    rule_problems.append(&mut problems);
    let mut problems = rule_problems;
    let rules = loaded_rules.rules;
    let (statements, unread): (Vec<Statement>, Vec<Mention>) = match Matcher::new(&rules) {
        Ok(matcher) => {
            let found: Vec<(Vec<Statement>, Vec<Mention>)> = articles
                .par_iter()
                .enumerate()
                .map(|(i, a)| statement::find_all(i, a, &rules, &matcher))
                .collect();
            let (statements, unread): (Vec<_>, Vec<_>) = found.into_iter().unzip();
            (
                statements.into_iter().flatten().collect(),
                unread.into_iter().flatten().collect(),
            )
        }
        Err(e) => {
            problems.push(Problem::Rule(RuleError::Unreadable {
                path: "(subject terms)".to_owned(),
                reason: e.to_string(),
            }));
            (Vec::new(), Vec::new())
        }
    };
    let comparison = compare::compare(&rules, statements.clone());
    Outcome {
        articles,
        rules,
        statements,
        findings: comparison.findings,
        set_aside: comparison.set_aside,
        unread,
        problems,
    }
}
