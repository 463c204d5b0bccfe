//! Problems: what could not be read or applied in a run (an article, a rule file, the
//! configuration, an inline ignore, a baseline, a shard), one diagnostic type over every
//! stage's errors. The rest of a run goes on without what a problem names; the command
//! line turns the problems into an exit code (docs/reliability.md, docs/codes.md).
//!
//! The errors of reading shard files live here rather than in [`crate::shard`], which
//! reads and writes `Problem`s itself: a module below both keeps the stages one way.

use std::fmt;
use std::io;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::article::InputError;
use crate::baseline::BaselineError;
use crate::config::ConfigError;
use crate::ignore::IgnoreError;
use crate::rules::RuleError;

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
    /// A shard file given to `compare`.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Shard(#[from] ShardError),
    /// A problem the map step met, carried in a shard file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Carried(Carried),
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
            Problem::Shard(e) => e.path(),
            Problem::Carried(e) => e.path(),
        }
    }
}

/// A shard file or line that could not be read or used.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum ShardError {
    /// The file could not be read.
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::shard::unreadable),
        help("check the paths given to `compare`; `-` reads a shard from standard input")
    )]
    Unreadable {
        /// The file, or `-`.
        path: String,
        /// What the system said.
        error: io::Error,
    },
    /// A line is not a record of this version.
    #[error("{path}:{line}: not a shard record of version {version}: {reason}")]
    #[diagnostic(
        code(crosscheck::shard::malformed),
        help("shard files are written by `crosscheck extract --format jsonl` of the same version")
    )]
    Malformed {
        /// The file.
        path: String,
        /// The 1-based line.
        line: usize,
        /// The version of the wire format this build reads ([`crate::shard::VERSION`]).
        version: u32,
        /// What is wrong.
        reason: String,
    },
    /// The shard's statements were found with other rules.
    #[error("{path}: its statements were found with other rules (digest {found}, these rules {expected}); the shard was not compared")]
    #[diagnostic(
        code(crosscheck::shard::other_rules),
        help("run `extract` and `compare` with the same rule files (and the same crosscheck version)")
    )]
    OtherRules {
        /// The file.
        path: String,
        /// The digest of the rules `compare` loaded.
        expected: String,
        /// The digest the shard names.
        found: String,
    },
    /// Two shards hold the same article.
    #[error("{path}: `{article}` is in an earlier shard too; this copy was not compared")]
    #[diagnostic(
        code(crosscheck::shard::duplicate_article),
        help("split the articles so that each is in one shard")
    )]
    DuplicateArticle {
        /// The file.
        path: String,
        /// The article.
        article: String,
    },
}

impl ShardError {
    /// The shard file.
    pub fn path(&self) -> &str {
        match self {
            ShardError::Unreadable { path, .. }
            | ShardError::Malformed { path, .. }
            | ShardError::OtherRules { path, .. }
            | ShardError::DuplicateArticle { path, .. } => path,
        }
    }
}

/// A problem the map step met, carried to the reduce step with its code, message and
/// place, reported as it was.
#[derive(Debug)]
pub struct Carried {
    pub(crate) path: String,
    pub(crate) code: Option<String>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) warning: bool,
    /// The article's text as rebuilt, and the label, when it points into an article.
    pub(crate) label: Option<(miette::NamedSource<String>, LabeledSpan)>,
}

impl Carried {
    /// The file the problem is about.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Carried {}

impl Diagnostic for Carried {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.warning {
            miette::Severity::Warning
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.label.as_ref().map(|(src, _)| src as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .as_ref()
            .map(|(_, l)| Box::new(std::iter::once(l.clone())) as Box<dyn Iterator<Item = _>>)
    }
}
