//! The requirements file as pip is given it (or, without one, what
//! `uv export` pins from `uv.lock`): `noDeploy` packages left out
//! (as serverless-python-requirements leaves them out, by the name before
//! the first `=`, `<`, `>`, space or tab), and the files it includes
//! (`-r`, `-c`) made absolute, since pip reads the copy from elsewhere.

use std::path::Path;

use std::process::Command;

use svc_compiler::python_requirements::{PIPFILE_LOCK, POETRY_LOCK, UV_LOCK};
use svc_lsp::regular_file::read_regular;

use crate::installer;

/// The largest requirements file read (a requirements file is a list of
/// names; anything larger is not one).
const LIMIT: u64 = 1024 * 1024;

/// The text of the requirements file at `path` for pip, without the
/// packages of `no_deploy`; with `uv` and no such file, what `uv export`
/// pins from `uv.lock` beside it. An error of one line when it cannot be
/// read.
pub fn prepare(path: &Path, no_deploy: &[String], sources: Sources) -> Result<String, String> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let text = if sources.pipenv && folder.join(PIPFILE_LOCK).is_file() {
        from_pipfile_lock(&folder.join(PIPFILE_LOCK))?
    } else if sources.poetry && folder.join(POETRY_LOCK).is_file() {
        export(folder, "poetry", &["export", "--format", "requirements.txt", "--without-hashes", "--only", "main"])?
    } else if sources.uv && !path.exists() && folder.join(UV_LOCK).is_file() {
        let arguments = [
            "export",
            "--format",
            "requirements-txt",
            "--frozen",
            "--no-dev",
            "--no-hashes",
            "--no-emit-project",
            "--no-header",
        ];
        export(folder, "uv", &arguments)?
    } else {
        let bytes = read_regular(path, LIMIT).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?
    };
    let mut prepared = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim();
        if no_deploy.iter().any(|name| name == package_name(trimmed)) {
            continue;
        }
        prepared.push_str(&absolute_includes(trimmed, folder).unwrap_or_else(|| line.to_owned()));
        prepared.push('\n');
    }
    Ok(prepared)
}

/// Which lock files may stand for the requirements file.
#[derive(Clone, Copy, Debug)]
pub struct Sources {
    /// `Pipfile.lock` (`usePipenv`), read first.
    pub pipenv: bool,
    /// `poetry.lock` (`usePoetry`), through `poetry export`.
    pub poetry: bool,
    /// `uv.lock` (`useUv`), when there is no requirements file.
    pub uv: bool,
}

/// The pins of a lock file in `folder` as a requirements file, written by
/// its own tool: `poetry export` (the main group) or `uv export` (without
/// dev groups, the lock file as it is).
fn export(folder: &Path, tool: &str, arguments: &[&str]) -> Result<String, String> {
    let program = installer::on_path(&[tool]).ok_or_else(|| {
        format!("{tool}'s lock file is here but {tool} is not on PATH: install {tool}, or write requirements.txt")
    })?;
    let mut command = Command::new(program);
    command.args(arguments).current_dir(folder);
    let ended = installer::run(&mut command, &format!("reading {tool}'s lock file"), &format!("install {tool}"))?;
    if !ended.success {
        let last = ended.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(format!("{tool} export failed: {}", last.trim()));
    }
    Ok(ended.stdout)
}

