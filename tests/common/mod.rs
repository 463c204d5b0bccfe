//! What every command-line test shares: the repository root, the binary started in a folder
//! without colour and at a fixed width, what a run printed, and copies of the meetings set
//! to change.

// Each test crate uses its own part of these.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The set with one disagreement (see fixtures/README.md).
pub const MEETINGS: &str = "fixtures/meetings";

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `crosscheck` started in `dir` (a relative `dir` is taken from the repository root),
/// without colour and 100 columns wide.
pub fn crosscheck_in(dir: impl AsRef<Path>) -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("the crosscheck binary is built");
    cmd.current_dir(root().join(dir))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// `crosscheck` started in the repository root, so paths in its output are the relative
/// paths a user would type.
pub fn crosscheck() -> Command {
    crosscheck_in(root())
}

/// What a run printed, and how it ended.
pub struct Run {
    /// The exit code.
    pub code: Option<i32>,
    /// stdout.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
}

impl Run {
    /// Runs `cmd`; fails the test if it panicked or printed anything but UTF-8.
    pub fn of(cmd: &mut Command) -> Run {
        let output = cmd.output().expect("crosscheck runs");
        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "crosscheck panicked:\n{}",
            run.stderr
        );
        run
    }
}

/// Runs `crosscheck <args> --format json` in `dir`: the document and the exit code.
pub fn json_in(dir: impl AsRef<Path>, args: &[&str]) -> (Value, i32) {
    let run = Run::of(crosscheck_in(dir).args(args).args(["--format", "json"]));
    let doc = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", run.stdout, run.stderr));
    (doc, run.code.expect("exited normally"))
}

/// A copy of fixtures/meetings as `<tempdir>/<name>`, to change.
pub fn meetings_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join(name);
    fs::create_dir(&set).unwrap();
    for entry in fs::read_dir(root().join(MEETINGS)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), set.join(entry.file_name())).unwrap();
    }
    (dir, set)
}

/// A folder with `treaty.txt`, an article whose date cannot exist ("February 30, 2023"), and
/// `rules.yaml`, a rule whose pattern catches that date.
pub fn impossible_date() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("treaty.txt"),
        "The two ministers signed the accord on February 30, 2023 in Geneva.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("rules.yaml"),
        "rules:\n  - id: accord-date\n    title: t\n    message: m\n    subjects: [[accord]]\n    patterns: ['signed the accord on {date}']\n",
    )
    .unwrap();
    dir
}

/// A folder of `n` one-line articles (`000.txt`, ...) that count the meetings as "about
/// 40", except `000.txt`, which says "nearly 60": more articles than the HTML page's table
/// holds when it opens (100).
pub fn many_articles(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let count = if i == 0 { "nearly 60" } else { "about 40" };
        fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Xi and Putin have met {count} times since 2012.\n"),
        )
        .unwrap();
    }
    dir
}
