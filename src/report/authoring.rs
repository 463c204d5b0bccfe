//! Renders what the rule authors' commands found: `rules test` (each rule's examples),
//! `rules check` (warnings, and what each pattern runs as) and `init` (the files written),
//! for people or as one JSON document.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::wire::{write_document, ProblemWire, Seq};
use crate::outcome::{Compiled, Failure, RuleOutcome, Warning};
use crate::problem::Problem;

/// An output format of the rule authors' commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthoringFormat {
    /// Lines for people.
    Human,
    /// One JSON document.
    Json,
}

impl crate::Named for AuthoringFormat {
    const ALL: &'static [(AuthoringFormat, &'static str, &'static str)] = &[
        (AuthoringFormat::Human, "human", "Lines for people"),
        (AuthoringFormat::Json, "json", "One JSON document"),
    ];
}

/// What `rules test` found: each loaded rule's outcome, or the rule files that could not
/// be loaded (then no rule is tested).
pub struct RuleTests<'a> {
    /// One per rule, in load order.
    pub outcomes: &'a [RuleOutcome],
    /// What could not be loaded.
    pub errors: &'a [Problem],
}

/// What `rules check` found: the warnings of rules that load, what each pattern runs as
/// (with `--verbose`), or the rule files that could not be loaded.
pub struct RuleCheck<'a> {
    /// How many rules loaded.
    pub rules: usize,
    /// Rules that load but look wrong.
    pub warnings: &'a [Warning],
    /// Each phrase and pattern as the engine runs it; empty unless asked for.
    pub compiled: &'a [Compiled<'a>],
    /// What could not be loaded.
    pub errors: &'a [Problem],
}

/// Writes the outcome of `rules test`. Human: `PASS id (N examples)` or `FAIL id` with what
/// each failing example expected and read, then a count. Problems are the caller's to print
/// in human output.
pub fn render_rule_tests(
    tests: &RuleTests,
    format: AuthoringFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let failed = tests.outcomes.iter().filter(|o| !o.passed()).count();
    let total = tests.outcomes.len();
    match format {
        AuthoringFormat::Human => {
            for outcome in tests.outcomes {
                if outcome.passed() {
                    let s = if outcome.examples == 1 { "" } else { "s" };
                    writeln!(out, "PASS {} ({} example{s})", outcome.id, outcome.examples)?;
                    continue;
                }
                writeln!(out, "FAIL {}", outcome.id)?;
                for f in &outcome.failures {
                    writeln!(out, "  example {}: {}", f.example + 1, f.text.trim())?;
                    for e in &f.expected {
                        writeln!(out, "    expected: {e}")?;
                    }
                    for r in &f.read {
                        writeln!(out, "    read:     {r}")?;
                    }
                }
            }
            writeln!(
                out,
                "{total} rules, {} passed, {failed} failed",
                total - failed
            )
        }
        AuthoringFormat::Json => {
            let document = TestsWire {
                rules: Seq(|| tests.outcomes.iter().map(OutcomeWire::new)),
                errors: Seq(|| tests.errors.iter().map(ProblemWire::new)),
                summary: TestsSummary {
                    rules: total,
                    passed: total - failed,
                    failed,
                },
            };
            write_document(&document, out)
        }
    }
}

/// Writes the outcome of `rules check`. Human: warnings on `err`, then what each pattern
/// runs as and a count on `out`. Problems are the caller's to print in human output.
pub fn render_rule_check(
    check: &RuleCheck,
    format: AuthoringFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match format {
        AuthoringFormat::Human => {
            for w in check.warnings {
                writeln!(err, "warning: {w}")?;
            }
            for c in check.compiled {
                writeln!(out, "{c}")?;
            }
            let n = check.warnings.len();
            let s = if n == 1 { "" } else { "s" };
            writeln!(out, "{} rules OK ({n} warning{s})", check.rules)
        }
        AuthoringFormat::Json => {
            let document = CheckWire {
                rules: check.rules,
                warnings: Seq(|| check.warnings.iter().map(WarningWire::new)),
                compiled: Seq(|| check.compiled.iter().map(CompiledWire::new)),
                errors: Seq(|| check.errors.iter().map(ProblemWire::new)),
            };
            write_document(&document, out)
        }
    }
}

