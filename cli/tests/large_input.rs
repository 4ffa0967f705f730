//! Large inputs finish: 100,000 keys, 100,000 errors, a diff of a large
//! file with thousands of changes. Each run has a 20 s watchdog (a hang
//! fails the test instead of stalling the suite); none asserts a timing.

mod support;

use std::process::{Command, Output};

/// Runs `svc args…`, failing the test if it has not finished in 20 s.
fn svc_within_watchdog(args: &[&str], file: &std::path::Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
    command.args(args).arg(file);
    support::watchdog::output(command, None)
}

/// A service whose `custom` block has one line per item of `lines`.
fn service(lines: impl Iterator<Item = String>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = String::from("service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\ncustom {\n");
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str("}\n");
    let path = dir.path().join("service.svc");
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

#[test]
fn a_hundred_thousand_keys_in_custom_check_fine() {
    let (_dir, path) = service((0..100_000).map(|i| format!("  key{i} = \"value {i}\"")));
    let out = svc_within_watchdog(&["check"], &path);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_hundred_thousand_errors_are_counted_and_two_hundred_shown() {
    // The key `same` set 100,001 times: 100,000 errors.
    let (_dir, path) = service((0..=100_000).map(|i| format!("  same = \"value {i}\"")));
    let out = svc_within_watchdog(&["check"], &path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("is set twice").count(), 200, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(stderr.contains("… and 99800 more errors (not shown)"), "{}", &stderr[stderr.len().saturating_sub(2000)..]);
    assert!(stderr.contains("100000 errors"));

    let out = svc_within_watchdog(&["check", "--format", "json"], &path);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["errors"], 100_000);
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(200));
    assert_eq!(report["omitted"], 99_800);
}

#[test]
fn fmt_check_of_a_large_file_with_fifty_thousand_changes_finishes() {
    // Every key is followed by two blank lines, which the formatter removes.
    let (_dir, path) = service((0..50_000).map(|i| format!("key{i}=\"v\"\n\n")));
    let out = svc_within_watchdog(&["fmt", "--check"], &path);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("+  key49999 = \"v\""), "the diff reaches the end of the file");
}
