//! Reading a user's file safely: regular files only, up to a size limit.
//!
//! A path written by a user (`${file(...)}`, a service path, a package
//! artifact) may name a FIFO, which blocks a reader forever, or a device
//! such as `/dev/zero`, which never ends. Such a file is refused, and so is
//! a regular file over the caller's limit, rather than hanging or running
//! out of memory. The check is made on the opened file, not on the path,
//! so the file cannot be swapped between the check and the read.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The bytes of the regular file at `path`, at most `limit` of them.
///
/// A file that is not regular (a FIFO, a device, a folder, a socket) is an
/// error of kind [`io::ErrorKind::InvalidInput`] whose message is "not a
/// regular file"; a file over `limit` bytes is one of the same kind whose
/// message is "larger than N MB". Other errors are the system's.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("larger than {}", megabytes(limit))));
    }
    Ok(bytes)
}

/// [`read_regular`], as UTF-8 text.
pub fn read_regular_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_regular(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"))
}

/// Opens `path` for reading without waiting for a FIFO's writer: with
/// `O_NONBLOCK` the open returns at once, and the file type is checked
/// before anything is read.
#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// A limit in whole MB (of 2^20 bytes) when it is one, else in bytes.
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MB) { format!("{} MB", bytes / MB) } else { format!("{bytes} bytes") }
}
