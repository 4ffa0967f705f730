//! The language server's speed, in process: on generated services of 500
//! and 5,000 lines, the medians of
//!
//! - `didChange` → `publishDiagnostics`, with the whole text and with one
//!   ranged edit (the text is then parsed, resolved and checked whole, and
//!   every diagnostic converted): an edit of a value, which leaves the
//!   resources svc generates as they were (the check reuses them), and an
//!   edit of a route's path, which changes them (the check lowers the
//!   service again to know them);
//! - hover (on a `${self:…}` variable, a key, `getAtt(…)`) and completion
//!   (keys in a function, a `self:` path, resources in `ref(…)`, also right
//!   after an edit) latency;
//! - for comparison, references, semantic tokens and folding ranges;
//! - where the `didChange` time goes: each phase of the compiler's
//!   `analysis::analyse` alone (parse, value tree, resolve, check), the
//!   rest being the server's;
//!
//! and the resident memory (VmRSS) after opening the 5,000-line file: of
//! this process (the server in process), and of a real `svc lsp` process
//! when `SVC_LSP_BENCH_BIN` names the binary (`bench/lsp-latency.sh` builds
//! it in release and sets it).
//!
//! Targets: diagnostics under 10 ms at 5,000 lines, hover and completion
//! under 5 ms, memory under 50 MB. Not a test: it prints, it does not fail.
//! `cargo bench -p svc-lsp --bench lsp-latency`; `SVC_LSP_BENCH_RUNS=n`
//! sets the runs per figure (default 200).

mod generate;
mod process;

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use svc_compiler::resolve::Options;
use svc_lsp::Backend;
use svc_lsp::Disk;
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::{ClientSocket, LspService};

pub(crate) const URI: &str = "file:///bench/service.svc";

struct Server {
    service: LspService<Backend>,
    socket: ClientSocket,
    next_id: i64,
    version: i32,
}

impl Server {
    async fn start() -> Server {
        let (service, socket) = LspService::new(Backend::new);
        let mut server = Server { service, socket, next_id: 1, version: 1 };
        server.request("initialize", json!({ "capabilities": {} })).await;
        server.send(Request::build("initialized").params(json!({})).finish()).await;
        server
    }

    async fn send(&mut self, request: Request) -> Option<Response> {
        self.service.ready().await.expect("ready").call(request).await.expect("served")
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let request = Request::build(method.to_owned()).id(self.next_id).params(params).finish();
        let response = self.send(request).await.expect("a response");
        response.into_parts().1.expect("the request succeeds")
    }

    /// Sends a notification and waits for the diagnostics it publishes:
    /// them, and when they arrived (the handler may go on a little, to
    /// free the replaced document).
    async fn notify_for_diagnostics(&mut self, method: &str, params: Value) -> (Value, Instant) {
        let request = Request::build(method.to_owned()).params(params).finish();
        let call = async {
            self.service.ready().await.expect("ready").call(request).await.expect("served");
        };
        let socket = &mut self.socket;
        let published = async {
            loop {
                let message = socket.next().await.expect("the server runs");
                if message.method() == "textDocument/publishDiagnostics" {
                    return (message.params().cloned().unwrap_or(Value::Null), Instant::now());
                }
            }
        };
        let ((), diagnostics) = futures::join!(call, published);
        diagnostics
    }

    async fn open(&mut self, text: &str) -> Value {
        let params = json!({ "textDocument": { "uri": URI, "languageId": "svc", "version": 1, "text": text } });
        self.notify_for_diagnostics("textDocument/didOpen", params).await.0
    }

    async fn change(&mut self, text: &str) -> (Value, Instant) {
        self.change_with(json!({ "text": text })).await
    }

    async fn change_with(&mut self, change: Value) -> (Value, Instant) {
        self.version += 1;
        let params = json!({ "textDocument": { "uri": URI, "version": self.version }, "contentChanges": [change] });
        self.notify_for_diagnostics("textDocument/didChange", params).await
    }
}

/// Line and UTF-16 column where `marker` ends, in the middle unit's copy.
fn position(text: &str, marker: &str) -> Value {
    let middle = text.len() / 2;
    let at = middle + text[middle..].find(marker).expect("marker after the middle") + marker.len();
    let line = text[..at].matches('\n').count();
    let column = text[..at].rsplit('\n').next().map_or(0, |l| l.encode_utf16().count());
    json!({ "line": line, "character": column })
}

