//! Loading articles: walking paths, decoding text, front matter and `sources.yaml` manifests.
//!
//! This module turns paths into [`Article`]s and [`InputError`]s; it never looks inside an
//! article's prose and never writes to one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use miette::{Diagnostic, NamedSource, SourceSpan};
use rayon::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

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
    /// The comparison scope it belongs to: the folder of the nearest manifest above it (as
    /// shown in reports), or `None` under no manifest. Statements of different scopes are
    /// never compared; those of an article under none are compared within every scope.
    pub scope: Option<String>,
    /// The file's length in bytes, which stays known when `text` is let go.
    pub bytes: usize,
    /// The SHA-256 of the file, to tell whether a file read again is still the one checked.
    pub sha256: [u8; 32],
}

/// An article file found by [`walk`], not read yet.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, as first reached.
    pub file: PathBuf,
    /// Its manifest's entry.
    pub meta: Option<Meta>,
    /// Its comparison scope (see [`Article::scope`]).
    pub scope: Option<String>,
    /// A publication date that wins over front matter and manifest (`extract --published`).
    pub published: Option<Date>,
    /// The file with every link resolved: one article, however many paths lead to it.
    pub identity: PathBuf,
}

impl Entry {
    /// Reads the article.
    pub fn read(&self) -> Result<Article, InputError> {
        let mut article = read_article(&self.file, self.meta.as_ref(), self.scope.clone())?;
        if self.published.is_some() {
            article.meta.published = self.published;
        }
        Ok(article)
    }
}

