//! Every feature of the server, driven in process through the real
//! tower-lsp service, as snapshots that show the cursor and the answer.

mod client;

use client::{Client, cursor, show};
use serde_json::{Value, json};

const SERVICE: &str = r#"# The seed service, as an editor sees it.
service = "shop"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  region  = "eu-west-1"
}

custom {
  tableName = "shop-${sls:stage}-orders"
}

function checkout {
  handler    = "shop.checkout"
  memorySize = 512
  environment {
    TABLE = ${self:custom.tableName}
  }
  httpApi = "POST /checkout"
}

resource Orders "AWS::DynamoDB::Table" {
  BillingMode = "PAY_PER_REQUEST"
}

output OrdersArn {
  value = getAtt(Orders.Arn)
}
"#;

/// Opens `SERVICE` with the cursor put where `marker` (a unique piece of
/// the text) ends, `shift` characters further.
async fn at(marker: &str, shift: isize, method: &str) -> String {
    let offset = SERVICE.find(marker).expect("marker in the service") as isize + marker.len() as isize + shift;
    let mut marked = SERVICE.to_owned();
    marked.insert(offset as usize, client::CURSOR);
    let (text, utf16, utf8) = cursor(&marked);
    let (mut client, _) = Client::start(&[], None).await;
    client.open(&text).await;
    let answer = client.at(method, utf16).await;
    show(&text, &utf8, &render(method, &answer))
}

/// A readable form of an answer.
fn render(method: &str, answer: &Value) -> String {
    match method {
        "textDocument/hover" => answer["contents"]["value"].as_str().unwrap_or("(no hover)").to_owned(),
        "textDocument/completion" => {
            let mut labels: Vec<String> = answer
                .as_array()
                .into_iter()
                .flatten()
                .map(|i| format!("{} — {}", i["label"].as_str().unwrap_or(""), i["detail"].as_str().unwrap_or("")))
                .collect();
            labels.truncate(25);
            labels.join("\n")
        }
        _ => serde_json::to_string_pretty(answer).unwrap_or_default(),
    }
}

#[tokio::test]
async fn hover_documents_a_key() {
    insta::assert_snapshot!(at("  memorySi", 0, "textDocument/hover").await);
}

#[tokio::test]
async fn hover_shows_a_variable_resolved() {
    insta::assert_snapshot!(at("TABLE = ${self:cus", 0, "textDocument/hover").await);
}

#[tokio::test]
async fn hover_on_getatt_names_the_resource() {
    insta::assert_snapshot!(at("getAtt(Ord", 0, "textDocument/hover").await);
}

#[tokio::test]
async fn hover_on_a_function_label_gives_its_deployed_name() {
    insta::assert_snapshot!(at("function check", 0, "textDocument/hover").await);
}

#[tokio::test]
async fn completion_offers_function_keys_and_events() {
    insta::assert_snapshot!(at("  memorySize = 512\n", 0, "textDocument/completion").await);
}

#[tokio::test]
async fn completion_offers_runtimes_after_equals() {
    insta::assert_snapshot!(at("runtime = ", 0, "textDocument/completion").await);
}

#[tokio::test]
async fn completion_offers_self_paths() {
    insta::assert_snapshot!(at("${self:custom.", 0, "textDocument/completion").await);
}

#[tokio::test]
async fn completion_offers_attributes_in_getatt() {
    insta::assert_snapshot!(at("getAtt(Orders.", 0, "textDocument/completion").await);
}

#[tokio::test]
async fn definition_of_getatt_is_the_resource_block() {
    insta::assert_snapshot!(at("getAtt(Ord", 0, "textDocument/definition").await);
}

#[tokio::test]
async fn definition_of_a_self_path_is_its_key() {
    insta::assert_snapshot!(at("${self:custom.table", 0, "textDocument/definition").await);
}

#[tokio::test]
async fn diagnostics_come_with_codes_and_clear_when_fixed() {
    let (mut client, _) = Client::start(&[], None).await;
    let broken = SERVICE.replace("memorySize = 512", "memorySize = 64").replace("handler ", "hanlder ");
    let diagnostics = client.open(&broken).await;
    let codes: Vec<&str> =
        diagnostics["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["E0301", "E0304"], "{diagnostics:#}");
    assert_eq!(diagnostics["version"], 1);
    let fixed = client.change(2, SERVICE).await;
    assert_eq!(fixed["diagnostics"], json!([]), "fixed: the list is empty, not absent");
    assert_eq!(fixed["version"], 2);
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let (mut client, _) = Client::start(&[], None).await;
    client.open("service = 1\n").await;
    let uri = client.uri.clone();
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    assert_eq!(client.diagnostics().await["diagnostics"], json!([]));
}

#[tokio::test]
async fn the_stage_setting_changes_resolved_values() {
    let marker = "TABLE = ${self:cus";
    let offset = SERVICE.find(marker).expect("marker") + marker.len();
    let mut marked = SERVICE.to_owned();
    marked.insert(offset, client::CURSOR);
    let (text, utf16, _) = cursor(&marked);
    let (mut client, _) = Client::start(&[], Some("prod")).await;
    client.open(&text).await;
    let hover = client.at("textDocument/hover", utf16).await;
    assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.contains("shop-prod-orders")), "{hover:#}");
}