/// A single edit measured: its label, where it is typed (after which
/// text, in the middle unit) and what.
type Edit = (&'static str, &'static str, &'static str);

/// A space after `memorySize  =`: the resources stay the same.
const VALUE_EDIT: Edit = ("didChange (one edit) → diagnostics", "memorySize  =", " ");

/// An `x` in a route's path: its route resource's ID changes.
const ROUTE_EDIT: Edit = ("didChange (one edit to a route path) → diagnostics", "path   = \"/items", "x");

/// The `i`th of two alternating ranged edits in the middle of `text`:
/// the edit's text typed, then removed.
fn edit(text: &str, (_, marker, typed): Edit, i: usize) -> Value {
    let at = position(text, marker);
    let end = at["character"].as_u64().unwrap_or(0) + typed.encode_utf16().count() as u64;
    let after = json!({ "line": at["line"], "character": end });
    match i % 2 {
        0 => json!({ "range": { "start": at, "end": at }, "text": typed }),
        _ => json!({ "range": { "start": at, "end": after }, "text": "" }),
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn runs() -> usize {
    std::env::var("SVC_LSP_BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(200)
}

/// VmRSS (or another field) of `/proc/<pid>/status`, in MB.
pub(crate) fn memory(pid: &str, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn ms(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1e3)
}

async fn bench_text(text: &str) -> Vec<(String, Duration)> {
    let edited = text.replacen("memorySize  = ${self:custom", "memorySize  =  ${self:custom", 1);
    let mut server = Server::start().await;
    let opened = server.open(text).await;
    let count = opened["diagnostics"].as_array().map_or(0, Vec::len);
    if count > 0 {
        eprintln!("warning: the generated service has {count} diagnostics: {:#}", opened["diagnostics"][0]);
    }
    let runs = runs();
    let mut figures = Vec::new();
    let mut flip = false;
    let server = &mut server;
    let diagnostics = {
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            flip = !flip;
            let started = Instant::now();
            let (published, arrived) = server.change(if flip { &edited } else { text }).await;
            samples.push(arrived - started);
            assert_eq!(published["version"], server.version);
        }
        median(samples)
    };
    figures.push(("didChange (whole text) → diagnostics".to_owned(), diagnostics));
    server.change(text).await;
    for kind in [VALUE_EDIT, ROUTE_EDIT] {
        let mut samples = Vec::with_capacity(runs);
        for i in 0..runs {
            let started = Instant::now();
            let (published, arrived) = server.change_with(edit(text, kind, i)).await;
            samples.push(arrived - started);
            assert_eq!(published["version"], server.version);
        }
        figures.push((kind.0.to_owned(), median(samples)));
    }
    // What `ref` may name comes from lowering the whole service (in the
    // background after each edit); right after an edit, completion answers
    // from the previous version's list.
    let in_ref = json!({ "textDocument": { "uri": URI }, "position": position(text, "TABLE     = ref(") });
    let mut samples = Vec::with_capacity(runs / 4);
    for i in 0..(runs / 4).max(1) {
        server.change_with(edit(text, VALUE_EDIT, i)).await;
        let started = Instant::now();
        server.request("textDocument/completion", in_ref.clone()).await;
        samples.push(started.elapsed());
    }
    figures.push(("completion in ref(…) right after an edit".to_owned(), median(samples)));
    if runs / 4 % 2 == 1 {
        server.change_with(edit(text, VALUE_EDIT, 1)).await;
    }
    let requests: [(&str, &str, Value); 9] = [
        ("hover on ${self:…}", "textDocument/hover", position(text, "memorySize  = ${sel")),
        ("hover on getAtt(…)", "textDocument/hover", position(text, "TABLE_ARN = getAtt(Tab")),
        ("completion in ref(…)", "textDocument/completion", position(text, "TABLE     = ref(")),
        ("hover on a key", "textDocument/hover", position(text, "  memoryS")),
        ("completion of keys", "textDocument/completion", position(text, "\n  ")),
        ("completion of a self: path", "textDocument/completion", position(text, "${self:custom.")),
        ("references of a resource", "textDocument/references", position(text, "resource Tab")),
        ("semantic tokens (whole file)", "textDocument/semanticTokens/full", Value::Null),
        ("folding ranges (whole file)", "textDocument/foldingRange", Value::Null),
    ];
    for (label, method, at) in requests {
        let mut params = json!({ "textDocument": { "uri": URI } });
        if !at.is_null() {
            params["position"] = at;
            params["context"] = json!({ "includeDeclaration": true, "triggerKind": 1 });
        }
        let answer = server.request(method, params.clone()).await;
        assert!(!answer.is_null(), "{label}: an answer");
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let params = params.clone();
            let started = Instant::now();
            server.request(method, params).await;
            samples.push(started.elapsed());
        }
        figures.push((label.to_owned(), median(samples)));
    }
    figures
}

/// The median time of each phase of `analysis::analyse` on `text`.
fn phases(text: &str) -> Vec<(&'static str, Duration)> {
    let options = Options { env: std::env::vars().collect(), ..Options::default() };
    let mut samples: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs() {
        let started = Instant::now();
        let parse = svc_compiler::parse(text);
        let parsed = started.elapsed();
        let (tree, _) = svc_compiler::tree::from_syntax(&parse.file);
        let built = started.elapsed();
        let (resolved, _) = svc_compiler::resolve::resolve(tree.clone(), &options, &Disk);
        let resolved_at = started.elapsed();
        // The check as `analyse` runs it: schema, settings, the lowering for
        // names, references, rules and `sub` texts.
        let (checked, _) = svc_compiler::check::check(resolved.clone());
        let settings = svc_compiler::Settings::new(&checked, &options);
        let generated = Arc::new(svc_compiler::analysis::lower_for_names(&checked, &settings));
        let references = svc_compiler::check::check_references(&checked, &mut || Arc::clone(&generated));
        let rules = svc_compiler::check::check_rules(&checked);
        let sub = svc_compiler::check::check_sub_text(&parse.file);
        let checked_at = started.elapsed();
        drop((checked, references, rules, sub));
        let started = Instant::now();
        let analysis = svc_compiler::analysis::analyse(text, &options, &Disk);
        samples[4].push(started.elapsed());
        drop(analysis);
        samples[0].push(parsed);
        samples[1].push(built - parsed);
        samples[2].push(resolved_at - built);
        samples[3].push(checked_at - resolved_at);
    }
    let [parse, tree, resolve, check, whole] = samples;
    vec![
        ("parse", median(parse)),
        ("value tree", median(tree)),
        ("resolve", median(resolve)),
        ("check", median(check)),
        ("analyse (all four)", median(whole)),
    ]
}

/// RSS of this process before and after a server opens `text`.
async fn memory_in_process(text: &str) -> (f64, f64) {
    let before = memory("self", "VmRSS:").unwrap_or(f64::NAN);
    let mut server = Server::start().await;
    server.open(text).await;
    let after = memory("self", "VmRSS:").unwrap_or(f64::NAN);
    drop(server);
    (before, after)
}

/// The 1-minute load average, to judge the figures by.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Medians by name, then the server's VmRSS after opening and its peak.
type StdioFigures = (Vec<(String, Duration)>, f64, f64);

/// Medians of didChange → publishDiagnostics, hover and completion from
/// a real `svc lsp` over stdio, and its memory after opening `text`.
fn over_stdio(binary: &str, text: &str) -> Result<StdioFigures, String> {
    let mut server = process::Process::start(binary)?;
    server.open(text)?;
    let rss = server.memory("VmRSS:").ok_or("no VmRSS")?;
    let edited = text.replacen("memorySize  = ${self:custom", "memorySize  =  ${self:custom", 1);
    let mut samples = Vec::with_capacity(runs());
    for i in 0..runs() {
        samples.push(server.change(json!({ "text": if i % 2 == 0 { &edited } else { text } }))?);
    }
    let mut figures = vec![("didChange (whole text) → diagnostics".to_owned(), median(samples))];
    for kind in [VALUE_EDIT, ROUTE_EDIT] {
        let mut samples = Vec::with_capacity(runs());
        for i in 0..runs() {
            samples.push(server.change(edit(text, kind, i))?);
        }
        figures.push((kind.0.to_owned(), median(samples)));
    }
    let in_ref = json!({ "textDocument": { "uri": URI }, "position": position(text, "TABLE     = ref(") });
    let mut samples = Vec::with_capacity(runs() / 4);
    for i in 0..(runs() / 4).max(1) * 2 {
        server.change(edit(text, VALUE_EDIT, i))?;
        if i % 2 == 1 {
            let started = Instant::now();
            server.request("textDocument/completion", in_ref.clone())?;
            samples.push(started.elapsed());
        }
    }
    figures.push(("completion in ref(…) right after an edit".to_owned(), median(samples)));
    for (label, method, marker) in [
        ("hover on ${self:…}", "textDocument/hover", "memorySize  = ${sel"),
        ("completion of keys", "textDocument/completion", "\n  "),
        ("hover on getAtt(…)", "textDocument/hover", "TABLE_ARN = getAtt(Tab"),
        ("completion in ref(…)", "textDocument/completion", "TABLE     = ref("),
    ] {
        let params = json!({ "textDocument": { "uri": URI }, "position": position(text, marker) });
        let mut samples = Vec::with_capacity(runs());
        for _ in 0..runs() {
            let started = Instant::now();
            server.request(method, params.clone())?;
            samples.push(started.elapsed());
        }
        figures.push((label.to_owned(), median(samples)));
    }
    let peak = server.memory("VmHWM:").ok_or("no VmHWM")?;
    server.stop();
    Ok((figures, rss, peak))
}

fn print_table(title: &str, table: &[(usize, Vec<(String, Duration)>)]) {
    println!("\n{title}\n");
    println!("| {:<38} | {:>14} | {:>14} |", "", format!("{} lines", table[0].0), format!("{} lines", table[1].0));
    println!("|{:-<40}|{:->16}|{:->16}|", "", ":", ":");
    for (i, (label, small)) in table[0].1.iter().enumerate() {
        println!("| {label:<38} | {:>14} | {:>14} |", ms(*small), ms(table[1].1[i].1));
    }
}

fn main() {
    // `cargo test --benches` runs this with `--test`: nothing to check.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let texts: Vec<String> = [500, 5_000].into_iter().map(generate::service).collect();
    let (before, after) = runtime.block_on(memory_in_process(&texts[1]));
    let mut table = Vec::new();
    for text in &texts {
        let mut figures = runtime.block_on(bench_text(text));
        figures.extend(phases(text).into_iter().map(|(phase, time)| (format!("compiler alone: {phase}"), time)));
        table.push((text.lines().count(), figures));
    }
    println!(
        "\nsvc lsp: medians of {} runs; targets: diagnostics < 10 ms at 5,000 lines, hover and completion < 5 ms, \
         memory < 50 MB (generated services of {} and {} bytes; load average {})",
        runs(),
        texts[0].len(),
        texts[1].len(),
        load()
    );
    print_table("In process (the tower-lsp service driven directly; system allocator):", &table);
    println!(
        "\nmemory in process after opening the {}-line service: VmRSS {after:.1} MB ({before:.1} MB before)",
        table[1].0
    );
    let Ok(binary) = std::env::var("SVC_LSP_BENCH_BIN") else {
        println!("\n`svc lsp` over stdio: set SVC_LSP_BENCH_BIN to the svc binary (bench/lsp-latency.sh does)");
        return;
    };
    let mut table = Vec::new();
    let mut memory = (0.0, 0.0);
    for text in &texts {
        match over_stdio(&binary, text) {
            Ok((figures, rss, peak)) => {
                table.push((text.lines().count(), figures));
                memory = (rss, peak);
            }
            Err(error) => {
                println!("\n`svc lsp` over stdio ({binary}): {error}");
                return;
            }
        }
    }
    print_table(&format!("`svc lsp` over stdio ({binary}; JSON framing and pipes included):"), &table);
    println!(
        "\nmemory of `svc lsp` after opening the {}-line service: VmRSS {:.1} MB; peak (VmHWM) after the runs {:.1} MB",
        table[1].0, memory.0, memory.1
    );
}
