//! Configuration: `crosscheck.yaml`, found in the working folder or an ancestor, says which
//! articles and rules to check, when a run fails, and which rules to tune, disable or
//! ignore where.
//!
//! Paths and globs in the file are relative to its folder. Command-line flags override it.
//! This module reads the file and resolves its paths; it does not check anything.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::article::display;
use crate::rules::{Rule, Severity};
use crate::yaml;

/// The name of the configuration file.
pub const FILE_NAME: &str = "crosscheck.yaml";

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings (input errors still exit 2).
    Never,
}

impl crate::Named for FailOn {
    const ALL: &'static [(FailOn, &'static str, &'static str)] = &[
        (FailOn::Error, "error", "Fail on errors only"),
        (FailOn::Warning, "warning", "Fail on warnings and errors"),
        (FailOn::Info, "info", "Fail on any finding"),
        (
            FailOn::Never,
            "never",
            "Never fail because of findings (input errors still exit 2)",
        ),
    ];
}

impl FailOn {
    /// True when a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// `crosscheck.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    /// Article files, folders and globs (`wires/**/*.txt`), relative to this file.
    #[serde(default, deserialize_with = "one_or_many")]
    articles: Vec<String>,
    /// Rule files and folders, relative to this file. Default: the shipped rules.
    #[serde(default, deserialize_with = "one_or_many")]
    rules: Vec<String>,
    /// The lowest severity that fails a run.
    fail_on: Option<FailOn>,
    /// A baseline file (`crosscheck baseline -o FILE`) whose findings are not reported.
    baseline: Option<String>,
    /// Severity overrides: rule id → error, warning or info, for every finding of the rule.
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    /// Rules not to apply, by id.
    #[serde(default)]
    disable: Vec<String>,
    /// Statements reviewed and accepted: a rule's statements in some articles (all when no
    /// `articles` is given) are not compared. A `reason` is required.
    #[serde(default)]
    ignore: Vec<IgnoreEntry>,
    /// What is compared with what: `manifests` (the default: each folder with a
    /// `sources.yaml` is its own set), `one` (the whole run is one set), or globs of the
    /// folders that are each a set (`archive/*/`).
    #[serde(default, deserialize_with = "one_or_many")]
    scopes: Vec<String>,
}

/// One `ignore:` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreEntry {
    /// The rule's id.
    rule: String,
    /// Globs of the articles it covers, relative to this file; all articles when empty.
    #[serde(default, deserialize_with = "one_or_many")]
    articles: Vec<String>,
    /// Why the statements were accepted.
    reason: String,
}

/// A string, or a list of strings.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a path or a list of paths")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(v) = seq.next_element()? {
                out.push(v);
            }
            Ok(out)
        }
    }
    d.deserialize_any(OneOrMany)
}

/// A configuration that could not be used.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::config::unreadable),
        help("check the path given to --config, or pass --no-config")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file is not YAML, or holds an unknown key or a bad value.
    #[error("{path}: {message}")]
    #[diagnostic(code(crosscheck::config::invalid))]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
        /// What to do about it.
        #[help]
        help: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A rule id that no loaded rule has.
    #[error("{path}: no rule `{id}`")]
    #[diagnostic(code(crosscheck::config::unknown_rule))]
    UnknownRule {
        /// The file.
        path: String,
        /// The id as written.
        id: String,
        /// The nearest id, or what to do.
        #[help]
        help: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where the id is written.
        #[label("not the id of any rule")]
        span: SourceSpan,
    },
    /// A glob of articles matched no file.
    #[error("{path}: `{glob}` matches no file")]
    #[diagnostic(
        code(crosscheck::config::no_match),
        help("globs are relative to the configuration file's folder; `**` crosses folders")
    )]
    NoMatch {
        /// The file.
        path: String,
        /// The glob.
        glob: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where the glob is written.
        #[label("matches nothing")]
        span: SourceSpan,
    },
}

