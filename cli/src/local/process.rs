//! The runtime process: Python or Node.js running svc's bootstrap for one
//! function, kept warm between invocations. Layers are importable as
//! Lambda mounts them (`<layer>/python`, `<layer>/nodejs/node_modules`);
//! the working directory is the service folder (the task root); the
//! function's `timeout` is enforced by svc, which ends the process when it
//! passes.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::task::JoinHandle;

use super::function::{Language, LocalFunction};
use super::protocol::{self, Answer, Init};

/// How long loading the handler may take (Lambda's init phase limit).
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);

const PYTHON_BOOTSTRAP: &str = include_str!("bootstrap/python.py");
const NODE_BOOTSTRAP: &str = include_str!("bootstrap/node.mjs");

/// How long the end of the handler's standard error is waited for.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);

/// How long a process whose standard input was closed may take to end
/// before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_millis(100);

/// What the exit code of a command the shell (or pyenv) cannot find is.
const NOT_FOUND: i32 = 127;

/// A running runtime process with the handler loaded. Its I/O is async
/// (Tokio), so that a server can keep many warm without a thread each.
pub struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    /// The line being read from standard output (kept across reads, so
    /// that a read given up half-way loses nothing).
    line: Vec<u8>,
    gate: Arc<Mutex<Gate>>,
    /// Ends when the handler's standard error has all been passed on.
    drained: Option<JoinHandle<()>>,
    /// The interpreter, as it was run (`python3.12`, `node`).
    pub program: String,
    /// The interpreter's version as it reported it (`3.11`, `20.1.0`).
    pub version: String,
}

/// How a process start ended.
pub enum Started {
    /// The handler is loaded.
    Ready(Box<Process>),
    /// It could not be: Lambda's error, and what was missing.
    Failed { error: Value, missing: Option<protocol::Missing> },
}

/// How an invocation ended.
#[derive(Debug)]
pub enum Ended {
    /// The handler answered.
    Answered(Answer),
    /// The timeout passed: the process was ended.
    TimedOut,
}

impl Process {
    /// Starts `function`'s runtime with `environment` (added to svc's
    /// own) and waits for its handler to load. `warn` receives notes such
    /// as a Python version other than the function's.
    pub async fn start(
        function: &LocalFunction,
        environment: &BTreeMap<String, String>,
        warn: &(dyn Fn(&str) + Sync),
    ) -> Result<Started, String> {
        match function.language {
            Language::Node => Process::spawn("node", function, environment).await.map_err(|e| e.into_message("node")),
            Language::Python => {
                let wanted = function.runtime.as_str();
                if on_path(wanted).is_some() {
                    match Process::spawn(wanted, function, environment).await {
                        Err(Unavailable::NotFound) => {}
                        other => return other.map_err(|e| e.into_message(wanted)),
                    }
                }
                let started =
                    Process::spawn("python3", function, environment).await.map_err(|e| e.into_message("python3"))?;
                if let Started::Ready(process) = &started
                    && Some(process.version.as_str()) != wanted.strip_prefix("python")
                {
                    warn(&format!(
                        "function `{}` runs on {wanted} in Lambda; `{wanted}` is not on this machine, so it runs on python3 ({})",
                        function.name, process.version
                    ));
                }
                Ok(started)
            }
        }
    }

