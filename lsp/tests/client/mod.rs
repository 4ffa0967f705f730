//! An in-process LSP client for the tests: it drives the real
//! `tower-lsp` service with JSON-RPC messages and reads what the server
//! sends back (diagnostics), with the cursor marked in the source as `‸`.

#![allow(dead_code)]

use futures::StreamExt;
use serde_json::{Value, json};
use svc_lsp::Backend;
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::{ClientSocket, LspService};

/// The cursor marker in test sources.
pub const CURSOR: char = '‸';

/// A client connected to a fresh server.
pub struct Client {
    service: LspService<Backend>,
    socket: ClientSocket,
    next_id: i64,
    /// The URI of the document the tests open.
    pub uri: String,
}

impl Client {
    /// Starts a server and initializes it; `encodings` are the position
    /// encodings the client offers (`["utf-8", "utf-16"]`), `stage` the
    /// `svc.stage` setting.
    pub async fn start(encodings: &[&str], stage: Option<&str>) -> (Client, Value) {
        let dir = std::env::temp_dir().join("svc-lsp-tests");
        let uri = format!("file://{}/service.svc", dir.display());
        Client::start_with(encodings, uri, json!({ "stage": stage })).await
    }

    /// [`Client::start`] for the document at `uri`, with these
    /// `initializationOptions`.
    pub async fn start_with(encodings: &[&str], uri: String, options: Value) -> (Client, Value) {
        let (service, socket) = LspService::new(Backend::new);
        let mut client = Client { service, socket, next_id: 1, uri };
        let init = client
            .request(
                "initialize",
                json!({
                    "capabilities": { "general": { "positionEncodings": encodings } },
                    "initializationOptions": options,
                }),
            )
            .await;
        client.notify("initialized", json!({})).await;
        (client, init)
    }

    /// Sends a request; its result.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let request = Request::build(method.to_owned()).id(id).params(params).finish();
        let response: Option<Response> =
            self.service.ready().await.expect("ready").call(request).await.expect("no transport error");
        let response = response.expect("a request gets a response");
        let (_, result) = response.into_parts();
        result.expect("the request succeeds")
    }

    /// Sends a request; its result, or the error the server answered with.
    pub async fn try_request(&mut self, method: &str, params: Value) -> Result<Value, tower_lsp::jsonrpc::Error> {
        let id = self.next_id;
        self.next_id += 1;
        let request = Request::build(method.to_owned()).id(id).params(params).finish();
        let response: Option<Response> =
            self.service.ready().await.expect("ready").call(request).await.expect("no transport error");
        let (_, result) = response.expect("a request gets a response").into_parts();
        result
    }

    /// Sends a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_owned()).params(params).finish();
        let response = self.service.ready().await.expect("ready").call(request).await.expect("no transport error");
        assert!(response.is_none(), "a notification gets no response");
    }

    /// The next `publishDiagnostics` the server sent.
    pub async fn diagnostics(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(std::time::Duration::from_secs(5), self.socket.next())
                .await
                .expect("the server publishes diagnostics within 5 s")
                .expect("the server is running");
            if message.method() == "textDocument/publishDiagnostics" {
                return message.params().cloned().unwrap_or(Value::Null);
            }
        }
    }

    /// Opens `text` (version 1) and returns its diagnostics.
    pub async fn open(&mut self, text: &str) -> Value {
        let uri = self.uri.clone();
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "svc", "version": 1, "text": text } }),
        )
        .await;
        self.diagnostics().await
    }

    /// Replaces the text (full sync) and returns the new diagnostics.
    pub async fn change(&mut self, version: i32, text: &str) -> Value {
        let uri = self.uri.clone();
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        )
        .await;
        self.diagnostics().await
    }

    /// A request at a position of the open document.
    pub async fn at(&mut self, method: &str, position: Value) -> Value {
        let uri = self.uri.clone();
        self.request(method, json!({ "textDocument": { "uri": uri }, "position": position })).await
    }
}

/// `source` without its cursor marker, and the cursor's position in
/// UTF-16 and in UTF-8 units.
pub fn cursor(source: &str) -> (String, Value, Value) {
    let at = source.find(CURSOR).expect("the source marks the cursor with ‸");
    let text = source.replacen(CURSOR, "", 1);
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let utf16 = json!({ "line": line, "character": before.encode_utf16().count() });
    let utf8 = json!({ "line": line, "character": before.len() });
    (text, utf16, utf8)
}

/// The source line of `position` with `‸` at it, then `answer`: how the
/// snapshots show a request and its result.
pub fn show(text: &str, utf8_position: &Value, answer: &str) -> String {
    let line = utf8_position["line"].as_u64().unwrap_or(0) as usize;
    let column = utf8_position["character"].as_u64().unwrap_or(0) as usize;
    let source = text.lines().nth(line).unwrap_or_default();
    let column = column.min(source.len());
    format!("{}{CURSOR}{}\n---\n{answer}", &source[..column], &source[column..])
}

/// The UTF-8 column of a column counted in UTF-16 units on `line`.
pub fn utf8_column(line: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, ch) in line.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += ch.len_utf16();
    }
    line.len()
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
pub fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let source = text[start..].split('\n').next().unwrap_or_default();
    start + utf8_column(source, character)
}

/// The lines of `text` that `ranges` (LSP ranges, UTF-16) touch, each
/// with `^` under the range: how the snapshots show places.
pub fn underline(text: &str, ranges: &[Value]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut by_line: Vec<(usize, usize, usize)> = ranges
        .iter()
        .map(|r| {
            let line = r["start"]["line"].as_u64().expect("line") as usize;
            let source = lines.get(line).copied().unwrap_or_default();
            let start = utf8_column(source, r["start"]["character"].as_u64().expect("character") as usize);
            let end = utf8_column(source, r["end"]["character"].as_u64().expect("character") as usize);
            (line, start, end)
        })
        .collect();
    by_line.sort();
    let mut i = 0;
    while i < by_line.len() {
        let line = by_line[i].0;
        let source = lines.get(line).copied().unwrap_or_default();
        let mut marks = String::new();
        while i < by_line.len() && by_line[i].0 == line {
            let (_, start, end) = by_line[i];
            let pad = source[..start].chars().count().saturating_sub(marks.chars().count());
            marks.push_str(&" ".repeat(pad));
            marks.push_str(&"^".repeat(source[start..end].chars().count().max(1)));
            i += 1;
        }
        out.push_str(&format!("{:>3} | {source}\n    | {marks}\n", line + 1));
    }
    out
}

/// `text` with LSP text edits (UTF-16) applied.
pub fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let start = offset_of(text, &e["range"]["start"]);
            let end = offset_of(text, &e["range"]["end"]);
            (start, end, e["newText"].as_str().expect("newText"))
        })
        .collect();
    spans.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The lines that differ between `before` and `after` (same line count),
/// as `-`/`+` pairs.
pub fn changed_lines(before: &str, after: &str) -> String {
    let mut out = String::new();
    for (i, (old, new)) in before.lines().zip(after.lines()).enumerate() {
        if old != new {
            out.push_str(&format!("{:>3} - {old}\n    + {new}\n", i + 1));
        }
    }
    out
}