impl ConfigError {
    /// The configuration file the error is about.
    pub fn path(&self) -> &str {
        match self {
            ConfigError::Unreadable { path, .. }
            | ConfigError::Invalid { path, .. }
            | ConfigError::UnknownRule { path, .. }
            | ConfigError::NoMatch { path, .. } => path,
        }
    }
}

const HELP: &str = "crosscheck.yaml keys: articles, rules, fail-on, baseline, severity, disable, \
                    ignore, scopes (see docs/ci.md)";

/// A loaded configuration, its paths resolved against its folder.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Article paths: folders and files, and the files the globs matched.
    pub articles: Vec<PathBuf>,
    /// Rule files and folders.
    pub rules: Vec<PathBuf>,
    /// The lowest severity that fails a run.
    pub fail_on: Option<FailOn>,
    /// The baseline file.
    pub baseline: Option<PathBuf>,
    /// The rule settings, which the check applies.
    pub settings: Settings,
}

/// What a configuration changes about the rules: severities, disabled rules, ignores.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Rule id → the severity of each of its findings.
    pub severity: BTreeMap<String, Severity>,
    /// Rules not applied.
    pub disable: Vec<String>,
    /// Rules' statements not compared in some articles.
    pub ignore: Vec<Ignore>,
    /// What is compared with what.
    pub scopes: Scopes,
    /// The file and its text, to point at ids that name no rule.
    source: Option<(String, String, std::sync::Arc<yaml::Spans>)>,
}

/// Which articles are compared with each other: each scope is a set of its own.
#[derive(Debug, Clone, Default)]
pub enum Scopes {
    /// Each folder with a manifest (`sources.yaml`) is a scope; articles under no manifest
    /// join every scope.
    #[default]
    Manifests,
    /// The whole run is one scope.
    One,
    /// Each folder a glob matches (matched against canonical paths) is a scope; articles in
    /// no such folder join every scope.
    Folders(Vec<GlobMatcher>),
}

impl Scopes {
    /// The scope an article belongs to, given the one its manifest gave and its canonical
    /// path.
    pub fn of(&self, by_manifest: Option<String>, path: &Path) -> Option<String> {
        match self {
            Scopes::Manifests => by_manifest,
            Scopes::One => None,
            Scopes::Folders(globs) => path
                .ancestors()
                .skip(1)
                .find(|folder| globs.iter().any(|g| g.is_match(folder)))
                .map(|folder| {
                    let cwd = std::env::current_dir().unwrap_or_default();
                    display(folder.strip_prefix(&cwd).unwrap_or(folder))
                }),
        }
    }
}

/// Statements of one rule, in matching articles, that were reviewed and are not compared.
#[derive(Debug, Clone)]
pub struct Ignore {
    /// The rule's id.
    pub rule: String,
    /// The articles it covers (matched against canonical article paths); all when empty.
    pub articles: Vec<GlobMatcher>,
    /// Why.
    pub reason: String,
    /// Where the entry is written, for a report when it matches nothing.
    pub span: SourceSpan,
}

impl Ignore {
    /// True when the entry covers the article at `path`, a canonical path.
    pub fn covers(&self, path: &Path) -> bool {
        self.articles.is_empty() || self.articles.iter().any(|g| g.is_match(path))
    }
}

impl Settings {
    /// Errors for the ids in the configuration that name none of `rules`.
    pub fn unknown_rules(&self, rules: &[Rule]) -> Vec<ConfigError> {
        let Some((path, text, spans)) = &self.source else {
            return Vec::new();
        };
        let severity = (self.severity.keys()).map(|id| {
            (
                id,
                spans.key_or_parent(&yaml::steps!["severity", id.as_str()]),
            )
        });
        let disable = (self.disable.iter().enumerate())
            .map(|(n, id)| (id, spans.value_or_parent(&yaml::steps!["disable", n])));
        let ignore = self.ignore.iter().map(|i| (&i.rule, i.span));
        let named = severity.chain(disable).chain(ignore);
        let mut errors: Vec<ConfigError> = Vec::new();
        for (id, span) in named {
            if rules.iter().any(|r| &r.id == id) {
                continue;
            }
            errors.push(ConfigError::UnknownRule {
                path: path.clone(),
                id: id.clone(),
                help: crate::rules::unknown_rule_help(rules, id),
                src: crate::text::source(path, text).with_language("yaml"),
                span,
            });
        }
        errors
    }

