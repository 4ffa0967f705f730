//! Special files named by a user: a FIFO or a device (`/dev/zero`) as a
//! `${file(...)}`, as the service path or as a package artifact is refused
//! with a clear message, never read until memory runs out or waited on
//! forever; and `-o` naming a file says so. Each run has a watchdog: a
//! command still running after 20 s is killed and the test fails.

#![cfg(unix)]

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a command may run before it counts as hung.
const WATCHDOG: Duration = Duration::from_secs(20);

/// What a finished run printed and how it exited.
struct Finished {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `svc args` in `dir`; kills it and fails if it has not finished
/// within [`WATCHDOG`].
fn svc(dir: &Path, args: &[&str]) -> Finished {
    let mut child = Command::new(env!("CARGO_BIN_EXE_svc"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("svc starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > WATCHDOG {
            child.kill().expect("kill");
            child.wait().expect("reap");
            panic!("svc {args:?} still ran after {WATCHDOG:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut finished = Finished { code: status.code(), stdout: String::new(), stderr: String::new() };
    child.stdout.take().expect("stdout").read_to_string(&mut finished.stdout).expect("stdout");
    child.stderr.take().expect("stderr").read_to_string(&mut finished.stderr).expect("stderr");
    finished
}

/// Makes a FIFO at `path` (no writer ever opens it).
fn mkfifo(path: &Path) -> PathBuf {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
    path.to_path_buf()
}

fn reading(path: &str) -> String {
    format!(
        "service = \"shop\"\n\nprovider aws {{\n  runtime    = \"python3.12\"\n  memorySize = ${{file({path}):memory}}\n}}\n\nfunction api {{\n  handler = \"handler.main\"\n}}\n"
    )
}

const HANDLER: (&str, &str) = ("handler.py", "def main(e, c):\n    pass\n");

/// `svc check` (with `extra` arguments) on a service whose `${file(...)}`
/// names `path`: one E0213 at the variable saying why, exit 1.
fn check_refuses_file_variable(dir: &Path, extra: &[&str], path: &str, why: &str) {
    let run = svc(dir, &[&["check"], extra].concat());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("[E0213]"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("`{path}`: {why}")), "{}", run.stderr);
    assert!(run.stderr.contains("service.svc:5:16"), "at the variable: {}", run.stderr);
}

#[test]
fn a_file_variable_naming_a_fifo_is_an_error_not_a_hang() {
    let dir = support::service_folder(&reading("./fifo"), &[HANDLER]);
    mkfifo(&dir.path().join("fifo"));
    check_refuses_file_variable(dir.path(), &[], "./fifo", "not a regular file");
}

/// A device is outside the project (E0220); with `--file-root /dev` it
/// is inside, and still refused for what it is.
#[test]
fn a_file_variable_naming_dev_zero_or_urandom_is_an_error_not_a_memory_exhaustion() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let dir = support::service_folder(&reading(device), &[HANDLER]);
        let run = svc(dir.path(), &["check"]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(run.stderr.contains("[E0220]") && run.stderr.contains("outside the project"), "{}", run.stderr);
        check_refuses_file_variable(dir.path(), &["--file-root", "/dev"], device, "not a regular file");
    }
}

#[test]
fn a_file_variable_naming_a_file_over_8_mb_is_an_error() {
    let dir = support::service_folder(&reading("./big.json"), &[HANDLER]);
    // Sparse: 8 MB and one byte long, nothing on disk.
    let big = std::fs::File::create(dir.path().join("big.json")).expect("create");
    big.set_len(8 * 1024 * 1024 + 1).expect("grow");
    check_refuses_file_variable(dir.path(), &[], "./big.json", "larger than 8 MB");
}

#[test]
fn a_service_path_naming_a_fifo_or_a_device_fails_check_and_fmt_with_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = mkfifo(&dir.path().join("service.svc"));
    for path in [fifo.to_str().expect("utf-8"), "/dev/zero"] {
        for command in ["check", "fmt"] {
            let run = svc(dir.path(), &[command, path]);
            assert_eq!(run.code, Some(2), "svc {command} {path}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!("error: cannot read {path}: not a regular file")),
                "svc {command} {path}: {}",
                run.stderr
            );
        }
    }
}

const WITH_ARTIFACT: &str = "service = \"shop\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\nfunction api {\n  handler = \"handler.main\"\n  package {\n    artifact = \"ARTIFACT\"\n  }\n}\n";

#[test]
fn a_package_artifact_naming_a_fifo_or_a_device_is_an_error_at_the_artifact() {
    let dir = support::service_folder("", &[HANDLER]);
    let fifo = mkfifo(&dir.path().join("api.zip"));
    for artifact in [fifo.to_str().expect("utf-8"), "/dev/zero"] {
        std::fs::write(dir.path().join("service.svc"), WITH_ARTIFACT.replace("ARTIFACT", artifact)).expect("write");
        let out = tempfile::tempdir().expect("tmp");
        let run = svc(dir.path(), &["build", "-o", out.path().to_str().expect("utf-8")]);
        assert_eq!(run.code, Some(1), "{artifact}: {}", run.stderr);
        assert!(run.stderr.contains("[E0410]"), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("the package artifact `{artifact}` is not a regular file")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("service.svc:10:16"), "at the artifact: {}", run.stderr);
        assert!(!out.path().join("cloudformation-template-update-stack.json").exists(), "nothing is written");
    }
}

#[test]
fn build_into_an_existing_file_says_that_o_names_a_file() {
    let dir = support::service_folder(
        "service = \"shop\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\nfunction api {\n  handler = \"handler.main\"\n}\n",
        &[HANDLER, ("taken", "not a folder\n")],
    );
    let run = svc(dir.path(), &["build", "-o", "taken"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: cannot write into taken: it is a file, not a folder (`-o` names the output folder)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("taken")).expect("kept"), "not a folder\n", "the file is kept");
}
