//! crosscheck: checks facts for consistency across a set of articles.
//!
//! Data flows one way through the stages, each a module:
//! [`article`] loads articles, [`text`] splits them into sentences with spans,
//! [`grammar`] reads quantities and dates as ranges, [`rules`] loads the claims to check
//! (compiling their [`phrase`]s to regexes),
//! [`statement`] finds each claim's statements in each article (with the [`qualifiers`]
//! each carries), [`compare`] turns
//! statements into findings, [`gate`] keeps out what a baseline or `--changed` says not to
//! report, and [`report`] renders findings for people and machines. No module imports one
//! that imports it back (docs/design.md, "Stages"; `tests/architecture.rs`).
//! [`extract`] lists every mention the grammar reads, for rule authors; [`discover`]
//! proposes claims from the set itself, and writes rule skeletons for them; [`fingerprint`]
//! names each finding in a way that survives edits elsewhere in an article.

// Diagnostics carry their source text for snippets; they are rare and never on a hot path.
#![allow(clippy::result_large_err)]

pub mod article;
pub mod authoring;
pub mod baseline;
pub mod compare;
pub mod config;
pub mod discover;
pub mod extract;
pub mod fingerprint;
pub mod gate;
pub mod grammar;
pub mod ignore;
pub mod phrase;
pub mod qualifiers;
pub mod report;
pub mod rules;
pub mod shard;
pub mod statement;
pub mod text;
mod walk;
mod yaml;

mod check;
mod outcome;
mod problem;

pub use check::{check, find, reduce, CheckOptions, Progress};

/// A closed set of values picked by name, such as an output format: what a command line
/// offers as a flag's choices, without the library depending on the command line.
pub trait Named: Copy + Send + Sync + 'static {
    /// Each value, with its name and a line of help, in the order they are offered.
    const ALL: &'static [(Self, &'static str, &'static str)];

    /// The value called `name`.
    fn named(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(v, _, _)| *v)
    }
}
pub use outcome::{Found, Hidden, Outcome};
pub use problem::Problem;
