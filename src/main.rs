//! The `crosscheck` command line: parses arguments, runs the library, sets the exit code.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::authoring;
use crosscheck::config::{self, Config, FailOn};
use crosscheck::discover;
use crosscheck::extract::{extract, ExtractOptions};
use crosscheck::gate;
use crosscheck::report::{self, AuthoringFormat, ExtractFormat, Format, Style, Terminal};
use crosscheck::rules::{self, Rule};
use crosscheck::shard;
use crosscheck::Named;
use crosscheck::Problem;
use crosscheck::Progress;
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
    /// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 a usage
    /// error, or an article, manifest, rule file, configuration, baseline or inline ignore
    /// could not be read or applied (the rest is still checked).
    Check(CheckArgs),
    /// Records the current findings in a baseline file, for `check --baseline`.
    ///
    /// Reasons written by hand into an existing baseline are kept for findings that still
    /// match. Exit codes: 0 written; 2 an input could not be read, or the file not written.
    Baseline(BaselineArgs),
    /// Lists every quantity and date the grammar reads, and with --rules each rule's statements.
    ///
    /// With --format jsonl, writes a shard for `compare`: the map step of a run split across
    /// processes or machines (docs/scale.md). Exit codes: 0 listed; 2 an article or rule file
    /// could not be read.
    Extract(ExtractArgs),
    /// Compares the statements of shards written by `extract --format jsonl`: the reduce
    /// step, reporting the findings `check` gives on the whole set.
    ///
    /// Exit codes as `check`; also 2 when a shard cannot be read or was made with other rules.
    Compare(CompareArgs),
    /// Proposes claims from the set itself: statements of several sources whose sentences
    /// frame a value alike, each with a verdict (disagree, uncertain, agree).
    ///
    /// With --write-rules DIR --candidate N, writes a rule skeleton for candidate N (never
    /// over an existing file). Exit codes: 0 listed (or written); 2 an article could not be
    /// read, or the rule not written.
    Discover(DiscoverArgs),
    /// Tools for rule authors: run rules' examples, validate rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Says what a rule checks: its patterns, kind, keys, tolerance and examples.
    ///
    /// Exit codes: 0 the rule was found; 2 no rule has that id, or a rule file could not be loaded.
    Explain(ExplainArgs),
    /// Writes a starter crosscheck.yaml, a commented rules/my-claims.yaml, rules/schema.json and an empty articles/ folder here.
    ///
    /// Exit codes: 0 written; 2 a file exists (nothing is overwritten) or could not be written.
    Init(InitArgs),
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// Output format.
    #[arg(long, value_parser = named::<AuthoringFormat>(), default_value = "human")]
    format: AuthoringFormat,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The rule's id.
    id: String,
    /// A rule file or folder of rule files; repeatable. Default: the configuration's
    /// `rules`, else the shipped rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    config: ConfigFlags,
}

#[derive(Debug, clap::Args)]
struct DiscoverArgs {
    /// Article files and folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiscoverFormat::Human)]
    format: DiscoverFormat,
    /// Write a rule skeleton for the candidate chosen with --candidate into this folder.
    #[arg(long, value_name = "DIR", requires = "candidate")]
    write_rules: Option<PathBuf>,
    /// The candidate to write a rule for: its number in the list.
    #[arg(long, value_name = "N", requires = "write_rules")]
    candidate: Option<usize>,
    /// When to use colours in human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// `discover --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiscoverFormat {
    /// One block per candidate.
    Human,
    /// One JSON document.
    Json,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Runs every rule's examples through the statement finder.
    ///
    /// Prints `PASS id (N examples)` or `FAIL id` per rule. Exit codes: 0 every example
    /// passed; 1 an example failed; 2 a rule file could not be loaded.
    Test(RulePaths),
    /// Validates rule files and warns about rules that load but look wrong.
    ///
    /// Exit codes: 0 the files load (warnings may be printed); 2 a rule file could not be loaded.
    Check(RulesCheckArgs),
    /// Prints the JSON Schema of rule files (rules/schema.json is this output).
    Schema,
}

