//! The real disk, as the compiler's [`FileSystem`].
//!
//! The compiler owns no real I/O: it reads files (`${file(...)}`) only
//! through [`FileSystem`], which keeps it pure and lets tests run in
//! memory. Both front ends read the disk, so the reader lives here, in the
//! language server, and the CLI (which depends on this crate to serve
//! `svc lsp`) uses this one rather than a copy. The language server
//! analyses an open document's text and reads the files it names through
//! this reader.

use std::io;
use std::path::Path;

use svc_compiler::files::FileSystem;

/// Reads files from the disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl FileSystem for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
}
