//! Incremental sync: ranged changes after non-ASCII text land where the
//! client meant, in UTF-16 and in UTF-8 columns, and positions past the
//! end are clamped rather than refused; a lone `\r` ends a line.

mod client;

use client::Client;
use serde_json::{Value, json};

const TEXT: &str =
    "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\ncustom {\n  note = \"é 日本 🚀 x\"\n}\n";

/// Opens `TEXT`, replaces the `x` after the emoji with a variable that does
/// not resolve, and returns the diagnostics.
async fn replace_x(encodings: &[&str]) -> Value {
    let (mut client, _) = Client::start(encodings, None).await;
    client.open(TEXT).await;
    let line = TEXT.lines().nth(5).expect("the note line");
    let x = line.find('x').expect("x");
    let column = if encodings.is_empty() { line[..x].encode_utf16().count() } else { x };
    let uri = client.uri.clone();
    let range = json!({ "start": { "line": 5, "character": column }, "end": { "line": 5, "character": column + 1 } });
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": range, "text": "${self:nope}" }],
            }),
        )
        .await;
    client.diagnostics().await
}

#[tokio::test]
async fn ranged_changes_count_utf16_or_utf8_as_negotiated() {
    for encodings in [vec![], vec!["utf-8"]] {
        let published = replace_x(&encodings).await;
        assert_eq!(published["version"], 2);
        let diagnostics = published["diagnostics"].as_array().expect("a list");
        assert_eq!(diagnostics.len(), 1, "{published:#}");
        assert!(diagnostics[0]["message"].as_str().is_some_and(|m| m.contains("nope")), "{published:#}");
        let line = TEXT.lines().nth(5).expect("the note line");
        let before = &line[..line.find('x').expect("x")];
        let start = if encodings.is_empty() { before.encode_utf16().count() } else { before.len() };
        assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 5, "character": start }), "{encodings:?}");
    }
}

#[tokio::test]
async fn ranges_past_the_end_are_clamped() {
    let (mut client, _) = Client::start(&[], None).await;
    client.open("service = \"shop\"\n").await;
    let uri = client.uri.clone();
    // Past the end of line 0 is its end; past the last line is the end.
    let changes = json!([
        { "range": { "start": { "line": 0, "character": 90 }, "end": { "line": 0, "character": 99 } }, "text": " # a" },
        { "range": { "start": { "line": 70, "character": 0 }, "end": { "line": 80, "character": 5 } }, "text": "x = 1\n" },
    ]);
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
        )
        .await;
    client.diagnostics().await;
    let edits = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await;
    // The server holds `service = "shop" # a` then `x = 1` (formatted, aligned).
    assert_eq!(edits[0]["newText"], "service = \"shop\" # a\nx       = 1\n");
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await;
    let names: Vec<&str> = symbols.as_array().expect("list").iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["service", "x"]);
}

/// Completion in `ref(` right after an edit that declares a resource
/// offers it, though the generated resources may come from the last list.
#[tokio::test]
async fn completion_in_ref_right_after_an_edit_offers_a_new_resource() {
    let before = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction f {\n  handler = \"a.b\"\n  environment {\n    A = ref()\n  }\n}\nresource Old \"AWS::SNS::Topic\" {}\n";
    let (mut client, _) = Client::start(&[], None).await;
    client.open(before).await;
    let at = json!({ "line": 7, "character": 12 });
    let labels = |answer: &Value| -> Vec<String> {
        answer.as_array().expect("items").iter().filter_map(|i| i["label"].as_str().map(str::to_owned)).collect()
    };
    let first = labels(&client.at("textDocument/completion", at.clone()).await);
    assert!(first.contains(&"Old".to_owned()) && first.contains(&"FLambdaFunction".to_owned()), "{first:?}");
    client.change(2, &format!("{before}resource New \"AWS::SQS::Queue\" {{}}\n")).await;
    let next = labels(&client.at("textDocument/completion", at).await);
    for expected in ["Old", "New", "FLambdaFunction", "IamRoleLambdaExecution"] {
        assert!(next.contains(&expected.to_owned()), "{expected} in {next:?}");
    }
}

/// The codes of the published diagnostics.
fn codes(published: &Value) -> Vec<String> {
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    diagnostics.iter().filter_map(|d| d["code"].as_str().map(str::to_owned)).collect()
}

/// A reference to a generated resource is checked against this version's
/// resources, never a stale list: the resources are reused across an edit
/// of a value (a description), and computed again when an edit removes or
/// brings back the event that generates `HttpApi`.
#[tokio::test]
async fn a_reference_to_a_generated_resource_follows_the_edits_that_change_it() {
    let service = |event: &str, description: &str| {
        format!(
            "service = \"shop\"\nprovider aws {{\n  runtime = \"python3.12\"\n}}\nfunction f {{\n  handler = \"a.b\"\n  \
             description = \"{description}\"\n{event}}}\noutput Api {{\n  value = ref(HttpApi)\n}}\n"
        )
    };
    let event = "  httpApi {\n    method = \"GET\"\n    path = \"/\"\n  }\n";
    let (mut client, _) = Client::start(&[], None).await;
    assert_eq!(codes(&client.open(&service(event, "one")).await), Vec::<String>::new());
    assert_eq!(codes(&client.change(2, &service(event, "two")).await), Vec::<String>::new());
    assert_eq!(codes(&client.change(3, &service("", "two")).await), ["E0308"]);
    assert_eq!(codes(&client.change(4, &service("", "three")).await), ["E0308"]);
    assert_eq!(codes(&client.change(5, &service(event, "three")).await), Vec::<String>::new());
}

/// A handler file missing from the service folder is shown as you type
/// (looked up on disk, as `svc check` does), and goes once the handler
/// names a file that is there.
#[tokio::test]
async fn a_missing_handler_file_is_shown_as_you_type() {
    let dir = std::env::temp_dir().join(format!("svc-lsp-handler-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("service folder");
    std::fs::write(dir.join("app.py"), "def main(event, context):\n    pass\n").expect("handler file");
    let service = |handler: &str| {
        format!(
            "service = \"shop\"\nprovider aws {{\n  runtime = \"python3.12\"\n}}\nfunction f {{\n  handler = \"{handler}\"\n}}\n"
        )
    };
    let (mut client, _) = Client::start(&[], None).await;
    client.uri = format!("file://{}/service.svc", dir.display());
    let typo = client.open(&service("ap.main")).await;
    assert_eq!(codes(&typo), ["E0408"]);
    assert_eq!(typo["diagnostics"][0]["range"]["start"], json!({ "line": 5, "character": 12 }), "at the handler");
    assert_eq!(codes(&client.change(2, &service("app.main")).await), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[tokio::test]
async fn a_lone_cr_ends_a_line_for_positions() {
    let (mut client, _) = Client::start(&[], None).await;
    let published = client.open(&TEXT.replace("\"é 日本 🚀 x\"", "${self:nope}").replace('\n', "\r")).await;
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 5, "character": 9 }), "{published:#}");
}
