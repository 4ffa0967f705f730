//! Folding ranges and semantic tokens, driven in process through the real
//! tower-lsp service, as snapshots of the source they cover.

mod client;

use client::{Client, utf8_column};
use serde_json::{Value, json};

const SERVICE: &str = r#"# The shop service.
# Two lines of comments fold.
service = "shop"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  tracing {
    lambda = true
  }
}

custom {
  note    = "é 日本 🚀 ${sls:stage} end"
  retries = 3
  ratio   = 0.5
  empty   = null
  banner  = """
    Welcome to ${self:service}
    in ${opt:region, "eu-west-1"}
    """
  zones = [
    "a",
    "b",
  ]
  limits = { low = 1, high = 2 }
}

function checkout {
  handler = "shop.checkout" # trailing comments do not fold
  environment {
    TABLE = ref(Orders)
  }
}

resource Orders "AWS::DynamoDB::Table" {
  BillingMode = "PAY_PER_REQUEST"
  Tags = [
    { Key = "arn", Value = sub(
      "${AWS::StackName}-x",
    ) },
  ]
}
"#;

async fn open(encodings: &[&str]) -> (Client, Value) {
    let (mut client, init) = Client::start(encodings, None).await;
    let diagnostics = client.open(SERVICE).await;
    assert_eq!(diagnostics["diagnostics"], json!([]), "the service is valid: {diagnostics:#}");
    (client, init)
}

#[tokio::test]
async fn folding_ranges_cover_blocks_lists_strings_and_comment_runs() {
    let (mut client, _) = open(&[]).await;
    let uri = client.uri.clone();
    let ranges = client.request("textDocument/foldingRange", json!({ "textDocument": { "uri": uri } })).await;
    let lines: Vec<&str> = SERVICE.lines().collect();
    let shown: Vec<String> = ranges
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            let (start, end) =
                (r["startLine"].as_u64().expect("start") as usize, r["endLine"].as_u64().expect("end") as usize);
            let kind = r["kind"].as_str().map_or(String::new(), |k| format!(" ({k})"));
            format!("{:>2}–{:<2}{kind} {}  …  {}", start + 1, end + 1, lines[start].trim(), lines[end].trim())
        })
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[tokio::test]
async fn a_file_with_classic_mac_line_ends_folds_as_the_same_file_with_line_feeds() {
    let mut folded = Vec::new();
    for text in [SERVICE.to_owned(), SERVICE.replace('\n', "\r")] {
        let (mut client, _) = Client::start(&[], None).await;
        assert_eq!(client.open(&text).await["diagnostics"], json!([]));
        let uri = client.uri.clone();
        folded.push(client.request("textDocument/foldingRange", json!({ "textDocument": { "uri": uri } })).await);
    }
    assert!(folded[0].as_array().is_some_and(|ranges| ranges.len() > 5), "{:#}", folded[0]);
    assert_eq!(folded[1], folded[0], "a lone CR ends a line, for the closers and the comments too");
}

/// The tokens as `line:column text → type modifiers`, decoded with the
/// legend the server advertised.
fn decode(tokens: &Value, legend: &Value, utf8: bool) -> String {
    let types: Vec<&str> = legend["tokenTypes"].as_array().expect("types").iter().filter_map(Value::as_str).collect();
    let modifiers: Vec<&str> =
        legend["tokenModifiers"].as_array().expect("modifiers").iter().filter_map(Value::as_str).collect();
    let data: Vec<u64> = tokens["data"].as_array().expect("data").iter().filter_map(Value::as_u64).collect();
    assert_eq!(data.len() % 5, 0);
    let lines: Vec<&str> = SERVICE.lines().collect();
    let (mut line, mut character) = (0, 0);
    let mut out = Vec::new();
    for token in data.chunks(5) {
        let (delta_line, delta_start, length) = (token[0] as usize, token[1] as usize, token[2] as usize);
        if delta_line > 0 {
            character = 0;
        }
        line += delta_line;
        character += delta_start;
        let source = lines[line];
        let (start, end) = if utf8 {
            (character, character + length)
        } else {
            (utf8_column(source, character), utf8_column(source, character + length))
        };
        let names: Vec<&str> =
            modifiers.iter().enumerate().filter(|(i, _)| token[4] & (1 << i) != 0).map(|(_, m)| *m).collect();
        out.push(format!(
            "{:>2}:{:<2} {:<28} {}{}",
            line + 1,
            start,
            format!("`{}`", &source[start..end]),
            types[token[3] as usize],
            if names.is_empty() { String::new() } else { format!(" [{}]", names.join(", ")) }
        ));
    }
    out.join("\n")
}

async fn tokens(encodings: &[&str]) -> String {
    let (mut client, init) = open(encodings).await;
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"].clone();
    assert_eq!(init["capabilities"]["semanticTokensProvider"]["full"], json!(true));
    let uri = client.uri.clone();
    let tokens = client.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } })).await;
    decode(&tokens, &legend, !encodings.is_empty())
}

#[tokio::test]
async fn semantic_tokens_classify_every_construct() {
    insta::assert_snapshot!(tokens(&[]).await);
}

/// The same tokens when the client counts bytes: only the columns differ.
#[tokio::test]
async fn semantic_tokens_count_utf16_or_utf8_as_negotiated() {
    assert_eq!(tokens(&["utf-8"]).await, tokens(&[]).await);
}

#[tokio::test]
async fn the_new_capabilities_are_advertised() {
    let (_, init) = Client::start(&[], None).await;
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["referencesProvider"], json!(true));
    assert_eq!(capabilities["renameProvider"], json!({ "prepareProvider": true }));
    assert_eq!(capabilities["foldingRangeProvider"], json!(true));
    let types = &capabilities["semanticTokensProvider"]["legend"]["tokenTypes"];
    for kind in ["property", "keyword", "class", "string", "number", "variable", "function", "comment"] {
        assert!(types.as_array().expect("types").contains(&json!(kind)), "{kind} in {types}");
    }
}
