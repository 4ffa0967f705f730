//! `svc lsp` as a client's pipes see it: the real binary, driven over
//! stdin/stdout with raw bytes. Each malformed framing is answered with a
//! JSON-RPC error (id null, -32700 or -32600) and the next request on the
//! same pipe is answered as if nothing had happened; a fixed-seed stream of
//! garbage interleaved with requests gets every request answered; and the
//! exit code follows the protocol (0 after `shutdown` then `exit`, else 1).
//!
//! Every wait has a watchdog: a server that hangs fails the test after
//! 20 s instead of hanging the suite.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../../lsp/tests/rng/mod.rs"]
mod rng;
use rng::Rng;

/// How long any one wait for the server may take.
const WATCHDOG: Duration = Duration::from_secs(20);

const SERVICE: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
}

function checkout {
  handler = "shop.checkout"
}

resource Orders "AWS::DynamoDB::Table" {
  BillingMode = "PAY_PER_REQUEST"
}
"#;

/// `body` with its `Content-Length` header, as a client frames it.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

fn concat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A running `svc lsp` with an open document.
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    stderr: Option<JoinHandle<String>>,
    next_id: i64,
    /// The error responses with a null id (answers to malformed input), in
    /// the order they came.
    refusals: Vec<Value>,
    uri: String,
    /// The outline's top symbols, as first answered.
    outline: Vec<String>,
    _dir: tempfile::TempDir,
}