    async fn spawn(
        program: &str,
        function: &LocalFunction,
        environment: &BTreeMap<String, String>,
    ) -> Result<Started, Unavailable> {
        let mut command = Command::new(program);
        match function.language {
            Language::Python => {
                command.arg("-c").arg(PYTHON_BOOTSTRAP);
                command.env("PYTHONPATH", search_path(&python_folders(function), "PYTHONPATH"));
                command.env("PYTHONUNBUFFERED", "1");
            }
            Language::Node => {
                command.arg("--input-type=module").arg("-e").arg(NODE_BOOTSTRAP);
                command.env("NODE_PATH", search_path(&node_folders(function), "NODE_PATH"));
            }
        }
        command
            .envs(environment)
            .current_dir(&function.folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command.spawn().map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => Unavailable::NotFound,
            _ => Unavailable::Other(format!("cannot run `{program}`: {error}")),
        })?;
        let gate = Arc::new(Mutex::new(Gate { held: Some(Vec::new()) }));
        // Whole lines at a time: the output of workers running at once
        // (svc offline) is not mixed within a line.
        let drained = child.stderr.take().map(|stderr| {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move {
                let mut stderr = BufReader::new(stderr);
                let mut line = Vec::new();
                while let Ok(n) = stderr.read_until(b'\n', &mut line).await {
                    if n == 0 {
                        break;
                    }
                    write_out(&gate, &line);
                    line.clear();
                }
            })
        });
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Unavailable::Other(format!("cannot talk to `{program}`: its pipes are missing")));
        };
        let mut process = Process {
            child,
            stdin: Some(stdin),
            stdout: BufReader::new(stdout),
            line: Vec::new(),
            gate: Arc::clone(&gate),
            drained,
            program: program.to_owned(),
            version: String::new(),
        };
        let first = match tokio::time::timeout(INIT_TIMEOUT, process.message()).await {
            Ok(Some(line)) => line,
            Ok(None) => {
                let status = process.child.wait().await.ok().and_then(|s| s.code());
                process.drain().await;
                if status == Some(NOT_FOUND) {
                    release(&gate, false);
                    return Err(Unavailable::NotFound);
                }
                release(&gate, true);
                let code = status.map_or_else(|| "a signal".to_owned(), |c| format!("exit {c}"));
                return Err(Unavailable::Other(format!(
                    "`{program}` ended ({code}) before loading the handler; its output is above"
                )));
            }
            Err(_) => {
                process.kill().await;
                release(&gate, true);
                return Err(Unavailable::Other(format!(
                    "the handler `{}` did not load within {} s",
                    function.handler,
                    INIT_TIMEOUT.as_secs()
                )));
            }
        };
        release(&gate, true);
        let first = first.map_err(Unavailable::Other)?;
        process.version = first.get("version").and_then(Value::as_str).unwrap_or_default().to_owned();
        match protocol::init(&first).map_err(Unavailable::Other)? {
            Init::Ready => Ok(Started::Ready(Box::new(process))),
            Init::Failed { error, missing } => {
                process.kill().await;
                Ok(Started::Failed { error, missing })
            }
        }
    }

    /// The next protocol message on standard output (the handler's own
    /// lines there are passed on to standard error), or `None` once it is
    /// closed.
    /// Cancel-safe: a read given up half-way goes on at the next call.
    async fn message(&mut self) -> Option<Result<Value, String>> {
        loop {
            match self.stdout.read_until(b'\n', &mut self.line).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {
                    let line = std::mem::take(&mut self.line);
                    // JSON takes the line's end as white space.
                    match protocol::message(&line) {
                        Some(message) => return Some(message),
                        None => write_out(&self.gate, &line),
                    }
                }
            }
        }
    }

    /// Sends one invocation of the handler on `event` with `context`; the
    /// process answers them in order ([`Self::answer`]).
    pub async fn send(&mut self, event: &Value, context: &Map<String, Value>) -> Result<(), String> {
        let mut line = protocol::request(event, context);
        line.push('\n');
        let stdin = self.stdin.as_mut().ok_or("the runtime process has ended")?;
        let sent = async {
            stdin.write_all(line.as_bytes()).await?;
            stdin.flush().await
        };
        sent.await.map_err(|e| format!("cannot send the event to `{}`: {e}", self.program))
    }

    /// The answer to the oldest invocation sent and not yet answered, or
    /// why there is none (the process ended). Cancel-safe.
    pub async fn answer(&mut self) -> Result<Answer, String> {
        match self.message().await {
            Some(message) => protocol::answer(message?),
            None => {
                let status = self.child.wait().await.ok().and_then(|s| s.code());
                let code = status.map_or_else(|| "a signal".to_owned(), |c| format!("exit {c}"));
                Err(format!("`{}` ended ({code}) before answering", self.program))
            }
        }
    }

    /// Runs the handler on `event` with `context`, within `timeout`.
    pub async fn invoke(
        &mut self,
        event: &Value,
        context: &Map<String, Value>,
        timeout: Duration,
    ) -> Result<Ended, String> {
        self.send(event, context).await?;
        match tokio::time::timeout(timeout, self.answer()).await {
            Ok(answer) => answer.map(Ended::Answered),
            Err(_) => {
                self.kill().await;
                Ok(Ended::TimedOut)
            }
        }
    }

    /// Ends the process: its standard input is closed, and it is killed if
    /// it does not end by itself at once.
    pub async fn stop(mut self) {
        self.stdin = None;
        match tokio::time::timeout(STOP_TIMEOUT, self.child.wait()).await {
            Ok(_) => self.drain().await,
            Err(_) => self.kill().await,
        }
    }

    /// Kills the process (its timeout passed) and waits until it is gone.
    pub async fn kill(&mut self) {
        self.stdin = None;
        let _ = self.child.kill().await;
        self.drain().await;
    }

    /// Waits (a moment at most: a process the handler started may hold
    /// the pipe) until what the process wrote to standard error is shown.
    async fn drain(&mut self) {
        if let Some(drained) = self.drained.take() {
            let _ = tokio::time::timeout(DRAIN_TIMEOUT, drained).await;
        }
    }
}