    /// The file these settings came from, and its text.
    pub fn source(&self) -> Option<(&str, &str)> {
        self.source
            .as_ref()
            .map(|(p, t, _)| (p.as_str(), t.as_str()))
    }
}

/// Finds `crosscheck.yaml` in `dir` or its nearest ancestor that has one.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and resolves the configuration at `path`; `shown` is how its folder is reached
/// from the working folder (`""` for the working folder itself, `".."` for its parent).
pub fn load(path: &Path, base: &Path) -> Result<Config, Vec<ConfigError>> {
    let shown = base.join(FILE_NAME);
    let shown = if path.file_name().is_some_and(|n| n == FILE_NAME) {
        display(&shown)
    } else {
        display(path)
    };
    let bytes = fs::read(path).map_err(|e| {
        vec![ConfigError::Unreadable {
            path: shown.clone(),
            error: e,
        }]
    })?;
    let text = crate::text::decode(bytes).map_err(|bad| {
        vec![ConfigError::Invalid {
            path: shown.clone(),
            message: "not UTF-8 text".to_owned(),
            help: "save crosscheck.yaml as UTF-8".to_owned(),
            span: bad.span(),
            src: crate::text::source(&shown, bad.lossy).with_language("yaml"),
        }]
    })?;
    parse(&shown, &text, base)
}

/// Parses a configuration whose paths are relative to `base`.
pub fn parse(path: &str, text: &str, base: &Path) -> Result<Config, Vec<ConfigError>> {
    let file: ConfigFile = if text.trim().is_empty() {
        ConfigFile::default()
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let at = yaml::error_at(text, &e);
            let message = yaml::message(&e);
            vec![ConfigError::Invalid {
                path: path.to_owned(),
                help: yaml::help_at(text, at, &message, HELP),
                span: yaml::error_span(text, at, &message),
                message,
                src: crate::text::source(path, text).with_language("yaml"),
            }]
        })?
    };
    let mut errors = Vec::new();
    let src = || crate::text::source(path, text).with_language("yaml");
    let spans = std::sync::Arc::new(yaml::Spans::parse(text));
    // Where `value` is written below `within`.
    let at = |within: &[yaml::Step], value: &str| {
        (spans.scalar_within(within, value)).unwrap_or_else(|| spans.value_or_parent(within))
    };
    // Ignores are matched against canonical article paths, however the run named them.
    let root = fs::canonicalize(if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    })
    .map(|p| globset::escape(&p.to_string_lossy().replace('\\', "/")))
    .unwrap_or_default();
    let glob = |root: &str, pattern: &str, within: &[yaml::Step], errors: &mut Vec<ConfigError>| {
        let full = if root.is_empty() || Path::new(pattern).is_absolute() {
            pattern.to_owned()
        } else {
            format!("{}/{pattern}", root.trim_end_matches('/'))
        };
        match Glob::new(&full) {
            Ok(g) => Some(g.compile_matcher()),
            Err(e) => {
                errors.push(ConfigError::Invalid {
                    path: path.to_owned(),
                    message: format!("`{pattern}` is not a glob: {}", e.kind()),
                    help: HELP.to_owned(),
                    src: src(),
                    span: at(within, pattern),
                });
                None
            }
        }
    };
    let mut articles = Vec::new();
    for entry in &file.articles {
        if !is_glob(entry) {
            articles.push(base.join(entry));
            continue;
        }
        let Some(matcher) = glob(
            &display(base),
            entry,
            &yaml::steps!["articles"],
            &mut errors,
        ) else {
            continue;
        };
        let Some(matched) = expand(base, entry, &matcher) else {
            errors.push(ConfigError::Invalid {
                path: path.to_owned(),
                message: format!("`{entry}` would walk the whole file system"),
                help: "start the glob with the folder that holds the articles (`wires/**/*.txt`); globs are relative to the configuration file's folder".to_owned(),
                src: src(),
                span: at(&yaml::steps!["articles"], entry),
            });
            continue;
        };
        if matched.is_empty() {
            errors.push(ConfigError::NoMatch {
                path: path.to_owned(),
                glob: entry.clone(),
                src: src(),
                span: at(&yaml::steps!["articles"], entry),
            });
        }
        articles.extend(matched);
    }
    let mut ignore = Vec::new();
    for (n, entry) in file.ignore.iter().enumerate() {
        let globs = entry
            .articles
            .iter()
            .filter_map(|g| {
                glob(
                    &root,
                    g,
                    &yaml::steps!["ignore", n, "articles"],
                    &mut errors,
                )
            })
            .collect();
        if entry.reason.trim().is_empty() {
            errors.push(ConfigError::Invalid {
                path: path.to_owned(),
                message: format!("the ignore of `{}` gives no reason", entry.rule),
                help: "say why the statements were accepted, so the next reader knows".to_owned(),
                src: src(),
                span: spans.key_or_parent(&yaml::steps!["ignore", n, "reason"]),
            });
        }
        ignore.push(Ignore {
            rule: entry.rule.clone(),
            articles: globs,
            reason: entry.reason.trim().to_owned(),
            span: spans.value_or_parent(&yaml::steps!["ignore", n, "rule"]),
        });
    }
    let scopes = match file.scopes.as_slice() {
        [] => Scopes::Manifests,
        [word] if word == "manifests" => Scopes::Manifests,
        [word] if word == "one" => Scopes::One,
        globs => Scopes::Folders(
            globs
                .iter()
                .filter_map(|g| {
                    let within = yaml::steps!["scopes"];
                    glob(&root, g.trim_end_matches('/'), &within, &mut errors)
                })
                .collect(),
        ),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        articles,
        rules: file.rules.iter().map(|r| base.join(r)).collect(),
        fail_on: file.fail_on,
        baseline: file.baseline.map(|b| base.join(b)),
        settings: Settings {
            severity: file.severity,
            disable: file.disable,
            ignore,
            scopes,
            source: Some((path.to_owned(), text.to_owned(), spans)),
        },
    })
}

