//! The runtime process: Python or Node.js running svc's bootstrap for one
//! function, kept warm between invocations. Layers are importable as
//! Lambda mounts them (`<layer>/python`, `<layer>/nodejs/node_modules`);
//! the working directory is the service folder (the task root); the
//! function's `timeout` is enforced by svc, which ends the process when it
//! passes.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value};

use super::function::{Language, LocalFunction};
use super::protocol::{self, Answer, Init};

/// How long loading the handler may take (Lambda's init phase limit).
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);

const PYTHON_BOOTSTRAP: &str = include_str!("bootstrap/python.py");
const NODE_BOOTSTRAP: &str = include_str!("bootstrap/node.mjs");

/// How long the end of the handler's standard error is waited for.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);

/// What the exit code of a command the shell (or pyenv) cannot find is.
const NOT_FOUND: i32 = 127;

/// A running runtime process with the handler loaded.
pub struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Message>,
    /// Says when the handler's standard error has all been passed on.
    drained: Receiver<()>,
    /// The interpreter, as it was run (`python3.12`, `node`).
    pub program: String,
    /// The interpreter's version as it reported it (`3.11`, `20.1.0`).
    pub version: String,
}

/// What the stdout reader passes on.
enum Message {
    Line(Result<Value, String>),
    Closed,
}

/// How a process start ended.
pub enum Started {
    /// The handler is loaded.
    Ready(Process),
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
    pub fn start(
        function: &LocalFunction,
        environment: &BTreeMap<String, String>,
        warn: &dyn Fn(&str),
    ) -> Result<Started, String> {
        match function.language {
            Language::Node => Process::spawn("node", function, environment).map_err(|e| e.into_message("node")),
            Language::Python => {
                let wanted = function.runtime.as_str();
                if on_path(wanted).is_some() {
                    match Process::spawn(wanted, function, environment) {
                        Err(Unavailable::NotFound) => {}
                        other => return other.map_err(|e| e.into_message(wanted)),
                    }
                }
                let started =
                    Process::spawn("python3", function, environment).map_err(|e| e.into_message("python3"))?;
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

    fn spawn(
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
            .stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => Unavailable::NotFound,
            _ => Unavailable::Other(format!("cannot run `{program}`: {error}")),
        })?;
        let gate = Arc::new(Mutex::new(Gate { held: Some(Vec::new()) }));
        let (sender, messages) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || read_stdout(stdout, &sender, &gate));
        }
        let (done, drained) = mpsc::channel();
        if let Some(stderr) = child.stderr.take() {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || {
                forward(stderr, &gate);
                let _ = done.send(());
            });
        }
        let stdin = child.stdin.take();
        let mut process =
            Process { child, stdin, messages, drained, program: program.to_owned(), version: String::new() };
        let first = match process.messages.recv_timeout(INIT_TIMEOUT) {
            Ok(Message::Line(line)) => line,
            Ok(Message::Closed) => {
                let status = process.child.wait().ok().and_then(|s| s.code());
                process.drain();
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
                process.kill();
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
            Init::Ready => Ok(Started::Ready(process)),
            Init::Failed { error, missing } => {
                process.kill();
                Ok(Started::Failed { error, missing })
            }
        }
    }

    /// Runs the handler on `event` with `context`, within `timeout`.
    pub fn invoke(&mut self, event: &Value, context: &Map<String, Value>, timeout: Duration) -> Result<Ended, String> {
        let line = protocol::request(event, context);
        let stdin = self.stdin.as_mut().ok_or("the runtime process has ended")?;
        stdin
            .write_all(line.as_bytes())
            .and_then(|()| stdin.write_all(b"\n"))
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("cannot send the event to `{}`: {e}", self.program))?;
        match self.messages.recv_timeout(timeout) {
            Ok(Message::Line(message)) => protocol::answer(message?).map(Ended::Answered),
            Ok(Message::Closed) | Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.wait().ok().and_then(|s| s.code());
                let code = status.map_or_else(|| "a signal".to_owned(), |c| format!("exit {c}"));
                Err(format!("`{}` ended ({code}) before answering", self.program))
            }
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Ok(Ended::TimedOut)
            }
        }
    }

    /// Ends the process: its standard input is closed, and it is killed if
    /// it does not end by itself at once.
    pub fn stop(mut self) {
        self.stdin = None;
        for _ in 0..20 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                self.drain();
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.kill();
    }

    /// Ends the process at once (svc is stopping).
    pub fn end(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.drain();
    }

    /// Waits (a moment at most: a process the handler started may hold
    /// the pipe) until what the process wrote to standard error is shown.
    fn drain(&self) {
        let _ = self.drained.recv_timeout(DRAIN_TIMEOUT);
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
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

fn forward(mut stderr: impl Read, gate: &Mutex<Gate>) {
    let mut buffer = [0u8; 8192];
    while let Ok(n) = stderr.read(&mut buffer) {
        if n == 0 {
            break;
        }
        write_out(gate, &buffer[..n]);
    }
}

fn read_stdout(stdout: impl Read, sender: &Sender<Message>, gate: &Mutex<Gate>) {
    let mut reader = BufReader::new(stdout);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line);
                match protocol::message(text.trim_end_matches(['\n', '\r'])) {
                    Some(message) => {
                        if sender.send(Message::Line(message)).is_err() {
                            break;
                        }
                    }
                    None => write_out(gate, &line),
                }
            }
        }
    }
    let _ = sender.send(Message::Closed);
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