#[derive(Debug, clap::Args)]
struct RulePaths {
    /// Rule files and folders of rule files. Default: the configuration's `rules`, else the
    /// shipped rules.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    config: ConfigFlags,
    /// Output format (json: one document, with the rule files' errors in it).
    #[arg(long, value_parser = named::<AuthoringFormat>(), default_value = "human")]
    format: AuthoringFormat,
}

#[derive(Debug, clap::Args)]
struct RulesCheckArgs {
    #[command(flatten)]
    rules: RulePaths,
    /// Also print what each phrase and pattern runs as: the regex the engine compiles.
    #[arg(long, short)]
    verbose: bool,
}

/// Which configuration file to read.
#[derive(Debug, clap::Args)]
struct ConfigFlags {
    /// Use this configuration file instead of the crosscheck.yaml found in the current
    /// folder or its nearest ancestor.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
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
    #[arg(long, value_parser = named::<ExtractFormat>(), default_value = "human")]
    format: ExtractFormat,
    /// When to use colours in human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// What to check: shared by `check` and `baseline`.
#[derive(Debug, clap::Args)]
struct Inputs {
    /// Article files and folders (folders are read recursively for .txt and .md files).
    /// Default: the configuration's `articles`, else the current folder.
    paths: Vec<PathBuf>,
    /// A rule file or folder of rule files; repeatable. Default: the configuration's
    /// `rules`, else the shipped rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    config: ConfigFlags,
    /// What is compared with what: each folder with a manifest on its own (`manifests`, the
    /// default), or the whole run as one set (`one`). Default: the configuration's `scopes`.
    #[arg(long, value_enum, value_name = "SCOPES")]
    scopes: Option<ScopesFlag>,
    /// Worker threads; 0 (the default) uses every core. Output does not depend on it.
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// Shard files written by `extract --format jsonl` (`-` reads stdin). Articles are
    /// reported in path order, whatever the order of the shards.
    #[arg(required = true, value_name = "STATEMENTS")]
    statements: Vec<PathBuf>,
    /// The rule files the shards were made with; repeatable. Default: the configuration's
    /// `rules`, else the shipped rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    config: ConfigFlags,
    /// What is compared with what, as for `check`.
    #[arg(long, value_enum, value_name = "SCOPES")]
    scopes: Option<ScopesFlag>,
    #[command(flatten)]
    report: ReportArgs,
}

/// What to report and where: shared by `check` and `compare`.
#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Output format.
    #[arg(long, value_parser = named::<Format>(), default_value = "human")]
    format: Format,
    /// The lowest severity that makes the run fail (exit 1). Default: the configuration's
    /// `fail-on`, else error.
    #[arg(long, value_parser = named::<FailOn>())]
    fail_on: Option<FailOn>,
    /// Report only findings whose fingerprints are not in this baseline file (written by
    /// `crosscheck baseline`). Default: the configuration's `baseline`.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings that involve these articles (all articles are still compared);
    /// `-` reads the list from stdin, one path a line. Put article paths before this flag.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    changed: Option<Vec<PathBuf>>,
    /// When to use colours in human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Also say which statements were set aside and why (human output, on stderr).
    #[arg(long, short)]
    verbose: bool,
    /// Write the report to this file instead of stdout (any format; never onto an article
    /// of the set).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct BaselineArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The baseline file to write (`-` for stdout). Default: the configuration's `baseline`.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The choices of a flag whose values a library type names (see [`Named`]).
fn named<T: Named>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|(_, name, help)| PossibleValue::new(*name).help(*help)),
    )
    .try_map(|name| T::named(&name).ok_or("not one of the choices"))
}

/// `--scopes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScopesFlag {
    /// Each folder with a manifest is a set of its own.
    Manifests,
    /// The whole run is one set.
    One,
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
/// Exit code: usage error, or an input could not be read or applied.
const EXIT_ERROR: u8 = 2;

