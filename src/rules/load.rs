//! Loading rule files: found, read into rules as written, counted against the limits, then
//! compiled, every error at the value it is about.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use rayon::prelude::*;

use super::{Origin, Pattern, PatternError, Rate, Rule, RuleFile, RuleSpec, Slot, SHIPPED};
use crate::yaml::{self, Spans, Step};

/// The most rules one run loads (see docs/reliability.md).
pub const MAX_RULES: usize = 300;
/// The most patterns one run compiles: each costs tens of milliseconds and about a
/// megabyte (its placeholder's grammar is compiled into it), so rule sets from outside are
/// refused before any is compiled rather than loaded slowly.
pub const MAX_PATTERNS: usize = 300;
/// The largest rule file read, in bytes.
const MAX_RULE_FILE: u64 = 4 << 20;

/// A rule file that could not be used.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum RuleError {
    /// The file could not be read.
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::rules::unreadable),
        help("check the path given to --rules")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file is not YAML, or not a rule file.
    #[error("{path}: {message}")]
    #[diagnostic(code(crosscheck::rules::invalid))]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
        /// What to do about it: a spelling suggestion for an unknown field, else what a
        /// rule file holds.
        #[help]
        help: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A pattern's regex does not compile.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::regex),
        help("patterns use Rust regex syntax (https://docs.rs/regex); write the value as a placeholder such as {{count}}")
    )]
    Regex {
        /// The file.
        path: String,
        /// The regex engine's message.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// The pattern.
        #[label("this pattern")]
        span: SourceSpan,
    },
    /// A phrase does not compile.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::phrase),
        help("a phrase is words with [optional words], (one | other), ~N for up to N words, and one placeholder such as {{count}} (see docs/rules.md)")
    )]
    Phrase {
        /// The file.
        path: String,
        /// The phrase and what is wrong with it.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the phrase.
        #[label("here")]
        span: SourceSpan,
    },
    /// The paths given hold no rule, so nothing would be checked.
    #[error("{path}: no rules found")]
    #[diagnostic(
        code(crosscheck::rules::none),
        help("rule files end in .yaml or .yml and hold `rules:`; leave out --rules to use the shipped rules")
    )]
    NoRules {
        /// The paths, as given.
        path: String,
    },
    /// A rule file or a rule set is larger than crosscheck loads.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::too_large),
        help("split the claims over runs, or check that the file is the rule file meant; the limits are in docs/reliability.md")
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Which limit.
        message: String,
    },
    /// Two rules share an id.
    #[error("rule id `{id}` is used twice: in {first} and {path}")]
    #[diagnostic(
        code(crosscheck::rules::duplicate_id),
        help("rule ids must be unique across all rule files; rename one")
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// The file where it first appeared.
        first: String,
        /// The file where it appeared again.
        path: String,
        /// The text of the file where it appeared again.
        #[source_code]
        src: NamedSource<String>,
        /// The `id:` of the second rule.
        #[label("used again here")]
        span: SourceSpan,
    },
}

impl RuleError {
    /// The rule file the error is about.
    pub fn path(&self) -> &str {
        match self {
            RuleError::Unreadable { path, .. }
            | RuleError::Invalid { path, .. }
            | RuleError::Regex { path, .. }
            | RuleError::Phrase { path, .. }
            | RuleError::DuplicateId { path, .. }
            | RuleError::TooLarge { path, .. }
            | RuleError::NoRules { path } => path,
        }
    }
}

/// Rules that loaded, and rule files that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Rules in load order (files by path, rules in file order).
    pub rules: Vec<Rule>,
    /// What could not be loaded.
    pub errors: Vec<RuleError>,
}

