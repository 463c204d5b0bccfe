//! The HTML report in a real browser: headless Chromium opens the report of
//! `fixtures/hostile-html` from disk, and the page must show its rows and cells, mark the
//! cell that disagrees, filter from the keyboard, leave the markup in an article's text
//! inert, and ask for nothing but its own file.
//!
//! `tests/browser/drive.py` speaks to Chromium over the DevTools protocol. Without Chromium
//! (`$CHROMIUM`, else /usr/bin/chromium) the test prints a note and passes, unless
//! `CROSSCHECK_BROWSER_TEST=require` (set by `.ci/run`, which installs Chromium), where it
//! fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::common;

use common::{crosscheck, root, Run};

/// The Chromium to drive, if there is one; panics when there is none and the environment
/// requires the test.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.is_file() {
        return Some(path);
    }
    let required = std::env::var("CROSSCHECK_BROWSER_TEST").is_ok_and(|v| v == "require");
    assert!(
        !required,
        "CROSSCHECK_BROWSER_TEST=require, but there is no Chromium at {}",
        path.display()
    );
    eprintln!(
        "note: no Chromium at {}: the browser test is skipped",
        path.display()
    );
    None
}

/// Runs `plan` through tests/browser/drive.py; its report.
fn drive(plan: &Value) -> Value {
    let mut child = Command::new("python3")
        .arg(root().join("tests/browser/drive.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    serde_json::to_writer(child.stdin.take().expect("stdin"), plan).expect("the plan is written");
    let output = child.wait_with_output().expect("drive.py ends");
    assert!(output.status.success(), "drive.py failed");
    serde_json::from_slice(&output.stdout).expect("drive.py writes JSON")
}

/// The report of `set` written to `file` at a fixed time.
fn html_report(set: &str, file: &Path) -> Run {
    Run::of(
        crosscheck()
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(["check", set, "--format", "html", "-o"])
            .arg(file),
    )
}

/// How many rows of the table are shown.
const SHOWN_ROWS: &str = "document.querySelectorAll('#claims tbody tr:not([hidden])').length";

#[test]
fn the_report_works_in_chromium_and_article_markup_stays_inert() {
    let Some(chromium) = chromium() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let page = dir.join("hostile-html.html");
    let screenshot = dir.join("hostile-html.png");
    let _ = std::fs::remove_file(&screenshot);
    let run = html_report("fixtures/hostile-html", &page);
    assert_eq!(run.code, Some(1), "a finding at error: {}", run.stderr);
    let url = format!(
        "file://{}",
        page.canonicalize().expect("the report exists").display()
    );
    let steps = [
        // 0: a row per claim, the one with a finding first.
        "Array.from(document.querySelectorAll('#claims tbody tr')).map(r => r.dataset.rule)",
        // 1: a column per article, headed by its source, as text, the one at odds first.
        "Array.from(document.querySelectorAll('#claims thead th')).map(th => th.querySelector('.source')?.textContent ?? '')",
        // 2: every row has a cell per column.
        "Array.from(document.querySelectorAll('#claims tr')).map(r => r.cells.length)",
        // 3: the cell that disagrees: where, its mark, its sentence.
        "(() => { const td = document.querySelector('#claims td.dissents'); return { column: td.cellIndex, badge: td.querySelector('.badge.dissents').textContent, background: getComputedStyle(td).backgroundColor, sentence: td.querySelector('.sentence').textContent, marked: td.querySelector('mark').textContent }; })()",
        // 4: the article's markup made no element.
        "({ scripts: document.scripts.length, images: document.images.length, tables: document.querySelectorAll('table').length })",
        // 5..: from the source filter, Tab to "findings only" and press Space.
        "document.getElementById('f-source').focus()",
    ];
    let mut plan: Vec<Value> = steps.iter().map(|s| json!({ "eval": s })).collect();
    plan.extend([
        json!({ "press": "Tab" }),
        json!({ "press": "Space" }),
        // 8: what the keyboard did.
        json!({ "eval": format!("({{ active: document.activeElement.id, checked: document.activeElement.checked, outline: getComputedStyle(document.activeElement).outlineStyle, rows: {SHOWN_ROWS}, status: document.getElementById('f-status').textContent }})") }),
        // 9..: type a source's name into the source filter.
        json!({ "eval": "document.getElementById('f-source').focus()" }),
        json!({ "type": "lantern" }),
        // 11: the columns left.
        json!({ "eval": "Array.from(document.querySelectorAll('#claims thead th')).filter(th => !th.hidden).length" }),
        // 12..: clear the source filter and open the first row from the keyboard.
        json!({ "eval": "(() => { const s = document.getElementById('f-source'); s.value = ''; s.dispatchEvent(new Event('input')); document.querySelector('#claims tbody summary').focus(); })()" }),
        json!({ "press": "Enter" }),
        // 14: its sentences show, with the value marked.
        json!({ "eval": "getComputedStyle(document.querySelector('#claims td.dissents .sentence')).display" }),
    ]);
    let report = drive(&json!({
        "chromium": chromium,
        "url": url,
        "width": 1400,
        "height": 900,
        "steps": plan,
        "screenshot": screenshot,
    }));
    let results = &report["results"];
    assert_eq!(
        results[0],
        json!(["xi-putin-meetings", "state-visit-length"]),
        "{report:#}"
    );
    assert_eq!(
        results[1],
        json!([
            "",
            "Markup Mill <b>Online</b>",
            "The River Post",
            "Lantern & Daily \"Tribune\""
        ]),
        "a column per article, the one at odds first"
    );
    assert_eq!(results[2], json!([4, 4, 4]));
    let dissent = &results[3];
    assert_eq!(
        dissent["column"], 1,
        "the Markup Mill's cell disagrees: {dissent:#}"
    );
    let badge = dissent["badge"].as_str().unwrap();
    assert!(
        badge.contains('✗') && badge.contains("disagrees with most sources"),
        "{badge}"
    );
    assert_eq!(dissent["background"], "rgb(251, 227, 225)");
    assert_eq!(dissent["marked"], "nearly 60");
    let sentence = dissent["sentence"].as_str().unwrap();
    for markup in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "</table>",
    ] {
        assert!(
            sentence.contains(markup),
            "shown as text: {markup} in {sentence}"
        );
    }
    // The report's JSON block and its script; no image; one table.
    assert_eq!(
        results[4],
        json!({ "scripts": 2, "images": 0, "tables": 1 })
    );
    let keyboard = &results[8];
    assert_eq!(keyboard["active"], "f-findings", "{keyboard:#}");
    assert_eq!(keyboard["checked"], true);
    assert_eq!(keyboard["outline"], "solid", "a visible focus");
    assert_eq!(keyboard["rows"], 1, "findings only: {keyboard:#}");
    assert_eq!(
        keyboard["status"],
        "Showing 1 of 2 claims and 3 of 3 sources."
    );
    assert_eq!(results[11], 2, "the claim column and the Lantern's");
    assert_eq!(results[14], "block", "an open row shows its sentences");
    assert_eq!(
        report["dialogs"],
        json!([]),
        "no script from an article ran"
    );
    assert_eq!(
        report["errors"],
        json!([]),
        "no console error (a CSP refusal is one)"
    );
    assert_eq!(
        report["requests"],
        json!([url]),
        "the page asked for nothing but itself"
    );
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG"),
        "a PNG at {}",
        screenshot.display()
    );
    eprintln!("screenshot: {}", screenshot.display());
}

