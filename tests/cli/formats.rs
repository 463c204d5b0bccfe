//! The machine and one-line formats of `crosscheck check --format`: SARIF, GitHub Actions
//! commands and compact lines, each checked against the JSON report of the same run (the
//! same findings, statements, positions and fingerprints), then snapshotted; the HTML page,
//! escaped and snapshotted (`tests/cli/browser.rs` opens it in a browser); and `-o FILE`.
//!
//! Runs start in the repository root, so paths are the relative paths a user would type.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use regex::Regex;
use serde_json::Value;

use crate::common;

use common::{crosscheck_in, root, Run, MEETINGS};

/// Runs `crosscheck check <args> --format <format>` in `dir`.
fn check_in(dir: &Path, format: &str, args: &[&str]) -> Run {
    Run::of(
        crosscheck_in(dir)
            .arg("check")
            .args(args)
            .args(["--format", format]),
    )
}

/// [`check_in`] the repository root.
fn check(format: &str, args: &[&str]) -> Run {
    check_in(root(), format, args)
}

/// The JSON report of the same arguments in `dir`.
fn json_in(dir: &Path, args: &[&str]) -> Value {
    let run = check_in(dir, "json", args);
    serde_json::from_str(&run.stdout).expect("the JSON report parses")
}

/// The JSON report of the same arguments in the repository root.
fn json(args: &[&str]) -> Value {
    json_in(root(), args)
}

/// Each statement of each finding of a JSON report, with its finding, in report order.
fn statements(doc: &Value) -> Vec<(&Value, &Value)> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| {
            f["statements"]
                .as_array()
                .expect("statements")
                .iter()
                .map(move |s| (f, s))
        })
        .collect()
}

/// `path:line:col` of a JSON statement.
fn place(s: &Value) -> String {
    format!(
        "{}:{}:{}",
        s["path"].as_str().unwrap(),
        s["line"],
        s["column"]
    )
}

/// A copy of the meetings set whose ledger article has a name with a comma, a colon, a
/// percent sign and spaces; its manifest entry follows the new name.
fn oddly_named_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("meetings");
    fs::create_dir(&set).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(MEETINGS);
    for entry in fs::read_dir(source).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let name = name.replace("02-evening-ledger.txt", ODD_NAME);
        fs::copy(entry.path(), set.join(name)).unwrap();
    }
    let manifest = set.join("sources.yaml");
    let text = fs::read_to_string(&manifest).unwrap();
    let text = text.replace("02-evening-ledger.txt", &format!("\"{ODD_NAME}\""));
    fs::write(manifest, text).unwrap();
    dir
}

/// The ledger article's name in [`oddly_named_copy`].
const ODD_NAME: &str = "02 ledger, 50%: draft.txt";

/// A folder with an article whose date cannot exist, its rule, and no `gone.txt`: a value
/// that cannot be read and a file that cannot be found.
fn unreadable_inputs() -> tempfile::TempDir {
    common::impossible_date()
}

/// The arguments for [`unreadable_inputs`].
const UNREADABLE_ARGS: &[&str] = &["treaty.txt", "gone.txt", "--rules", "rules.yaml"];

// ---------------------------------------------------------------------------------------
// compact
// ---------------------------------------------------------------------------------------

/// `path:line:col: severity[rule-id] message`.
fn compact_line() -> Regex {
    Regex::new(r"^(?P<place>[^:]+:\d+:\d+): (?P<severity>error|warning|info|note)\[(?P<rule>[a-z0-9-]+)\] (?P<message>\S.*)$").unwrap()
}

