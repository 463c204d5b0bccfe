//! The `crosscheck` command line: parses arguments, runs the library, sets the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::extract::{extract, ExtractOptions};
use crosscheck::report::{self, Format, Style};
use crosscheck::rules::Severity;
use crosscheck::{check, CheckOptions};

/// Checks facts for consistency across a set of articles.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reports the statements of each claim that cannot all be true.
    ///
    /// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an
    /// article, manifest or rule file could not be read (the rest is still checked).
    Check(CheckArgs),
    /// Lists every quantity and date the grammar reads, and with --rules each rule's statements.
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Article files and folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Also list the statements of these rules (a file or folder; repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Read relative dates ("last year") against this publication date (YYYY-MM-DD),
    /// whatever front matter or manifests say.
    #[arg(long, value_name = "DATE")]
    published: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to use colours in human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Article files and folders (folders are read recursively for .txt and .md files).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// A rule file or folder of rule files; repeatable. Default: the shipped rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// When to use colours in human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Also say which statements were set aside and why (human output, on stderr).
    #[arg(long, short)]
    verbose: bool,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// True when a finding of `severity` fails the run.
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Exit code: no finding at or above --fail-on.
const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above --fail-on.
const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage error, or an article, manifest or rule file could not be read.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Extract(args) => run_extract(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(e) => {
            eprintln!("crosscheck: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Runs `crosscheck check`.
fn run_check(args: CheckArgs) -> io::Result<u8> {
    let outcome = check(&CheckOptions {
        paths: args.paths,
        rules: args.rules,
    });
    let mut style = style(args.color);
    style.verbose = args.verbose;
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    report::render(&outcome, args.format, &style, &mut out, &mut err)?;
    out.flush()?;
    Ok(if !outcome.problems.is_empty() {
        EXIT_ERROR
    } else if outcome
        .findings
        .iter()
        .any(|f| args.fail_on.fails(f.severity))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Runs `crosscheck extract`.
fn run_extract(args: ExtractArgs) -> io::Result<u8> {
    let extraction = extract(&ExtractOptions {
        paths: args.paths,
        rules: args.rules,
        published: args.published,
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    report::render_extraction(
        &extraction,
        args.format,
        &style(args.color),
        &mut out,
        &mut err,
    )?;
    out.flush()?;
    Ok(if extraction.outcome.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// Colours only on a terminal, never with NO_COLOR; width from COLUMNS, else 100.
fn style(color: Color) -> Style {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style {
        color,
        width,
        verbose: false,
    }
}