/// Article files found, not read yet, and what could not be found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Article files in path order.
    pub entries: Vec<Entry>,
    /// Errors in path order.
    pub errors: Vec<InputError>,
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
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::input::unreadable),
        help("check the file's permissions")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
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
    /// A manifest entry holds a key that is not one of an entry's.
    #[error("{path}: unknown key `{key}` in a manifest entry")]
    #[diagnostic(code(crosscheck::input::manifest_unknown_key))]
    ManifestUnknownKey {
        /// The manifest.
        path: String,
        /// The key as written.
        key: String,
        /// The nearest key, and the keys an entry may hold.
        #[help]
        help: String,
        /// The manifest's text.
        #[source_code]
        src: NamedSource<String>,
        /// The key.
        #[label("not a key of an entry")]
        span: SourceSpan,
    },
    /// A manifest lists one file twice.
    #[error("{path}: lists `{entry}` twice")]
    #[diagnostic(
        code(crosscheck::input::manifest_duplicate),
        help("keep one entry per article; only the first one's metadata is used")
    )]
    ManifestDuplicate {
        /// The manifest.
        path: String,
        /// The entry's path.
        entry: String,
        /// The manifest's text.
        #[source_code]
        src: NamedSource<String>,
        /// The second entry.
        #[label("listed before")]
        span: SourceSpan,
    },
    /// A manifest names a file outside its own folder.
    #[error("{path}: names `{entry}`, which is outside the manifest's folder")]
    #[diagnostic(
        code(crosscheck::input::manifest_outside),
        help("a manifest lists files in its folder and the folders below it: a relative path without `..`")
    )]
    ManifestOutside {
        /// The manifest.
        path: String,
        /// The entry's path.
        entry: String,
        /// The manifest's text.
        #[source_code]
        src: NamedSource<String>,
        /// The entry.
        #[label("outside this folder")]
        span: SourceSpan,
    },
    /// Front matter is opened and never closed, so its metadata would be lost.
    #[error("{path}: front matter opened on line 1 is never closed")]
    #[diagnostic(
        code(crosscheck::input::front_matter_unclosed),
        help("end the front matter with a line holding only `---`; an article whose prose starts with a rule should start with text instead")
    )]
    FrontMatterUnclosed {
        /// The article.
        path: String,
        /// The article's text.
        #[source_code]
        src: NamedSource<String>,
        /// The opening fence.
        #[label("opened here")]
        span: SourceSpan,
    },
    /// The paths hold no article at all, so nothing would be checked.
    #[error("{path}: no articles found")]
    #[diagnostic(
        code(crosscheck::input::no_articles),
        help("crosscheck reads .txt and .md files (and the files a sources.yaml lists); name a folder that holds some")
    )]
    NoArticles {
        /// The paths, as given.
        path: String,
    },
    /// A folder's manifest does not list an article file beside it; the file is checked
    /// all the same, without the metadata a manifest entry would give.
    #[error("{path}: not listed in {manifest}; checked without a source or publication date")]
    #[diagnostic(
        code(crosscheck::input::unlisted),
        severity(Warning),
        help("add an entry for it to the manifest (path, source, published), so that relative dates are read")
    )]
    Unlisted {
        /// The article.
        path: String,
        /// The manifest that does not list it.
        manifest: String,
    },
    /// A link leads to a folder already read, so it was not read again.
    #[error("{path}: a link to {target}, which was already read; its articles count once")]
    #[diagnostic(
        code(crosscheck::input::revisited),
        severity(Warning),
        help("links that loop, or a second way into a folder, are followed once")
    )]
    Revisited {
        /// The link.
        path: String,
        /// The folder it leads to.
        target: String,
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
            | InputError::ManifestMissingFile { path, .. }
            | InputError::ManifestUnknownKey { path, .. }
            | InputError::ManifestDuplicate { path, .. }
            | InputError::ManifestOutside { path, .. }
            | InputError::FrontMatterUnclosed { path, .. }
            | InputError::NoArticles { path }
            | InputError::Revisited { path, .. }
            | InputError::Unlisted { path, .. } => path,
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
/// command line is always read. Each file is read once, however many paths or links lead
/// to it (the first path that reaches it names it).
pub fn load(paths: &[PathBuf]) -> Loaded {
    let Walked {
        entries,
        mut errors,
    } = walk(paths);
    let results: Vec<Result<Article, InputError>> = entries.par_iter().map(Entry::read).collect();
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

/// Finds every article file under `paths`, as [`load`] reads them, without reading them.
pub fn walk(paths: &[PathBuf]) -> Walked {
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
            walker.add(path.clone(), false);
        }
    }
    let scopes = walker.scopes();
    let Walker {
        mut files,
        meta,
        mut errors,
        walked,
        ..
    } = walker;
    if files.is_empty() && errors.is_empty() && !paths.is_empty() {
        errors.push(InputError::NoArticles {
            path: paths
                .iter()
                .map(|p| display(p))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    files.sort();
    // Files named one by one on the command line are compared with each other: they keep
    // their manifest's scope when they share one, else they form one scope together.
    let named: BTreeSet<Option<String>> = files
        .iter()
        .filter(|(_, real)| !walked.contains(real))
        .map(|(_, real)| scope_of(real, &scopes))
        .collect();
    let together = named.len() > 1;
    let entries = files
        .into_iter()
        .map(|(file, real)| {
            let scope = if together && !walked.contains(&real) {
                None
            } else {
                scope_of(&real, &scopes)
            };
            let meta = meta.get(&real).map(|(_, m)| m.clone());
            Entry {
                file,
                meta,
                scope,
                published: None,
                identity: real,
            }
        })
        .collect();
    errors.sort_by(|a, b| a.path().cmp(b.path()));
    Walked { entries, errors }
}

/// The folder a file is in.
fn folder_of(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A path with every link resolved, or the path itself when it cannot be resolved (the
/// read that follows then says why).
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Identities (see [`identity`]), each path's found once and each folder resolved once: a
/// plain file's identity is its folder's joined with its name, at the cost of one `lstat`;
/// a link, a folder or anything unreadable is resolved in full.
#[derive(Default)]
struct Identities {
    folders: HashMap<PathBuf, PathBuf>,
    paths: HashMap<PathBuf, PathBuf>,
}

impl Identities {
    fn of(&mut self, path: &Path) -> PathBuf {
        self.of_known(path, None)
    }

    /// The identity of `path`, given whether it is a plain file (no link) when that is
    /// known already.
    fn of_known(&mut self, path: &Path, plain: Option<bool>) -> PathBuf {
        if let Some(known) = self.paths.get(path) {
            return known.clone();
        }
        let plain = plain.unwrap_or_else(|| is_plain_file(path));
        let real = self.resolve(path, plain);
        self.paths.insert(path.to_path_buf(), real.clone());
        real
    }

    fn resolve(&mut self, path: &Path, plain: bool) -> PathBuf {
        match (plain, path.parent(), path.file_name()) {
            (true, Some(parent), Some(name)) => {
                let folder = self.folders.entry(parent.to_path_buf()).or_insert_with(|| {
                    identity(if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    })
                });
                folder.join(name)
            }
            _ => identity(path),
        }
    }
}

/// True when `path` is a file, not a link to one.
fn is_plain_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Collects article files, each once, and the manifests of their folders, each read once.
#[derive(Default)]
struct Walker {
    /// Each file as first reached, with its identity.
    files: Vec<(PathBuf, PathBuf)>,
    /// The identities of `files`.
    seen: HashSet<PathBuf>,
    /// The identities of the files reached by walking a folder (not named on their own).
    walked: HashSet<PathBuf>,
    /// Manifests by folder; `None` when the folder has none (or it could not be read).
    manifests: BTreeMap<PathBuf, Option<Vec<PathBuf>>>,
    /// Metadata by file identity, with the depth of the manifest that gave it: the nearest
    /// manifest wins.
    meta: HashMap<PathBuf, (usize, Meta)>,
    errors: Vec<InputError>,
    ids: Identities,
}

/// The comparison scope of the file whose identity is `real`: the nearest folder above it
/// that holds a manifest, as shown in reports.
fn scope_of(real: &Path, scopes: &BTreeMap<PathBuf, String>) -> Option<String> {
    real.ancestors()
        .skip(1)
        .find_map(|folder| scopes.get(folder))
        .cloned()
}

impl Walker {
    /// The folders read that hold a manifest, by identity, each with its name in reports.
    fn scopes(&self) -> BTreeMap<PathBuf, String> {
        self.manifests
            .iter()
            .filter(|(_, listed)| listed.is_some())
            .map(|(folder, _)| {
                let folder = if folder.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    folder
                };
                (identity(folder), display(folder))
            })
            .collect()
    }

    /// The files the manifest of `folder` lists, read on first use; `None` without one.
    fn manifest(&mut self, folder: &Path) -> Option<Vec<PathBuf>> {
        if !self.manifests.contains_key(folder) {
            let listed = match read_manifest(folder, &mut self.ids) {
                Ok(Some(m)) => {
                    let depth = identity(folder).components().count();
                    let mut listed = Vec::new();
                    for (file, meta) in m.entries {
                        let nearer = |(d, _): &(usize, Meta)| depth > *d;
                        let real = self.ids.of(&file);
                        if self.meta.get(&real).is_none_or(nearer) {
                            self.meta.insert(real, (depth, meta));
                        }
                        listed.push(file);
                    }
                    self.errors.extend(m.errors);
                    Some(listed)
                }
                Ok(None) => None,
                Err(e) => {
                    self.errors.push(e);
                    None
                }
            };
            self.manifests.insert(folder.to_path_buf(), listed);
        }
        self.manifests.get(folder).cloned().flatten()
    }

    /// Takes `file` as an article unless another path already led to it; `walked` when a
    /// folder's walk reached it.
    fn add(&mut self, file: PathBuf, walked: bool) {
        let real = self.ids.of(&file);
        if walked {
            self.walked.insert(real.clone());
        }
        if self.seen.insert(real.clone()) {
            self.files.push((file, real));
        }
    }

    /// Collects the article files below `dir`, skipping hidden entries.
    fn walk(&mut self, dir: &Path) {
        let walk = crate::walk::walk(dir);
        for skipped in walk.skipped {
            self.errors.push(match skipped {
                crate::walk::Skipped::Revisited { path, target } => InputError::Revisited {
                    path: display(&path),
                    target: display(&target),
                },
                crate::walk::Skipped::Unreadable { path, error } => InputError::Unreadable {
                    path: display(&path),
                    error,
                },
            });
        }
        for folder in walk.folders {
            let Some(listed) = self.manifest(&folder.path) else {
                let articles = folder.files.into_iter().filter(|f| is_article_file(f));
                for file in articles.filter(|f| !is_project_file(f)) {
                    self.add(file, true);
                }
                continue;
            };
            let named: HashSet<PathBuf> = listed.iter().map(|f| self.ids.of(f)).collect();
            for file in listed {
                self.add(file, true);
            }
            for file in folder.files.into_iter().filter(|f| is_article_file(f)) {
                if named.contains(&self.ids.of(&file)) || is_project_file(&file) {
                    continue;
                }
                // A new article dropped beside a manifest is still checked, and said.
                self.errors.push(InputError::Unlisted {
                    path: display(&file),
                    manifest: display(&folder.path.join(MANIFEST)),
                });
                self.add(file, true);
            }
        }
    }
}

/// True for files that travel with a set but are plainly not articles: a README, a
/// changelog, a licence, notes for contributors.
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    [
        "README",
        "CHANGELOG",
        "CHANGES",
        "LICENSE",
        "LICENCE",
        "CONTRIBUTING",
        "AUTHORS",
        "NOTES",
    ]
    .contains(&stem.as_str())
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
        error: e,
    })?;
    crate::text::decode(bytes).map_err(|bad| InputError::NotUtf8 {
        path: display(path),
        span: bad.span(),
        src: crate::text::source(display(path), bad.lossy),
    })
}

