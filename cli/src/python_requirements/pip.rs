//! Running `pip install --target` for a Lambda platform, within a time
//! limit, with a spinner on a terminal once it takes more than a second,
//! and reading pip's complaints into one sentence a user can act on.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::platform::Platform;

/// The longest an install may take.
const DEADLINE: Duration = Duration::from_secs(20 * 60);

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
        .env("PIP_NO_WARN_SCRIPT_LOCATION", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !install.download_cache {
        command.arg("--no-cache-dir");
    }
    let mut child = command.spawn().map_err(|e| {
        format!("cannot run {}: {e}; install Python 3 with pip, or name one with `pythonBin`", python.display())
    })?;
    let output = collect(child.stdout.take(), child.stderr.take());
    let started = Instant::now();
    let mut spinner = None;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("pip: {e}"))? {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("pip did not finish in {} minutes", DEADLINE.as_secs() / 60));
        }
        if spinner.is_none() && started.elapsed() > Duration::from_secs(1) {
            spinner = spin(install.platform);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let (_, stderr) = output.join().unwrap_or_default();
    if status.success() {
        return Ok(());
    }
    Err(explain(&stderr, install.platform))
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
    ["python3", platform.runtime().as_str(), "python"]
        .iter()
        .find_map(|name| on_path(name))
        .ok_or_else(|| "no Python found on PATH: install Python 3 with pip, or name one with `pythonBin`".to_owned())
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|folder| folder.join(name)).find(|path| path.is_file())
}

/// Reads the child's output on threads, so that it never blocks on a full
/// pipe: (stdout, stderr).
fn collect(
    stdout: Option<impl Read + Send + 'static>,
    stderr: Option<impl Read + Send + 'static>,
) -> std::thread::JoinHandle<(String, String)> {
    fn read(source: Option<impl Read>) -> String {
        let mut text = String::new();
        if let Some(mut source) = source {
            let _ = source.read_to_string(&mut text);
        }
        text
    }
    std::thread::spawn(move || {
        let err = std::thread::spawn(move || read(stderr));
        let out = read(stdout);
        (out, err.join().unwrap_or_default())
    })
}

fn spin(platform: &Platform) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("  {spinner} installing Python requirements for {msg}  {elapsed}").ok()?;
    spinner.set_style(style);
    spinner.set_message(platform.to_string());
    spinner.enable_steady_tick(Duration::from_millis(120));
    Some(spinner)
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
