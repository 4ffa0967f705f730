//! The server survives garbage: a bounded random walk (fixed seeds, so a
//! failure replays) of edits — random text, splices of a valid service,
//! ranged changes with positions past the end or inside a character — and
//! requests of every kind at random positions. Every edit must be answered
//! with diagnostics for its version, every request with a response, and
//! nothing may panic or hang.

mod client;
mod rng;

use std::time::Duration;

use client::Client;
use rng::Rng;
use serde_json::{Value, json};

const SERVICE: &str = r#"# A valid service to cut up.
service = "shop"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  environment {
    DOMAIN = ${param:domain}
    NOTE   = "é 日本 🚀 ${self:custom.tableName}"
  }
}

params {
  default {
    domain = "dev.example.com"
  }
}

custom {
  tableName = "shop-${sls:stage}-orders"
  banner    = """
    Welcome 🚀 ${self:service}
    """
  zones     = ["a", "b"]
}

function checkout {
  handler    = "shop.checkout"
  memorySize = 512
  httpApi    = "POST /checkout"
  environment {
    TABLE = ref(Orders)
    ARN   = getAtt(CheckoutLambdaFunction.Arn)
  }
}

resource Orders "AWS::DynamoDB::Table" {
  dependsOn   = ["Queue"]
  BillingMode = "PAY_PER_REQUEST"
  Arn         = sub("${Orders.Arn}-${AWS::Region}")
}

resource Queue "AWS::SQS::Queue" {}

output OrdersArn {
  value = getAtt(Orders.Arn)
}
"#;

/// Pieces random text is made of: the language's punctuation and words,
/// non-ASCII text, and control characters.
const PIECES: &[&str] = &[
    "function",
    "resource",
    "output",
    "provider",
    "params",
    "custom",
    "layer",
    " ",
    " ",
    "\n",
    "\n",
    "\r\n",
    "\t",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "=",
    ",",
    ".",
    ":",
    "\"",
    "\"\"\"",
    "'",
    "${",
    "self:",
    "param:",
    "opt:",
    "sls:",
    "env:",
    "ref(",
    "getAtt(",
    "sub(",
    "join(",
    "#",
    "//",
    "\\",
    "\\u{",
    "é",
    "日本",
    "🚀",
    "\u{0}",
    "\u{feff}",
    "Orders",
    "checkout",
    "x",
    "1",
    "-2.5e3",
    "true",
    "null",
    "AWS::Region",
    "handler",
    "memorySize",
    "httpApi",
    "\"a\"",
];

/// A byte offset of `text` at a character boundary.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn random_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.chance(5) {
        let depth = 50 + rng.below(300);
        let open = ["[", "{", "(", "${self:", "sub("][rng.below(5)];
        text.push_str(&format!("x = {}", open.repeat(depth)));
    }
    for _ in 0..rng.below(120) {
        text.push_str(PIECES[rng.below(PIECES.len())]);
    }
    text
}

/// The valid service with a piece cut out, moved or doubled.
fn splice(rng: &mut Rng) -> String {
    let mut text = SERVICE.to_owned();
    for _ in 0..1 + rng.below(3) {
        let (a, b) = (boundary(&text, rng), boundary(&text, rng));
        let (start, end) = (a.min(b), a.max(b));
        let piece = text[start..end].to_owned();
        match rng.below(3) {
            0 => text.replace_range(start..end, ""),
            1 => {
                let at = boundary(&text, rng);
                text.insert_str(at, &piece);
            }
            _ => text.replace_range(start..end, PIECES[rng.below(PIECES.len())]),
        }
    }
    text
}

/// A position anywhere: usually in the text, sometimes past the end of
/// its line or of the text, or inside a character.
fn position(text: &str, rng: &mut Rng) -> Value {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = rng.below(lines.len() + 3);
    let length = lines.get(line).map_or(0, |l| l.encode_utf16().count());
    let character = if rng.chance(80) { rng.below(length + 1) } else { rng.below(length + 50) + length };
    let line = if rng.chance(3) { u32::MAX as usize } else { line };
    json!({ "line": line, "character": character })
}

fn range(text: &str, rng: &mut Rng) -> Value {
    json!({ "start": position(text, rng), "end": position(text, rng) })
}

