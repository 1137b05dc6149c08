//! Finding Markdown pages in the paths a user names.

use std::path::{Path, PathBuf};

const EXTENSIONS: &[&str] = &["md", "markdown", "qmd", "mdx"];

/// A page to read, and whether the user named it explicitly (not found in a folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Expands folders (recursively, sorted, hidden entries skipped) into Markdown files;
/// files and `-` are kept as given. Unreadable folders are returned as errors.
/// A page named twice (`docs docs/a.md ./docs/a.md`) is kept once, where it first appears.
pub fn discover(paths: &[PathBuf]) -> (Vec<Found>, Vec<(PathBuf, std::io::Error)>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found, &mut errors, 0);
        } else {
            found.push(Found { path: path.clone(), explicit: true });
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| {
        f.path == Path::new("-") || seen.insert(f.path.canonicalize().unwrap_or_else(|_| f.path.clone()))
    });
    (found, errors)
}

fn walk(dir: &Path, found: &mut Vec<Found>, errors: &mut Vec<(PathBuf, std::io::Error)>, depth: usize) {
    if depth > 32 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push((dir.to_path_buf(), error));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Follow no directory symlinks: a link loop must not hang a batch.
        let is_link = path.symlink_metadata().map(|m| m.file_type().is_symlink()).unwrap_or(false);
        if path.is_dir() && !is_link {
            walk(&path, found, errors, depth + 1);
        } else if is_markdown(&path) {
            found.push(Found { path, explicit: false });
        }
    }
}

pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
