//! Helpers of the CLI tests: service folders, a tiny HTTP client, a moto
//! server, and a scripted fake of the CloudFormation and S3 APIs.

#![allow(dead_code)]

pub mod cfn_lint;
pub mod fake;
pub mod fake_service;
pub mod http;
pub mod localstack;
pub mod moto;
pub mod peers;
pub mod process;
pub mod watchdog;

use std::path::{Path, PathBuf};
use std::process::Output;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `svc` in `dir` with dummy credentials and nothing from the
/// machine's AWS setup (no profile files, no instance metadata).
pub fn svc(dir: &Path, endpoint: &str, args: &[&str]) -> Output {
    svc_with(dir, endpoint, args, &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")])
}

/// Runs `svc` in `dir` (dummy credentials), checks its exit code and
/// gives its stdout and stderr together.
pub fn svc_expecting(dir: &Path, endpoint: &str, args: &[&str], code: i32) -> String {
    let output = svc(dir, endpoint, args);
    assert_eq!(output.status.code(), Some(code), "svc {}: {}", args.join(" "), shown(&output));
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Runs `svc` in `dir` with exactly the AWS variables in `env`.
pub fn svc_with(dir: &Path, endpoint: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = command(dir, endpoint, args, env);
    command.output().expect("svc runs")
}

/// The `svc` command, ready to spawn.
pub fn command(dir: &Path, endpoint: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir).args(args).arg("--endpoint-url").arg(endpoint);
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    command
        .env("HOME", dir)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", dir.join("no-aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("no-aws-credentials"))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// The lines of `svc deploy list`'s output that list a deployment.
pub fn listed_deployments(out: &str) -> Vec<String> {
    out.lines().filter(|l| l.starts_with("  ") && l.trim_start().starts_with("20")).map(str::to_owned).collect()
}

/// stdout and stderr of a run, for assertion messages.
pub fn shown(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A service folder: `service.svc` and the given files (names relative to
/// the folder, which are made as needed).
pub fn service_folder(svc: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("service.svc"), svc).expect("write");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// Writes a service (and a handler) into `dir`.
pub fn write_service(dir: &Path, text: &str) {
    std::fs::write(dir.join("service.svc"), text).expect("write service");
    std::fs::write(dir.join("handler.py"), "def handle(event, context):\n    return {\"ok\": True}\n")
        .expect("write handler");
}

/// The contents of every `<tag>…</tag>` in `xml`, unescaped.
pub fn tags(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        found.push(unescape(&after[..end]));
        rest = &after[end + close.len()..];
    }
    found
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&")
}

/// The wheelhouse `scripts/test` downloads the example's and the
/// reference cases' Python requirements into (`target/wheelhouse`).
pub fn wheelhouse() -> PathBuf {
    let folder = root().join("target/wheelhouse");
    assert!(
        folder.join("python_ulid-3.0.0-py3-none-any.whl").is_file(),
        "{} has not been downloaded: run scripts/test, which fetches the wheels the tests install",
        folder.display()
    );
    folder
}

/// The environment under which `svc` installs Python requirements without
/// the network: pip reads the [`wheelhouse`] only, and installs are
/// cached under `target/` (never in the user's cache folder).
pub fn offline_pip() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("PIP_NO_INDEX", PathBuf::from("1")),
        ("PIP_FIND_LINKS", wheelhouse()),
        ("XDG_CACHE_HOME", root().join("target/test-cache")),
    ]
}

/// The names in the zip at `path`, sorted.
pub fn zip_entries(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index_raw(i).expect("entry").name().expect("name").into_owned())
        .collect();
    names.sort();
    names
}

/// `PATH` with `folder` first: where a test puts a tool `scripts/test`
/// installed (uv, Poetry, pnpm, yarn) for the `svc` it runs.
pub fn path_with(folder: &Path) -> std::ffi::OsString {
    let existing = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&existing))).expect("PATH")
}
