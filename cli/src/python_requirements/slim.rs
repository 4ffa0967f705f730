//! `slim`: what Lambda does not need, removed from an install as
//! serverless-python-requirements removes it (files and folders matching
//! the slim patterns), and the symbols of native libraries stripped.

use std::path::Path;
use std::process::{Command, Stdio};

use globset::{Glob, GlobSetBuilder};

/// Removes every file and folder under `root` whose path (relative,
/// `/`-separated) matches one of `patterns`.
pub fn remove(root: &Path, patterns: &[String]) -> Result<(), String> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        set.add(Glob::new(pattern).map_err(|e| format!("slim pattern `{pattern}`: {e}"))?);
    }
    let set = set.build().map_err(|e| e.to_string())?;
    let mut walk = walkdir::WalkDir::new(root).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| e.to_string())?;
        let relative = entry.path().strip_prefix(root).map_err(|e| e.to_string())?;
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if !set.is_match(&name) {
            continue;
        }
        if entry.file_type().is_dir() {
            walk.skip_current_dir();
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
        .map_err(|e| format!("{}: {e}", entry.path().display()))?;
    }
    Ok(())
}

/// Strips the symbols of every native library (`*.so`, `*.so.N`) under
/// `root` with `strip`, when it is installed. A library `strip` cannot
/// read (another architecture's, with a single-target `strip`) is left
/// as it is.
pub fn strip(root: &Path) {
    let libraries: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".so") || name.contains(".so.")
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    for library in libraries {
        let stripped = Command::new("strip").arg(&library).stdout(Stdio::null()).stderr(Stdio::null()).status();
        if stripped.is_err() {
            return; // no `strip`: nothing to strip with
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_patterns_remove_bytecode_caches_and_metadata() {
        let dir = tempfile::tempdir().expect("tmp");
        for file in [
            "six.py",
            "pkg/__init__.py",
            "pkg/__pycache__/m.cpython-312.pyc",
            "pkg/old.pyc",
            "pkg/tests/test_pkg.py",
            "six-1.16.0.dist-info/RECORD",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        let patterns = svc_compiler::python_requirements::SLIM_PATTERNS.map(str::to_owned);
        remove(dir.path(), &patterns).expect("slim");
        let mut left: Vec<String> = walkdir::WalkDir::new(dir.path())
            .min_depth(1)
            .into_iter()
            .map(|e| e.expect("entry").path().strip_prefix(dir.path()).expect("inside").display().to_string())
            .collect();
        left.sort();
        assert_eq!(left, ["pkg", "pkg/__init__.py", "six.py"]);
    }
}
