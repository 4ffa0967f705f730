//! Finding and reading service files.

use std::path::{Path, PathBuf};

use svc_compiler::source::{Decoded, decode};
use svc_lsp::regular_file::read_regular;

/// The file read when no path is given, like `serverless.yml`.
pub const DEFAULT_FILE: &str = "service.svc";

/// The largest service file read (64 MB): far beyond any real service,
/// and a bound on the memory a wrong path (a device) can take.
pub const SERVICE_LIMIT: u64 = 64 * 1024 * 1024;

/// A service file read from disk.
pub struct SourceFile {
    /// The path as the user should see it.
    pub path: PathBuf,
    /// The decoded text and any decoding problems.
    pub decoded: Decoded,
}

/// `path`, or `service.svc` inside it when it is a folder, or
/// `./service.svc` when no path is given.
pub fn service_path(path: Option<&Path>) -> PathBuf {
    match path {
        Some(path) if path.is_dir() => path.join(DEFAULT_FILE),
        Some(path) => path.to_path_buf(),
        None => PathBuf::from(DEFAULT_FILE),
    }
}

/// The folder of the service file at `path` (`.` for a bare file name):
/// `${file(...)}` paths and packaging are relative to it.
pub fn service_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads a service file, with a one-line error on failure: a FIFO, a
/// device or a file over [`SERVICE_LIMIT`] is refused, never waited on.
pub fn read(path: &Path) -> Result<SourceFile, String> {
    match read_regular(path, SERVICE_LIMIT) {
        Ok(bytes) => Ok(SourceFile { path: path.to_path_buf(), decoded: decode(&bytes) }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "{} not found{}",
            path.display(),
            if path == Path::new(DEFAULT_FILE) {
                " (run svc in the service's folder, or pass the file's path)"
            } else {
                ""
            }
        )),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}
