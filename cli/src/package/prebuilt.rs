//! A prebuilt zip (`package.artifact`), used as is: read, its entries
//! listed (for the handler check) and their sizes added up (for the limit).

use std::io::{Cursor, ErrorKind};
use std::path::Path;

use svc_lsp::regular_file::read_regular;

use super::Package;
use super::limits::UNZIPPED_LIMIT;

/// Why a prebuilt zip cannot be used.
pub enum Prebuilt {
    /// There is no file at the path.
    Missing,
    /// The file is not a zip archive; the reader's complaint.
    NotZip(String),
    /// The file is not one to package: not a regular file (a FIFO, a
    /// device) or over Lambda's limit; why, after "is".
    Refused(String),
    /// The file exists but cannot be read: an error of one line.
    Unreadable(String),
}

/// The zip at `path`, to be uploaded under `dirname` with its own file name.
pub fn prebuilt(path: &Path, dirname: &str) -> Result<Package, Prebuilt> {
    // A zip holds at most what it unzips to, so Lambda's unzipped limit
    // bounds the read.
    let bytes = read_regular(path, UNZIPPED_LIMIT).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Prebuilt::Missing,
        ErrorKind::InvalidInput => Prebuilt::Refused(e.to_string()),
        _ => Prebuilt::Unreadable(format!("cannot read {}: {e}", path.display())),
    })?;
    let (entries, unzipped) = list(&bytes).map_err(|e| Prebuilt::NotZip(e.to_string()))?;
    let file_name = path.file_name().map_or_else(|| "artifact.zip".into(), |n| n.to_string_lossy().into_owned());
    Ok(Package::new(&file_name, bytes, dirname, entries, unzipped))
}

/// The names of the files in a zip (sorted) and their unzipped size.
fn list(bytes: &[u8]) -> zip::result::ZipResult<(Vec<String>, u64)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut entries = Vec::new();
    let mut unzipped = 0;
    for index in 0..archive.len() {
        let file = archive.by_index_raw(index)?;
        if !file.is_dir() {
            unzipped += file.size();
            entries.push(file.name()?.into_owned());
        }
    }
    entries.sort();
    Ok((entries, unzipped))
}
