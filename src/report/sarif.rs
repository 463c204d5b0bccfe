//! The SARIF format: one SARIF 2.1.0 log with one run, for code scanning and SARIF viewers.
//!
//! Every rule applied is described in the driver; each finding is a result with a location
//! per statement (columns count characters, as everywhere in crosscheck) and the finding's
//! fingerprint. Values and files that could not be read are the invocation's notifications.
//! The log holds no time or absolute path of its own, so the same run gives the same bytes.
//! It is a small serde-derived model of SARIF's objects (field order is the log's order),
//! filled from [`super::lower`] and written straight to the writer.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::lower::{self, Ends, Note, Region};
use crate::fingerprint::article_path;
use crate::outcome::Outcome;
use crate::rules::{Rule, Severity};

/// Where the schema of SARIF 2.1.0 is published.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes the outcome as one SARIF log.
pub(super) fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut ends = Ends::new(outcome);
    let results: Vec<SarifResult> = lower::findings(outcome)
        .map(|f| {
            let mut locations = Vec::with_capacity(f.statements.len());
            let mut related = Vec::new();
            for st in f.statements {
                let regions = ends.regions(&st);
                let uri = uri(st.place.path);
                if let (Some((text, _)), Some(region)) = (st.paired, regions.paired) {
                    related.push(Location {
                        physical_location: PhysicalLocation::new(uri.clone(), Some(region), None),
                        message: Some(Message { text }),
                    });
                }
                locations.push(Location {
                    physical_location: PhysicalLocation::new(
                        uri,
                        Some(regions.at),
                        Some(regions.context),
                    ),
                    message: Some(Message { text: st.message }),
                });
            }
            let finding = f.finding;
            let properties = Properties {
                key: (!finding.key.is_empty()).then_some(&finding.key),
                consensus: finding.consensus.as_ref().map(|c| Consensus {
                    reading: c.value.range(),
                    articles: c.articles,
                    of: c.of,
                }),
            };
            SarifResult {
                rule_id: &f.rule.id,
                rule_index: finding.rule,
                level: level(finding.severity),
                message: Message {
                    text: format!("{}\nhelp: {}", f.headline, f.help),
                },
                locations,
                related_locations: related,
                partial_fingerprints: PartialFingerprints {
                    finding: &finding.fingerprint,
                },
                properties: (properties.key.is_some() || properties.consensus.is_some())
                    .then_some(properties),
            }
        })
        .collect();
    let notes = ends.notes();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "crosscheck",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: outcome.rules.iter().map(rule).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: outcome.problems.iter().all(|p| p.is_warning()),
                tool_execution_notifications: notes.iter().map(notification).collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::wire::write_document(&log, out)
}

/// A SARIF log: one run.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

/// The run: the tool and its rules, the invocation with its notifications, the results.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

/// The tool: crosscheck, as its driver.
#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

/// crosscheck's name, version, home and the rules applied.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor<'a>>,
}

/// A rule, as the driver describes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Message<&'a str>,
    full_description: Message<&'a str>,
    help: MultiformatMessage,
    default_configuration: Configuration,
}

/// A plain-text message.
#[derive(Serialize)]
struct Message<T> {
    text: T,
}

/// A message in plain text and in Markdown.
#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

/// A rule's default level.
#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// The run's invocation: whether every input could be used, and the notes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

/// A value or file that could not be read, or what the gate left out.
#[derive(Serialize)]
struct Notification<'a> {
    locations: [Location<'a>; 1],
    message: Message<String>,
    level: &'static str,
    descriptor: Descriptor<'a>,
}

/// What a notification is about: its code.
#[derive(Serialize)]
struct Descriptor<'a> {
    id: &'a str,
}

/// A finding: a location per statement, a related location per paired value.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message<String>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: PartialFingerprints<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

/// The identities a viewer matches results across runs by.
#[derive(Serialize)]
struct PartialFingerprints<'a> {
    /// The finding's fingerprint (see [`crate::fingerprint`]).
    #[serde(rename = "crosscheckFinding/v1")]
    finding: &'a str,
}

/// What a result adds to SARIF's fields: the finding's key and the reading most sources
/// share.
#[derive(Serialize)]
struct Properties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consensus: Option<Consensus>,
}

/// The reading most sources share, and how many share it.
#[derive(Serialize)]
struct Consensus {
    reading: String,
    articles: usize,
    of: usize,
}

/// A place in an article, with what is said of it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<String>>,
}

/// A file, and a region of it with the region around it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<SarifRegion<'a>>,
}

impl<'a> PhysicalLocation<'a> {
    fn new(uri: String, region: Option<Region<'a>>, context: Option<Region<'a>>) -> Self {
        PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region: region.map(SarifRegion::new),
            context_region: context.map(SarifRegion::new),
        }
    }
}

/// A file, by URI (see [`uri`]).
#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// A region: start line and column, and the end (past the last character) and text when
/// known.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion<'a> {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Message<&'a str>>,
}

impl<'a> SarifRegion<'a> {
    fn new(r: Region<'a>) -> Self {
        let (end_line, end_column) = r.end.unzip();
        SarifRegion {
            start_line: r.start.0,
            start_column: r.start.1,
            end_line,
            end_column,
            snippet: r.snippet.map(|text| Message { text }),
        }
    }
}

/// The crate's repository or home page, when `Cargo.toml` names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

/// A rule's metadata: what it checks (title, message) and, as help, its advice and how it
/// reads statements, as `crosscheck explain` says it.
fn rule(rule: &Rule) -> ReportingDescriptor<'_> {
    let explained = crate::rules::explain(rule);
    let mut markdown = String::new();
    if let Some(advice) = &rule.help {
        markdown.push_str(advice.trim());
        markdown.push_str("\n\n");
    }
    markdown.push_str(&format!("```text\n{explained}```\n"));
    ReportingDescriptor {
        id: &rule.id,
        name: &rule.id,
        short_description: Message { text: &rule.title },
        full_description: Message {
            text: &rule.message,
        },
        help: MultiformatMessage {
            text: explained,
            markdown,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

/// A note as a notification.
fn notification(note: &Note) -> Notification<'_> {
    Notification {
        locations: [Location {
            physical_location: PhysicalLocation::new(uri(&note.path), note.region(), None),
            message: None,
        }],
        message: Message { text: note.text() },
        level: level(note.severity),
        descriptor: Descriptor { id: &note.code },
    }
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
