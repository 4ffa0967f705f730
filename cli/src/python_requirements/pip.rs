//! Running `pip install --target` for a Lambda platform (through
//! [`installer::run`]), and reading pip's complaints into one sentence a
//! user can act on.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::platform::Platform;
use crate::installer;

/// How an install is run.
pub struct Install<'a> {
    /// The Python that runs pip (`pythonBin`), or `None` to look for one.
    pub python: Option<&'a str>,
    /// The requirements file pip reads.
    pub requirements: &'a Path,
    /// The folder pip installs into.
    pub target: &'a Path,
    /// The platform installed for.
    pub platform: &'a Platform,
    /// `pipCmdExtraArgs`.
    pub extra: &'a [String],
    /// `useDownloadCache`.
    pub download_cache: bool,
    /// The folder pip runs in (the service's: relative paths in `extra`
    /// are the user's).
    pub folder: &'a Path,
}

/// Installs the requirements; `Err` is what went wrong, in a sentence
/// (with pip's own last lines when they say more).
pub fn install(install: &Install<'_>) -> Result<(), String> {
    let python = python(install.python, install.platform)?;
    let mut command = Command::new(&python);
    command
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--no-compile"])
        .args(["--progress-bar", "off", "--retries", "1", "--target"])
        .arg(install.target)
        .args(install.platform.pip_options())
        .arg("--requirement")
        .arg(install.requirements)
        .args(install.extra)
        .current_dir(install.folder)
        .env("PIP_NO_WARN_SCRIPT_LOCATION", "1");
    if !install.download_cache {
        command.arg("--no-cache-dir");
    }
    let doing = format!("installing Python requirements for {}", install.platform);
    let ended = installer::run(&mut command, &doing, "install Python 3 with pip, or name one with `pythonBin`")?;
    if ended.success { Ok(()) } else { Err(explain(&ended.stderr, install.platform)) }
}

/// The Python that runs pip: `pythonBin`, else `python3` on `PATH`, else
/// the runtime's own (`python3.12`), else `python`. Its version does not
/// matter (pip installs for the platform's), and `python3` is the one
/// most machines have working (a version manager's `python3.12` shim may
/// be on `PATH` without that version being active).
fn python(configured: Option<&str>, platform: &Platform) -> Result<PathBuf, String> {
    if let Some(configured) = configured {
        return Ok(PathBuf::from(configured));
    }
    installer::on_path(&["python3", &platform.runtime(), "python"])
        .ok_or_else(|| "no Python found on PATH: install Python 3 with pip, or name one with `pythonBin`".to_owned())
}

/// One sentence for what pip's `stderr` says went wrong.
pub fn explain(stderr: &str, platform: &Platform) -> String {
    let errors: Vec<&str> =
        stderr.lines().filter_map(|l| l.strip_prefix("ERROR: ")).map(str::trim).filter(|l| !l.is_empty()).collect();
    let unreachable = [
        "NewConnectionError",
        "Failed to establish a new connection",
        "ConnectTimeoutError",
        "Temporary failure in name resolution",
        "Network is unreachable",
        "Connection refused",
    ];
    if let Some(name) = errors.iter().find_map(|l| l.strip_prefix("No matching distribution found for ")) {
        if unreachable.iter().any(|u| stderr.contains(u)) {
            return format!(
                "the package index cannot be reached (pip looked for {name}); check the network, or the index in `pipCmdExtraArgs` or pip's configuration"
            );
        }
        let versions =
            errors.iter().find_map(|l| l.split_once("(from versions: ").map(|(_, v)| v.trim_end_matches(')')));
        let hint = match versions {
            Some("none") | None => "no version has one".to_owned(),
            Some(versions) => format!("versions with a file for some platform: {versions}"),
        };
        return format!(
            "no wheel of {name} for {platform} ({hint}): pin a version that publishes a manylinux wheel for it, or leave the package out with `noDeploy`"
        );
    }
    if let Some(line) = errors.iter().find(|l| l.starts_with("Invalid requirement") || l.contains("line ")) {
        return format!("the requirements file has a line pip cannot read: {line}");
    }
    if stderr.contains("No module named pip") {
        return "the Python that runs pip has no pip: install pip for it, or name another with `pythonBin`".to_owned();
    }
    let last: Vec<&str> = if errors.is_empty() {
        stderr.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect::<Vec<_>>().into_iter().rev().collect()
    } else {
        errors
    };
    format!("pip failed: {}", last.join(" / "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform() -> Platform {
        Platform::of("python3.12", Some("arm64")).expect("python")
    }

    #[test]
    fn a_missing_wheel_names_the_package_the_platform_and_the_ways_out() {
        let stderr = "ERROR: Could not find a version that satisfies the requirement numpy==1.0 (from versions: 1.26.4, 2.0.0)\nERROR: No matching distribution found for numpy==1.0\n";
        let message = explain(stderr, &platform());
        assert!(message.starts_with("no wheel of numpy==1.0 for python3.12 on arm64"), "{message}");
        assert!(message.contains("1.26.4, 2.0.0") && message.contains("pin a version"), "{message}");
    }

    #[test]
    fn an_unreachable_index_is_said_as_such() {
        let stderr = "WARNING: Retrying (Retry(total=0, ...)) after connection broken by 'NewConnectionError(...: Failed to establish a new connection: [Errno 111] Connection refused)': /simple/six/\nERROR: Could not find a version that satisfies the requirement six (from versions: none)\nERROR: No matching distribution found for six\n";
        assert!(explain(stderr, &platform()).starts_with("the package index cannot be reached"));
    }

    #[test]
    fn a_bad_line_is_quoted() {
        let stderr = "ERROR: Invalid requirement: 'six===' (from line 2 of /srv/requirements.txt)\n";
        let message = explain(stderr, &platform());
        assert!(message.contains("line 2 of /srv/requirements.txt"), "{message}");
    }
}
