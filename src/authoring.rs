//! Tools for rule authors: running a rule's examples through the real statement finder,
//! and checks a rule file can pass and still be wrong.

use std::collections::BTreeSet;

use crate::article::{Article, Meta};
use crate::rules::{Example, Rule, Slot, VerdictName};

/// What a rule checks, in plain text (see [`crate::rules::explain`]).
pub use crate::rules::explain;
use crate::statement::{self, Matcher, Statement, Value};

pub use crate::outcome::{Compiled, Failure, RuleOutcome, Warning};

/// Two bounds this close are the same (readings are computed in floating point).
const EPSILON: f64 = 1e-6;

/// Runs every example of `rule`.
pub fn test_rule(rule: &Rule) -> RuleOutcome {
    let rules = std::slice::from_ref(rule);
    let failures = match Matcher::new(rules) {
        Ok(matcher) => rule
            .examples
            .iter()
            .enumerate()
            .filter_map(|(i, ex)| run_example(i, ex, rules, &matcher))
            .collect(),
        Err(e) => vec![Failure {
            example: 0,
            at: rule.origin.line_col(None),
            text: String::new(),
            expected: Vec::new(),
            read: vec![format!("the subject terms could not be compiled: {e}")],
        }],
    };
    RuleOutcome {
        id: rule.id.clone(),
        file: rule.file.clone(),
        examples: rule.examples.len(),
        failures,
    }
}

/// Reads one example; `None` when it read what it expects.
fn run_example(index: usize, ex: &Example, rules: &[Rule], matcher: &Matcher) -> Option<Failure> {
    let article = Article {
        path: format!("example {}", index + 1),
        bytes: ex.text.len(),
        sha256: crate::article::digest(&ex.text),
        text: ex.text.clone(),
        body: 0,
        meta: Meta {
            published: ex.published,
            ..Meta::default()
        },
        markdown: false,
        scope: None,
    };
    let found = statement::find(0, &article, rules, matcher);
    let ok = found.len() == ex.expect.len()
        && found.iter().zip(&ex.expect).all(|(s, e)| {
            e.quote.as_ref().is_none_or(|q| q == &s.quote)
                && e.verdict.is_none_or(|v| verdict(s) == Some(v))
                && e.key.as_ref().is_none_or(|k| k == &s.key)
                && bound_matches(e.low.as_ref(), s, true)
                && bound_matches(e.high.as_ref(), s, false)
        });
    if ok {
        return None;
    }
    let expected = if ex.expect.is_empty() {
        vec!["no statement".to_owned()]
    } else {
        ex.expect
            .iter()
            .map(|e| {
                let mut parts = Vec::new();
                if let Some(q) = &e.quote {
                    parts.push(format!("quote \"{q}\""));
                }
                if let Some(l) = &e.low {
                    parts.push(format!("low {l}"));
                }
                if let Some(h) = &e.high {
                    parts.push(format!("high {h}"));
                }
                if let Some(v) = e.verdict {
                    parts.push(format!("verdict {}", v.name()));
                }
                if let Some(k) = &e.key {
                    parts.push(format!("key {}", show_key(k)));
                }
                if parts.is_empty() {
                    "a statement".to_owned()
                } else {
                    parts.join(", ")
                }
            })
            .collect()
    };
    let read = if found.is_empty() {
        vec!["no statement".to_owned()]
    } else {
        found.iter().map(describe).collect()
    };
    Some(Failure {
        example: index,
        at: (rules.first()).map_or((1, 1), |r| r.origin.line_col(Some(&ex.text))),
        text: ex.text.clone(),
        expected,
        read,
    })
}

/// The verdict of a wording statement.
fn verdict(s: &Statement) -> Option<VerdictName> {
    match &s.value {
        Value::Wording { verdict, .. } => Some(VerdictName::of(verdict)),
        Value::Quantity(_) => None,
    }
}

/// True when the expected bound, if any, is the statement's.
fn bound_matches(expected: Option<&crate::rules::Number>, s: &Statement, low: bool) -> bool {
    let Some(expected) = expected else {
        return true;
    };
    let Some(reading) = s.value.reading() else {
        return false;
    };
    let bound = if low {
        reading.value.low
    } else {
        reading.value.high
    };
    match (expected.value(), bound.to_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= EPSILON * a.abs().max(1.0),
        _ => false,
    }
}

/// A key as the failure report shows it: `{year: 2022}`.
fn show_key(key: &std::collections::BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = key.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", pairs.join(", "))
}