/// The `default` packages of a `Pipfile.lock` as requirement lines (the
/// `develop` ones left out): `name[extras]==version ; markers`, or the
/// package's `file`, `path` or `git` source.
fn from_pipfile_lock(path: &Path) -> Result<String, String> {
    use serde_json::Value;
    let bytes = read_regular(path, LIMIT).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let lock: Value = serde_json::from_slice(&bytes).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let packages = lock
        .get("default")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{} has no `default` packages", path.display()))?;
    let mut lines = String::new();
    for (name, spec) in packages {
        let text = |key: &str| spec.get(key).and_then(Value::as_str);
        let extras: Vec<&str> =
            spec.get("extras").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let named = if extras.is_empty() { name.clone() } else { format!("{name}[{}]", extras.join(",")) };
        let mut line = match (text("version"), text("file").or(text("path")), text("git")) {
            (Some(version), _, _) => format!("{named}{version}"),
            (None, Some(location), _) => location.to_owned(),
            (None, None, Some(git)) => {
                format!("git+{git}{}#egg={name}", text("ref").map(|r| format!("@{r}")).unwrap_or_default())
            }
            (None, None, None) => named,
        };
        if let Some(markers) = text("markers") {
            line.push_str(&format!(" ; {markers}"));
        }
        lines.push_str(&line);
        lines.push('\n');
    }
    Ok(lines)
}

/// The package a line names, as the plugin reads it for `noDeploy`.
fn package_name(line: &str) -> &str {
    line.split(['=', '<', '>', ' ', '\t']).next().unwrap_or("").trim()
}

/// `-r file` / `-c file` (and the long forms) with `file` relative to
/// `folder` made absolute; `None` for any other line.
fn absolute_includes(line: &str, folder: &Path) -> Option<String> {
    for option in ["-r", "--requirement", "-c", "--constraint"] {
        let Some(rest) = line.strip_prefix(option) else { continue };
        let file = rest.trim_start_matches('=').trim();
        if rest.len() == file.len() && !rest.starts_with([' ', '\t', '=']) {
            continue;
        }
        if file.is_empty() || Path::new(file).is_absolute() || file.contains("://") {
            return None;
        }
        return Some(format!("{option} {}", folder.join(file).display()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_deploy_packages_are_left_out_by_name() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("requirements.txt");
        std::fs::write(&path, "boto3==1.34.0\nsix>=1.16\n# a comment\nidna\nboto3-stubs==1.0\n").expect("write");
        let sources = Sources { pipenv: true, poetry: true, uv: true };
        let prepared = prepare(&path, &["boto3".to_owned(), "idna".to_owned()], sources).expect("read");
        assert_eq!(prepared, "six>=1.16\n# a comment\nboto3-stubs==1.0\n");
    }

    #[test]
    fn a_pipfile_lock_gives_its_default_packages_with_versions_extras_and_markers() {
        let dir = tempfile::tempdir().expect("tmp");
        let lock = r#"{"_meta": {}, "default": {
            "six": {"version": "==1.16.0", "markers": "python_version >= '2.7'"},
            "requests": {"version": "==2.32.3", "extras": ["socks"]},
            "mylib": {"git": "https://example.com/mylib.git", "ref": "abc123"}
        }, "develop": {"pytest": {"version": "==8.0.0"}}}"#;
        std::fs::write(dir.path().join("Pipfile.lock"), lock).expect("write");
        let sources = Sources { pipenv: true, poetry: false, uv: false };
        let text = prepare(&dir.path().join("requirements.txt"), &[], sources).expect("read");
        assert!(text.contains("six==1.16.0 ; python_version >= '2.7'\n"), "{text}");
        assert!(text.contains("requests[socks]==2.32.3\n"), "{text}");
        assert!(text.contains("git+https://example.com/mylib.git@abc123#egg=mylib\n"), "{text}");
        assert!(!text.contains("pytest"), "{text}");
    }

    #[test]
    fn included_files_are_made_absolute() {
        let folder = Path::new("/srv/app");
        assert_eq!(absolute_includes("-r base.txt", folder).as_deref(), Some("-r /srv/app/base.txt"));
        assert_eq!(absolute_includes("--constraint=c.txt", folder).as_deref(), Some("--constraint /srv/app/c.txt"));
        assert_eq!(absolute_includes("-r /abs.txt", folder), None);
        assert_eq!(absolute_includes("requests", folder), None);
        assert_eq!(absolute_includes("-rfoo", folder), None);
    }
}