/// A manifest's entries (the file each names, from the manifest's folder, with its
/// metadata), and what was wrong with the others.
struct Manifest {
    entries: Vec<(PathBuf, Meta)>,
    errors: Vec<InputError>,
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
    /// Keys that are not an entry's, reported (a misspelt `published` would lose the date).
    #[serde(flatten)]
    unknown: BTreeMap<String, serde::de::IgnoredAny>,
}

/// The keys a manifest entry may hold, as serde would list them.
const ENTRY_KEYS: &str = "`path`, `source`, `title`, `url`, `published`";

/// Reads `folder/sources.yaml`, if there is one.
fn read_manifest(folder: &Path, ids: &mut Identities) -> Result<Option<Manifest>, InputError> {
    let path = folder.join(MANIFEST);
    if !path.is_file() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    let parsed: ManifestFile = parse_yaml(&path, &text, (0, text.len()))?;
    let shown = display(&path);
    let src = || crate::text::source(&shown, &text).with_language("yaml");
    let mut entries: Vec<(PathBuf, Meta)> = Vec::new();
    let mut errors = Vec::new();
    let mut listed: HashSet<PathBuf> = HashSet::new();
    // Read only when an entry is reported: a manifest may list thousands of articles.
    let spans = std::cell::OnceCell::new();
    let spans = || spans.get_or_init(|| yaml::Spans::parse(&text));
    // One `lstat` per entry says whether it is a plain file, the usual case; a manifest may
    // list tens of thousands, so they are asked on every core.
    let plain: Vec<bool> = (parsed.articles.par_iter())
        .map(|entry| is_plain_file(&folder.join(&entry.path)))
        .collect();
    for ((n, entry), plain) in parsed.articles.into_iter().enumerate().zip(plain) {
        for key in entry.unknown.keys() {
            let message = format!("unknown field `{key}`, expected one of {ENTRY_KEYS}");
            errors.push(InputError::ManifestUnknownKey {
                path: shown.clone(),
                key: key.clone(),
                help: yaml::help(&message, &format!("an entry holds {ENTRY_KEYS}")),
                src: src(),
                span: spans().key_or_parent(&yaml::steps!["articles", n, key.as_str()]),
            });
        }
        let relative = Path::new(&entry.path);
        let outside = relative.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        let span = || spans().value_or_parent(&yaml::steps!["articles", n, "path"]);
        let file = folder.join(relative);
        if outside {
            errors.push(InputError::ManifestOutside {
                path: shown.clone(),
                entry: entry.path.clone(),
                src: src(),
                span: span(),
            });
        } else if !(plain || file.is_file()) {
            errors.push(InputError::ManifestMissingFile {
                path: shown.clone(),
                entry: entry.path.clone(),
                src: src(),
                span: span(),
            });
        } else if !listed.insert(ids.of_known(&file, Some(plain))) {
            errors.push(InputError::ManifestDuplicate {
                path: shown.clone(),
                entry: entry.path.clone(),
                src: src(),
                span: span(),
            });
        } else {
            entries.push((file, entry.meta));
        }
    }
    Ok(Some(Manifest { entries, errors }))
}

