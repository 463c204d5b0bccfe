//! Fingerprints: a finding's identity, stable across runs, thread counts and edits elsewhere
//! in an article.
//!
//! A fingerprint hashes the rule's id, the finding's key and the quoted statements that
//! dissent (every statement when no reading is shared by most sources), each with its
//! article's path. Line numbers, offsets, severities and the agreeing statements are left
//! out: moving a paragraph, tightening a rule's severity or adding an article that agrees
//! keeps the fingerprint; a new dissenting statement makes a new finding.
//!
//! Each dissenting statement has a fingerprint of its own too ([`dissent`]): the rule's id,
//! the key, its article's path and its quote. A baseline accepts dissents one by one, so a
//! new dissent in a claim that already has an accepted finding is reported on its own.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::article::Article;
use crate::compare::{Finding, Involved};
use crate::rules::Rule;
use crate::text::normalize;

/// The version tag hashed into every fingerprint; bump it when the recipe changes.
const RECIPE: &str = "crosscheck-finding-v1";

/// The recipe of a dissenting statement's fingerprint.
const DISSENT_RECIPE: &str = "crosscheck-dissent-v1";

/// The fingerprint of one dissenting statement: its rule's id, the finding's key, its
/// article's path and its quote (32 lowercase hex digits).
pub fn dissent(rule: &str, key: &BTreeMap<String, String>, path: &str, text: &str) -> String {
    let mut hash = Sha256::new();
    let mut field = |s: &str| {
        hash.update(s.as_bytes());
        hash.update([0]);
    };
    field(DISSENT_RECIPE);
    field(rule);
    for (name, value) in key {
        field(name);
        field(value);
    }
    field("");
    field(&article_path(path));
    field(&quote(text));
    hex(&hash.finalize()[..16])
}

/// Bytes as lowercase hex digits.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of a rule set (a shard names the rules it was found with, see
/// [`crate::shard`]): SHA-256 over each rule file's text, in load order. The paths
/// the files were loaded from do not count, so shards made on other machines agree.
pub fn digest(rules: &[Rule]) -> String {
    let mut hasher = Sha256::new();
    let mut last: Option<&str> = None;
    for rule in rules {
        if last != Some(rule.file.as_str()) {
            hasher.update((rule.origin.text.len() as u64).to_le_bytes());
            hasher.update(rule.origin.text.as_bytes());
            last = Some(&rule.file);
        }
    }
    hex(&hasher.finalize())
}

/// The fingerprint of `finding`: 32 lowercase hex digits.
pub fn fingerprint(finding: &Finding, rules: &[Rule], articles: &[Article]) -> String {
    let mut quoted: Vec<(String, String)> = identifying(finding)
        .map(|i| {
            let s = &i.statement;
            (article_path(&articles[s.article].path), quote(&s.quote))
        })
        .collect();
    quoted.sort();
    quoted.dedup();

    let mut hash = Sha256::new();
    let mut field = |s: &str| {
        hash.update(s.as_bytes());
        hash.update([0]);
    };
    field(RECIPE);
    field(&rules[finding.rule].id);
    for (name, value) in &finding.key {
        field(name);
        field(value);
    }
    field("");
    for (path, quote) in &quoted {
        field(path);
        field(quote);
    }
    hex(&hash.finalize()[..16])
}

/// The statements that identify a finding: those that dissent, or all of them when none
/// agrees with a shared reading.
pub fn identifying(finding: &Finding) -> impl Iterator<Item = &Involved> {
    finding
        .statements
        .iter()
        .zip(identifies(finding))
        .filter(|(_, identifies)| *identifies)
        .map(|(i, _)| i)
}

/// For each statement of a finding, whether it is one of those that identify it.
pub fn identifies(finding: &Finding) -> impl Iterator<Item = bool> + '_ {
    let any_agree = finding.statements.iter().any(|i| i.agrees);
    finding
        .statements
        .iter()
        .map(move |i| !(any_agree && i.agrees))
}

/// Sets the fingerprints of `finding` and of each statement that identifies it: computed
/// once, when comparison is done (and again by the gate for a finding it takes accepted
/// statements out of), and read by the gate, the baseline and every report.
pub fn stamp(finding: &mut Finding, rules: &[Rule], articles: &[Article]) {
    let rule = &rules[finding.rule].id;
    let own: Vec<Option<String>> = finding
        .statements
        .iter()
        .zip(identifies(finding))
        .map(|(i, identifies)| {
            identifies.then(|| {
                dissent(
                    rule,
                    &finding.key,
                    &articles[i.statement.article].path,
                    &i.statement.quote,
                )
            })
        })
        .collect();
    for (i, own) in finding.statements.iter_mut().zip(own) {
        i.fingerprint = own;
    }
    finding.fingerprint = fingerprint(finding, rules, articles);
}

/// A path as the same file is named however the run was started: `/` separators, no `./`.
pub fn article_path(path: &str) -> String {
    path.split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// A quote with typography folded, whitespace collapsed and case ignored.
fn quote(text: &str) -> String {
    normalize(text)
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_named_one_way() {
        assert_eq!(article_path("./a/b.txt"), "a/b.txt");
        assert_eq!(article_path("a\\.\\b.txt"), "a/b.txt");
        assert_eq!(article_path("/abs//a.txt"), "abs/a.txt");
    }

    #[test]
    fn quotes_ignore_typography_spacing_and_case() {
        assert_eq!(quote("About  40\nmeetings"), quote("about 40 meetings"));
        assert_eq!(quote("“no limits”"), quote("\"no limits\""));
    }
}