/// A statement as the failure report shows it: the quote, the bounds, the verdict and
/// the key.
fn describe(s: &Statement) -> String {
    let key = if s.key.is_empty() {
        String::new()
    } else {
        format!(", key {}", show_key(&s.key))
    };
    let text = match &s.value {
        Value::Quantity(r) => {
            let num = |b: crate::grammar::Bound| match b.value() {
                None => "unbounded".to_owned(),
                Some(v) if r.kind == crate::grammar::Kind::Date => {
                    crate::grammar::Reading::days(crate::grammar::Interval::exact(v)).range()
                }
                Some(v) => v.normalize().to_string(),
            };
            format!(
                "quote \"{}\", low {}, high {} ({})",
                s.quote,
                num(r.value.low),
                num(r.value.high),
                s.value
            )
        }
        Value::Wording { verdict, .. } => format!(
            "quote \"{}\", verdict {} ({})",
            s.quote,
            VerdictName::of(verdict).name(),
            s.value
        ),
    };
    text + &key
}

/// Checks that loading cannot make: captures no pattern has, subject terms too short.
pub fn lint(rule: &Rule) -> Vec<Warning> {
    let mut out = Vec::new();
    // Each warning points at the value it names (the first in backticks), else the rule.
    let mut warn = |message: String| {
        let at = rule.origin.line_col(crate::yaml::named_value(&message));
        out.push(Warning {
            rule: rule.id.clone(),
            file: rule.file.clone(),
            at,
            message,
        })
    };
    let groups: BTreeSet<&str> = rule
        .patterns
        .iter()
        .flat_map(|p| p.captures.iter().map(String::as_str))
        .collect();
    for (name, key) in &rule.keys {
        if let Some(capture) = &key.capture {
            if !groups.contains(capture.as_str()) {
                warn(format!(
                    "key `{name}` reads capture `{capture}`, which no pattern has (write `(?P<{capture}>...)` in a pattern)"
                ));
            }
        }
    }
    for term in rule.subjects.iter().flatten() {
        if term.trim().chars().count() < 2 {
            warn(format!(
                "subject term `{term}` is shorter than 2 characters and matches almost anywhere"
            ));
        } else if is_common_word(term) {
            warn(format!(
                "subject term `{term}` is one of the most common English words and matches most sentences; name the subject itself"
            ));
        }
    }
    for pattern in &rule.patterns {
        if let Some((boundary, sample)) = boundary_before_symbol(pattern) {
            warn(format!(
                "`{}`: `{boundary}` never matches before a value that starts with a symbol, such as `{sample}` after a space; leave it out: the engine puts word boundaries where the pattern starts or ends with a word",
                pattern.source
            ));
        }
        if let Some((context, sample)) = impossible_context(pattern) {
            warn(format!(
                "pattern `{}` can never match: no value such as `{sample}` fits in `{context}` around its placeholder",
                pattern.source
            ));
        }
    }
    for (i, ex) in rule.examples.iter().enumerate() {
        for bound in ex.expect.iter().flat_map(|e| [&e.low, &e.high]).flatten() {
            if bound.value().is_none() {
                warn(format!(
                    "example {}: `{bound}` is neither a number nor a date (YYYY-MM-DD)",
                    i + 1
                ));
            }
        }
    }
    if rule.examples.is_empty() {
        warn("rule has no examples; add some so `crosscheck rules test` checks it".to_owned());
    }
    out
}

/// A few values each kind's placeholder reads, to try in a pattern's literal context.
fn samples(kind: crate::grammar::Kind) -> &'static [&'static str] {
    use crate::grammar::Kind;
    match kind {
        Kind::Count => &["3", "40", "about 40", "three", "1,200"],
        Kind::Money => &["$5 billion", "5 billion dollars", "$200"],
        Kind::Percent => &["5%", "5 percent", "12.5 per cent"],
        Kind::Ordinal => &["third", "3rd", "40th"],
        Kind::Duration => &["three-day", "3 days", "two weeks"],
        Kind::Date => &["2023", "March 2023", "21 March 2023"],
    }
}

/// Characters that may stand in a pattern as themselves (the literal context).
fn is_literal(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | ',' | ':' | ';' | '\'' | '"' | '-' | '/' | '%')
}