/// Writes the files `init` wrote, and what to do next.
pub fn render_init(
    files: &[PathBuf],
    format: AuthoringFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown = || files.iter().map(|f| f.to_string_lossy().replace('\\', "/"));
    match format {
        AuthoringFormat::Human => {
            for f in shown() {
                writeln!(out, "wrote {f}")?;
            }
            writeln!(out, "next: {NEXT}")
        }
        AuthoringFormat::Json => write_document(
            &InitWire {
                wrote: Seq(shown),
                next: NEXT,
            },
            out,
        ),
    }
}

/// What to do after `init`.
const NEXT: &str = "edit rules/my-claims.yaml, then `crosscheck rules test rules/`; put articles in articles/ and run `crosscheck check`";

#[derive(Serialize)]
struct TestsWire<R, E> {
    #[serde(bound(serialize = "Seq<R>: Serialize"))]
    rules: Seq<R>,
    #[serde(bound(serialize = "Seq<E>: Serialize"))]
    errors: Seq<E>,
    summary: TestsSummary,
}

#[derive(Serialize)]
struct TestsSummary {
    rules: usize,
    passed: usize,
    failed: usize,
}

/// One rule's examples: how many, whether all passed, and the failures.
#[derive(Serialize)]
struct OutcomeWire<'a> {
    id: &'a str,
    path: &'a str,
    passed: bool,
    examples: usize,
    failures: Vec<FailureWire<'a>>,
}

impl<'a> OutcomeWire<'a> {
    fn new(o: &'a RuleOutcome) -> Self {
        OutcomeWire {
            id: &o.id,
            path: &o.file,
            passed: o.passed(),
            examples: o.examples,
            failures: o.failures.iter().map(FailureWire::new).collect(),
        }
    }
}

/// A failing example: its number (1-based, as the human output counts), where its text is
/// written, its text, and what it expected and read, a line per statement.
#[derive(Serialize)]
struct FailureWire<'a> {
    example: usize,
    line: usize,
    column: usize,
    text: &'a str,
    expected: &'a [String],
    read: &'a [String],
}

impl<'a> FailureWire<'a> {
    fn new(f: &'a Failure) -> Self {
        FailureWire {
            example: f.example + 1,
            line: f.at.0,
            column: f.at.1,
            text: f.text.trim(),
            expected: &f.expected,
            read: &f.read,
        }
    }
}

#[derive(Serialize)]
struct CheckWire<W, C, E> {
    rules: usize,
    #[serde(bound(serialize = "Seq<W>: Serialize"))]
    warnings: Seq<W>,
    #[serde(bound(serialize = "Seq<C>: Serialize"))]
    compiled: Seq<C>,
    #[serde(bound(serialize = "Seq<E>: Serialize"))]
    errors: Seq<E>,
}

/// A warning at its place in the rule file.
#[derive(Serialize)]
struct WarningWire<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    rule: &'a str,
    message: &'a str,
}

impl<'a> WarningWire<'a> {
    fn new(w: &'a Warning) -> Self {
        WarningWire {
            path: &w.file,
            line: w.at.0,
            column: w.at.1,
            rule: &w.rule,
            message: &w.message,
        }
    }
}

/// A phrase or pattern at its place in the rule file, and the regex it runs as.
#[derive(Serialize)]
struct CompiledWire<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    rule: &'a str,
    kind: &'static str,
    source: &'a str,
    runs: &'a str,
}

impl<'a> CompiledWire<'a> {
    fn new(c: &'a Compiled<'a>) -> Self {
        CompiledWire {
            path: c.file,
            line: c.at.0,
            column: c.at.1,
            rule: c.rule,
            kind: if c.phrase { "phrase" } else { "pattern" },
            source: c.source,
            runs: c.runs,
        }
    }
}

#[derive(Serialize)]
struct InitWire<F> {
    #[serde(bound(serialize = "Seq<F>: Serialize"))]
    wrote: Seq<F>,
    next: &'static str,
}
