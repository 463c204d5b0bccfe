//! Baselines: the findings a set of articles already had when the gate was adopted,
//! recorded by fingerprint so that a check reports only new ones.
//!
//! A baseline is a JSON file written by `crosscheck baseline -o FILE`. Each entry names its
//! finding's fingerprint (see [`crate::fingerprint`]), rule, key and dissenting quotes, and
//! may carry a `reason` a person added; recording again keeps the reasons of entries that
//! still match. This module holds the file's format and reads it; [`crate::gate`] records
//! an outcome's findings in one and applies it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};

/// The version of the file format this build writes and reads.
pub(crate) const VERSION: u32 = 1;

/// A baseline file as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version.
    pub version: u32,
    /// The findings accepted, in the order a check reports them.
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The rule's id.
    pub rule: String,
    /// The finding's key, if the rule has keys.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub key: BTreeMap<String, String>,
    /// The statements that disagree, for the person reading the file.
    #[serde(default)]
    pub statements: Vec<Quoted>,
    /// Why the finding is accepted; written by a person, kept when the baseline is recorded again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A statement of a baseline entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quoted {
    /// The article.
    pub path: String,
    /// What it says.
    pub quote: String,
}

/// A baseline file that could not be used.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::baseline::unreadable),
        help("write one with `crosscheck baseline PATHS -o FILE`")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file could not be written.
    #[error("{path}: could not be written: {error}")]
    #[diagnostic(
        code(crosscheck::baseline::unwritable),
        help("check that the folder exists and is writable, or write to stdout with `-o -`")
    )]
    Unwritable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file named to write is there and is not a baseline crosscheck can read, so it is
    /// left as it is.
    #[error("{path}: not overwritten: {why}")]
    #[diagnostic(
        code(crosscheck::baseline::not_overwritten),
        help("name a new file, or fix or remove this one; crosscheck overwrites only a baseline it can read (its hand-written reasons are kept)")
    )]
    NotOverwritten {
        /// The file.
        path: String,
        /// Why it is kept.
        why: String,
        /// What reading it as a baseline said.
        #[related]
        causes: Vec<BaselineError>,
    },
    /// The file is not a baseline.
    #[error("{path}: not a crosscheck baseline: {message}")]
    #[diagnostic(
        code(crosscheck::baseline::invalid),
        help("write it again with `crosscheck baseline PATHS -o FILE`; only `reason` fields are meant to be edited by hand")
    )]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
}

impl BaselineError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            BaselineError::Unreadable { path, .. }
            | BaselineError::Unwritable { path, .. }
            | BaselineError::NotOverwritten { path, .. }
            | BaselineError::Invalid { path, .. } => path,
        }
    }
}

/// Reads the baseline at `path`.
pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let shown = crate::article::display(path);
    let bytes = fs::read(path).map_err(|e| BaselineError::Unreadable {
        path: shown.clone(),
        error: e,
    })?;
    let text = crate::text::decode(bytes).map_err(|bad| BaselineError::Invalid {
        path: shown.clone(),
        message: "not UTF-8 text".to_owned(),
        span: bad.span(),
        src: crate::text::source(&shown, bad.lossy).with_language("json"),
    })?;
    parse(&shown, &text)
}

/// Parses the text of a baseline file shown as `shown`.
pub fn parse(shown: &str, text: &str) -> Result<Baseline, BaselineError> {
    let invalid = |message: String, at: usize| BaselineError::Invalid {
        path: shown.to_owned(),
        message,
        src: crate::text::source(shown, text).with_language("json"),
        span: (at.min(text.len()), 0).into(),
    };
    let baseline: Baseline = serde_json::from_str(text).map_err(|e| {
        let at = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            + e.column().saturating_sub(1);
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        invalid(message, at)
    })?;
    if baseline.version != VERSION {
        let at = text.find("\"version\"").unwrap_or(0);
        return Err(invalid(
            format!(
                "version {} is not {VERSION}, the version this build reads",
                baseline.version
            ),
            at,
        ));
    }
    Ok(baseline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_with_its_key_statements_and_reason() {
        let text = r#"{"version": 1, "findings": [{"fingerprint": "f1", "rule": "r",
            "key": {"visitor": "xi"}, "statements": [{"path": "a.txt", "quote": "about 40"}],
            "reason": "checked"}]}"#;
        let baseline = parse("b.json", text).unwrap();
        let [entry] = &baseline.findings[..] else {
            panic!("{baseline:?}")
        };
        assert_eq!(
            (entry.fingerprint.as_str(), entry.rule.as_str()),
            ("f1", "r")
        );
        assert_eq!(entry.key.get("visitor").map(String::as_str), Some("xi"));
        assert_eq!(entry.statements[0].quote, "about 40");
        assert_eq!(entry.reason.as_deref(), Some("checked"));
    }

    #[test]
    fn what_is_not_a_baseline_of_this_version_is_pointed_at() {
        let at = |text: &str| match parse("b.json", text) {
            Err(e @ BaselineError::Invalid { span, .. }) => {
                assert_eq!(
                    e.code().unwrap().to_string(),
                    "crosscheck::baseline::invalid"
                );
                span.offset()
            }
            other => panic!("{text:?} is refused: {other:?}"),
        };
        // The version, where it is written.
        let text = r#"{"findings": [], "version": 2}"#;
        assert_eq!(Some(at(text)), text.find("\"version\""));
        // A syntax error, at its line and column: the brace that closes no list.
        let text = "{\"version\": 1,\n  \"findings\": [}";
        assert_eq!(Some(at(text)), text.rfind('}'));
        // A field nobody wrote by hand.
        at(r#"{"version": 1, "findings": [], "ignored": true}"#);
    }
}