impl Session {
    /// Starts the server, initializes it and opens [`SERVICE`].
    fn start() -> Session {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("service.svc");
        std::fs::write(&path, SERVICE).expect("write the service");
        let mut child = Command::new(env!("CARGO_BIN_EXE_svc"))
            .arg("lsp")
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("svc lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, &sender));
        let mut stderr = child.stderr.take().expect("stderr");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut session = Session {
            stdin: child.stdin.take(),
            child,
            messages,
            stderr: Some(stderr),
            next_id: 1,
            refusals: Vec::new(),
            uri: format!("file://{}", path.display()),
            outline: Vec::new(),
            _dir: dir,
        };
        let init = session.request("initialize", json!({ "capabilities": {} }));
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        session.notify("initialized", json!({}));
        let uri = session.uri.clone();
        session.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "svc", "version": 1, "text": SERVICE } }),
        );
        session.wait_for("textDocument/publishDiagnostics");
        let (id, request) = session.symbols_request();
        session.send(&frame(&request));
        session.outline = session.symbol_names(id);
        for name in ["checkout", "Orders"] {
            assert!(session.outline.iter().any(|n| n == name), "{name} in the outline: {:?}", session.outline);
        }
        session
    }

    /// Asserts the answer to `id` is the outline, as first answered.
    fn assert_outline(&mut self, id: i64, case: &str) {
        let names = self.symbol_names(id);
        assert_eq!(names, self.outline, "{case}: the request is answered");
    }

    fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).and_then(|()| stdin.flush()).expect("the server reads its input");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&frame(json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string().as_bytes()));
    }

    /// Sends a request and returns its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.answer(id)
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&frame(
            json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string().as_bytes(),
        ));
        id
    }

    /// The document symbol request for the open document, as bytes.
    fn symbols_request(&mut self) -> (i64, Vec<u8>) {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({
            "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": { "textDocument": { "uri": self.uri } },
        });
        (id, request.to_string().into_bytes())
    }

    /// The names of the outline's top symbols, from the answer to `id`.
    fn symbol_names(&mut self, id: i64) -> Vec<String> {
        let answer = self.answer(id);
        let symbols = answer["result"].as_array().unwrap_or_else(|| panic!("document symbols: {answer}"));
        symbols.iter().map(|s| s["name"].as_str().unwrap_or_default().to_owned()).collect()
    }

    /// The next message from the server, within the watchdog.
    fn next_message(&mut self) -> Value {
        match self.messages.recv_timeout(WATCHDOG) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                panic!("watchdog: the server sent nothing for {WATCHDOG:?}\n{}", self.stderr_text());
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the server closed its output: {:?}\n{}", self.child.wait(), self.stderr_text())
            }
        }
    }

    /// The response to request `id`; error responses with a null id on the
    /// way are kept in `refusals`, and a response to any other id fails.
    fn answer(&mut self, id: i64) -> Value {
        loop {
            let message = self.next_message();
            assert!(message.get("malformed output").is_none(), "the server wrote a malformed message: {message}");
            if message.get("method").is_some() {
                continue; // a notification (diagnostics)
            }
            match &message["id"] {
                Value::Null => {
                    assert!(message["error"].is_object(), "a response with a null id is an error: {message}");
                    self.refusals.push(message);
                }
                answered if *answered == json!(id) => return message,
                other => panic!("an answer to id {other}, not sent as a request, while waiting for {id}: {message}"),
            }
        }
    }

    /// Waits for a notification.
    fn wait_for(&mut self, method: &str) -> Value {
        loop {
            let message = self.next_message();
            if message["method"] == method {
                return message;
            }
        }
    }

    /// The error codes of the refusals, taken.
    fn refusal_codes(&mut self) -> Vec<i64> {
        std::mem::take(&mut self.refusals).iter().map(|r| r["error"]["code"].as_i64().unwrap_or_default()).collect()
    }

    /// Waits for the server to end, within the watchdog; its exit status
    /// and stderr.
    fn ended(mut self) -> (ExitStatus, String) {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for svc lsp") {
                return (status, self.stderr_text());
            }
            if started.elapsed() > WATCHDOG {
                let _ = self.child.kill();
                panic!("watchdog: the server did not exit within {WATCHDOG:?}\n{}", self.stderr_text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `shutdown`, then `exit`: the server must end with code 0.
    fn finish(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
        self.notify("exit", Value::Null);
        let (status, stderr) = self.ended();
        assert_eq!(status.code(), Some(0), "exit after shutdown\n{stderr}");
    }

    fn stderr_text(&mut self) -> String {
        let _ = self.child.kill();
        self.stderr.take().map(|reader| reader.join().unwrap_or_default()).unwrap_or_default()
    }

    /// The peak resident memory of the server, in MB (Linux).
    fn peak_memory_mb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the server's messages, strictly framed (CRLF headers, an exact
/// `Content-Length`, a JSON body), and sends each one; on anything else it
/// sends `{"malformed output": …}` and stops.
fn read_messages(stdout: impl Read, messages: &mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let Some(line) = line.strip_suffix("\r\n") else {
                let _ = messages.send(json!({ "malformed output": format!("header line {line:?}") }));
                return;
            };
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            let _ = messages.send(json!({ "malformed output": "no Content-Length" }));
            return;
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let message = serde_json::from_slice(&body)
            .unwrap_or_else(|_| json!({ "malformed output": String::from_utf8_lossy(&body) }));
        if messages.send(message).is_err() {
            return;
        }
    }
}

/// Sends `malformed`, then a document symbol request on the same pipe:
/// the request is answered with the outline, and the malformed bytes got
/// exactly the errors `codes` (id null). Ends with `shutdown` and `exit`.
fn survives(case: &str, malformed: &[u8], codes: &[i64]) {
    let mut session = Session::start();
    let (id, request) = session.symbols_request();
    session.send(&concat(&[malformed, &frame(&request)]));
    session.assert_outline(id, case);
    assert_eq!(session.refusal_codes(), codes, "{case}: the errors answered");
    session.finish();
}

/// A valid request, to be framed wrongly.
const HOVER: &str = r#"{"jsonrpc":"2.0","id":1000,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.svc"},"position":{"line":0,"character":0}}}"#;

#[test]
fn malformed_json_is_a_parse_error() {
    survives("malformed JSON", &frame(br#"{"jsonrpc": "2.0", "method": }"#), &[-32700]);
    survives("an empty body", b"Content-Length: 0\r\n\r\n", &[-32700]);
}

#[test]
fn a_content_length_too_short_is_a_parse_error() {
    let bytes = concat(&[b"Content-Length: 20\r\n\r\n", HOVER.as_bytes()]);
    survives("Content-Length too short", &bytes, &[-32700]);
}

#[test]
fn a_content_length_too_long_is_a_parse_error_and_the_next_message_is_not_swallowed() {
    for extra in [1, 40, 100_000] {
        let header = format!("Content-Length: {}\r\n\r\n", HOVER.len() + extra);
        let bytes = concat(&[header.as_bytes(), HOVER.as_bytes()]);
        survives(&format!("Content-Length {extra} too long"), &bytes, &[-32700]);
    }
}

#[test]
fn a_content_length_that_is_not_a_byte_count_is_a_parse_error() {
    for value in ["-5", "twelve", "", "1.5", "0x10"] {
        let bytes = concat(&[format!("Content-Length: {value}\r\n\r\n").as_bytes(), HOVER.as_bytes()]);
        survives(&format!("Content-Length {value:?}"), &bytes, &[-32700]);
    }
}

#[test]
fn a_missing_content_length_is_a_parse_error() {
    let bytes = concat(&[b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n", HOVER.as_bytes()]);
    survives("no Content-Length", &bytes, &[-32700]);
    survives("no header at all", HOVER.as_bytes(), &[-32700]);
}

#[test]
fn a_huge_content_length_is_refused_without_storing_it() {
    let mut session = Session::start();
    let (id, request) = session.symbols_request();
    session.send(b"Content-Length: 1000000000000\r\n\r\n");
    // 16 MB of a body that will never be complete: skipped as it comes.
    for _ in 0..16 {
        session.send(&vec![b'x'; 1024 * 1024]);
    }
    session.send(&frame(&request));
    session.assert_outline(id, "a huge Content-Length");
    assert_eq!(session.refusal_codes(), [-32700]);
    if let Some(peak) = session.peak_memory_mb() {
        assert!(peak < 200, "the server peaked at {peak} MB");
    }
    session.finish();
}

#[test]
fn a_lone_surrogate_or_invalid_utf8_is_a_parse_error() {
    let surrogate = br#"{"jsonrpc":"2.0","id":1000,"method":"textDocument/hover","params":{"x":"\ud800"}}"#;
    survives("a lone surrogate", &frame(surrogate), &[-32700]);
    let latin1 = b"{\"jsonrpc\":\"2.0\",\"method\":\"$/note\",\"params\":{\"x\":\"caf\xe9\"}}";
    survives("invalid UTF-8", &frame(latin1), &[-32700]);
}

#[test]
fn json_that_is_not_a_message_is_an_invalid_request() {
    for body in [
        "[1,2]",
        "42",
        r#"{"jsonrpc":"1.0","id":1000,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
    ] {
        survives(body, &frame(body.as_bytes()), &[-32600]);
    }
}

#[test]
fn lf_only_headers_and_other_headers_are_accepted() {
    let mut session = Session::start();
    for header in [
        "Content-Length: {}\n\n",
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
    ] {
        let (id, request) = session.symbols_request();
        session.send(&concat(&[header.replace("{}", &request.len().to_string()).as_bytes(), &request]));
        session.assert_outline(id, header);
    }
    assert_eq!(session.refusal_codes(), Vec::<i64>::new());
    session.finish();
}

#[test]
fn exit_after_shutdown_is_0() {
    Session::start().finish();
}

#[test]
fn exit_without_shutdown_is_1() {
    let mut session = Session::start();
    session.notify("exit", Value::Null);
    let (status, stderr) = session.ended();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`exit` without `shutdown`"), "{stderr}");
}

#[test]
fn input_closed_without_exit_is_1() {
    let mut session = Session::start();
    let shutdown = session.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    session.stdin = None; // closes the pipe
    let (status, stderr) = session.ended();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the input ended without `exit`"), "{stderr}");
}

/// Pieces of garbage: JSON's punctuation and words, escapes, line ends,
/// non-ASCII and invalid UTF-8. None of it reads as a `Content-Length`
/// header: text that does can send any reader out of step.
const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b":",
    b",",
    b" ",
    b"\r\n",
    b"\n",
    b"\r",
    b"\\ud800",
    b"\\u00e9",
    b"null",
    b"1e999",
    b"-0",
    b"\"jsonrpc\":\"2.0\"",
    b"\"id\":",
    b"\"method\":\"textDocument/hover\"",
    b"\"params\":",
    "é日🚀".as_bytes(),
    b"\xff\xfe",
    b"\x00",
    b"Content-Type: x\r\n",
    b"X: y\n",
];

fn garbage(rng: &mut Rng, pieces: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..pieces {
        if rng.below(4) == 0 {
            bytes.push(rng.below(256) as u8);
        } else {
            bytes.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
    }
    bytes
}

/// One malformed thing to send before a request; `last` when nothing but
/// the request follows (a too-long length needs the next header right
/// after the message it overshoots).
fn malformed(rng: &mut Rng, last: bool) -> Vec<u8> {
    let pieces = 1 + rng.below(30);
    let body = garbage(rng, pieces);
    let notification = format!(r#"{{"jsonrpc":"2.0","method":"$/noise","params":{{"n":{}}}}}"#, rng.next());
    match rng.below(if last { 7 } else { 6 }) {
        0 => frame(&body),
        1 => body,
        2 => concat(&[format!("Content-Length: {}\r\n\r\n", body.len() / 2).as_bytes(), &body, b"}}}"]),
        3 => concat(&[format!("Content-Length: -{}\r\n\r\n", body.len()).as_bytes(), &body]),
        4 => concat(&[b"Content-Length: 99999999999999\r\n\r\n", &body]),
        5 => concat(&[b"Content-Type: application/json\r\n\r\n", &body]),
        _ => {
            let header = format!("Content-Length: {}\r\n\r\n", notification.len() + 1 + rng.below(5000));
            concat(&[header.as_bytes(), notification.as_bytes()])
        }
    }
}

#[test]
fn random_garbage_between_requests_leaves_every_request_answered() {
    let mut session = Session::start();
    let mut rng = Rng(0x5eed_0f14);
    let mut refusals = 0;
    for round in 0..200 {
        let count = 1 + rng.below(3);
        let mut bytes = Vec::new();
        for i in 0..count {
            bytes.extend(malformed(&mut rng, i + 1 == count));
        }
        assert!(
            !bytes.windows(14).any(|w| w.eq_ignore_ascii_case(b"content-length") && w != b"Content-Length"),
            "the generator made a header by chance"
        );
        let (id, request) = session.symbols_request();
        session.send(&concat(&[&bytes, &frame(&request)]));
        session.assert_outline(id, &format!("round {round}: after {:?}", String::from_utf8_lossy(&bytes)));
        let codes = session.refusal_codes();
        assert!(codes.iter().all(|c| [-32700, -32600].contains(c)), "round {round}: {codes:?}");
        refusals += codes.len();
    }
    assert!(refusals >= 100, "most rounds had something to refuse: {refusals} errors");
    session.finish();
}
