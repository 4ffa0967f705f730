//! A real `svc lsp` process driven over stdio (Content-Length framing),
//! for the latency a client sees, JSON and pipes included, and the
//! server's own memory.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{URI, memory};

/// A running `svc lsp`.
pub struct Process {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    version: i64,
}

impl Process {
    /// Starts `binary lsp` and initializes it.
    pub fn start(binary: &str) -> Result<Process, String> {
        let mut child = Command::new(binary)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {binary}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut process = Process { child, stdin, stdout, next_id: 0, version: 1 };
        process.request("initialize", json!({ "capabilities": {} }))?;
        process.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }))?;
        Ok(process)
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())
    }

    /// The next message the server sends.
    fn receive(&mut self) -> Result<Value, String> {
        let mut length = 0;
        loop {
            let mut header = String::new();
            if self.stdout.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
                return Err("the server closed its output".to_owned());
            }
            let header = header.trim();
            if header.is_empty() {
                break;
            }
            if let Some(value) = header.strip_prefix("Content-Length:") {
                length = value.trim().parse().map_err(|_| format!("bad header {header}"))?;
            }
        }
        let mut body = vec![0; length];
        std::io::Read::read_exact(&mut self.stdout, &mut body).map_err(|e| e.to_string())?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }

    /// Sends a request and waits for its response (skipping notifications).
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        loop {
            let message = self.receive()?;
            if message["id"] == id {
                return Ok(message["result"].clone());
            }
        }
    }

    /// Waits for the diagnostics of `version`.
    fn diagnostics(&mut self, version: i64) -> Result<(), String> {
        loop {
            let message = self.receive()?;
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == version {
                return Ok(());
            }
        }
    }

    /// Opens `text` and waits for its diagnostics.
    pub fn open(&mut self, text: &str) -> Result<(), String> {
        let document = json!({ "uri": URI, "languageId": "svc", "version": self.version, "text": text });
        self.send(
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": document } }),
        )?;
        self.diagnostics(self.version)
    }

    /// Sends one change (`{ "text" }` or `{ "range", "text" }`); the time
    /// until its diagnostics arrive.
    pub fn change(&mut self, change: Value) -> Result<Duration, String> {
        self.version += 1;
        let message = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": URI, "version": self.version }, "contentChanges": [change] } });
        let body = message.to_string();
        let started = Instant::now();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).map_err(|e| e.to_string())?;
        self.stdin.flush().map_err(|e| e.to_string())?;
        self.diagnostics(self.version)?;
        Ok(started.elapsed())
    }

    /// A field of the server's `/proc/<pid>/status`, in MB.
    pub fn memory(&self, field: &str) -> Option<f64> {
        memory(&self.child.id().to_string(), field)
    }

    /// Shuts the server down and waits for it to exit.
    pub fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        let _ = self.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
        let _ = self.child.wait();
    }
}