/// The most worker threads a run starts, whatever --threads asks (more never helps).
const MAX_THREADS: usize = 256;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Baseline(args) => run_baseline(args),
        Command::Extract(args) => run_extract(args),
        Command::Compare(args) => run_compare(args),
        Command::Discover(args) => run_discover(args),
        Command::Rules(RulesCommand::Test(args)) => run_rules_test(args),
        Command::Rules(RulesCommand::Check(args)) => run_rules_check(args),
        Command::Explain(args) => run_explain(args),
        Command::Init(args) => run_init(args),
        Command::Rules(RulesCommand::Schema) => io::stdout()
            .write_all(rules::schema().as_bytes())
            .map(|()| EXIT_CLEAN),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A reader that went away (`| head`) is no error of ours; commands whose exit code
        // says something about the input return it through `deserved` instead.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(e) => {
            let _ = writeln!(io::stderr(), "crosscheck: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `code`, also when the output could not all be written because its reader went away, so
/// that `crosscheck check | head` under `pipefail` still fails on findings.
fn deserved(written: io::Result<()>, code: u8) -> io::Result<u8> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        other => other.map(|()| code),
    }
}

/// Prints a diagnostic on stderr, escaped for the terminal.
fn eprint_diagnostic(d: impl miette::Diagnostic + Send + Sync + 'static) {
    let mut err = Terminal::new(
        io::stderr().lock(),
        style(Color::Auto, io::stderr().is_terminal()).color,
    );
    let _ = writeln!(err, "{:?}", miette::Report::new(d));
}

/// Prints a line on stderr, escaped for the terminal.
fn eprint_line(line: &str) {
    let mut err = Terminal::new(io::stderr().lock(), false);
    let _ = writeln!(err, "{line}");
}

/// The check the inputs ask for, with the configuration applied (flags win); `None` when
/// the configuration could not be used (its errors are printed).
fn prepare(inputs: Inputs) -> Option<(CheckOptions, Config)> {
    let config = configuration(&inputs.config)?;
    if inputs.threads > 0 {
        // Fails only when a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(inputs.threads.min(MAX_THREADS))
            .build_global();
    }
    let paths = if !inputs.paths.is_empty() {
        inputs.paths
    } else if !config.articles.is_empty() {
        config.articles.clone()
    } else {
        vec![PathBuf::from(".")]
    };
    let options = configured(paths, inputs.rules, inputs.scopes, &config);
    Some((options, config))
}

/// What to check, with the configuration's rules and settings where flags name none.
fn configured(
    paths: Vec<PathBuf>,
    rules: Vec<PathBuf>,
    scopes: Option<ScopesFlag>,
    config: &Config,
) -> CheckOptions {
    let rules = if rules.is_empty() {
        config.rules.clone()
    } else {
        rules
    };
    let mut settings = config.settings.clone();
    match scopes {
        Some(ScopesFlag::Manifests) => settings.scopes = config::Scopes::Manifests,
        Some(ScopesFlag::One) => settings.scopes = config::Scopes::One,
        None => {}
    }
    CheckOptions {
        paths,
        rules,
        settings,
        baseline: None,
        changed: None,
        progress: None,
    }
}

/// The configuration named with --config, else the one found from the current folder up;
/// an empty one with --no-config or when there is none.
fn configuration(flags: &ConfigFlags) -> Option<Config> {
    let found = if flags.no_config {
        None
    } else if let Some(path) = &flags.config {
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Some((path.clone(), base))
    } else {
        // Without a working folder (it was removed) there is nothing to discover from.
        let cwd = std::env::current_dir().unwrap_or_default();
        config::discover(&cwd).map(|file| {
            let up = cwd.ancestors().count() + 1 - file.ancestors().count();
            (file, std::iter::repeat_n("..", up).collect::<PathBuf>())
        })
    };
    let Some((file, base)) = found else {
        return Some(Config::default());
    };
    match config::load(&file, &base) {
        Ok(config) => Some(config),
        Err(errors) => {
            errors.into_iter().for_each(eprint_diagnostic);
            None
        }
    }
}

/// The list of changed articles: the paths given, or stdin's lines for `-`.
fn changed_list(paths: Vec<PathBuf>) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            for line in io::stdin().lock().lines() {
                let line = line.map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("--changed -: standard input: {e} (one path a line, UTF-8)"),
                    )
                })?;
                let line = line.trim();
                if !line.is_empty() {
                    out.push(PathBuf::from(line));
                }
            }
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

