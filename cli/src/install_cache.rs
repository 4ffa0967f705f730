//! Where installs of dependencies (Python requirements, Node.js
//! packages) are kept: one folder per hash of what decides their
//! contents, in the user's cache folder. A folder appears whole or not at
//! all: an install is made in a staging folder beside it and renamed into
//! place, so an interrupted build or two builds at once never leave half
//! an install where the next build would take it.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

/// An install, from the cache or just made, and what its manifest says.
#[derive(Debug)]
pub struct Installed<M> {
    /// Its cache folder.
    pub folder: PathBuf,
    /// What the manifest records.
    pub manifest: M,
    /// Whether it came from the cache.
    pub cached: bool,
    /// How long the install took (zero from the cache).
    pub seconds: f64,
}

impl<M> Installed<M> {
    /// `cached`, or `installed in 1.4 s`: the end of the build's line.
    pub fn how(&self) -> String {
        if self.cached { "cached".to_owned() } else { format!("installed in {:.1} s", self.seconds) }
    }
}

/// The cache folder of installs of `kind` (`python`, `node`): `configured`
/// (relative to the service folder), else `svc/<kind>` in
/// `$XDG_CACHE_HOME`, else in `~/.cache`.
pub fn root(configured: Option<&str>, folder: &Path, kind: &str) -> Result<PathBuf, String> {
    if let Some(configured) = configured {
        return Ok(folder.join(configured));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|home| PathBuf::from(home).join(".cache")))
        .ok_or("no cache folder: set XDG_CACHE_HOME or HOME, or `cacheLocation`")?;
    Ok(base.join("svc").join(kind))
}

/// The hash of `parts`, each delimited, in hex: a cache folder's name.
pub fn key(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex::encode(&hasher.finalize()[..16])
}

/// A new, empty staging folder in `root`.
pub fn staging(root: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(root).map_err(|e| format!("{}: {e}", root.display()))?;
    clear_stale(root);
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let staging = root.join(format!(".staging-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    Ok(staging)
}

/// Moves the finished `staging` folder to `place`. When another build put
/// an install there first, that one is kept and `staging` removed; with
/// `replace`, an existing one is replaced.
pub fn publish(staging: &Path, place: &Path, replace: bool) -> Result<(), String> {
    if replace && place.exists() {
        let old = staging.with_extension("old");
        if std::fs::rename(place, &old).is_ok() {
            let _ = std::fs::remove_dir_all(old);
        }
    }
    match std::fs::rename(staging, place) {
        Ok(()) => Ok(()),
        Err(_) if place.is_dir() => {
            let _ = std::fs::remove_dir_all(staging);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(staging);
            Err(format!("{}: {e}", place.display()))
        }
    }
}

/// Staging folders more than a day old were left by a build that was
/// killed: removed.
fn clear_stale(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    let day = Duration::from_secs(24 * 3600);
    for entry in entries.filter_map(Result::ok) {
        let stale = entry.file_name().to_string_lossy().starts_with(".staging-")
            && entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age > day));
        if stale {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_when_any_part_or_its_boundary_does() {
        assert_eq!(key(&[b"a", b"b"]), key(&[b"a", b"b"]));
        assert_ne!(key(&[b"a", b"b"]), key(&[b"ab", b""]));
        assert_ne!(key(&[b"a", b"b"]), key(&[b"a", b"c"]));
        assert_eq!(key(&[b"x"]).len(), 32);
    }

    #[test]
    fn a_published_folder_is_whole_and_a_second_one_keeps_the_first() {
        let dir = tempfile::tempdir().expect("tmp");
        let place = dir.path().join("abc");
        let first = staging(dir.path()).expect("staging");
        std::fs::write(first.join("file"), "first").expect("write");
        publish(&first, &place, false).expect("publish");
        let second = staging(dir.path()).expect("staging");
        std::fs::write(second.join("file"), "second").expect("write");
        publish(&second, &place, false).expect("publish");
        assert_eq!(std::fs::read_to_string(place.join("file")).expect("read"), "first");
        assert!(!second.exists(), "the second staging folder is removed");
        let third = staging(dir.path()).expect("staging");
        std::fs::write(third.join("file"), "third").expect("write");
        publish(&third, &place, true).expect("publish");
        assert_eq!(std::fs::read_to_string(place.join("file")).expect("read"), "third");
    }
}