#[tokio::test]
async fn formatting_is_svc_fmt() {
    let (mut client, _) = Client::start(&[], None).await;
    client.open("service = \"shop\"\nprovider aws {\nruntime=\"python3.12\"\n}\n").await;
    let uri = client.uri.clone();
    let edits = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await;
    assert_eq!(edits[0]["newText"], "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\n");
}

/// The code actions the server offers at `line`, `character` of the open document.
async fn code_actions(client: &mut Client, line: usize, character: usize) -> Value {
    let uri = client.uri.clone();
    let at = json!({ "line": line, "character": character });
    let range = json!({ "start": at, "end": at });
    client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
        )
        .await
}

#[tokio::test]
async fn code_actions_apply_did_you_mean() {
    let (mut client, _) = Client::start(&[], None).await;
    let broken = SERVICE.replace("memorySize = 512", "memorysize = 512");
    client.open(&broken).await;
    let line = broken.lines().position(|l| l.contains("memorysize")).expect("line");
    let actions = code_actions(&mut client, line, 2).await;
    assert_eq!(actions[0]["title"], "Replace with `memorySize`");
    let edit = &actions[0]["edit"]["changes"][&client.uri][0];
    assert_eq!(edit["newText"], "memorySize");
}

/// A pasted YAML tag is offered its syntax fix, every edit of it.
#[tokio::test]
async fn code_actions_rewrite_a_yaml_tag() {
    let (mut client, _) = Client::start(&[], None).await;
    let broken = SERVICE.replace("getAtt(Orders.Arn)", "!GetAtt Orders.Arn");
    client.open(&broken).await;
    let line = broken.lines().position(|l| l.contains("!GetAtt")).expect("line");
    let actions = code_actions(&mut client, line, 12).await;
    assert_eq!(actions[0]["title"], "Write `getAtt(…)`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "E0121");
    let edits = &actions[0]["edit"]["changes"][&client.uri];
    let texts: Vec<&str> = edits.as_array().expect("edits").iter().filter_map(|e| e["newText"].as_str()).collect();
    assert_eq!(texts, ["getAtt(", ")"]);
    assert_eq!(edits[0]["range"]["start"], json!({ "line": line, "character": 10 }));
    assert_eq!(edits[0]["range"]["end"], json!({ "line": line, "character": 18 }));
}

#[tokio::test]
async fn inlay_hints_show_resolved_values() {
    let (mut client, _) = Client::start(&[], None).await;
    client.open(SERVICE).await;
    let uri = client.uri.clone();
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 40, "character": 0 } });
    let hints =
        client.request("textDocument/inlayHint", json!({ "textDocument": { "uri": uri }, "range": range })).await;
    let labels: Vec<&str> = hints.as_array().expect("list").iter().filter_map(|h| h["label"].as_str()).collect();
    assert_eq!(labels, [" → \"dev\"", " → \"shop-dev-orders\"", " → \"shop-dev-orders\""]);
}

#[tokio::test]
async fn symbols_outline_the_service() {
    let (mut client, _) = Client::start(&[], None).await;
    client.open(SERVICE).await;
    let uri = client.uri.clone();
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await;
    let names: Vec<String> = symbols
        .as_array()
        .expect("list")
        .iter()
        .map(|s| format!("{} ({})", s["name"].as_str().unwrap_or(""), s["detail"].as_str().unwrap_or("")))
        .collect();
    insta::assert_snapshot!(names.join("\n"));
}

/// Non-ASCII text before the cursor: the same answer in UTF-16 and UTF-8.
#[tokio::test]
async fn positions_count_utf16_or_utf8_as_negotiated() {
    let source = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\ncustom {\n  note = \"é 日本 🚀\"\n  x    = ${self:custom.note}\n}\nfunction f {\n  handler = \"a.b\" # é 日本 🚀\n  memorySi‸ze = 256\n}\n";
    let (text, utf16, utf8) = cursor(source);
    for (encodings, position, expect) in [(vec![], utf16, "utf-16"), (vec!["utf-8"], utf8, "utf-8")] {
        let (mut client, init) = Client::start(&encodings, None).await;
        assert_eq!(init["capabilities"]["positionEncoding"], expect);
        client.open(&text).await;
        let hover = client.at("textDocument/hover", position).await;
        assert!(
            hover["contents"]["value"].as_str().is_some_and(|v| v.starts_with("**memorySize**")),
            "{expect}: {hover:#}"
        );
    }
}
