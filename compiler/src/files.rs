//! How the compiler reads files other than the service itself
//! (`${file(...)}`): through [`FileSystem`], so that the language server can
//! serve unsaved buffers and tests can run in memory. The compiler does no
//! real I/O: the front ends bring the disk (`svc_lsp::Disk`, which the CLI
//! uses too).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

/// Reads files for the compiler.
pub trait FileSystem {
    /// The text of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<String>;
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
}