#[test]
fn compact_is_one_line_per_statement_saying_how_it_was_read() {
    let run = check("compact", &[MEETINGS]);
    let doc = json(&[MEETINGS]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = statements(&doc);
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    let pattern = compact_line();
    for (line, (finding, statement)) in lines.iter().zip(&expected) {
        let caps = pattern
            .captures(line)
            .unwrap_or_else(|| panic!("not `path:line:col: severity[rule] message`: {line}"));
        assert_eq!(caps["place"], place(statement));
        // Only what disagrees carries the finding's severity; what agrees is a note.
        if statement["agrees"] == true {
            assert_eq!(&caps["severity"], "note", "{line}");
        } else {
            assert_eq!(caps["severity"], finding["severity"], "{line}");
        }
        assert_eq!(caps["rule"], finding["rule"]);
        let message = &caps["message"];
        // How it was read, and where it stands against most sources.
        assert!(
            message.contains(statement["reading"].as_str().unwrap()),
            "{line}"
        );
        let standing = if statement["agrees"] == true {
            "; agrees with most sources (4 of 4): "
        } else {
            "; disagrees with most sources (4 of 4): "
        };
        assert!(message.contains(standing), "{line}");
        // Then what the finding says.
        let says = format!(": {}", finding["message"].as_str().unwrap());
        assert!(message.contains(&says), "{line}");
    }
    // The dissenting statement with its reading, its time frame and the shared range.
    let dissent = lines
        .iter()
        .find(|l| l.contains("nearly 30"))
        .expect("the dissent is listed");
    assert!(dissent.starts_with("fixtures/meetings/02-evening-ledger.txt:7:128: warning[xi-putin-meetings] nearly 30 → 27..29 (During the last six years; said in 2019; quoting Xi), outside the shared 41..44; disagrees with most sources"), "{dissent}");
    insta::assert_snapshot!("meetings_compact", run.stdout);
}

#[test]
fn compact_puts_what_could_not_be_read_on_stderr_one_line_each() {
    let dir = unreadable_inputs();
    let run = check_in(dir.path(), "compact", UNREADABLE_ARGS);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "treaty.txt:1:40: warning[crosscheck::grammar::no_such_date] `February 30, 2023`: no such date\n\
         gone.txt: error[crosscheck::input::not_found] no such file or folder\n"
    );
}

// ---------------------------------------------------------------------------------------
// github
// ---------------------------------------------------------------------------------------

/// A workflow command: its name, its properties (unescaped) and its message (unescaped).
struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// Undoes the actions toolkit's escapes.
fn unescape(text: &str) -> String {
    text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses `::name key=value,...::message`.
fn parse_command(line: &str) -> WorkflowCommand {
    let rest = line.strip_prefix("::").expect("a command starts with ::");
    let (head, message) = rest.split_once("::").expect("properties end with ::");
    let (name, properties) = head.split_once(' ').expect("a command has properties");
    // Escaped values hold no raw `,` or `:`, so splitting on them is exact.
    let properties = properties
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            assert!(!v.contains(':'), "unescaped `:` in {p}");
            (k.to_owned(), unescape(v))
        })
        .collect();
    WorkflowCommand {
        name: name.to_owned(),
        properties,
        message: unescape(message),
    }
}

impl WorkflowCommand {
    fn get(&self, key: &str) -> &str {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no `{key}` property"))
    }
}

#[test]
fn github_annotates_each_dissent_at_its_severity_and_each_agreeing_statement_as_a_notice() {
    let run = check("github", &[MEETINGS]);
    let doc = json(&[MEETINGS]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = statements(&doc);
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    for (line, (finding, statement)) in lines.iter().zip(&expected) {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "{line}"
        );
        let command = parse_command(line);
        let level = match finding["severity"].as_str().unwrap() {
            _ if statement["agrees"] == true => "notice",
            "error" => "error",
            "warning" => "warning",
            "info" => "notice",
            other => panic!("severity {other}"),
        };
        assert_eq!(command.name, level);
        assert_eq!(command.get("file"), statement["path"]);
        assert_eq!(command.get("line"), statement["line"].to_string());
        assert_eq!(command.get("col"), statement["column"].to_string());
        assert_eq!(command.get("endLine"), statement["line"].to_string());
        let quote_chars = statement["quote"].as_str().unwrap().chars().count();
        let column = statement["column"].as_u64().unwrap() as usize;
        assert_eq!(command.get("endColumn"), (column + quote_chars).to_string());
        assert_eq!(command.get("title"), finding["rule"]);
        // Several lines, with colons and commas, kept in one command.
        assert!(command
            .message
            .starts_with(finding["message"].as_str().unwrap()));
        assert!(command.message.contains('\n'), "{line}");
        assert!(command
            .message
            .contains(statement["reading"].as_str().unwrap()));
        assert!(command
            .message
            .contains("\nhelp: most sources (4 of 4) allow 41..44; "));
        assert!(!line.contains('\r'));
    }
    insta::assert_snapshot!("meetings_github", run.stdout);
}

