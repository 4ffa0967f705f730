//! Golden tests for syntax diagnostics.
//!
//! Each file in `tests/syntax/` (at the repository root) is a broken
//! service whose first line, `# expect: E0107 E0106 ...`, lists every code
//! that one parse must report, in source order. The rendered diagnostics are
//! snapshots (ASCII, no colour) in `snapshots/`.

use std::path::{Path, PathBuf};

use svc_compiler::diagnostic::{RenderOptions, render};
use svc_compiler::parse;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/syntax");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/syntax exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|x| x == "svc"))
        .collect();
    files.sort();
    files
}

fn expected_codes(src: &str) -> Vec<String> {
    let header = src.lines().next().unwrap_or_default();
    let codes = header.strip_prefix("# expect:").expect("first line is `# expect: CODES`");
    codes.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn every_fixture_reports_exactly_its_errors_in_one_pass() {
    let files = fixtures();
    assert!(files.len() >= 25, "at least 25 broken inputs, found {}", files.len());
    for path in files {
        let src = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let name = path.file_stem().and_then(|s| s.to_str()).expect("file name").to_owned();
        let parsed = parse(&src);
        let codes: Vec<String> = parsed.diagnostics.iter().map(|d| d.code.to_string()).collect();
        assert_eq!(codes, expected_codes(&src), "codes reported for {name}");
        let options = RenderOptions { color: false, ascii: true };
        let rendered: String =
            parsed.diagnostics.iter().map(|d| render(d, &format!("{name}.svc"), &src, options)).collect();
        insta::with_settings!({ snapshot_path => "snapshots/syntax", prepend_module_to_snapshot => false, description => src.clone() }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

#[test]
fn every_diagnostic_has_a_code_a_span_inside_the_source_and_a_message() {
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        for diagnostic in parse(&src).diagnostics {
            let span = diagnostic.primary.span;
            assert!(span.end as usize <= src.len(), "{path:?}: span {span:?} past the end");
            assert!(src.is_char_boundary(span.start as usize) && src.is_char_boundary(span.end as usize));
            assert!(!diagnostic.message.is_empty() && !diagnostic.primary.message.is_empty());
            assert!(!diagnostic.code.info().explanation.is_empty());
        }
    }
}

#[test]
fn every_syntax_code_in_the_registry_is_exercised_by_a_fixture() {
    let seen: std::collections::BTreeSet<String> =
        fixtures().iter().flat_map(|path| expected_codes(&std::fs::read_to_string(path).expect("read"))).collect();
    for code in svc_compiler::Code::ALL {
        let code = code.as_str();
        // E0120 takes 1,000 errors first: tests/hostile_input.rs has it.
        if code.starts_with("E01") && code != "E0120" {
            assert!(seen.contains(code), "{code} has no fixture in tests/syntax/");
        }
    }
}