/// One random request; `None` when the answer may be a refusal.
fn request(text: &str, uri: &str, rng: &mut Rng) -> (&'static str, Value) {
    let document = json!({ "uri": uri });
    let at = json!({ "textDocument": document, "position": position(text, rng) });
    let names = ["Renamed", "x", "", "a.b", "my name", "9", "é", "Orders", "checkout", "domain"];
    match rng.below(13) {
        0 => ("textDocument/hover", at),
        1 => ("textDocument/completion", at),
        2 => ("textDocument/definition", at),
        3 => {
            let mut params = at;
            params["context"] = json!({ "includeDeclaration": rng.chance(50) });
            ("textDocument/references", params)
        }
        4 => ("textDocument/prepareRename", at),
        5 => {
            let mut params = at;
            params["newName"] = json!(names[rng.below(names.len())]);
            ("textDocument/rename", params)
        }
        6 => (
            "textDocument/formatting",
            json!({ "textDocument": document, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
        7 => ("textDocument/inlayHint", json!({ "textDocument": document, "range": range(text, rng) })),
        8 => ("textDocument/documentSymbol", json!({ "textDocument": document })),
        9 => ("textDocument/semanticTokens/full", json!({ "textDocument": document })),
        10 => (
            "textDocument/codeAction",
            json!({ "textDocument": document, "range": range(text, rng), "context": { "diagnostics": [] } }),
        ),
        11 => ("textDocument/foldingRange", json!({ "textDocument": document })),
        _ => (
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///not/open.svc" }, "position": position(text, rng) }),
        ),
    }
}

/// Applies a ranged change the way the server should: positions clamped.
fn clamp_offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    // Lines end with `\n`, `\r\n` or a lone `\r`, as the protocol says.
    let lone_cr = |i: usize| text.as_bytes()[i] == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n');
    let ends = text.match_indices(['\n', '\r']).map(|(i, _)| i).filter(|&i| text.as_bytes()[i] == b'\n' || lone_cr(i));
    let starts: Vec<usize> = std::iter::once(0).chain(ends.map(|i| i + 1)).collect();
    let Some(&start) = starts.get(line) else { return text.len() };
    let source = text[start..].split(['\n', '\r']).next().unwrap_or_default();
    let mut units = 0;
    for (i, ch) in source.char_indices() {
        if units >= character || units + ch.len_utf16() > character {
            return start + i;
        }
        units += ch.len_utf16();
    }
    start + source.len()
}

async fn walk(seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let (mut client, _) = Client::start(&[], None).await;
    // A second server that always gets the whole text: the first one's
    // diagnostics must match its own, or a ranged edit was misapplied.
    let (mut reference, _) = Client::start(&[], None).await;
    let uri = client.uri.clone();
    let mut text = SERVICE.to_owned();
    let mut version = 1;
    client.open(&text).await;
    reference.open(&text).await;
    let (mut edits, mut requests) = (0, 0);
    for step in 0..steps {
        if rng.chance(35) {
            version += 1;
            let change = match rng.below(4) {
                0 => {
                    text = random_text(&mut rng);
                    json!({ "text": text })
                }
                1 => {
                    text = splice(&mut rng);
                    json!({ "text": text })
                }
                _ => {
                    let range = range(&text, &mut rng);
                    let inserted = if rng.chance(50) { random_text(&mut rng) } else { String::new() };
                    let (a, b) = (clamp_offset(&text, &range["start"]), clamp_offset(&text, &range["end"]));
                    text.replace_range(a.min(b)..a.max(b), &inserted);
                    json!({ "range": range, "text": inserted })
                }
            };
            client
                .notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
                )
                .await;
            let published = client.diagnostics().await;
            assert_eq!(published["version"], version, "seed {seed} step {step}: diagnostics for the new version");
            let expected = reference.change(version, &text).await;
            assert_eq!(
                published["diagnostics"], expected["diagnostics"],
                "seed {seed} step {step}: the server's text is not the client's after {change}\ntext:\n{text}"
            );
            edits += 1;
        } else {
            let (method, params) = request(&text, &uri, &mut rng);
            let answer = tokio::time::timeout(Duration::from_secs(10), client.try_request(method, params.clone()))
                .await
                .unwrap_or_else(|_| panic!("seed {seed} step {step}: {method} hung\nparams: {params}\ntext:\n{text}"));
            if let Err(error) = answer {
                assert!(
                    method.ends_with("ename") && error.code == tower_lsp::jsonrpc::ErrorCode::InvalidParams,
                    "seed {seed} step {step}: {method} failed: {error:?}\nparams: {params}\ntext:\n{text}"
                );
            }
            requests += 1;
        }
    }
    // Still serving: a valid text gets its usual answers.
    client.change(version + 1, SERVICE).await;
    let line = SERVICE.lines().position(|l| l.starts_with("  memorySize")).expect("a memorySize line");
    let hover = client.at("textDocument/hover", json!({ "line": line, "character": 4 })).await;
    assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.starts_with("**memorySize**")), "{hover:#}");
    assert!(edits > steps / 5 && requests > steps / 2, "{edits} edits, {requests} requests");
}

/// Three fixed seeds; `SVC_LSP_GARBAGE_SEEDS=500` walks 500 more (seeds
/// 1 to 500) for a longer hunt.
#[tokio::test]
async fn random_edits_and_requests_get_answers() {
    let more: u64 = std::env::var("SVC_LSP_GARBAGE_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    for seed in [0x5eed_0001, 0xdead_beef, 0x1234_5678_9abc].into_iter().chain(1..=more) {
        walk(seed, 600).await;
    }
}

/// The same walk when the client counts bytes.
#[tokio::test]
async fn random_walk_in_utf8() {
    let mut rng = Rng(42);
    let (mut client, init) = Client::start(&["utf-8"], None).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = client.uri.clone();
    client.open(SERVICE).await;
    for step in 0..400 {
        let (method, params) = request(SERVICE, &uri, &mut rng);
        let answer = client.try_request(method, params.clone()).await;
        assert!(
            answer.is_ok() || method.ends_with("ename"),
            "step {step}: {method} failed: {answer:?}\nparams: {params}"
        );
    }
}