/// Why a runtime could not be started.
enum Unavailable {
    /// The program is not there (or pyenv has no such version).
    NotFound,
    /// Any other reason, as a sentence.
    Other(String),
}

impl Unavailable {
    fn into_message(self, program: &str) -> String {
        match self {
            Unavailable::NotFound => {
                format!("`{program}` is not on this machine: install it to run this function's handler locally")
            }
            Unavailable::Other(message) => message,
        }
    }
}

/// The handler's standard error, held until the handler is loaded (so that
/// an interpreter that turns out to be missing leaves nothing behind), then
/// passed on as it comes.
struct Gate {
    held: Option<Vec<u8>>,
}

fn write_out(gate: &Mutex<Gate>, bytes: &[u8]) {
    let Ok(mut gate) = gate.lock() else { return };
    match &mut gate.held {
        Some(held) => held.extend_from_slice(bytes),
        None => {
            let mut stderr = std::io::stderr().lock();
            let _ = stderr.write_all(bytes);
            let _ = stderr.flush();
        }
    }
}

/// Stops holding: what was held is shown (`show`) or dropped.
fn release(gate: &Mutex<Gate>, show: bool) {
    let Ok(mut gate) = gate.lock() else { return };
    if let Some(held) = gate.held.take()
        && show
    {
        let _ = std::io::stderr().write_all(&held);
    }
}

/// The folders Python imports from besides the code: the requirements
/// installed into the function's zip, then the layer folders, as Lambda's
/// `/opt/python` and `/opt/python/lib/python3.X/site-packages`.
fn python_folders(function: &LocalFunction) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = function.requirements.iter().cloned().collect();
    for layer in &function.layers {
        folders.push(layer.join("python"));
        folders.push(layer.join("python/lib").join(&function.runtime).join("site-packages"));
    }
    folders
}

/// The folders Node.js resolves modules in besides the task root: a
/// bundled function's service `node_modules`, then the layer folders, as Lambda's
/// `/opt/nodejs/nodeN/node_modules` and `/opt/nodejs/node_modules`.
fn node_folders(function: &LocalFunction) -> Vec<PathBuf> {
    let major = function.runtime.trim_start_matches("nodejs").trim_end_matches(".x");
    let mut folders: Vec<PathBuf> = function.node_modules.iter().cloned().collect();
    for layer in &function.layers {
        folders.push(layer.join("nodejs").join(format!("node{major}")).join("node_modules"));
        folders.push(layer.join("nodejs/node_modules"));
    }
    folders
}

/// `folders`, then what the variable `name` already holds.
fn search_path(folders: &[PathBuf], name: &str) -> OsString {
    let existing = std::env::var_os(name).map(|v| std::env::split_paths(&v).collect::<Vec<_>>()).unwrap_or_default();
    std::env::join_paths(folders.iter().cloned().chain(existing)).unwrap_or_default()
}

/// Where `program` is on `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}
