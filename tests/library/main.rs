//! Tests through the library, without starting the binary: the grammar's readings, its
//! properties, and the semantics of comparison, qualifiers, the gate and the configuration
//! over the fixture sets.
//!
//! One test binary, a module per topic (see `tests/cli/main.rs` for why).

mod comparison;
mod gate;
mod grammar;
mod grammar_props;
mod summary;
