//! How the compiler reads files other than the service itself
//! (`${file(...)}`) and asks whether the files it names exist (a
//! function's handler): through [`FileSystem`], so that the language server
//! can serve unsaved buffers and tests can run in memory. The compiler does
//! no real I/O: the front ends bring the disk (`svc_lsp::Disk`, which the
//! CLI uses too).

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Reads files for the compiler.
pub trait FileSystem {
    /// The text of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<String>;

    /// Whether `path` is a file (without reading it).
    fn is_file(&self, path: &Path) -> bool;

    /// Whether `path` is a folder.
    fn is_dir(&self, path: &Path) -> bool;

    /// The real path of `path`: absolute, with every symbolic link, `.`
    /// and `..` resolved (as the system's `canonicalize`), without reading the
    /// file. `${file(...)}` is judged by it against the project root
    /// ([`crate::resolve::Options::file_root`]) before it is read.
    fn canonical(&self, path: &Path) -> io::Result<PathBuf>;
}

/// `path` with `.` and `..` resolved by its text alone (no links
/// followed): `/a/b/../c` is `/a/c`. A `..` above the root stays at the
/// root, as the system treats it; a relative path keeps its leading `..`.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let at_root = matches!(out.components().next_back(), Some(Component::RootDir | Component::Prefix(_)));
                let leading = matches!(out.components().next_back(), None | Some(Component::ParentDir));
                if leading {
                    out.push("..");
                } else if !at_root {
                    out.pop();
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Files held in memory, for tests and editors.
#[derive(Clone, Debug, Default)]
pub struct MemoryFiles {
    files: HashMap<PathBuf, String>,
}

impl MemoryFiles {
    /// Adds (or replaces) the file at `path`.
    pub fn insert(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into());
    }
}

impl FileSystem for MemoryFiles {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.files.get(path).cloned().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// A folder exists when a file in memory is inside it.
    fn is_dir(&self, path: &Path) -> bool {
        self.files.keys().any(|file| file != path && file.starts_with(path))
    }

    /// Memory has no links: the path with `.` and `..` resolved.
    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(lexical(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_know_their_files_and_the_folders_that_hold_them() {
        let mut files = MemoryFiles::default();
        files.insert("/service/src/app.py", "");
        assert!(files.is_file(Path::new("/service/src/app.py")));
        assert!(!files.is_file(Path::new("/service/src/other.py")));
        assert!(!files.is_file(Path::new("/service/src")), "a folder is not a file");
        assert!(files.is_dir(Path::new("/service/src")));
        assert!(files.is_dir(Path::new("/service")));
        assert!(!files.is_dir(Path::new("/service/src/app.py")), "a file is not a folder");
        assert!(!files.is_dir(Path::new("/elsewhere")));
        assert!(!MemoryFiles::default().is_dir(Path::new("")), "no files, no folders");
    }

    #[test]
    fn lexical_paths_resolve_dots_by_their_text() {
        let cases = [
            ("/service/./config.json", "/service/config.json"),
            ("/service/../outside.json", "/outside.json"),
            ("/service/a/b/../../../etc/shadow", "/etc/shadow"),
            ("/../../etc/shadow", "/etc/shadow"),
            ("service/../../x", "../x"),
            ("./config.json", "config.json"),
        ];
        for (path, expected) in cases {
            assert_eq!(lexical(Path::new(path)), PathBuf::from(expected), "{path}");
        }
    }
}
