//! The trap table read end to end: every `scan` row of `tests/grammar/traps.tsv` is written
//! to an article of its own (with its publication date as front matter), and
//! `crosscheck extract --format json` must report the bracketed mention with the table's
//! kind, ends and unit (JSON does not mark open ends, so `>`/`<` are dropped here).

use crate::common;

use std::fs;

use serde_json::Value;

/// A JSON end as the tables write it: a number's digits, an ISO date, or `-`.
fn end(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_trap_reads_through_extract_json() {
    let table = common::root().join("tests/grammar/traps.tsv");
    let text = fs::read_to_string(table).expect("traps.tsv reads");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() != 7 || cols[0] != "scan" {
            continue;
        }
        let (start, close) = (cols[2].find('[').expect("["), cols[2].find(']').expect("]"));
        let body = cols[2].replacen('[', "", 1).replacen(']', "", 1);
        let quote = body[start..close - 1].to_string();
        let name = format!("case{:04}.txt", i + 1);
        let front = match cols[1] {
            "-" => String::new(),
            date => format!("---\npublished: {date}\n---\n"),
        };
        fs::write(dir.path().join(&name), format!("{front}{body}\n")).expect("an article writes");
        rows.push((i + 1, name, quote, cols[3], cols[4], cols[5], cols[6]));
    }
    assert!(rows.len() >= 80, "only {} scan rows", rows.len());
    let (doc, code) = common::json_in(dir.path(), &["extract", "."]);
    assert_eq!(code, 0);
    let mentions = doc["mentions"].as_array().expect("mentions");
    let mut failures = Vec::new();
    for (line, name, quote, kind, low, high, unit) in rows {
        let found = mentions.iter().find(|m| {
            m["path"].as_str().is_some_and(|p| p.ends_with(&name)) && m["quote"] == quote.as_str()
        });
        let strip = |s: &str| s.trim_start_matches(['>', '<']).to_string();
        match (found, kind) {
            (None, "-") => {}
            (Some(m), "-") => failures.push(format!("traps.tsv:{line}: `{quote}` found: {m}")),
            (None, _) => failures.push(format!("traps.tsv:{line}: `{quote}` not found")),
            (Some(m), _) => {
                let got = (
                    m["kind"].as_str().unwrap_or_default().to_string(),
                    end(&m["low"]),
                    end(&m["high"]),
                    end(&m["unit"]),
                );
                let want = (kind.to_string(), strip(low), strip(high), unit.to_string());
                if got != want {
                    failures.push(format!(
                        "traps.tsv:{line}: `{quote}`: got {got:?}, want {want:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
