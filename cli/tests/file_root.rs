//! `${file(...)}` reads only inside the project: the nearest folder above
//! the service holding `.git`, else the service's folder. Real files in a
//! temporary folder: a monorepo's `../common` file is read; a file beside
//! the repository, an absolute path and a link inside pointing out are
//! E0220 (exit 1) naming the file and the root, and their content is never
//! printed; `--file-root DIR` allows them.

#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// What the file outside the repository holds.
const SECRET: &str = "hunter2-outside-the-repository";

/// `tmp/outside-secret.json`, and the repository `tmp/repo` (with a `.git`
/// folder) holding `common/config.json` and the service folder
/// `services/api` (a handler, and `link.json`, a link to the secret).
struct Layout {
    dir: tempfile::TempDir,
}

impl Layout {
    fn new() -> Layout {
        let dir = tempfile::tempdir().expect("tmp");
        let api = dir.path().join("repo/services/api");
        std::fs::create_dir_all(&api).expect("folders");
        std::fs::create_dir_all(dir.path().join("repo/.git")).expect(".git");
        std::fs::create_dir_all(dir.path().join("repo/common")).expect("common");
        std::fs::write(dir.path().join("repo/common/config.json"), "{\"memory\": 256}").expect("write");
        std::fs::write(dir.path().join("outside-secret.json"), format!("{{\"password\": \"{SECRET}\"}}"))
            .expect("write");
        std::os::unix::fs::symlink("../../../outside-secret.json", api.join("link.json")).expect("link");
        std::fs::write(api.join("handler.py"), "def main(event, context):\n    return 1\n").expect("write");
        Layout { dir }
    }

    /// The real path of `name` inside the temporary folder.
    fn real(&self, name: &str) -> PathBuf {
        self.dir.path().canonicalize().expect("real").join(name)
    }

    /// Writes the service with `SECRET_VALUE` as its `SECRET` variable.
    fn service(&self, secret: &str) -> PathBuf {
        let path = self.dir.path().join("repo/services/api/service.svc");
        let src = format!(
            "service = \"api\"\n\nprovider aws {{\n  runtime    = \"python3.12\"\n  memorySize = ${{file(../../common/config.json):memory}}\n  environment {{\n    SECRET = {secret}\n  }}\n}}\n\nfunction main {{\n  handler = \"handler.main\"\n}}\n"
        );
        std::fs::write(&path, src).expect("write service");
        path
    }
}

fn svc(args: &[&str], service: &Path) -> std::process::Output {
    Command::cargo_bin("svc").expect("svc binary").args(args).arg(service).env("NO_COLOR", "1").output().expect("runs")
}

#[test]
fn a_file_in_the_repository_above_the_service_is_read() {
    let layout = Layout::new();
    let service = layout.service("\"plain\"");
    let run = svc(&["print", "--path", "provider.memorySize"], &service);
    assert_eq!(run.status.code(), Some(0), "{}", support::shown(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "256");
}

#[test]
fn a_file_outside_the_repository_is_refused_without_showing_it() {
    let layout = Layout::new();
    let outside = layout.real("outside-secret.json");
    let absolute = format!("${{file({}):password}}", outside.display());
    for (secret, written) in [
        ("${file(../../../outside-secret.json):password}", "../../../outside-secret.json"),
        (absolute.as_str(), outside.to_str().expect("utf-8")),
        ("${file(./link.json):password}", "./link.json"),
    ] {
        let service = layout.service(secret);
        for command in ["check", "print"] {
            let run = svc(&[command], &service);
            let shown = support::shown(&run);
            assert_eq!(run.status.code(), Some(1), "{command} {secret}: {shown}");
            assert!(shown.contains("[E0220]"), "{shown}");
            let real = if Path::new(written) == outside { String::new() } else { format!(" `{}`,", outside.display()) };
            let message = format!("`{written}` is{real} outside the project `{}`", layout.real("repo").display());
            assert!(shown.contains(&message), "names the file and the root: {shown}");
            assert!(shown.contains("service.svc:7:14"), "at the variable: {shown}");
            assert!(shown.contains("--file-root DIR"), "says how to allow it: {shown}");
            assert!(!shown.contains(SECRET), "the content is shown: {shown}");
        }
    }
}

#[test]
fn file_root_allows_a_folder_outside_the_repository() {
    let layout = Layout::new();
    let service = layout.service("${file(./link.json):password}");
    let root = layout.dir.path().to_str().expect("utf-8");
    let run = svc(&["check", "--file-root", root], &service);
    assert_eq!(run.status.code(), Some(0), "{}", support::shown(&run));
    let run = svc(&["print", "--file-root", root, "--path", "provider.environment.SECRET"], &service);
    assert_eq!(run.status.code(), Some(0), "{}", support::shown(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), format!("\"{SECRET}\""));
}

#[test]
fn file_root_must_name_a_folder() {
    let layout = Layout::new();
    let service = layout.service("\"plain\"");
    let missing = layout.dir.path().join("no-such-folder");
    let run = svc(&["check", "--file-root", missing.to_str().expect("utf-8")], &service);
    assert_eq!(run.status.code(), Some(2), "{}", support::shown(&run));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--file-root"), "{}", support::shown(&run));
}