/// Runs `crosscheck check`.
fn run_check(args: CheckArgs) -> io::Result<u8> {
    let Some((options, config)) = prepare(args.inputs) else {
        return Ok(EXIT_ERROR);
    };
    gated(options, config, args.report, check)
}

/// Runs `crosscheck compare`.
fn run_compare(args: CompareArgs) -> io::Result<u8> {
    let Some(config) = configuration(&args.config) else {
        return Ok(EXIT_ERROR);
    };
    let options = configured(args.statements, args.rules, args.scopes, &config);
    gated(options, config, args.report, shard::compare)
}

/// A progress bar on stderr, drawn into `bar` once a run has lasted a second (so short
/// runs print nothing); `gated` asks for one only on a terminal and for human output.
fn progress_bar(bar: Arc<OnceLock<ProgressBar>>) -> Progress {
    let start = Instant::now();
    Progress(Arc::new(move |done, total| {
        if bar.get().is_none() && start.elapsed() < Duration::from_secs(1) {
            return;
        }
        let bar = bar.get_or_init(|| {
            let style = ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::with_draw_target(u64::try_from(total).ok(), ProgressDrawTarget::stderr())
                .with_style(style)
        });
        bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
    }))
}

/// Runs `check` (or `compare`) with the baseline and changed articles of `args`, and
/// reports the outcome.
fn gated(
    mut options: CheckOptions,
    config: Config,
    args: ReportArgs,
    run: fn(&CheckOptions) -> crosscheck::Outcome,
) -> io::Result<u8> {
    options.baseline = args.baseline.or(config.baseline);
    options.changed = args.changed.map(changed_list).transpose()?;
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let bar = (args.format == Format::Human && io::stderr().is_terminal()).then(|| {
        let bar = Arc::new(OnceLock::new());
        options.progress = Some(progress_bar(Arc::clone(&bar)));
        bar
    });
    let outcome = run(&options);
    if let Some(bar) = bar.as_ref().and_then(|b| b.get()) {
        bar.finish_and_clear();
    }
    let terminal = args.output.is_none() && io::stdout().is_terminal();
    let mut style = style(args.color, terminal);
    style.verbose = args.verbose;
    let code = if !outcome.problems.iter().all(|p| p.is_warning()) {
        EXIT_ERROR
    } else if outcome.findings.iter().any(|f| fail_on.fails(f.severity)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    let mut err = Terminal::new(io::stderr().lock(), style.color);
    match &args.output {
        None => {
            let mut out = Terminal::new(io::BufWriter::new(io::stdout().lock()), style.color);
            let written = report::render(&outcome, args.format, &style, &mut out, &mut err)
                .and_then(|()| out.flush());
            deserved(written, code)
        }
        Some(path) => {
            let written = report::check_output(&outcome, path).and_then(|()| {
                write_report(path, |out| {
                    report::render(&outcome, args.format, &style, out, &mut err)
                })
            });
            match written {
                Ok(()) => Ok(code),
                Err(e) => {
                    drop(err);
                    eprint_diagnostic(e);
                    Ok(EXIT_ERROR)
                }
            }
        }
    }
}

/// Creates the file at `path` and lets `write` fill it.
fn write_report(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), report::OutputError> {
    let unwritable = |e: io::Error| report::OutputError::Unwritable {
        path: path.display().to_string(),
        error: e,
    };
    let mut out = io::BufWriter::new(std::fs::File::create(path).map_err(unwritable)?);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(unwritable)
}

/// Runs `crosscheck baseline`.
fn run_baseline(args: BaselineArgs) -> io::Result<u8> {
    let Some((options, config)) = prepare(args.inputs) else {
        return Ok(EXIT_ERROR);
    };
    let Some(output) = args.output.or(config.baseline) else {
        eprint_line(
            "crosscheck: name the baseline file to write with -o FILE (or `baseline:` in crosscheck.yaml)",
        );
        return Ok(EXIT_ERROR);
    };
    let outcome = check(&options);
    if !outcome.problems.iter().all(|p| p.is_warning()) {
        outcome.problems.into_iter().for_each(eprint_diagnostic);
        eprint_line("crosscheck: no baseline written: fix the errors above first");
        return Ok(EXIT_ERROR);
    }
    if output.as_os_str() == "-" {
        let (text, _) = gate::record(&outcome, None);
        io::stdout().write_all(text.as_bytes())?;
        return Ok(EXIT_CLEAN);
    }
    match gate::write(&outcome, &output) {
        Ok(n) => {
            eprint_line(&format!(
                "crosscheck: wrote {n} finding{} to {}",
                if n == 1 { "" } else { "s" },
                output.display()
            ));
            Ok(EXIT_CLEAN)
        }
        Err(error) => {
            eprint_diagnostic(error);
            Ok(EXIT_ERROR)
        }
    }
}

/// Runs `crosscheck extract`.
fn run_extract(args: ExtractArgs) -> io::Result<u8> {
    let extraction = extract(&ExtractOptions {
        paths: args.paths,
        rules: args.rules,
        published: args.published,
    });
    let style = style(args.color, io::stdout().is_terminal());
    let code = if extraction.found.problems.iter().all(|p| p.is_warning()) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    };
    let mut out = Terminal::new(io::BufWriter::new(io::stdout().lock()), style.color);
    let mut err = Terminal::new(io::stderr().lock(), style.color);
    let written = report::render_extraction(&extraction, args.format, &style, &mut out, &mut err)
        .and_then(|()| out.flush());
    deserved(written, code)
}

