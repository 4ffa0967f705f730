//! `svc print`'s canonical svc ([`print::to_svc`]) of every bundled service
//! (the examples and the `svc print` reference cases) is already formatted,
//! parses without error, and describes the same service: printing it again
//! gives the same JSON.

use std::path::{Path, PathBuf};

use svc_compiler::files::Disk;
use svc_compiler::format::format_source;
use svc_compiler::print;
use svc_compiler::resolve::Options;

fn services() -> Vec<PathBuf> {
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

fn options(service: &Path) -> Options {
    let base_dir = service.parent().unwrap_or(Path::new(".")).to_path_buf();
    Options { env: [("HOME".to_owned(), "/home/svc".to_owned())].into(), base_dir, ..Options::default() }
}

#[test]
fn printed_svc_is_formatted_and_prints_the_same_service() {
    let mut checked = 0;
    for service in services() {
        let src = std::fs::read_to_string(&service).expect("readable");
        let options = options(&service);
        let printed = print::service(&src, &options, &Disk);
        if printed.diagnostics.iter().any(|d| d.is_error()) {
            // Cases that need command-line options (see their `args`).
            continue;
        }
        let text = print::to_svc(&printed.tree);
        let formatted = format_source(&text).unwrap_or_else(|e| panic!("{}: {e:?}\n{text}", service.display()));
        assert_eq!(formatted, text, "{}: to_svc output is not in canonical layout", service.display());
        let again = print::service(&text, &options, &Disk);
        let errors: Vec<_> = again.diagnostics.iter().filter(|d| d.is_error()).map(|d| &d.message).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}\n{text}", service.display());
        assert_eq!(print::to_json(&again.tree), print::to_json(&printed.tree), "{}:\n{text}", service.display());
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} services printed without errors");
}
