//! Loading articles: walking paths, decoding text, front matter and `sources.yaml` manifests.
//!
//! This module turns paths into [`Article`]s and [`InputError`]s; it never looks inside an
//! article's prose and never writes to one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use miette::{Diagnostic, NamedSource, SourceSpan};
use rayon::prelude::*;
use serde::Deserialize;

use crate::yaml;

/// The manifest file a folder may hold.
pub const MANIFEST: &str = "sources.yaml";

/// Extensions read when walking a folder (a file named on the command line is always read).
const EXTENSIONS: &[&str] = &["txt", "md"];

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Meta {
    /// The publisher or wire it came from.
    #[serde(default)]
    pub source: Option<String>,
    /// Its headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published; relative dates ("last year") are read against it.
    #[serde(default, deserialize_with = "de_date")]
    pub published: Option<Date>,
}

impl Meta {
    /// Fills what `self` leaves unset from `other`.
    fn or(self, other: &Meta) -> Meta {
        Meta {
            source: self.source.or_else(|| other.source.clone()),
            title: self.title.or_else(|| other.title.clone()),
            url: self.url.or_else(|| other.url.clone()),
            published: self.published.or(other.published),
        }
    }
}

/// Reads `YYYY-MM-DD`, so that a bad date is a deserialization error with a YAML location.
fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let raw = Option::<String>::deserialize(d)?;
    raw.map(|s| {
        s.trim().parse::<Date>().map_err(|e| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date of the form YYYY-MM-DD ({})",
                e.to_string()
                    .trim_end_matches(|c: char| c == ':' || c.is_whitespace())
            ))
        })
    })
    .transpose()
}

/// One article, as read from disk.
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as it is shown in reports (forward slashes, as reached from the command line).
    pub path: String,
    /// The whole file, byte for byte (a byte-order mark and front matter included), so
    /// that every span points into the file as an editor shows it.
    pub text: String,
    /// Where the prose starts: after a byte-order mark and front matter.
    pub body: usize,
    /// Front matter, else the manifest's entry.
    pub meta: Meta,
    /// Markdown: paragraphs end at blank lines; plain text: every line is a paragraph.
    pub markdown: bool,
}

/// A path or file that could not be read as an article or manifest.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum InputError {
    /// A named path does not exist.
    #[error("{path}: no such file or folder")]
    #[diagnostic(
        code(crosscheck::input::not_found),
        help("check the spelling; crosscheck reads .txt and .md files, and folders of them")
    )]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// A file exists but could not be read.
    #[error("{path}: could not be read: {reason}")]
    #[diagnostic(
        code(crosscheck::input::unreadable),
        help("check the file's permissions")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// A file is not UTF-8 text.
    #[error("{path}: not UTF-8 text")]
    #[diagnostic(
        code(crosscheck::input::not_utf8),
        help("save the article as UTF-8 (for example `iconv -f latin1 -t utf-8`); it was not checked")
    )]
    NotUtf8 {
        /// The file.
        path: String,
        /// The file, decoded lossily, for the snippet.
        #[source_code]
        src: NamedSource<String>,
        /// The first byte that is not UTF-8.
        #[label("this byte is not UTF-8")]
        span: SourceSpan,
    },
    /// A manifest or front matter is not valid YAML, or holds a bad value.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::input::metadata),
        help("articles: list entries with `path`, and optionally `source`, `title`, `url`, `published: YYYY-MM-DD`")
    )]
    Metadata {
        /// The manifest or article.
        path: String,
        /// What is wrong.
        message: String,
        /// The file.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A manifest names a file that does not exist.
    #[error("{path}: names `{entry}`, which does not exist")]
    #[diagnostic(
        code(crosscheck::input::manifest_missing_file),
        help(
            "fix the entry's `path` (it is relative to the manifest's folder) or remove the entry"
        )
    )]
    ManifestMissingFile {
        /// The manifest.
        path: String,
        /// The entry's path.
        entry: String,
        /// The manifest's text.
        #[source_code]
        src: NamedSource<String>,
        /// The entry.
        #[label("no such file")]
        span: SourceSpan,
    },
}

impl InputError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            InputError::NotFound { path }
            | InputError::Unreadable { path, .. }
            | InputError::NotUtf8 { path, .. }
            | InputError::Metadata { path, .. }
            | InputError::ManifestMissingFile { path, .. } => path,
        }
    }
}

/// Articles read, and what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles in path order.
    pub articles: Vec<Article>,
    /// Errors in path order.
    pub errors: Vec<InputError>,
}

/// Reads every article under `paths` (files and folders, folders recursively).
///
/// A folder with a manifest holds the articles the manifest lists (and those of its
/// subfolders); a folder without one holds its `.txt` and `.md` files. A file named on the
/// command line is always read.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let mut walker = Walker::default();
    for path in paths {
        if !path.exists() {
            walker.errors.push(InputError::NotFound {
                path: display(path),
            });
        } else if path.is_dir() {
            walker.walk(path);
        } else {
            walker.manifest(&folder_of(path));
            walker.files.insert(path.clone());
        }
    }
    let Walker {
        files,
        manifests,
        mut errors,
    } = walker;
    let results: Vec<Result<Article, InputError>> = files
        .par_iter()
        .map(|file| {
            let name = file.file_name().map(PathBuf::from).unwrap_or_default();
            let entry = manifests
                .get(&folder_of(file))
                .and_then(|m| m.as_ref())
                .and_then(|m| m.entries.get(&name));
            read_article(file, entry)
        })
        .collect();
    let mut articles = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    Loaded { articles, errors }
}

