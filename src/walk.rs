//! Walking folders for articles, rule files and configuration globs: each real folder once,
//! however many links lead to it, so a link loop ends and no file is read twice.
//!
//! This module only lists; it never opens a file. Hidden entries (`.git`, `.cache`) are
//! passed over.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One folder reached by a walk, with its files (by name order).
#[derive(Debug)]
pub(crate) struct Folder {
    /// The folder, as reached from the walk's root.
    pub path: PathBuf,
    /// The files in it, links to files included.
    pub files: Vec<PathBuf>,
}

/// A folder not entered.
#[derive(Debug)]
pub(crate) enum Skipped {
    /// A link to a folder the walk had already entered (a loop, or a second way in).
    Revisited {
        /// The link, as reached from the walk's root.
        path: PathBuf,
        /// The folder it leads to.
        target: PathBuf,
    },
    /// A folder that could not be listed.
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        error: io::Error,
    },
}

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Folders in depth-first path order, the root first.
    pub folders: Vec<Folder>,
    /// Folders not entered.
    pub skipped: Vec<Skipped>,
}

/// Walks the folder `root` and the folders below it, following links but entering each
/// real folder once. Time and memory grow with the number of entries, never with the
/// number of paths links make.
pub(crate) fn walk(root: &Path) -> Walk {
    let mut walk = Walk::default();
    let mut entered = BTreeSet::new();
    // A stack, not recursion, so a deep tree cannot overflow the call stack.
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let listing = fs::canonicalize(&dir).and_then(|real| Ok((real, fs::read_dir(&dir)?)));
        let (real, entries) = match listing {
            Ok(l) => l,
            Err(error) => {
                walk.skipped.push(Skipped::Unreadable { path: dir, error });
                continue;
            }
        };
        if !entered.insert(real.clone()) {
            walk.skipped.push(Skipped::Revisited {
                path: dir,
                target: real,
            });
            continue;
        }
        // The listing says what each entry is (no `stat`); only a link is followed to see
        // whether it leads to a folder.
        let mut names: Vec<_> = entries
            .flatten()
            .map(|e| (e.file_name(), e.file_type().ok()))
            .filter(|(n, _)| !n.to_string_lossy().starts_with('.'))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let (mut dirs, mut files) = (Vec::new(), Vec::new());
        for (name, kind) in names {
            let path = dir.join(name);
            let is_dir = match kind {
                Some(kind) if !kind.is_symlink() => kind.is_dir(),
                _ => path.is_dir(),
            };
            if is_dir {
                dirs.push(path)
            } else {
                files.push(path)
            }
        }
        pending.extend(dirs.into_iter().rev());
        walk.folders.push(Folder { path: dir, files });
    }
    walk
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_back_up_and_to_self_are_entered_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("a.txt"), "A").unwrap();
        fs::write(root.join("sub/b.txt"), "B").unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink(".", root.join("self1")).unwrap();
        symlink(".", root.join("self2")).unwrap();
        let w = walk(root);
        let files: Vec<_> = w.folders.iter().flat_map(|f| &f.files).collect();
        assert_eq!(files, [&root.join("a.txt"), &root.join("sub/b.txt")]);
        assert_eq!(w.skipped.len(), 3);
        assert!(w
            .skipped
            .iter()
            .all(|s| matches!(s, Skipped::Revisited { .. })));
    }
}