/// Runs `crosscheck discover`.
fn run_discover(args: DiscoverArgs) -> io::Result<u8> {
    let discovery = discover::discover(&discover::DiscoverOptions { paths: args.paths });
    let code = if discovery.problems.iter().all(|p| p.is_warning()) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    };
    let style = style(args.color, io::stdout().is_terminal());
    if let (Some(dir), Some(number)) = (args.write_rules, args.candidate) {
        let written = discover::skeleton(&discovery, number)
            .and_then(|skeleton| discover::write_rule(&dir, &skeleton));
        return match written {
            Ok(path) => {
                let mut out = Terminal::new(io::stdout().lock(), false);
                writeln!(
                    out,
                    "wrote {}\nnext: `crosscheck rules test {}`, then `crosscheck check --rules {}` on the set",
                    path.display(),
                    path.display(),
                    dir.display()
                )?;
                out.flush()?;
                Ok(code)
            }
            Err(e) => {
                eprint_diagnostic(e);
                Ok(EXIT_ERROR)
            }
        };
    }
    let mut out = Terminal::new(io::BufWriter::new(io::stdout().lock()), style.color);
    let mut err = Terminal::new(io::stderr().lock(), style.color);
    let json = args.format == DiscoverFormat::Json;
    let written = report::render_discovery(&discovery, json, &style, &mut out, &mut err)
        .and_then(|()| out.flush());
    deserved(written, code)
}

/// Loads the rule files named, else the configuration's, else the shipped rules, as
/// `check` does. The rule files' errors are printed in human output and handed back for
/// JSON; a configuration's errors are printed. `Err` with nothing in it: the errors were
/// printed, there is nothing more to write.
fn load_rules(
    paths: &[PathBuf],
    flags: &ConfigFlags,
    format: AuthoringFormat,
) -> Result<Vec<Rule>, Vec<Problem>> {
    let paths = if paths.is_empty() {
        configuration(flags).ok_or_else(Vec::new)?.rules
    } else {
        paths.to_vec()
    };
    let loaded = rules::load(&paths);
    if loaded.errors.is_empty() {
        return Ok(loaded.rules);
    }
    if format == AuthoringFormat::Human {
        loaded.errors.into_iter().for_each(eprint_diagnostic);
        return Err(Vec::new());
    }
    Err(loaded.errors.into_iter().map(Problem::from).collect())
}