#[test]
fn the_source_filter_adds_a_column_the_table_left_out() {
    let Some(chromium) = chromium() else { return };
    let set = common::many_articles(102);
    let page = Path::new(env!("CARGO_TARGET_TMPDIR")).join("many.html");
    let run = html_report(&set.path().display().to_string(), &page);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let heads =
        "Array.from(document.querySelectorAll('#claims thead th')).filter(th => !th.hidden).length";
    let report = drive(&json!({
        "chromium": chromium,
        "url": url,
        "steps": [
            { "eval": heads },
            { "eval": "document.getElementById('f-source').focus()" },
            { "type": "101.txt" },
            { "eval": format!("({{ heads: {heads}, status: document.getElementById('f-status').textContent, cell: document.querySelector('#claims tbody td:not([hidden])').className, path: document.querySelector('#claims thead th:not([hidden]) .path')?.textContent }})") },
        ],
    }));
    let results = &report["results"];
    assert_eq!(
        results[0], 101,
        "the claim column and the first 100: {report:#}"
    );
    let found = &results[3];
    assert_eq!(found["heads"], 2, "{found:#}");
    assert_eq!(found["cell"], "agrees");
    assert!(
        found["path"].as_str().unwrap().ends_with("101.txt"),
        "{found:#}"
    );
    assert_eq!(
        found["status"],
        "Showing 1 of 1 claims and 1 of 102 sources."
    );
    assert_eq!(report["errors"], json!([]));
    assert_eq!(report["requests"], json!([url]));
}