/// Loads the rule files under `paths` (files, or folders of `.yaml`/`.yml`), or the shipped
/// rules when `paths` is empty.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let mut sources = Vec::new();
    let mut loaded = Loaded::default();
    if paths.is_empty() {
        sources.extend(SHIPPED.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    }
    for path in paths {
        for file in rule_files(path, &mut loaded.errors) {
            let shown = file.to_string_lossy().replace('\\', "/");
            match read_rule_file(&file) {
                Ok(text) => sources.push((shown, text)),
                Err(e) => loaded.errors.push(e.at(shown)),
            }
        }
    }
    // Read every file before compiling any rule, so a rule set over the limits is refused
    // before its cost is paid.
    let read: Vec<Result<Written, RuleError>> = sources
        .into_par_iter()
        .map(|(path, text)| read(path, &text))
        .collect();
    let written = || read.iter().filter_map(|r| r.as_ref().ok());
    let rules: usize = written().map(|w| w.specs.len()).sum();
    let patterns: usize = written()
        .flat_map(|w| &w.specs)
        .map(|r| r.patterns.len() + r.phrases.len())
        .sum();
    if rules > MAX_RULES || patterns > MAX_PATTERNS {
        loaded.errors.push(RuleError::TooLarge {
            path: named_paths(paths),
            message: format!(
                "{rules} rules with {patterns} patterns; a run loads at most {MAX_RULES} rules and compiles at most {MAX_PATTERNS} patterns"
            ),
        });
        return loaded;
    }
    // Compiling patterns is most of the cost: rules, and each rule's patterns, compile on
    // all cores.
    let compiled: Vec<Result<(Written, Vec<Compiled>), RuleError>> = read
        .into_par_iter()
        .map(|r| {
            r.map(|w| {
                let rules = w.compile();
                (w, rules)
            })
        })
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in compiled {
        let (written, rules) = match file {
            Ok(file) => file,
            Err(e) => {
                loaded.errors.push(e);
                continue;
            }
        };
        for rule in rules {
            let rule = match rule {
                Ok(rule) => rule,
                Err(errors) => {
                    loaded.errors.extend(errors);
                    continue;
                }
            };
            if let Some(first) = seen.get(&rule.id) {
                loaded.errors.push(RuleError::DuplicateId {
                    id: rule.id.clone(),
                    first: first.clone(),
                    path: written.path.clone(),
                    src: written.source(),
                    span: written.id_span(rule.origin.index),
                });
                continue;
            }
            seen.insert(rule.id.clone(), written.path.clone());
            loaded.rules.push(rule);
        }
    }
    if loaded.rules.is_empty() && loaded.errors.is_empty() && !paths.is_empty() {
        loaded.errors.push(RuleError::NoRules {
            path: named_paths(paths),
        });
    }
    loaded
}

/// The paths given, as an error about all of them names them.
fn named_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<_> = paths.iter().map(|p| p.to_string_lossy()).collect();
    shown.join(", ")
}

/// Why a rule file could not be read, before its path is attached.
enum ReadFailure {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8(crate::text::NotUtf8),
}

impl ReadFailure {
    /// The error about the file shown as `path`.
    fn at(self, path: String) -> RuleError {
        match self {
            ReadFailure::Io(e) => RuleError::Unreadable { path, error: e },
            ReadFailure::TooLarge(len) => RuleError::TooLarge {
                path,
                message: format!("{len} bytes; a rule file holds at most {MAX_RULE_FILE}"),
            },
            ReadFailure::NotUtf8(bad) => RuleError::Invalid {
                message: "not UTF-8 text".to_owned(),
                help: "save the rule file as UTF-8".to_owned(),
                span: bad.span(),
                src: crate::text::source(&path, bad.lossy),
                path,
            },
        }
    }
}

/// Reads a rule file as UTF-8 text within [`MAX_RULE_FILE`].
fn read_rule_file(file: &Path) -> Result<String, ReadFailure> {
    let len = std::fs::metadata(file).map_err(ReadFailure::Io)?.len();
    if len > MAX_RULE_FILE {
        return Err(ReadFailure::TooLarge(len));
    }
    let bytes = std::fs::read(file).map_err(ReadFailure::Io)?;
    crate::text::decode(bytes).map_err(ReadFailure::NotUtf8)
}