/// Parses the YAML at `offset..end` of `text`, turning errors into diagnostics.
fn parse_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    (offset, end): (usize, usize),
) -> Result<T, InputError> {
    let yaml = &text[offset..end];
    serde_yaml::from_str(yaml).map_err(|e| {
        let message = yaml::message(&e);
        let span = yaml::error_span(yaml, yaml::error_at(yaml, &e), &message);
        InputError::Metadata {
            path: display(path),
            message,
            src: crate::text::source(display(path), text),
            span: (offset + span.offset(), span.len()).into(),
        }
    })
}

/// The SHA-256 of an article's text.
pub fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// Reads one article and its front matter.
fn read_article(
    path: &Path,
    entry: Option<&Meta>,
    scope: Option<String>,
) -> Result<Article, InputError> {
    let article = Article::from_text(path, read_text(path)?)?;
    let meta = match entry {
        Some(e) => article.meta.or(e),
        None => article.meta,
    };
    Ok(Article {
        meta,
        scope,
        ..article
    })
}

impl Article {
    /// The article's text for a report's snippets. The map stage lets an article's text go,
    /// so the file is read again: when it is still the one checked (same length and
    /// SHA-256) it is the text; else blanks of the same length holding the `known` pieces
    /// (byte offset, text: the sentences of its statements), so every span still points at
    /// what it quoted and snippets show nothing else.
    pub fn reread<'a>(&self, known: impl IntoIterator<Item = (usize, &'a str)>) -> String {
        if !self.text.is_empty() || self.bytes == 0 {
            return self.text.clone();
        }
        if let Ok(text) = fs::read_to_string(&self.path) {
            if text.len() == self.bytes && digest(&text) == self.sha256 {
                return text;
            }
        }
        let mut bytes = vec![b' '; self.bytes];
        for (start, piece) in known {
            if let Some(slot) = bytes.get_mut(start..start + piece.len()) {
                slot.copy_from_slice(piece.as_bytes());
            }
        }
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The article `text`, read from `path`: its front matter parsed, Markdown or not by
    /// the path's extension.
    pub fn from_text(path: &Path, text: String) -> Result<Article, InputError> {
        parse_article(path, text)
    }
}

