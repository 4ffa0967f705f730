//! What several integration tests share: the bundled services.

use std::path::{Path, PathBuf};

use svc_compiler::resolve::Options;

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