/// The rule files a path names: itself, or the YAML files below a folder (`.yaml` or
/// `.yml`, in any case), in path order. Each folder is read once, whatever links lead to it.
fn rule_files(path: &Path, errors: &mut Vec<RuleError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let walk = crate::walk::walk(path);
    for skipped in walk.skipped {
        if let crate::walk::Skipped::Unreadable { path, error } = skipped {
            errors.push(RuleError::Unreadable {
                path: path.to_string_lossy().replace('\\', "/"),
                error,
            });
        }
    }
    let mut files: Vec<PathBuf> = walk
        .folders
        .into_iter()
        .flat_map(|f| f.files)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .collect();
    files.sort();
    files
}

/// What a rule file holds, for the help of an invalid one.
const GENERAL_HELP: &str = "a rule file holds `rules:`, a list of rules with id, title, message and patterns (see docs/rules.md)";

/// Parses and compiles one rule file; the first error, if there is one.
pub fn parse(path: &str, text: &str) -> Result<Vec<Rule>, RuleError> {
    read(path.to_owned(), text)?
        .compile()
        .into_iter()
        .map(|rule| rule.map_err(|errors| errors.into_iter().next()))
        .collect::<Result<_, _>>()
        .map_err(|e| e.unwrap_or_else(|| unreachable!("a rule that fails has an error")))
}

/// The values of `results` that are no error; the errors go to `errors`.
fn sort_out<T>(results: Vec<Result<T, RuleError>>, errors: &mut Vec<RuleError>) -> Vec<T> {
    (results.into_iter())
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect()
}

/// A rule file read: its rules as written, and where each value was written.
struct Written {
    /// The file as shown.
    path: String,
    /// Its text.
    text: Arc<str>,
    /// Where each value was written.
    spans: Arc<Spans>,
    /// Its rules, as written.
    specs: Vec<RuleSpec>,
}

/// A rule compiled, or what is wrong with it.
type Compiled = Result<Rule, Vec<RuleError>>;

/// Reads one rule file into its rules as written: YAML syntax, fields and types, each
/// error at the place serde reports.
fn read(path: String, text: &str) -> Result<Written, RuleError> {
    let file: RuleFile = serde_yaml::from_str(text).map_err(|e| {
        let at = yaml::error_at(text, &e);
        let message = yaml::message(&e);
        RuleError::Invalid {
            help: yaml::help_at(text, at, &message, GENERAL_HELP),
            span: yaml::error_span(text, at, &message),
            message,
            src: crate::text::source(&path, text).with_language("yaml"),
            path: path.clone(),
        }
    })?;
    Ok(Written {
        path,
        spans: Arc::new(Spans::parse(text)),
        text: text.into(),
        specs: file.rules,
    })
}

impl Written {
    /// Compiles each rule, and each rule's patterns, on all cores; in file order.
    fn compile(&self) -> Vec<Compiled> {
        (self.specs.par_iter().enumerate())
            .map(|(index, spec)| self.compile_rule(index, spec))
            .collect()
    }

