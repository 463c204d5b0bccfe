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
//!
//! # The API
//!
//! A run is [`check`] with [`CheckOptions`] (paths, rule files, [`config::Settings`], a
//! baseline, changed articles, a [`Progress`] callback), which returns an [`Outcome`]: the
//! findings (each with its statements and fingerprint), what was set aside and why, what
//! could not be read ([`Problem`], one diagnostic type; codes in docs/codes.md).
//! [`report::render`] writes an outcome in a [`report::Format`]. Split runs use [`find`]
//! (the map stage, a [`Found`]), [`shard::write`] and [`shard::compare`] (the reduce
//! stage). Rule authors' tools are [`rules::load`], [`extract::extract`] and
//! [`discover::discover`]; [`config::Config`] reads `crosscheck.yaml` and
//! [`gate::record`] writes a baseline. The library never prints and never parses a
//! command line: value names for flags come from [`Named`].
//!
//! The other modules are public for the test suite, the benchmarks and the fuzz targets;
//! those marked hidden in these docs are not part of the API.

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
#[doc(hidden)]
pub mod ignore;
#[doc(hidden)]
pub mod phrase;
pub mod qualifiers;
pub mod report;
pub mod rules;
pub mod shard;
pub mod statement;
#[doc(hidden)]
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
