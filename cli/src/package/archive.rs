//! Deterministic zip files: entries sorted by path, fixed timestamps and
//! permissions, so the same files always give the same bytes.

use std::io::{Cursor, Write};
use std::path::Path;

use super::limits::UNZIPPED_LIMIT;

use svc_lsp::regular_file::read_regular;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `files` (relative `/`-separated names and their full paths).
pub fn zip(files: &[(String, std::path::PathBuf)]) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&(String, std::path::PathBuf)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, path) in sorted {
        // Listed as regular files; read as such, so a file swapped for a
        // FIFO or a device since is refused rather than waited on.
        let bytes = read_regular(path, UNZIPPED_LIMIT).map_err(|e| format!("{}: {e}", path.display()))?;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default())
            .unix_permissions(if executable(path) { 0o755 } else { 0o644 });
        writer.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        writer.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    writer.finish().map(Cursor::into_inner).map_err(|e| e.to_string())
}

#[cfg(unix)]
fn executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(_: &Path) -> bool {
    false
}
