//! Running a package installer (pip, npm) as a child process: within a
//! time limit, its output read on threads so it never blocks on a full
//! pipe, and a spinner on a terminal once it takes more than a second.
//! Ctrl-C reaches the installer too (it is in the same process group), so
//! an interrupted build stops it.

use std::io::{IsTerminal, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The longest an install may take.
const DEADLINE: Duration = Duration::from_secs(20 * 60);

/// How an installer ended.
pub struct Ended {
    /// Whether it exited with success.
    pub success: bool,
    /// What it wrote to stdout.
    pub stdout: String,
    /// What it wrote to stderr.
    pub stderr: String,
}

/// Runs `command` (its stdin closed, stdout and stderr read); the spinner
/// says `doing` ("installing Python requirements for python3.12 on
/// arm64"). `Err` when it cannot be started (with `missing`, what to
/// install) or takes too long.
pub fn run(command: &mut Command, doing: &str, missing: &str) -> Result<Ended, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("cannot run {program}: {e}; {missing}"))?;
    let output = collect(child.stdout.take(), child.stderr.take());
    let started = Instant::now();
    let mut spinner = None;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("{program}: {e}"))? {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{program} did not finish in {} minutes", DEADLINE.as_secs() / 60));
        }
        if spinner.is_none() && started.elapsed() > Duration::from_secs(1) {
            spinner = spin(doing);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let (stdout, stderr) = output.join().unwrap_or_default();
    Ok(Ended { success: status.success(), stdout, stderr })
}

/// Reads the child's output on threads: (stdout, stderr).
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

fn spin(doing: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    spinner.set_style(ProgressStyle::with_template("  {spinner} {msg}  {elapsed}").ok()?);
    spinner.set_message(doing.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(120));
    Some(spinner)
}

/// The first of `names` that is a file in a folder of `PATH`.
pub fn on_path(names: &[&str]) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| std::env::split_paths(&path).map(|folder| folder.join(name)).find(|p| p.is_file()))
}