#[test]
fn github_escapes_file_names_and_messages() {
    let dir = oddly_named_copy();
    let run = check_in(dir.path(), "github", &["meetings"]);
    let odd = format!("meetings/{ODD_NAME}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("draft.txt,line=7,"))
        .unwrap_or_else(|| panic!("the dissent is annotated:\n{}", run.stdout));
    assert!(
        line.contains("file=meetings/02 ledger%2C 50%25%3A draft.txt,line=7,col=128,"),
        "{line}"
    );
    assert!(
        line.contains("::Sources disagree on how many times"),
        "{line}"
    );
    assert!(!line.contains('\n'));
    let command = parse_command(line);
    assert_eq!(command.get("file"), odd);
    // The help names the article: its `,`, `:` and `%` stay as they are in the message,
    // where only `%` and line ends are escaped.
    assert!(
        command
            .message
            .contains(&format!("`nearly 30` in {odd} does not")),
        "{}",
        command.message
    );
    assert!(line.contains("`nearly 30` in meetings/02 ledger, 50%25: draft.txt does not"));
}

#[test]
fn github_annotates_what_could_not_be_read() {
    let dir = unreadable_inputs();
    let run = check_in(dir.path(), "github", UNREADABLE_ARGS);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stdout,
        "::warning file=treaty.txt,line=1,col=40,endLine=1,endColumn=57,title=crosscheck%3A%3Agrammar%3A%3Ano_such_date::`February 30, 2023`: no such date%0Ahelp: check the date: that day does not exist\n\
         ::error file=gone.txt,title=crosscheck%3A%3Ainput%3A%3Anot_found::no such file or folder%0Ahelp: check the spelling; crosscheck reads .txt and .md files, and folders of them\n"
    );
}

// ---------------------------------------------------------------------------------------
// sarif
// ---------------------------------------------------------------------------------------

/// The SARIF log of a run.
fn sarif(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).expect("the SARIF log parses")
}

#[test]
fn sarif_has_a_result_per_finding_and_a_location_per_statement() {
    let run = check("sarif", &[MEETINGS]);
    let doc = json(&[MEETINGS]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let log = sarif(&run);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let sarif_run = &runs[0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "crosscheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(
        rules.len() as u64,
        doc["summary"]["rules"].as_u64().unwrap()
    );
    for rule in rules {
        for field in ["id", "name"] {
            assert!(rule[field].is_string(), "{rule}");
        }
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(rule[field]["text"].is_string(), "{rule}");
        }
        assert!(rule["help"]["markdown"].is_string(), "{rule}");
    }
    assert_eq!(sarif_run["invocations"][0]["executionSuccessful"], true);

    let results = sarif_run["results"].as_array().unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" => "note",
            other => panic!("severity {other}"),
        };
        assert_eq!(result["level"], level);
        assert_eq!(
            result["partialFingerprints"]["crosscheckFinding/v1"],
            finding["fingerprint"]
        );
        let locations = result["locations"].as_array().unwrap();
        let statements = finding["statements"].as_array().unwrap();
        assert_eq!(locations.len(), statements.len());
        for (location, statement) in locations.iter().zip(statements) {
            let physical = &location["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["uri"], statement["path"]);
            let region = &physical["region"];
            assert_eq!(region["startLine"], statement["line"]);
            assert_eq!(region["startColumn"], statement["column"]);
            assert_eq!(region["endLine"], statement["line"]);
            let quote = statement["quote"].as_str().unwrap();
            assert_eq!(
                region["endColumn"].as_u64().unwrap(),
                statement["column"].as_u64().unwrap() + quote.chars().count() as u64,
                "columns count characters: {quote}"
            );
            assert_eq!(region["snippet"]["text"], quote);
            let context = &physical["contextRegion"]["snippet"]["text"];
            assert_eq!(context, &statement["sentence"]);
            let message = location["message"]["text"].as_str().unwrap();
            assert!(
                message.starts_with(statement["reading"].as_str().unwrap()),
                "{message}"
            );
        }
    }
    // A rule's help is what `crosscheck explain` says of it.
    let explained = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["explain", "xi-putin-meetings"])
        .output()
        .unwrap();
    let meetings = rules
        .iter()
        .find(|r| r["id"] == "xi-putin-meetings")
        .unwrap();
    assert_eq!(
        meetings["help"]["text"],
        String::from_utf8(explained.stdout).unwrap()
    );
    // The snapshot holds neither the version nor the rules' help, which change with every
    // release and every edit of a rule file.
    let mut log = log;
    log["runs"][0]["tool"]["driver"]["version"] = Value::from("[version]");
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .unwrap()
    {
        rule["help"] = Value::from("[crosscheck explain]");
    }
    insta::assert_snapshot!(
        "meetings_sarif",
        serde_json::to_string_pretty(&log).unwrap()
    );
}

