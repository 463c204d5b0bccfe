//! The SARIF format: one SARIF 2.1.0 log with one run, for code scanning and SARIF viewers.
//!
//! Every rule applied is described in the driver; each finding is a result with a location
//! per statement (columns count characters, as everywhere in crosscheck) and the finding's
//! fingerprint. Values and files that could not be read are the invocation's notifications.
//! The log holds no time or absolute path of its own, so the same run gives the same bytes.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use super::lower::{self, Ends, Note, Region};
use crate::fingerprint::article_path;
use crate::outcome::Outcome;
use crate::rules::{Rule, Severity};

/// Where the schema of SARIF 2.1.0 is published.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of crosscheck's fingerprint in `partialFingerprints`.
const FINGERPRINT: &str = "crosscheckFinding/v1";

/// Writes the outcome as one SARIF log.
pub(super) fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut ends = Ends::new(outcome);
    let results: Vec<Value> = lower::findings(outcome)
        .map(|f| {
            let mut locations = Vec::with_capacity(f.statements.len());
            let mut related = Vec::new();
            for st in f.statements {
                let regions = ends.regions(&st);
                let uri = uri(st.place.path);
                if let (Some((text, _)), Some(paired)) = (st.paired, regions.paired) {
                    related.push(json!({
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": region(paired),
                        },
                        "message": { "text": text },
                    }));
                }
                locations.push(json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(regions.at),
                        "contextRegion": region(regions.context),
                    },
                    "message": { "text": st.message },
                }));
            }
            let finding = f.finding;
            let mut result = json!({
                "ruleId": f.rule.id,
                "ruleIndex": finding.rule,
                "level": level(finding.severity),
                "message": { "text": format!("{}\nhelp: {}", f.headline, f.help) },
                "locations": locations,
            });
            let mut more = serde_json::Map::new();
            if !related.is_empty() {
                more.insert("relatedLocations".to_owned(), Value::from(related));
            }
            more.insert(
                "partialFingerprints".to_owned(),
                json!({ FINGERPRINT: finding.fingerprint }),
            );
            let mut properties = serde_json::Map::new();
            if !finding.key.is_empty() {
                properties.insert("key".to_owned(), json!(finding.key));
            }
            if let Some(c) = &finding.consensus {
                properties.insert(
                    "consensus".to_owned(),
                    json!({ "reading": c.value.range(), "articles": c.articles, "of": c.of }),
                );
            }
            if !properties.is_empty() {
                more.insert("properties".to_owned(), Value::Object(properties));
            }
            super::wire::extend(&mut result, Value::Object(more));
            result
        })
        .collect();
    let notifications: Vec<Value> = ends.notes().iter().map(notification).collect();
    let mut driver = json!({
        "name": "crosscheck",
        "version": env!("CARGO_PKG_VERSION"),
    });
    if let Some(uri) = information_uri() {
        super::wire::extend(&mut driver, json!({ "informationUri": uri }));
    }
    super::wire::extend(
        &mut driver,
        json!({ "rules": outcome.rules.iter().map(rule).collect::<Vec<_>>() }),
    );
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": outcome.problems.iter().all(|p| p.is_warning()),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The crate's repository or home page, when `Cargo.toml` names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

/// A rule's metadata: what it checks (title, message) and, as help, its advice and how it
/// reads statements, as `crosscheck explain` says it.
fn rule(rule: &Rule) -> Value {
    let explained = crate::rules::explain(rule);
    let mut markdown = String::new();
    if let Some(advice) = &rule.help {
        markdown.push_str(advice.trim());
        markdown.push_str("\n\n");
    }
    markdown.push_str(&format!("```text\n{explained}```\n"));
    json!({
        "id": rule.id,
        "name": rule.id,
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.message },
        "help": { "text": explained, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
    })
}

/// A note as a notification.
fn notification(note: &Note) -> Value {
    let mut location = json!({ "artifactLocation": { "uri": uri(&note.path) } });
    if let Some(r) = note.region() {
        super::wire::extend(&mut location, json!({ "region": region(r) }));
    }
    json!({
        "locations": [{ "physicalLocation": location }],
        "message": { "text": note.text() },
        "level": level(note.severity),
        "descriptor": { "id": note.code },
    })
}

/// A region: start line and column, and the end (past the last character) and text when
/// known.
fn region(r: Region) -> Value {
    let mut region = json!({ "startLine": r.start.0, "startColumn": r.start.1 });
    if let Some((line, column)) = r.end {
        super::wire::extend(&mut region, json!({ "endLine": line, "endColumn": column }));
    }
    if let Some(text) = r.snippet {
        super::wire::extend(&mut region, json!({ "snippet": { "text": text } }));
    }
    region
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// An article's path as a URI: a relative reference with `/` separators for a relative
/// path (as the user named it), a `file:` URI for an absolute one; anything but unreserved
/// characters and separators percent-encoded.
fn uri(path: &str) -> String {
    let absolute = Path::new(path).is_absolute();
    let mut uri = String::from(if absolute { "file:///" } else { "" });
    for b in article_path(path).bytes() {
        // A colon is kept in an absolute path (`C:/`), never in a relative one, where a
        // first segment with a colon would read as a scheme.
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (absolute && b == b':') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_relative_references() {
        assert_eq!(uri("fixtures/meetings/01.txt"), "fixtures/meetings/01.txt");
        assert_eq!(uri("./a//b.md"), "a/b.md");
        assert_eq!(uri("../shared/seeds/x.txt"), "../shared/seeds/x.txt");
        assert_eq!(
            uri("news/Xi & Putin: 40%.txt"),
            "news/Xi%20%26%20Putin%3A%2040%25.txt"
        );
        assert_eq!(uri("c:d.txt"), "c%3Ad.txt");
        assert_eq!(uri("é.txt"), "%C3%A9.txt");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(uri("/srv/news/a b.txt"), "file:///srv/news/a%20b.txt");
    }
}