/// True when a path is a glob rather than a plain path.
fn is_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

/// The files under `base` that `matcher` (a glob over `base`-joined paths) matches, walking
/// only from the glob's literal leading folders (each real folder once) and skipping hidden
/// entries; `None` when that folder is the file system's root.
fn expand(base: &Path, pattern: &str, matcher: &GlobMatcher) -> Option<Vec<PathBuf>> {
    let literal: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
        .collect();
    let mut start = base.join(literal);
    if !start.is_dir() {
        start = start.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    if start.as_os_str().is_empty() {
        start = PathBuf::from(".");
    }
    if fs::canonicalize(&start).is_ok_and(|real| real.parent().is_none()) {
        return None;
    }
    let mut found: Vec<PathBuf> = crate::walk::walk(&start)
        .folders
        .into_iter()
        .flat_map(|f| f.files)
        .map(|p| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p))
        .filter(|p| matcher.is_match(display(p)))
        .collect();
    found.sort();
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` parsed as a configuration in a temporary folder (globs are resolved there).
    fn parsed(text: &str) -> Result<Config, Vec<ConfigError>> {
        let dir = tempfile::tempdir().unwrap();
        parse("crosscheck.yaml", text, dir.path())
    }

    /// The codes of the errors `text` gives.
    fn codes(text: &str) -> Vec<String> {
        match parsed(text) {
            Ok(_) => panic!("{text:?} is refused"),
            Err(errors) => errors
                .iter()
                .map(|e| e.code().map(|c| c.to_string()).unwrap_or_default())
                .collect(),
        }
    }

    #[test]
    fn an_empty_file_changes_nothing() {
        let config = parsed("").unwrap();
        assert!(config.articles.is_empty() && config.rules.is_empty());
        assert_eq!(config.fail_on, None);
        assert!(config.settings.severity.is_empty());
        assert!(config.settings.disable.is_empty() && config.settings.ignore.is_empty());
        assert!(matches!(config.settings.scopes, Scopes::Manifests));
    }

    #[test]
    fn severities_disabled_rules_and_ignores_are_read() {
        let config = parsed(
            "fail-on: warning\nseverity:\n  a: info\n  b: warning\ndisable: [c]\n\
             ignore:\n  - rule: d\n    articles: wires/*\n    reason: '  checked  '\n",
        )
        .unwrap();
        assert_eq!(config.fail_on, Some(FailOn::Warning));
        let severity: Vec<(&str, Severity)> = config
            .settings
            .severity
            .iter()
            .map(|(id, s)| (id.as_str(), *s))
            .collect();
        assert_eq!(severity, [("a", Severity::Info), ("b", Severity::Warning)]);
        assert_eq!(config.settings.disable, ["c"]);
        let [ignore] = &config.settings.ignore[..] else {
            panic!("one ignore: {:?}", config.settings.ignore)
        };
        assert_eq!(
            (ignore.rule.as_str(), ignore.reason.as_str()),
            ("d", "checked")
        );
        assert_eq!(ignore.articles.len(), 1);
    }

    #[test]
    fn an_ignore_covers_the_articles_its_globs_match_under_the_configurations_folder() {
        let dir = tempfile::tempdir().unwrap();
        let config = parse(
            "crosscheck.yaml",
            "ignore:\n  - rule: r\n    articles: ['wires/*']\n    reason: why\n  - rule: s\n    reason: all\n",
            dir.path(),
        )
        .unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let [wires, all] = &config.settings.ignore[..] else {
            panic!("{:?}", config.settings.ignore)
        };
        assert!(wires.covers(&root.join("wires/a.txt")));
        assert!(!wires.covers(&root.join("desk/a.txt")));
        // Without `articles`, every article.
        assert!(all.covers(&root.join("desk/a.txt")));
    }

    #[test]
    fn scopes_are_manifests_one_or_folder_globs() {
        let scopes = |text: &str| parsed(text).unwrap().settings.scopes;
        assert!(matches!(scopes("scopes: manifests"), Scopes::Manifests));
        assert!(matches!(scopes("scopes: one"), Scopes::One));
        assert!(matches!(
            scopes("scopes: ['archive/*/', 'wires/*']"),
            Scopes::Folders(globs) if globs.len() == 2
        ));
        assert_eq!(
            Scopes::One.of(Some("by-manifest".into()), Path::new("a/b.txt")),
            None
        );
        assert_eq!(
            Scopes::Manifests.of(Some("by-manifest".into()), Path::new("a/b.txt")),
            Some("by-manifest".to_owned())
        );
    }

    #[test]
    fn mistakes_are_refused_with_a_code() {
        let invalid = ["crosscheck::config::invalid"];
        assert_eq!(codes("fail_on: warning"), invalid, "an unknown key");
        assert_eq!(codes("fail-on: sometimes"), invalid, "an unknown fail-on");
        assert_eq!(
            codes("severity: {a: fatal}"),
            invalid,
            "an unknown severity"
        );
        assert_eq!(
            codes("ignore:\n  - rule: a\n    reason: ' '\n"),
            invalid,
            "an ignore without a reason"
        );
        assert_eq!(
            codes("articles: ['nowhere/*.txt']"),
            ["crosscheck::config::no_match"]
        );
    }

    #[test]
    fn fail_on_fails_at_its_severity_and_above() {
        use Severity::*;
        let fails = |f: FailOn| [Info, Warning, Error].map(|s| f.fails(s));
        assert_eq!(fails(FailOn::Error), [false, false, true]);
        assert_eq!(fails(FailOn::Warning), [false, true, true]);
        assert_eq!(fails(FailOn::Info), [true, true, true]);
        assert_eq!(fails(FailOn::Never), [false, false, false]);
    }
}