/// The folder a file is in.
fn folder_of(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Collects article files and the manifests of their folders, each read once.
#[derive(Default)]
struct Walker {
    files: BTreeSet<PathBuf>,
    manifests: BTreeMap<PathBuf, Option<Manifest>>,
    errors: Vec<InputError>,
}

impl Walker {
    /// The manifest of `folder`, read on first use.
    fn manifest(&mut self, folder: &Path) -> Option<&Manifest> {
        if !self.manifests.contains_key(folder) {
            let mut manifest = match read_manifest(folder) {
                Ok(m) => m,
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            };
            if let Some(m) = &mut manifest {
                self.errors.append(&mut m.missing);
            }
            self.manifests.insert(folder.to_path_buf(), manifest);
        }
        self.manifests.get(folder).and_then(Option::as_ref)
    }

    /// Collects the article files below `dir`, skipping hidden entries.
    fn walk(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.errors.push(InputError::Unreadable {
                    path: display(dir),
                    reason: e.to_string(),
                });
                return;
            }
        };
        let listed: Option<Vec<PathBuf>> = self
            .manifest(dir)
            .map(|m| m.entries.keys().map(|name| dir.join(name)).collect());
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                self.walk(&path);
            } else if listed.is_none() && is_article_file(&path) {
                self.files.insert(path);
            }
        }
        self.files.extend(listed.into_iter().flatten());
    }
}

/// True for the extensions read when walking a folder.
pub(crate) fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A path as shown in reports.
pub(crate) fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Reads a file as UTF-8 text.
fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = fs::read(path).map_err(|e| InputError::Unreadable {
        path: display(path),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        // In the lossy text every invalid sequence before `at` is absent, so `at` still
        // points at the first replacement character.
        InputError::NotUtf8 {
            path: display(path),
            span: (at, '\u{FFFD}'.len_utf8()).into(),
            src: NamedSource::new(display(path), lossy),
        }
    })
}

/// A manifest's entries, keyed by file name, and the entries whose file is missing.
struct Manifest {
    entries: BTreeMap<PathBuf, Meta>,
    missing: Vec<InputError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    articles: Vec<ManifestEntry>,
}

#[derive(Deserialize)]
struct ManifestEntry {
    path: String,
    #[serde(flatten)]
    meta: Meta,
}

/// Reads `folder/sources.yaml`, if there is one.
fn read_manifest(folder: &Path) -> Result<Option<Manifest>, InputError> {
    let path = folder.join(MANIFEST);
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    let parsed: ManifestFile = parse_yaml(&path, &text, (0, text.len()))?;
    let mut entries = BTreeMap::new();
    let mut missing = Vec::new();
    for entry in parsed.articles {
        let file = folder.join(&entry.path);
        if !file.is_file() {
            missing.push(InputError::ManifestMissingFile {
                path: display(&path),
                entry: entry.path.clone(),
                src: NamedSource::new(display(&path), text.clone()),
                span: yaml::value_span(&text, 0, &entry.path),
            });
            continue;
        }
        let name = file.file_name().map(PathBuf::from).unwrap_or_default();
        entries.insert(name, entry.meta);
    }
    Ok(Some(Manifest { entries, missing }))
}

/// Parses the YAML at `offset..end` of `text`, turning errors into diagnostics.
fn parse_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    (offset, end): (usize, usize),
) -> Result<T, InputError> {
    serde_yaml::from_str(&text[offset..end]).map_err(|e| {
        let at = e.location().map_or(offset, |l| offset + l.index()).min(end);
        let message = yaml::message(&e);
        let span = yaml::error_span(text, at, &message);
        InputError::Metadata {
            path: display(path),
            message,
            src: NamedSource::new(display(path), text.to_owned()),
            span,
        }
    })
}

/// Reads one article and its front matter.
fn read_article(path: &Path, entry: Option<&Meta>) -> Result<Article, InputError> {
    let text = read_text(path)?;
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (front, body) = front_matter(&text, bom);
    let meta = match front {
        Some((start, end)) => {
            let meta: Option<Meta> = parse_yaml(path, &text, (start, end))?;
            meta.unwrap_or_default()
        }
        None => Meta::default(),
    };
    let meta = match entry {
        Some(e) => meta.or(e),
        None => meta,
    };
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    Ok(Article {
        path: display(path),
        text,
        body,
        meta,
        markdown,
    })
}

/// Finds a `---` front matter block at `start`: the YAML's span and where the body begins.
fn front_matter(text: &str, start: usize) -> (Option<(usize, usize)>, usize) {
    let rest = &text[start..];
    let Some(after_open) = rest
        .strip_prefix("---\n")
        .map(|_| 4)
        .or_else(|| rest.strip_prefix("---\r\n").map(|_| 5))
    else {
        return (None, start);
    };
    let yaml_start = start + after_open;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            return (Some((yaml_start, offset)), offset + line.len());
        }
        offset += line.len();
    }
    (None, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_found_after_a_bom_and_with_crlf() {
        let text = "\u{FEFF}---\r\npublished: 2023-03-17\r\n---\r\nBody.";
        let (span, body) = front_matter(text, 3);
        let (s, e) = span.unwrap();
        assert_eq!(&text[s..e], "published: 2023-03-17\r\n");
        assert_eq!(&text[body..], "Body.");
    }

    #[test]
    fn no_front_matter_without_a_closing_fence() {
        assert_eq!(front_matter("---\nnot closed", 0), (None, 0));
        assert_eq!(front_matter("Plain text", 0), (None, 0));
    }
}
