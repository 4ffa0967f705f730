//! A document with more problems than the server publishes: the first
//! 1,000 in the order of the file, after one at the top that counts the
//! others; a fix clears that count.

mod client;

use client::Client;
use serde_json::{Value, json};
use svc_compiler::analysis::analyse;
use svc_compiler::resolve::Options;

const PUBLISHED: usize = 1000;

/// A service with `lines` values that refer to nothing (one error each:
/// not syntax errors, which the compiler itself stops reporting at 1,000).
fn broken(lines: usize) -> String {
    custom((0..lines).map(|i| format!("  k{i} = \"${{self:custom.nothing{i}}}\"\n")))
}

/// A service whose `custom` holds `lines`.
fn custom(lines: impl Iterator<Item = String>) -> String {
    let mut text = String::from("service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\ncustom {\n");
    text.extend(lines);
    text.push_str("}\n");
    text
}

fn start_line(diagnostic: &Value) -> u64 {
    diagnostic["range"]["start"]["line"].as_u64().expect("a line")
}

#[tokio::test]
async fn past_the_cap_the_first_problems_are_published_after_a_count_of_the_others() {
    let text = broken(1_600);
    let total = analyse(&text, &Options::default(), &svc_lsp::Disk).diagnostics.len();
    assert!(total > PUBLISHED + 100, "the service has more problems than are published: {total}");
    let (mut client, _) = Client::start(&[], None).await;
    let published = client.open(&text).await;
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), PUBLISHED + 1, "the first problems and the count");

    let summary = &diagnostics[0];
    assert_eq!(
        summary["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } })
    );
    assert_eq!(summary["severity"], json!(1), "as severe as the worst hidden problem: an error");
    let message = summary["message"].as_str().expect("a message");
    assert!(message.contains(&format!("{} more errors not shown", total - PUBLISHED)), "{message}");
    assert!(message.contains("the editor shows the first 1000 problems"), "{message}");

    let shown = &diagnostics[1..];
    assert!(shown.iter().all(|d| d["code"].is_string()), "every other one is a problem with its code");
    assert!(shown.windows(2).all(|w| start_line(&w[0]) <= start_line(&w[1])), "in the order of the file");
    assert_eq!(start_line(&shown[0]), 5, "from the first broken line");
    assert!(start_line(&shown[PUBLISHED - 1]) < 5 + 1_600, "not up to the last broken line");
}

#[tokio::test]
async fn under_the_cap_every_problem_is_published_and_the_count_goes() {
    let (mut client, _) = Client::start(&[], None).await;
    let many = client.open(&broken(1_600)).await;
    assert_eq!(many["diagnostics"].as_array().map(Vec::len), Some(PUBLISHED + 1));
    let few = client.change(2, &broken(3)).await;
    let diagnostics = few["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 3, "one per broken line, and no count: {few:#}");
    assert!(diagnostics.iter().all(|d| d["code"].is_string()), "{few:#}");
}

#[tokio::test]
async fn quick_fixes_are_offered_for_the_published_problems_only() {
    let (mut client, _) = Client::start(&[], None).await;
    // `timout` is an unknown key with a fix (`timeout`), once per function:
    // not a syntax error, which the compiler itself stops reporting at 1,000.
    let mut text = String::from("service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\n");
    text.extend((0..1500).map(|i| format!("function f{i} {{\n  handler = \"h.f\"\n  timout = 1\n}}\n")));
    client.open(&text).await;
    let uri = client.uri.clone();
    let broken: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains("timout")).map(|(i, _)| i).collect();
    let mut fixes = Vec::new();
    for line in [broken[0], broken[broken.len() - 1]] {
        let end = text.lines().nth(line).and_then(|l| l.find(" = 1")).expect("a broken line");
        let range = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": end } });
        let params = json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } });
        fixes.push(client.request("textDocument/codeAction", params).await);
    }
    assert!(fixes[0].as_array().is_some_and(|f| !f.is_empty()), "the first broken line has a fix: {:#}", fixes[0]);
    assert_eq!(fixes[1], json!([]), "the last one's problems are not shown, nor fixed");
}
