//! The crate's stages depend on each other one way (docs/design.md, "Stages"): this test
//! reads `src/`, builds the graph of which module names which (`crate::MODULE`, and
//! `super::` paths that leave a folder module), and fails on any cycle, printing it with
//! the line that makes each edge. A folder module (`src/report/`, `src/grammar/`) is one
//! node; `lib.rs` and `main.rs` sit on top and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[path = "common/rust_files.rs"]
mod rust_files;
use rust_files::rust_files;

/// Module → the modules it names, each with the first `file:line` that names it.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// The line without its comment, when the line is a comment (`//`, `///`, `//!`), or
/// without a trailing `// ...` comment (one not inside a string, by a rough count of quotes).
fn code_of(line: &str) -> &str {
    if line.trim_start().starts_with("//") {
        return "";
    }
    let mut in_string = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' if i == 0 || bytes[i - 1] != b'\\' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level module names `code` refers to: `crate::NAME`, each name of
/// `crate::{A, B::c}`, and `super::...::NAME` when the `super`s climb out of `within`
/// (the module path of the file, e.g. `["report", "human"]`) to the crate root.
fn referenced(code: &str, within: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        // `$crate::` and `foo_crate::` are other paths.
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // One level of braces is enough for the names directly under `crate`.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        out.push(ident(&group[i..]).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident(rest).to_owned());
        }
    }
    for (at, _) in code.match_indices("super::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue; // counted from its first `super::`
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        // From `src/a/b.rs` (module path a::b), one `super` is `a`, two are the root.
        if ups == within.len() {
            out.push(ident(rest).to_owned());
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// The module graph of `src/`.
fn graph(src: &Path) -> Graph {
    let files = rust_files(src);
    let path_of = |file: &Path| -> Vec<String> {
        let rel = file.strip_prefix(src).expect("a file under src");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let last = parts.pop().expect("a file name");
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" {
            parts.push(stem.to_owned());
        }
        parts
    };
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| path_of(f)[0].clone())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let within = path_of(file);
        let node = &within[0];
        if !modules.contains(node) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file reads");
        let edges = graph.entry(node.clone()).or_default();
        for (n, line) in text.lines().enumerate() {
            for target in referenced(code_of(line), &within) {
                if &target != node && modules.contains(&target) {
                    let rel = file
                        .strip_prefix(src.parent().expect("a crate root"))
                        .unwrap();
                    edges
                        .entry(target)
                        .or_insert_with(|| format!("{}:{}", rel.display(), n + 1));
                }
            }
        }
    }
    graph
}

/// A cycle of `graph`, as the modules along it (the first repeated at the end), if any.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::Open);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = path.iter().position(|m| m == next).expect("on the path");
                    let mut found = path[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Mark::New => {
                    if let Some(found) = visit(next, graph, marks, path) {
                        return Some(found);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(found) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

/// The graph as lines `module: uses...`.
fn shown(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(m, uses)| {
            let uses: Vec<&str> = uses.keys().map(String::as_str).collect();
            format!("  {m}: {}\n", uses.join(" "))
        })
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let graph = graph(&src());
    assert!(
        graph.len() > 10,
        "too few modules found:\n{}",
        shown(&graph)
    );
    if let Some(found) = cycle(&graph) {
        let steps: Vec<String> = found
            .windows(2)
            .map(|w| format!("  {} -> {}  ({})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!(
            "import cycle: {}\n{}\nthe module graph:\n{}",
            found.join(" -> "),
            steps.join("\n"),
            shown(&graph)
        );
    }
}

#[test]
fn renderers_do_not_run_stages() {
    // A renderer reads the outcome; it does not check, gate or author rules itself.
    let graph = graph(&src());
    let report = &graph["report"];
    for stage in ["check", "gate", "authoring", "config", "ignore"] {
        assert!(
            !report.contains_key(stage),
            "report names `{stage}` ({}); renderers read what the stages produced",
            report[stage]
        );
    }
}

#[test]
fn the_graph_reader_sees_every_kind_of_reference() {
    let root: Vec<String> = vec!["check".into()];
    let nested: Vec<String> = vec!["report".into(), "human".into()];
    assert_eq!(
        referenced("use crate::outcome::Outcome;", &root),
        ["outcome"]
    );
    assert_eq!(
        referenced("use crate::{article::{self, Article}, rules};", &root),
        ["article", "rules"]
    );
    assert_eq!(referenced("let x = crate::gate::gate(o);", &root), ["gate"]);
    assert_eq!(
        referenced("use super::json;", &nested),
        Vec::<String>::new()
    );
    assert_eq!(referenced("use super::super::check;", &nested), ["check"]);
    assert_eq!(referenced("use super::*;", &root), Vec::<String>::new());
    assert_eq!(code_of("/// see [`crate::check`]"), "");
    assert_eq!(
        code_of("let u = \"http://x\"; // crate::check"),
        "let u = \"http://x\"; "
    );

    // A cycle is found and shown.
    let mut g = Graph::new();
    g.entry("a".into())
        .or_default()
        .insert("b".into(), "src/a.rs:1".into());
    g.entry("b".into())
        .or_default()
        .insert("c".into(), "src/b.rs:1".into());
    g.entry("c".into())
        .or_default()
        .insert("a".into(), "src/c.rs:1".into());
    assert_eq!(
        cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    g.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&g), None);
}
