//! The real disk, as the compiler's [`FileSystem`].
//!
//! The compiler owns no real I/O: it reads files (`${file(...)}`) only
//! through [`FileSystem`], which keeps it pure and lets tests run in
//! memory. Both front ends read the disk, so the reader lives here, in the
//! language server, and the CLI (which depends on this crate to serve
//! `svc lsp`) uses this one rather than a copy. The language server
//! analyses an open document's text and reads the files it names through
//! this reader. It reads regular files only, up to [`FILE_LIMIT`], so a
//! `${file(/dev/zero)}` or a FIFO is an error at the variable, never a hang.

use std::io;
use std::path::{Path, PathBuf};

use svc_compiler::files::FileSystem;

use crate::regular_file::read_regular_text;

/// The largest file `${file(...)}` reads (8 MB): far more than any
/// configuration, and little enough memory to hold on every keystroke.
pub const FILE_LIMIT: u64 = 8 * 1024 * 1024;

/// Reads files from the disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl FileSystem for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        read_regular_text(path, FILE_LIMIT)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::ErrorKind;

    use super::*;

    /// A fresh folder under the system's temporary folder, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("svc-disk-{name}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("scratch folder");
            Self(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let scratch = Scratch::new("fifo");
        let fifo = scratch.0.join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let error = Disk.read(&fifo).expect_err("a FIFO is refused");
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(error.to_string(), "not a regular file");
    }

    #[test]
    fn a_device_is_refused() {
        let error = Disk.read(Path::new("/dev/zero")).expect_err("a device is refused");
        assert_eq!(error.to_string(), "not a regular file");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let scratch = Scratch::new("size");
        let path = scratch.0.join("big.json");
        // Sparse: the limit in length without the limit on disk.
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(FILE_LIMIT).expect("grow");
        assert_eq!(Disk.read(&path).expect("at the limit").len() as u64, FILE_LIMIT);
        file.set_len(FILE_LIMIT + 1).expect("grow");
        let error = Disk.read(&path).expect_err("over the limit");
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(error.to_string(), "larger than 8 MB");
    }
}