/// Statements whose figure and its conversion in brackets disagree (fixtures/frames).
const PAIRED: &str = "fixtures/frames/paired";

#[test]
fn sarif_points_at_both_values_of_a_paired_statement() {
    let log = sarif(&check("sarif", &[PAIRED]));
    let doc = json(&[PAIRED]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["kind"] == "paired"), "{doc}");
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["level"], finding["severity"], "error is error");
        if finding["kind"] != "paired" {
            continue;
        }
        let statement = &finding["statements"][0];
        let paired = &statement["paired"];
        let related = result["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 1);
        let region = &related[0]["physicalLocation"]["region"];
        assert_eq!(region["snippet"]["text"], paired["quote"]);
        // The second value stands after the first on the same line, `end - start` bytes
        // of ASCII long.
        assert_eq!(region["startLine"], statement["line"]);
        let (start, end) = (
            region["startColumn"].as_u64().unwrap(),
            region["endColumn"].as_u64().unwrap(),
        );
        let bytes = paired["end"].as_u64().unwrap() - paired["start"].as_u64().unwrap();
        assert_eq!(end - start, bytes);
        let offset = paired["start"].as_u64().unwrap() - statement["start"].as_u64().unwrap();
        assert_eq!(start, statement["column"].as_u64().unwrap() + offset);
        let message = related[0]["message"]["text"].as_str().unwrap();
        assert!(message.ends_with("at the rule's rate"), "{message}");
    }
}

#[test]
fn sarif_uris_are_percent_encoded_relative_references() {
    let dir = oddly_named_copy();
    let log = sarif(&check_in(dir.path(), "sarif", &["meetings"]));
    let uris: Vec<&str> = log["runs"][0]["results"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"meetings/02%20ledger%2C%2050%25%3A%20draft.txt"),
        "{uris:?}"
    );
    assert!(uris.contains(&"meetings/01-northern-wire.txt"), "{uris:?}");
}

