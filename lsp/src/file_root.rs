//! The folder `${file(...)}` may read in: the project the service belongs
//! to, found the same way by the CLI and the language server.
//!
//! A service file can come from a pull request or an untrusted repository,
//! and the editor shows what `${file(...)}` reads, so the resolver reads
//! only inside this folder ([`svc_compiler::resolve::Options::file_root`]).
//! The project is the nearest folder at or above the service's that holds
//! `.git` (a folder, or a file in a worktree or submodule), else the
//! service's own folder: a monorepo's `${file(../common/config.yml)}`
//! keeps working. The user widens it explicitly (`--file-root DIR`, the
//! `fileRoot` setting).

use std::path::{Path, PathBuf};

/// The real path of the folder `${file(...)}` may read in for a service in
/// `service_dir`: `widened` (the user's `--file-root` or `fileRoot`) when
/// given, else the project root. Both are made real (links resolved), as
/// the resolver judges real paths; a folder that cannot be made real is
/// kept as given, which refuses more, never less.
pub fn file_root(service_dir: &Path, widened: Option<&Path>) -> PathBuf {
    match widened {
        Some(dir) => real(&service_dir.join(dir)),
        None => project_root(service_dir),
    }
}

/// The nearest folder at or above `service_dir` (made real) holding
/// `.git`, else `service_dir` itself.
pub fn project_root(service_dir: &Path) -> PathBuf {
    let service_dir = real(service_dir);
    let root = service_dir.ancestors().find(|dir| dir.join(".git").symlink_metadata().is_ok());
    root.map_or_else(|| service_dir.clone(), Path::to_path_buf)
}

/// `path` with its links resolved, absolute; as given when that fails.
fn real(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_folder_with_git_else_the_service_folder() {
        let scratch = tempfile::tempdir().expect("scratch folder");
        let top = scratch.path().canonicalize().expect("real");
        let service = top.join("repo/services/api");
        std::fs::create_dir_all(&service).expect("folders");
        assert_eq!(project_root(&service), service, "no .git: the service's folder");
        std::fs::write(top.join("repo/.git"), "gitdir: elsewhere\n").expect(".git file");
        assert_eq!(project_root(&service), top.join("repo"), "a .git file (worktree) marks the root");
        std::fs::create_dir(service.join(".git")).expect(".git folder");
        assert_eq!(project_root(&service), service, "the nearest .git wins");
        assert_eq!(file_root(&service, Some(Path::new("../.."))), top.join("repo"), "--file-root, made real");
    }
}