    /// Compiles the rule at `index`: its phrases (which lead its patterns), its patterns
    /// and its rates. Every error, each at the value it is about.
    fn compile_rule(&self, index: usize, spec: &RuleSpec) -> Compiled {
        let at = |steps: &[Step]| {
            let mut path = yaml::steps!["rules", index].to_vec();
            path.extend_from_slice(steps);
            self.spans.value_or_parent(&path)
        };
        let phrases = (spec.phrases.par_iter().enumerate())
            .map(|(n, phrase)| {
                Pattern::phrase(phrase).map_err(|e| {
                    let whole = at(&yaml::steps!["phrases", n]);
                    self.phrase_error(phrase, whole, e)
                })
            })
            .collect::<Vec<_>>();
        let patterns = (spec.patterns.par_iter().enumerate())
            .map(|(n, pattern)| {
                Pattern::compile(pattern).map_err(|e| {
                    let whole = at(&yaml::steps!["patterns", n]);
                    self.pattern_error(index, n, pattern, whole, e)
                })
            })
            .collect::<Vec<_>>();
        let rates = (spec.rates.iter().enumerate())
            .map(|(n, rate)| {
                Rate::new(rate).map_err(|(field, why)| {
                    let span = at(&yaml::steps!["rates", n, field]);
                    self.invalid(format!("rules[{index}].rates[{n}]: {why}"), span)
                })
            })
            .collect::<Vec<_>>();
        let mut errors = Vec::new();
        let mut compiled = sort_out(phrases, &mut errors);
        compiled.extend(sort_out(patterns, &mut errors));
        let rates = sort_out(rates, &mut errors);
        let invalid = |message: String| self.invalid(message, self.id_span(index));
        if spec.patterns.is_empty() && spec.phrases.is_empty() {
            errors.push(invalid(format!(
                "rule `{}` has no `phrases` or `patterns`: nothing would find its statements",
                spec.id
            )));
        }
        if spec.wordings.is_none() && compiled.iter().any(|p| p.slot == Slot::Wording) {
            errors.push(invalid(format!(
                "rule `{}` reads a {{wording}} but lists no `wordings` (accepted, contradicting)",
                spec.id
            )));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let spec = spec.clone();
        Ok(Rule {
            id: spec.id,
            title: spec.title,
            message: spec.message,
            help: spec.help,
            severity: spec.severity,
            subjects: spec.subjects,
            window: spec.window,
            patterns: compiled,
            phrases: Vec::new(),
            tolerance: spec.tolerance,
            keys: spec.keys,
            unkeyed: spec.unkeyed,
            cumulative: spec.cumulative,
            different_frames: spec.different_frames,
            holds_for: spec.holds_for,
            precision: spec.precision,
            rates,
            wordings: spec.wordings,
            unrecognized: spec.unrecognized,
            examples: spec.examples,
            file: self.path.clone(),
            origin: Origin {
                text: self.text.clone(),
                spans: self.spans.clone(),
                index,
            },
        })
    }

    /// The error for a regex pattern, written at `whole`, that does not compile.
    fn pattern_error(
        &self,
        index: usize,
        n: usize,
        pattern: &str,
        whole: SourceSpan,
        e: PatternError,
    ) -> RuleError {
        if e.regex {
            return RuleError::Regex {
                path: self.path.clone(),
                message: e.message,
                src: self.source(),
                span: whole,
            };
        }
        // Point at the placeholder the message names, where the pattern reads as written.
        let span = (e.placeholder.as_deref())
            .filter(|_| self.written(whole) == pattern)
            .and_then(|p| {
                pattern
                    .find(p)
                    .map(|i| (whole.offset() + i, p.len()).into())
            })
            .unwrap_or(whole);
        self.invalid(format!("rules[{index}].patterns[{n}]: {}", e.message), span)
    }

    /// An invalid value of the file at `span`, with what a rule file holds as help.
    fn invalid(&self, message: String, span: SourceSpan) -> RuleError {
        RuleError::Invalid {
            path: self.path.clone(),
            message,
            help: GENERAL_HELP.to_owned(),
            src: self.source(),
            span,
        }
    }

    /// The error for a phrase, written at `whole`, that does not compile: at the character
    /// it is about when the phrase is written as it reads (no escapes), else at the phrase.
    fn phrase_error(
        &self,
        phrase: &str,
        whole: SourceSpan,
        e: crate::phrase::PhraseError,
    ) -> RuleError {
        let as_written = self.written(whole) == phrase;
        let i = e.at;
        let span = if as_written && i < phrase.len() {
            let len = phrase[i..].chars().next().map_or(1, char::len_utf8);
            SourceSpan::from((whole.offset() + i, len))
        } else if as_written && i == phrase.len() && i > 0 {
            SourceSpan::from((whole.offset() + i - 1, 1))
        } else {
            whole
        };
        RuleError::Phrase {
            path: self.path.clone(),
            message: format!("phrase `{phrase}`: {}", e.message),
            src: self.source(),
            span,
        }
    }

    /// The text at `span`.
    fn written(&self, span: SourceSpan) -> &str {
        self.text
            .get(span.offset()..span.offset() + span.len())
            .unwrap_or_default()
    }

    /// The `id: ...` line of the rule at `index`, from the key on.
    fn id_span(&self, index: usize) -> SourceSpan {
        let id = yaml::steps!["rules", index, "id"];
        match self.spans.key(&id) {
            Some(key) => yaml::token_span(&self.text, key.offset()),
            None => self.spans.value_or_parent(&id),
        }
    }

    /// The file, for a diagnostic's snippet.
    fn source(&self) -> NamedSource<String> {
        crate::text::source(&self.path, &self.text).with_language("yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_in_rules_is_shipped_and_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let on_disk: Vec<String> = rule_files(&dir, &mut Vec::new())
            .iter()
            .filter_map(|p| {
                p.file_name()
                    .map(|n| format!("rules/{}", n.to_string_lossy()))
            })
            .collect();
        let shipped: Vec<&str> = SHIPPED.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            on_disk, shipped,
            "rules/ and rules::SHIPPED must list the same files"
        );
        let loaded = load(&[]);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert!(!loaded.rules.is_empty());
    }

    #[test]
    fn a_regex_error_points_at_the_pattern_as_written() {
        let text = "rules:\n  - id: a\n    title: t\n    message: m\n    patterns:\n      - 'met {count} times'\n      - 'met (x {count}'\n";
        let Err(RuleError::Regex { span, message, .. }) = parse("r.yaml", text) else {
            panic!("expected a regex error");
        };
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "met (x {count}"
        );
        assert!(message.contains("unclosed group"), "{message}");
    }

