//! The command line's contract, run as the `crosscheck` binary: exit codes, formats, what
//! goes to stdout and stderr, and whole runs over the fixture sets.
//!
//! One test binary, a module per topic: each binary under `tests/` links the whole crate and
//! its dependencies, and runs its tests only after the one before it finished, so one
//! binary builds faster and keeps both cores busy to the end. The semantics of comparison,
//! qualifiers, the gate and the configuration are tested through the library, in
//! `tests/library/`.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod browser;
mod cli;
mod discover;
mod events;
mod formats;
mod frames;
mod gate;
mod grammar_extract;
mod hostile;
mod labels;
mod rules_cli;
mod shards;
