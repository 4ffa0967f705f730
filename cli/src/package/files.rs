//! The files of a folder that go into a package, with their sizes, found
//! before anything is zipped (so a package over Lambda's limit is refused
//! without reading its contents).
//!
//! A folder below the root that holds a build's template
//! (`cloudformation-template-update-stack.json`, which `svc build` writes
//! beside its zips, as `serverless package` does in `.serverless/`) is the
//! output of an earlier build: it is never packaged, whatever the patterns
//! say, so building into one `-o` folder and then another does not zip
//! the first build into the second.

use std::path::{Path, PathBuf};

use super::Patterns;
use crate::compile::TEMPLATE_FILE;

/// Files chosen for a package.
pub struct Files {
    /// Relative `/`-separated names and full paths, sorted by name.
    pub list: Vec<(String, PathBuf)>,
    /// Their total size in bytes.
    pub unzipped: u64,
}

impl Files {
    /// Keeps the files whose name `keep` accepts, and their size.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let mut removed = 0;
        self.list.retain(|(name, path)| {
            let kept = keep(name);
            if !kept {
                removed += size(path);
            }
            kept
        });
        self.unzipped = self.unzipped.saturating_sub(removed);
    }

    /// Adds the files of `other` whose names are not here already (these
    /// files win), in name order.
    pub fn merge(&mut self, other: Files) {
        let own: std::collections::HashSet<String> = self.list.iter().map(|(name, _)| name.clone()).collect();
        for (name, path) in other.list {
            if !own.contains(&name) {
                self.unzipped += size(&path);
                self.list.push((name, path));
            }
        }
        self.list.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// Puts `prefix` (`python/`) before every name.
    pub fn prefix(mut self, prefix: &str) -> Files {
        for (name, _) in &mut self.list {
            name.insert_str(0, prefix);
        }
        self
    }
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Every file under `root` (an install: no default excludes).
pub fn everything(root: &Path) -> Result<Files, String> {
    collect(root, &Patterns::new(&["**".to_owned()], &[])?)
}

/// The files under `root` that `patterns` include, outside earlier builds'
/// folders. A missing folder or an unreadable entry is an error of one
/// line.
pub fn collect(root: &Path, patterns: &Patterns) -> Result<Files, String> {
    if !root.is_dir() {
        return Err(format!("{}: no such folder", root.display()));
    }
    let mut files = Files { list: Vec::new(), unzipped: 0 };
    let walk = walkdir::WalkDir::new(root).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|entry| entry.depth() == 0 || !holds_a_build(entry)) {
        let entry = entry.map_err(|e| cannot_read(e.path().unwrap_or(root), e.io_error()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).map_err(|e| e.to_string())?;
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if patterns.includes(&name) {
            let metadata = entry.metadata().map_err(|e| cannot_read(entry.path(), e.io_error()))?;
            files.unzipped += metadata.len();
            files.list.push((name, entry.path().to_path_buf()));
        }
    }
    files.list.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Whether `entry` is a folder holding the output of a build.
fn holds_a_build(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && entry.path().join(TEMPLATE_FILE).is_file()
}

fn cannot_read(path: &Path, error: Option<&std::io::Error>) -> String {
    match error {
        Some(error) => format!("cannot read {}: {error}", path.display()),
        None => format!("cannot read {}: a symbolic link loop", path.display()),
    }
}