    #[test]
    fn compile_errors_point_at_the_value_by_its_path_however_it_is_written() {
        // A double-quoted pattern with escapes, a block-scalar phrase and a rate, in two
        // rules: every error is reported, each at the value as the parser read it.
        let text = "rules:\n  - id: a\n    title: t\n    message: m\n    patterns:\n      - \"met \\\\d( {count}\"\n    phrases:\n      - >-\n        met [{count} times\n  - id: b\n    title: t\n    message: m\n    phrases: ['{money} trade']\n    rates:\n      - { pair: USD/CNY, rate: 7, period: someday }\n";
        let written = read("r.yaml".to_owned(), text).unwrap_or_else(|e| panic!("{e:?}"));
        let errors: Vec<RuleError> = (written.compile().into_iter())
            .filter_map(Result::err)
            .flatten()
            .collect();
        let at = |e: &RuleError| {
            let span = match e {
                RuleError::Regex { span, .. }
                | RuleError::Phrase { span, .. }
                | RuleError::Invalid { span, .. } => *span,
                other => panic!("unexpected {other:?}"),
            };
            text[span.offset()..span.offset() + span.len()].to_owned()
        };
        let found: Vec<String> = errors.iter().map(at).collect();
        // The phrase first (phrases lead), at its unclosed `[`; the regex as written, with
        // its escape; the rate at its period.
        assert_eq!(found, ["[", "met \\\\d( {count}", "someday"], "{errors:?}");
        assert!(matches!(errors[1], RuleError::Regex { .. }));
        let RuleError::Invalid { message, .. } = &errors[2] else {
            panic!("{:?}", errors[2]);
        };
        assert!(
            message.starts_with("rules[1].rates[0]: period `someday`"),
            "{message}"
        );
    }
}