#[test]
fn sarif_reports_what_could_not_be_read_as_notifications() {
    let dir = unreadable_inputs();
    let run = check_in(dir.path(), "sarif", UNREADABLE_ARGS);
    assert_eq!(run.code, Some(2));
    let log = sarif(&run);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = notes
        .iter()
        .map(|n| {
            (
                n["level"].as_str().unwrap(),
                n["descriptor"]["id"].as_str().unwrap(),
                n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("warning", "crosscheck::grammar::no_such_date", "treaty.txt"),
            ("error", "crosscheck::input::not_found", "gone.txt"),
        ]
    );
    let region = &notes[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 40);
    assert_eq!(region["endColumn"], 57);
    assert_eq!(region["snippet"]["text"], "February 30, 2023");
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

// ---------------------------------------------------------------------------------------
// html
// ---------------------------------------------------------------------------------------

/// The set whose article and manifest hold markup (see fixtures/README.md).
const HOSTILE: &str = "fixtures/hostile-html";

/// `crosscheck check <args>` in the repository root, at a fixed time.
fn check_at_fixed_time(args: &[&str]) -> Command {
    let mut cmd = common::crosscheck();
    cmd.env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("check")
        .args(args);
    cmd
}

/// `crosscheck check <args> --format html` in the repository root, at a fixed time.
fn html(args: &[&str]) -> Command {
    let mut cmd = check_at_fixed_time(args);
    cmd.args(["--format", "html"]);
    cmd
}

#[test]
fn html_shows_article_and_manifest_markup_as_text() {
    let run = Run::of(&mut html(&[HOSTILE]));
    assert_eq!(run.code, Some(1), "a finding at error: {}", run.stderr);
    assert_eq!(run.stderr, "");
    let page = &run.stdout;
    // The article's <script>, </table> and <img>, the manifest's <b>, as text.
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;/table&gt; &lt;img src=x onerror=alert(1)&gt; have met <mark>nearly 60</mark>",
        "Markup Mill &lt;b&gt;Online&lt;/b&gt;",
        "Lantern &amp; Daily &quot;Tribune&quot;",
    ] {
        assert!(page.contains(escaped), "{escaped}");
    }
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>"));
    assert_eq!(
        page.matches("<script").count(),
        2,
        "the data block and the script"
    );
    assert_eq!(page.matches("</table>").count(), 1);
    // The JSON block escapes `<`, so no text can end it.
    let data = page
        .split("<script type=\"application/json\" id=\"crosscheck-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the data block");
    assert!(!data.contains('<'), "{data}");
    let data: Value = serde_json::from_str(data).expect("the data block is JSON");
    assert_eq!(data["columns"][0]["source"], "Markup Mill <b>Online</b>");
    // Nothing from the network; the inline style and script are allowed by their hashes.
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"
    ));
    insta::assert_snapshot!(
        "hostile_html",
        page.replace(env!("CARGO_PKG_VERSION"), "[version]")
    );
}