/// For a pattern whose placeholder has literal text right around it that no sample value
/// of its kind can stand in: that text (the placeholder written `{kind}`) and a sample.
/// The literal context stops at the first regex syntax; a literal character under a
/// quantifier (`a?`, `x*`) is left out, so only text the match must contain is used.
fn impossible_context(pattern: &crate::rules::Pattern) -> Option<(String, &'static str)> {
    let Slot::Quantity(kind) = pattern.slot else {
        return None;
    };
    let source = &pattern.source;
    let name = format!("{{{}}}", kind.name());
    let at = source.find(&name)?;
    let (head, tail) = (&source[..at], &source[at + name.len()..]);
    let before_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_literal(c))
        .last()
        .map_or(head.len(), |(i, _)| i);
    let mut before = &head[before_start..];
    if head[..before_start].ends_with('\\') {
        // `\s`, `\b`: the first letter is part of an escape.
        before = before.get(1..).unwrap_or("");
    }
    let after_len = tail
        .chars()
        .take_while(|&c| is_literal(c))
        .map(char::len_utf8)
        .sum();
    let mut after = &tail[..after_len];
    if tail[after_len..].starts_with(['?', '*', '{']) {
        // The last literal is optional or repeated.
        after = after.char_indices().last().map_or("", |(i, _)| &after[..i]);
    }
    if before.is_empty() && after.is_empty() {
        return None;
    }
    let fragment = format!(
        "(?i)^{}(?P<value>{}){}$",
        regex::escape(before),
        crate::grammar::placeholder(kind),
        regex::escape(after)
    );
    let re = regex::Regex::new(&fragment).ok()?;
    let all = samples(kind);
    if all
        .iter()
        .any(|s| re.is_match(&format!("{before}{s}{after}")))
    {
        return None;
    }
    Some((format!("{before}{name}{after}"), all[0]))
}

/// For a regex pattern with a word boundary right before its placeholder, where some
/// values of the kind start with a symbol (`\b{money}` and "$190 billion"), or right
/// before a symbol (`\b\$`): the boundary as written and a value it keeps from matching.
/// A word boundary between a space and a symbol never holds.
fn boundary_before_symbol(pattern: &crate::rules::Pattern) -> Option<(&'static str, String)> {
    if pattern.phrase {
        return None;
    }
    let source = &pattern.source;
    let name = match pattern.slot {
        Slot::Quantity(kind) => kind.name(),
        Slot::Wording => "wording",
    };
    let placeholder = format!("{{{name}}}");
    [r"(?-u:\b)", r"\b"].into_iter().find_map(|boundary| {
        source.match_indices(boundary).find_map(|(i, _)| {
            // `\\b` is a backslash and a letter b.
            let escapes = source[..i].chars().rev().take_while(|&c| c == '\\').count();
            if boundary == r"\b" && escapes % 2 == 1 {
                return None;
            }
            let rest = &source[i + boundary.len()..];
            if rest.starts_with(&placeholder) {
                let Slot::Quantity(kind) = pattern.slot else {
                    return None;
                };
                let sample = samples(kind)
                    .iter()
                    .find(|s| s.starts_with(|c: char| !c.is_alphanumeric()))?;
                return Some((boundary, (*sample).to_owned()));
            }
            let symbol = rest.strip_prefix('\\').unwrap_or(rest).chars().next()?;
            let plain = rest.starts_with('\\') || !"^$.|?*+()[]{}".contains(symbol);
            (plain && (symbol.is_ascii_punctuation() || "£€¥".contains(symbol)) && symbol != '\\')
                .then(|| (boundary, symbol.to_string()))
        })
    })
}

/// About a hundred of the most common English words: a subject term that is one of them
/// (alone) is in most sentences, so its group selects nothing.
const COMMON_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "but", "by", "can", "could", "day", "did", "do", "does", "first", "for",
    "from", "get", "had", "has", "have", "he", "her", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "last", "like", "made", "make", "many", "may", "me", "more", "most",
    "my", "new", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out",
    "over", "people", "said", "say", "says", "she", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "time", "to", "told", "two", "up",
    "us", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "year",
    "years", "you", "your",
];

/// True when `term`, ignoring case and surrounding space, is one of [`COMMON_WORDS`].
fn is_common_word(term: &str) -> bool {
    let term = term.trim().to_lowercase();
    COMMON_WORDS.contains(&term.as_str())
}

/// Each pattern of a rule as written and as the engine runs it (a phrase compiled, a
/// regex with its spacing and boundaries): for `crosscheck rules check --verbose`.
pub fn compiled(rule: &Rule) -> Vec<Compiled<'_>> {
    rule.patterns
        .iter()
        .map(|p| Compiled {
            rule: &rule.id,
            file: &rule.file,
            at: rule.origin.line_col(Some(&p.source)),
            phrase: p.phrase,
            source: &p.source,
            runs: &p.runs,
        })
        .collect()
}

/// The starter configuration `crosscheck init` writes.
pub const INIT_CONFIG: &str = "\
# crosscheck configuration, read by every crosscheck run in this folder and below.
# Paths are relative to this file; flags on the command line win. docs/ci.md lists every key.
articles:
  - articles/