/// Runs `crosscheck rules test`.
fn run_rules_test(args: RulePaths) -> io::Result<u8> {
    let (outcomes, errors) = match load_rules(&args.paths, &args.config, args.format) {
        Ok(rules) => (rules.iter().map(authoring::test_rule).collect(), Vec::new()),
        Err(errors) if errors.is_empty() => return Ok(EXIT_ERROR),
        Err(errors) => (Vec::new(), errors),
    };
    let code = if !errors.is_empty() {
        EXIT_ERROR
    } else if outcomes.iter().all(authoring::RuleOutcome::passed) {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    };
    let mut out = Terminal::new(io::BufWriter::new(io::stdout().lock()), false);
    let tests = report::RuleTests {
        outcomes: &outcomes,
        errors: &errors,
    };
    let written =
        report::render_rule_tests(&tests, args.format, &mut out).and_then(|()| out.flush());
    deserved(written, code)
}

/// Runs `crosscheck rules check`.
fn run_rules_check(args: RulesCheckArgs) -> io::Result<u8> {
    let format = args.rules.format;
    let (rules, errors) = match load_rules(&args.rules.paths, &args.rules.config, format) {
        Ok(rules) => (rules, Vec::new()),
        Err(errors) if errors.is_empty() => return Ok(EXIT_ERROR),
        Err(errors) => (Vec::new(), errors),
    };
    let warnings: Vec<_> = rules.iter().flat_map(authoring::lint).collect();
    let compiled: Vec<_> = if args.verbose {
        rules.iter().flat_map(authoring::compiled).collect()
    } else {
        Vec::new()
    };
    let check = report::RuleCheck {
        rules: rules.len(),
        warnings: &warnings,
        compiled: &compiled,
        errors: &errors,
    };
    let mut out = Terminal::new(io::stdout().lock(), false);
    let mut err = Terminal::new(io::stderr().lock(), false);
    report::render_rule_check(&check, format, &mut out, &mut err)?;
    out.flush()?;
    Ok(if errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// Runs `crosscheck explain`.
fn run_explain(args: ExplainArgs) -> io::Result<u8> {
    let Ok(rules) = load_rules(&args.rules, &args.config, AuthoringFormat::Human) else {
        return Ok(EXIT_ERROR);
    };
    if let Some(rule) = rules.iter().find(|r| r.id == args.id) {
        let mut out = Terminal::new(io::stdout().lock(), false);
        out.write_all(authoring::explain(rule).as_bytes())?;
        out.flush()?;
        return Ok(EXIT_CLEAN);
    }
    let near = rules::near_ids(&rules, &args.id);
    let mut line = format!(
        "crosscheck: no rule `{}` among {}",
        args.id,
        loaded_from(&rules)
    );
    if !near.is_empty() {
        let near: Vec<String> = near.iter().map(|id| format!("`{id}`")).collect();
        line.push_str(&format!("; did you mean {}?", near.join(" or ")));
    }
    line.push_str(
        "\nhelp: to explain a rule of your own, name its file: `crosscheck explain ID --rules PATH`",
    );
    eprint_line(&line);
    Ok(EXIT_ERROR)
}

/// The files rules were loaded from, for a message: "the shipped rules" or their paths.
fn loaded_from(rules: &[Rule]) -> String {
    let mut files: Vec<&str> = rules.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    if rules
        .iter()
        .all(|r| rules::SHIPPED.iter().any(|(p, _)| *p == r.file))
    {
        "the shipped rules".to_owned()
    } else {
        format!("the rules of {}", files.join(", "))
    }
}

/// Runs `crosscheck init` in the current folder.
fn run_init(args: InitArgs) -> io::Result<u8> {
    match authoring::init(std::path::Path::new(".")) {
        Ok(files) => {
            let mut out = Terminal::new(io::stdout().lock(), false);
            report::render_init(&files, args.format, &mut out)?;
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        Err(e) => {
            eprint_line(&format!("crosscheck: {e}"));
            Ok(EXIT_ERROR)
        }
    }
}

/// Colours only when the report goes to a `terminal`, never with NO_COLOR; width from
/// COLUMNS, else 100.
fn style(color: Color, terminal: bool) -> Style {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style {
        color,
        width,
        verbose: false,
        run_at: run_time(),
    }
}

/// The time of the run: `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set, so that a
/// report can be reproduced byte for byte; else now.
fn run_time() -> jiff::Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now)
}
