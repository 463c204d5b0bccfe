//! Throughput of `crosscheck check` on a synthetic newsroom archive.
//!
//! The archive is built from the paragraphs of the articles in `fixtures/`: each synthetic
//! article strings together paragraphs picked by a fixed pseudo-random sequence until it
//! is about as long as a news story, with its own publication date, so articles differ from
//! one another as an archive's do. Like a news story, most of an article states nothing a
//! rule checks: between the fixtures' paragraphs stand paragraphs of filler sentences made
//! of words from [`FILLER`], which name the rules' subjects as often as stories do. Two benchmarks: the whole pipeline (`crosscheck::check`:
//! loading, statement finding on all threads, comparison) and statement finding alone, on
//! one thread. Both report bytes of article text per second.
//!
//! Run with `cargo bench`; `ARCHIVE_ARTICLES` sets the archive's size (default 400).

use std::path::{Path, PathBuf};

use crosscheck::statement::{self, Matcher};
use crosscheck::{article, rules, CheckOptions};
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// About how long a synthetic article is, in bytes.
const ARTICLE_BYTES: usize = 5_000;

/// One paragraph in this many is a fixture's; the others are filler.
const FIXTURE_EVERY: u64 = 3;

/// Words of filler sentences: running prose that names leaders, places and numbers without
/// stating a claim.
const FILLER: &[&str] = &[
    "Xi",
    "Putin",
    "Jinping",
    "Vladimir",
    "China",
    "Russia",
    "Moscow",
    "Beijing",
    "Kremlin",
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "a",
    "in",
    "on",
    "with",
    "for",
    "that",
    "leader",
    "leaders",
    "president",
    "officials",
    "talks",
    "visit",
    "summit",
    "partnership",
    "relations",
    "trade",
    "energy",
    "gas",
    "pipeline",
    "border",
    "security",
    "Ukraine",
    "war",
    "West",
    "sanctions",
    "economy",
    "diplomats",
    "analysts",
    "said",
    "says",
    "told",
    "reporters",
    "wrote",
    "expected",
    "week",
    "year",
    "years",
    "two",
    "countries",
    "new",
    "long",
    "close",
    "friend",
    "ties",
    "agreement",
    "signed",
    "deal",
    "cooperation",
    "meeting",
    "Tuesday",
    "statement",
    "spokesman",
    "state",
    "media",
    "government",
    "foreign",
    "minister",
    "policy",
];

/// The paragraphs of every article in `fixtures/`, front matter left out.
fn paragraphs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("fixtures are readable")
            .flatten()
        {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                stack.push(path);
            } else if (name.ends_with(".txt") || name.ends_with(".md")) && name != "README.md" {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("fixture articles are UTF-8");
        let body = match text
            .strip_prefix("---\n")
            .and_then(|r| r.split_once("\n---\n"))
        {
            Some((_, body)) => body.to_owned(),
            None => text,
        };
        out.extend(
            body.split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("<!--"))
                .map(str::to_owned),
        );
    }
    assert!(!out.is_empty(), "no fixture paragraphs found");
    out
}

/// A synthetic archive in a temporary folder: `count` articles in folders of 50.
struct Archive {
    dir: tempfile::TempDir,
    bytes: u64,
}

impl Archive {
    fn new(count: usize) -> Archive {
        let paragraphs = paragraphs();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            // xorshift64: the same archive on every run.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut bytes = 0;
        for i in 0..count {
            let folder = dir.path().join(format!("d{:03}", i / 50));
            std::fs::create_dir_all(&folder).expect("a folder in the archive");
            let mut text = format!(
                "---\npublished: 20{}-{:02}-{:02}\nsource: Desk {}\n---\n",
                19 + next() % 6,
                1 + next() % 12,
                1 + next() % 28,
                i % 17
            );
            while text.len() < ARTICLE_BYTES {
                if next() % FIXTURE_EVERY == 0 {
                    text.push_str(&paragraphs[(next() % paragraphs.len() as u64) as usize]);
                } else {
                    for _ in 0..2 + next() % 3 {
                        let words = 10 + next() % 20;
                        for w in 0..words {
                            let word = FILLER[(next() % FILLER.len() as u64) as usize];
                            if w == 0 {
                                let mut chars = word.chars();
                                text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                                text.push_str(chars.as_str());
                            } else {
                                text.push(' ');
                                text.push_str(word);
                            }
                        }
                        text.push_str(". ");
                    }
                }
                text.push_str("\n\n");
            }
            bytes += text.len() as u64;
            std::fs::write(folder.join(format!("story-{i:05}.md")), text)
                .expect("an article written");
        }
        Archive { dir, bytes }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

fn archive_size() -> usize {
    std::env::var("ARCHIVE_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400)
}

/// The whole pipeline, as `crosscheck check ARCHIVE` runs it before rendering.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher) {
    let archive = Archive::new(archive_size());
    let options = CheckOptions {
        paths: vec![archive.path()],
        ..CheckOptions::default()
    };
    let outcome = crosscheck::check(&options);
    assert!(!outcome.statements.is_empty(), "the archive states nothing");
    bencher
        .counter(BytesCount::new(archive.bytes))
        .bench(|| crosscheck::check(&options));
}

/// Statement finding alone (every rule over every article), on one thread.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn find_statements(bencher: Bencher) {
    let archive = Archive::new(archive_size());
    let loaded = article::load(&[archive.path()]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let rules = rules::load(&[]).rules;
    let matcher = Matcher::new(&rules).expect("the shipped rules build an automaton");
    bencher.counter(BytesCount::new(archive.bytes)).bench(|| {
        loaded
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| statement::find_all(i, a, &rules, &matcher).0.len())
            .sum::<usize>()
    });
}