rules:
  - rules/
# The lowest severity that fails a run: error, warning, info or never.
fail-on: error
";

/// The commented rule file `crosscheck init` writes.
pub const INIT_RULES: &str = r#"# yaml-language-server: $schema=./schema.json
# Your claims. Each rule finds the statements of one claim in every article; crosscheck
# reports statements that cannot all be true. See docs/rules.md for every key.
rules:
  - id: bridge-length            # unique, used in codes: crosscheck::bridge-length
    title: How long the new bridge is
    message: Sources disagree on the length of the new bridge
    severity: error              # info, warning or error
    # A term of every group must appear in the sentence (or `window` sentences before).
    subjects:
      - [bridge, crossing]
    # What a statement says around the value, in words: [optional words], (one | other),
    # ~N for up to N words, and one placeholder for the value: {count} {money} {percent}
    # {ordinal} {duration} {date} {wording}. `patterns:` takes regexes instead.
    phrases:
      - (spans | is | stretches) {count} (metres | meters)
    # Run with `crosscheck rules test rules/`: each text must read what `expect` says.
    examples:
      - text: The new bridge spans about 800 metres across the bay.
        expect: [{ quote: about 800, low: 720, high: 880 }]
      - text: The bridge opened to traffic last week.
        expect: []
"#;

/// Writes the starter files into `dir` (with the rule files' JSON Schema for editors) and an
/// `articles/` folder; refuses, writing nothing, if any file exists.
pub fn init(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    let files = [
        (dir.join("crosscheck.yaml"), INIT_CONFIG.to_owned()),
        (
            dir.join("rules").join("my-claims.yaml"),
            INIT_RULES.to_owned(),
        ),
        (
            dir.join("rules").join("schema.json"),
            crate::rules::schema(),
        ),
    ];
    // `symlink_metadata` sees a link even when it leads nowhere: init never writes through one.
    if let Some((p, _)) = files.iter().find(|(p, _)| p.symlink_metadata().is_ok()) {
        return Err(format!("{} exists; not overwriting it", p.display()));
    }
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles)
        .map_err(|e| format!("{}: could not be created: {e}", articles.display()))?;
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: could not be created: {e}", parent.display()))?;
        }
        // `create_new` fails on anything already there, a link included, even one created
        // since the check above.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| format!("{}: could not be written: {e}", path.display()))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Kind;

    #[test]
    fn every_sample_is_read_by_its_placeholder_alone() {
        for &kind in Kind::ALL {
            let re = regex::Regex::new(&format!("(?i)^(?:{})$", crate::grammar::placeholder(kind)))
                .unwrap_or_else(|e| panic!("{e}"));
            for s in samples(kind) {
                assert!(re.is_match(s), "{} does not read `{s}`", kind.name());
            }
        }
    }

    #[test]
    fn a_boundary_before_a_symbol_is_found() {
        let found = |source: &str| {
            let p = crate::rules::Pattern::compile(source).unwrap_or_else(|e| panic!("{e}"));
            boundary_before_symbol(&p)
        };
        assert_eq!(
            found(r"reached \b{money}"),
            Some((r"\b", "$5 billion".to_owned()))
        );
        assert_eq!(
            found(r"reached (?-u:\b){money}"),
            Some((r"(?-u:\b)", "$5 billion".to_owned()))
        );
        assert_eq!(found(r"reached \b\${count}"), Some((r"\b", "$".to_owned())));
        assert_eq!(found(r"(?-u:\b)reached {money}"), None);
        assert_eq!(found(r"\b{count} times"), None);
        assert_eq!(found(r"met\b {count}"), None);
        assert_eq!(found(r"met {count} times\b$"), None);
        let phrase =
            crate::rules::Pattern::phrase("reached {money}").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(boundary_before_symbol(&phrase), None);
    }

    #[test]
    fn a_placeholder_glued_to_letters_can_never_match() {
        let impossible = |source: &str| {
            let p = crate::rules::Pattern::compile(source).unwrap_or_else(|e| panic!("{e}"));
            impossible_context(&p).map(|(context, _)| context)
        };
        assert_eq!(
            impossible("met{count}times").as_deref(),
            Some("met{count}times")
        );
        assert_eq!(impossible("met {count} times"), None);
        assert_eq!(impossible(r"(?:held|had) {count}\s+meetings?"), None);
        assert_eq!(impossible(r"met\s{count}"), None);
        assert_eq!(impossible("met ?{count}"), None);
        assert_eq!(impossible("{wording}x"), None);
    }
}
