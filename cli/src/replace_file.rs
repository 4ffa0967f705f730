//! Writing a file so that it is never seen half-written: the bytes go to a
//! temporary file in the same folder, which is then renamed over the file
//! (a rename within a folder is atomic). An interrupted `svc build` leaves
//! the previous template or zip, or the new one, never a part of one; at
//! worst a `.<name>.<pid>.tmp` file, which the next build replaces.
//! A file that is replaced keeps its permissions (`svc fmt` rewrites the
//! user's own files).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file beside it, with the
/// permissions `path` had if it existed. An error is one line naming the
/// file; on error `path` is left as it was.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    replace_file_with(path, |out| out.write_all(bytes))
}

/// [`replace_file`] with what `write` writes, through a buffer: for a file
/// too large to be built in memory first (a large service's template).
pub fn replace_file_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), String> {
    let temporary = temporary_path(path);
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let written = write_all(&temporary, write)
        .and_then(|()| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&temporary, p)))
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("{}: {e}", path.display())
    })
}

/// `.<file name>.<process id>.tmp` in the folder of `path`.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_all(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
    write(&mut out)?;
    out.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("template.json");
        replace_file(&path, b"first").expect("written");
        replace_file(&path, b"second").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        assert_eq!(names(dir.path()), ["template.json"]);
    }

    #[test]
    fn a_failed_write_keeps_what_was_there_and_cleans_up() {
        let dir = tempfile::tempdir().expect("tmp");
        // A folder in the file's place cannot be renamed over.
        let path = dir.path().join("template.json");
        std::fs::create_dir(&path).expect("folder");
        std::fs::write(path.join("kept"), "x").expect("write");
        let error = replace_file(&path, b"new").expect_err("a folder is in the way");
        assert!(error.starts_with(&path.display().to_string()), "{error}");
        assert_eq!(names(dir.path()), ["template.json"], "no temporary file is left");
        assert!(path.join("kept").is_file());
    }

    #[test]
    fn a_temporary_file_that_cannot_be_created_leaves_the_file_intact() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("service.svc");
        std::fs::write(&path, "original").expect("write");
        std::fs::create_dir(temporary_path(&path)).expect("a folder where the temporary file goes");
        replace_file(&path, b"new").expect_err("the temporary file cannot be created");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "original");
    }

    #[cfg(unix)]
    #[test]
    fn the_permissions_of_the_replaced_file_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("service.svc");
        std::fs::write(&path, "original").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        replace_file(&path, b"new").expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}
