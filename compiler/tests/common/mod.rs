//! What several integration tests share: the bundled services.

use std::io;
use std::path::{Path, PathBuf};

use svc_compiler::files::FileSystem;
use svc_compiler::resolve::Options;

/// The files of the bundled services as they are on disk. The compiler
/// owns no real I/O (the front ends bring theirs), so its tests read the
/// disk themselves.
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

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }
}

/// Every bundled `service.svc`: the examples and the `svc print` and
/// `serverless package` reference cases, sorted.
pub fn bundled_services() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut services = Vec::new();
    for folder in ["examples", "tests/print", "tests/package"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else { continue };
        for entry in entries.flatten() {
            let service = entry.path().join("service.svc");
            if service.is_file() {
                services.push(service);
            }
        }
    }
    services.sort();
    services
}

/// Resolution options for `service`: its folder, and a fixed `HOME`.
pub fn options(service: &Path) -> Options {
    let base_dir = service.parent().unwrap_or(Path::new(".")).to_path_buf();
    Options { env: [("HOME".to_owned(), "/home/svc".to_owned())].into(), base_dir, ..Options::default() }
}