#[test]
fn html_marks_the_statement_that_disagrees_and_sums_up_the_run() {
    let run = Run::of(&mut html(&[MEETINGS]));
    assert_eq!(run.code, Some(0), "a warning does not fail: {}", run.stderr);
    let page = &run.stdout;
    // The ledger's quotation is the dissent, with its reading and qualifiers.
    let dissent = page
        .split("<div class=\"st dissents\">")
        .nth(1)
        .expect("a dissenting statement");
    assert!(dissent.starts_with("<p class=\"badge dissents\"><span aria-hidden=\"true\">✗</span> disagrees with most sources (4 of 4), in different time frames <span class=\"sev sev-warning\"><span aria-hidden=\"true\">▲</span> warning</span></p><p class=\"value\">nearly 30 → 27..29</p>"), "{dissent}");
    assert!(dissent.contains("<dt>Time frame</dt><dd>During the last six years</dd><dt>Reference date</dt><dd>said in 2019</dd><dt>Attribution</dt><dd>quoting Xi</dd>"));
    assert_eq!(page.matches("<div class=\"st agrees\">").count(), 4);
    // The summary: counts, the article at odds, the run.
    assert!(page.contains("<div><dt>Articles</dt><dd>5</dd></div>"));
    assert!(page.contains("<li><strong>The Evening Ledger</strong> <span class=\"path\">fixtures/meetings/02-evening-ledger.txt</span>: 1 statement at odds</li>"));
    assert!(page.contains(&format!(
        "Checked 2023-11-14 22:13 UTC with crosscheck {} against 7 rules from <code>rules/xi-putin.yaml</code>.",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn a_findings_help_names_a_few_sources_and_counts_the_rest() {
    // Eleven sources on each side of a split: every annotation repeats the finding's help,
    // so a help naming every source grows with the square of the sources.
    let dir = tempfile::tempdir().unwrap();
    for n in 0..22 {
        let count = if n % 2 == 0 { "about 40" } else { "nearly 60" };
        let text = format!("Xi and Putin have met {count} times since 2012.\n");
        fs::write(dir.path().join(format!("a{n:02}.txt")), text).unwrap();
    }
    let run = check_in(dir.path(), "github", &["."]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    let help = first
        .split("%0Ahelp: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{first}"));
    assert_eq!(help.matches("`about 40` in ").count(), 8, "{help}");
    assert_eq!(help.matches("`nearly 60` in ").count(), 8, "{help}");
    assert_eq!(help.matches(" and 3 more").count(), 2, "{help}");
    assert!(
        help.contains("a14.txt and 3 more against `nearly 60` in a01.txt"),
        "{help}"
    );
}

#[test]
fn a_findings_help_explains_each_other_time_frame_once() {
    // Twelve sources count since 2012, ten others over six years, all worded alike: the
    // help explains the one difference of frames once, not a hundred and twenty times.
    let dir = tempfile::tempdir().unwrap();
    let since = "Xi and Putin have met about 40 times since Xi became president in 2012.";
    let six = "Xi and Putin have met nearly 30 times during the last six years, Xi said.";
    for n in 0..22 {
        let (published, text) = if n < 12 {
            ("2023-03-20", since)
        } else {
            ("2019-06-05", six)
        };
        let article = format!("---\npublished: {published}\n---\n{text}\n");
        fs::write(dir.path().join(format!("a{n:02}.md")), article).unwrap();
    }
    let run = check_in(dir.path(), "github", &["."]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    let help = first
        .split("%0Ahelp: ")
        .nth(1)
        .unwrap_or_else(|| panic!("{first}"));
    assert_eq!(
        help.matches("counts over another period than").count(),
        1,
        "{help}"
    );
    assert!(help.contains("`nearly 30` (during the last six years; as of 2019-06-05; reported from Xi) counts over another period than `about 40` (since Xi became president in 2012; as of 2023-03-20): judge"), "{help}");
    // The dissenting sources themselves are each named, a few of them.
    assert!(
        help.contains("`nearly 30` in a19.md and 2 more do not"),
        "{help}"
    );
}

#[test]
fn html_marks_both_sides_of_a_split_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        ("a.txt", "about 40"),
        ("b.txt", "nearly 60"),
        ("c.txt", "more than 30"),
    ];
    for (name, count) in articles {
        let text = format!("Xi and Putin have met {count} times since 2012.\n");
        fs::write(dir.path().join(name), text).unwrap();
    }
    let run = check_in(dir.path(), "html", &["."]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // Each side is named as such, in words as well as by the mark, with the severity.
    for side in ["one side of a split", "the other side of a split"] {
        let split = format!("<div class=\"st split\"><p class=\"badge split\"><span aria-hidden=\"true\">◆</span> split: {side} <span class=\"sev sev-error\">");
        assert_eq!(run.stdout.matches(&split).count(), 1, "{}", run.stdout);
    }
    // "More than 30" fits both sides: nothing to correct, so no severity.
    let both = "<p class=\"badge split\"><span aria-hidden=\"true\">◆</span> split: fits both sides of a split</p>";
    assert_eq!(run.stdout.matches(both).count(), 1, "{}", run.stdout);
    assert_eq!(run.stdout.matches("<td class=\"split\">").count(), 3);
}

#[test]
fn html_lists_what_could_not_be_read_and_links_it_from_the_summary() {
    let dir = unreadable_inputs();
    let run = check_in(dir.path(), "html", UNREADABLE_ARGS);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stderr, "");
    let page = &run.stdout;
    assert!(page.contains(
        "<div><dt>Notes</dt><dd><a href=\"#notes\">2 problems or warnings</a></dd></div>"
    ));
    assert!(page.contains("<li><span class=\"sev sev-warning\"><span aria-hidden=\"true\">▲</span> warning</span> <code>treaty.txt:1:40</code> `February 30, 2023`: no such date <code>crosscheck::grammar::no_such_date</code>"));
    assert!(page.contains("<li><span class=\"sev sev-error\"><span aria-hidden=\"true\">■</span> error</span> <code>gone.txt</code> no such file or folder <code>crosscheck::input::not_found</code>"));
}

#[test]
fn html_defers_the_columns_past_the_hundredth_to_its_script() {
    let dir = common::many_articles(102);
    let run = Run::of(
        crosscheck_in(dir.path())
            .args(["check", ".", "--format", "html"])
            .env("SOURCE_DATE_EPOCH", "0"),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let page = &run.stdout;
    let table = page.split("</table>").next().unwrap();
    assert_eq!(table.matches("<th scope=\"col\">").count(), 100);
    // The article at odds comes first; the last two by path wait in the deferred block.
    assert!(table.contains("<span class=\"path\">000.txt</span>"));
    assert!(!table.contains("101.txt"));
    let deferred = page
        .split("<script type=\"application/json\" id=\"crosscheck-deferred\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the deferred block");
    let deferred: Value = serde_json::from_str(deferred).unwrap();
    let columns = deferred.as_array().unwrap();
    assert_eq!(columns.len(), 2);
    let head = columns[1]["head"].as_str().unwrap();
    assert!(
        head.contains("<span class=\"path\">101.txt</span>"),
        "{head}"
    );
    let cell = columns[1]["cells"][0].as_str().unwrap();
    assert!(cell.starts_with("<td class=\"agrees\">"), "{cell}");
}

// ---------------------------------------------------------------------------------------
// -o FILE
// ---------------------------------------------------------------------------------------

#[test]
fn output_file_holds_what_stdout_would_for_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["human", "json", "sarif", "github", "compact", "html"] {
        let file = dir.path().join(format!("report.{format}"));
        let args = [MEETINGS, "--format", format];
        let stdout = Run::of(&mut check_at_fixed_time(&args));
        let to_file = Run::of(check_at_fixed_time(&args).arg("-o").arg(&file));
        assert_eq!(to_file.code, stdout.code, "{format}");
        assert_eq!(to_file.stdout, "", "{format}");
        assert_eq!(to_file.stderr, stdout.stderr, "{format}");
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            stdout.stdout,
            "{format}"
        );
    }
}

#[test]
fn output_never_overwrites_an_article_of_the_set() {
    let (_dir, set) = common::meetings_copy("meetings");
    let article = set.join("02-evening-ledger.txt");
    let before = fs::read(&article).unwrap();
    // The same file, named another way.
    let named = set
        .join("..")
        .join("meetings")
        .join("02-evening-ledger.txt");
    let run = Run::of(
        crosscheck_in(root())
            .arg("check")
            .arg(&set)
            .args(["--format", "html", "--output"])
            .arg(&named),
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("crosscheck::output::is_article"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("is an article"), "{}", run.stderr);
    assert_eq!(
        fs::read(&article).unwrap(),
        before,
        "the article is untouched"
    );
}

#[test]
fn an_output_file_that_cannot_be_written_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-such-folder").join("report.html");
    let run = Run::of(html(&[MEETINGS]).arg("-o").arg(&file));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("crosscheck::output::unwritable"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------
// all three
// ---------------------------------------------------------------------------------------

#[test]
fn each_format_gives_the_same_bytes_every_run() {
    for format in ["sarif", "github", "compact"] {
        let (a, b) = (check(format, &[MEETINGS]), check(format, &[MEETINGS]));
        assert!(!a.stdout.is_empty(), "{format}");
        assert!(a.stdout == b.stdout, "{format} output differs between runs");
        assert!(
            a.stderr == b.stderr,
            "{format} diagnostics differ between runs"
        );
    }
}

#[test]
fn extract_offers_and_accepts_only_its_own_formats() {
    for format in ["sarif", "github", "compact", "html"] {
        let output = Command::cargo_bin("crosscheck")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "extract",
                "fixtures/meetings/01-northern-wire.txt",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(output.stdout.is_empty(), "{format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("[possible values: human, json, jsonl]"),
            "{stderr}"
        );
    }
    // And --help lists only those three.
    let help = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["extract", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    let formats = help
        .split("--format <FORMAT>")
        .nth(1)
        .and_then(|rest| rest.split("--color").next())
        .unwrap_or_default();
    assert!(
        formats.contains("human") && formats.contains("json") && formats.contains("jsonl"),
        "{help}"
    );
    for other in ["sarif", "github", "compact", "html"] {
        assert!(!formats.contains(other), "{other} in:\n{formats}");
    }
}

/// The JSON report is a contract (fields are added, never renamed or removed): the whole
/// document of the event corpus (consensus, splits, frames, scopes, a statement set aside)
/// is pinned field for field, in order.
#[test]
fn json_report_is_pinned_field_for_field() {
    let run = check(
        "json",
        &["fixtures/events", "--rules", "fixtures/events/rules.yaml"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    insta::assert_snapshot!("events_json", run.stdout);
}
