//! Tests through the library, without starting the binary: the grammar's readings and its
//! properties.
//!
//! One test binary, a module per topic (see `tests/cli/main.rs` for why).

mod grammar;
mod grammar_props;