/// Parses an article's front matter.
fn parse_article(path: &Path, text: String) -> Result<Article, InputError> {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (front, body) = front_matter(&text, bom);
    if front.is_none() && is_fence(&text[bom..]) {
        return Err(InputError::FrontMatterUnclosed {
            path: display(path),
            span: (bom, 3).into(),
            src: crate::text::source(display(path), text),
        });
    }
    let meta = match front {
        Some((start, end)) => {
            let meta: Option<Meta> = parse_yaml(path, &text, (start, end))?;
            meta.unwrap_or_default()
        }
        None => Meta::default(),
    };
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    Ok(Article {
        path: display(path),
        bytes: text.len(),
        sha256: digest(&text),
        text,
        body,
        meta,
        markdown,
        scope: None,
    })
}

/// True when `text` opens with a front matter fence line (`---`).
fn is_fence(text: &str) -> bool {
    text.starts_with("---\n") || text.starts_with("---\r\n")
}

/// Finds a `---` front matter block at `start`: the YAML's span and where the body begins.
fn front_matter(text: &str, start: usize) -> (Option<(usize, usize)>, usize) {
    let rest = &text[start..];
    if !is_fence(rest) {
        return (None, start);
    }
    let after_open = if rest.starts_with("---\n") { 4 } else { 5 };
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
    fn a_text_let_go_is_read_again_or_rebuilt_from_its_sentences() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.txt");
        let text = "Intro line.\nThey met 40 times. Later.\n";
        std::fs::write(&path, text).expect("written");
        let read = Entry {
            file: path.clone(),
            meta: None,
            scope: None,
            published: None,
            identity: path.clone(),
        }
        .read()
        .expect("read");
        let article = Article {
            text: String::new(),
            ..read
        };
        let sentence = (12, "They met 40 times.");
        // Unchanged: the file itself.
        assert_eq!(article.reread([sentence]), text);
        // Changed since: blanks of the old length, holding what the report quotes.
        std::fs::write(&path, "Rewritten entirely, and longer than it was.\n").expect("written");
        let rebuilt = article.reread([sentence]);
        assert_eq!(rebuilt.len(), text.len());
        assert_eq!(&rebuilt[12..30], "They met 40 times.");
        assert!(rebuilt[..12].trim().is_empty() && rebuilt[30..].trim().is_empty());
    }

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
