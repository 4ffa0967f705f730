//! The `svc` binary as a user runs it: exit codes, streams, colours, JSON.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn svc() -> Command {
    let mut cmd = Command::cargo_bin("svc").expect("svc binary");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn example() -> PathBuf {
    root().join("examples/aws-python-http-api")
}

fn broken(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("service.svc");
    std::fs::write(&path, "service: \"demo\"\nprovider aws {\n  runtime = python3.12\n").expect("write");
    path
}

#[test]
fn check_of_the_example_exits_0() {
    let out = svc().args(["check"]).arg(example().join("service.svc")).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no problems"));
}

#[test]
fn check_reads_service_svc_in_the_current_folder() {
    let out = svc().current_dir(example()).arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn check_reports_every_error_on_stderr_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = svc().arg("check").arg(broken(&dir)).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for code in ["E0107", "E0109", "E0104"] {
        assert!(stderr.contains(&format!("[{code}]")), "{code} missing in {stderr}");
    }
    assert!(stderr.contains("3 errors"), "{stderr}");
    assert!(out.stdout.is_empty(), "results of human check go to stderr");
    assert!(!stderr.contains('\x1b'), "no colour when stderr is not a terminal");
}

#[test]
fn check_json_is_one_document_on_stdout_with_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = svc().args(["check", "--format", "json"]).arg(broken(&dir)).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["errors"], 3);
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "E0107");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["start"]["line"], 1);
    assert_eq!(first["start"]["column"], 8);
    // `key: value` becomes `key = value`, spaced as `svc fmt` spaces it.
    assert_eq!(first["fix"]["edits"][0]["replacement"], " =");
}

#[test]
fn a_missing_file_is_exit_2_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = svc().current_dir(dir.path()).arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: service.svc not found"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    let out = svc().args(["check", "--format", "xml"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = svc().arg("frobnicate").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    for command in [&["--help"][..], &["check", "--help"], &["fmt", "--help"], &["explain", "--help"]] {
        let out = svc().args(command).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"), "{command:?}");
    }
    let out = svc().arg("--version").output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("svc {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn colour_is_forced_with_clicolor_force_and_removed_with_no_color() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = broken(&dir);
    let forced = svc().env("CLICOLOR_FORCE", "1").arg("check").arg(&path).output().expect("runs");
    assert!(String::from_utf8_lossy(&forced.stderr).contains('\x1b'));
    let plain = svc().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1").arg("check").arg(&path).output().expect("runs");
    assert!(!String::from_utf8_lossy(&plain.stderr).contains('\x1b'));
}

#[test]
fn fmt_check_passes_on_the_example_and_changes_nothing() {
    let path = example().join("service.svc");
    let before = std::fs::read(&path).expect("read");
    let out = svc().args(["fmt", "--check"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn fmt_check_shows_a_diff_and_exits_1_then_fmt_fixes_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("service.svc");
    std::fs::write(&path, "service=\"demo\"\nprovider aws {\nruntime=\"python3.12\"\n}\n").expect("write");
    let out = svc().args(["fmt", "--check"]).arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+service = \"demo\""));
    let out = svc().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "service = \"demo\"\nprovider aws {\n  runtime = \"python3.12\"\n}\n"
    );
    let out = svc().args(["fmt", "--check"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = broken(&dir);
    let before = std::fs::read(&path).expect("read");
    let out = svc().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not formatted") && stderr.contains("3 syntax errors"), "{stderr}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn explain_prints_the_registry_entry() {
    let out = svc().args(["explain", "e0107"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("E0107: `:` instead of `=`"), "{stdout}");
    let out = svc().args(["explain", "E9999"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = svc().arg("explain").output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 19);
}

#[test]
fn a_misspelt_region_on_the_command_line_is_refused_with_the_closest_one() {
    for command in ["check", "print", "build", "deploy"] {
        let output = svc().args([command, "--region", "us-eest-1"]).arg(example()).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("`us-eest-1` is not an AWS region; did you mean `us-east-1`?"), "{command}: {stderr}");
    }
    let output = svc().args(["check", "--region", "eu-west-1"]).arg(example()).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}
