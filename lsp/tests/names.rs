//! Find references, rename and prepareRename for functions, resources,
//! outputs, params and `self:` keys, driven in process through the real
//! tower-lsp service. Snapshots show the cursor, then every place found
//! (underlined), or the lines a rename changes.

mod client;

use client::{Client, apply, changed_lines, cursor, show, underline};
use serde_json::{Value, json};

const SERVICE: &str = r#"service = "shop"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  environment {
    DOMAIN = ${param:domain}
  }
}

params {
  default {
    domain = "dev.example.com"
  }
  prod {
    domain = "example.com"
  }
}

custom {
  tableName = "shop-${sls:stage}-orders"
  url       = "https://${param:domain}/api"
}

function checkout {
  handler = "shop.checkout"
  environment {
    TABLE    = ${self:custom.tableName}
    ORDERS   = ref(Orders)
    ROLE     = getAtt(IamRoleLambdaExecution.Arn)
  }
}

resources {
  extensions {
    CheckoutLogGroup {
      DeletionPolicy = "Retain"
    }
  }
}

resource Orders "AWS::DynamoDB::Table" {
  TableName   = ${self:custom.tableName}
  BillingMode = "PAY_PER_REQUEST"
}

resource OrdersPolicy "AWS::IAM::ManagedPolicy" {
  dependsOn = ["Orders"]
  PolicyDocument {
    Statement = [{ Effect = "Allow", Action = "dynamodb:*", Resource = sub("${Orders.Arn}/index/*") }, { Effect = "Allow", Action = "lambda:InvokeFunction", Resource = getAtt(CheckoutLambdaFunction.Arn) }]
  }
}

output OrdersArn {
  description = "the table"
  value       = getAtt(Orders.Arn)
}

output OrdersName {
  description = ${self:resources.Outputs.OrdersArn.Description}
  value       = ref(Orders)
}
"#;

/// `SERVICE` with the cursor where `marker` ends, `shift` further: the
/// text, the cursor (UTF-16) and a started client with the text open.
async fn open_at(marker: &str, shift: isize) -> (Client, String, Value, Value) {
    let offset = SERVICE.find(marker).expect("marker in the service") as isize + marker.len() as isize + shift;
    let mut marked = SERVICE.to_owned();
    marked.insert(offset as usize, client::CURSOR);
    let (text, utf16, utf8) = cursor(&marked);
    let (mut client, _) = Client::start(&[], None).await;
    let diagnostics = client.open(&text).await;
    assert_eq!(diagnostics["diagnostics"], json!([]), "the service is valid: {diagnostics:#}");
    (client, text, utf16, utf8)
}

/// The places found from the cursor at `marker`.
async fn references(marker: &str, include_declaration: bool) -> String {
    let (mut client, text, utf16, utf8) = open_at(marker, 0).await;
    let uri = client.uri.clone();
    let found = client
        .request(
            "textDocument/references",
            json!({
                "textDocument": { "uri": uri },
                "position": utf16,
                "context": { "includeDeclaration": include_declaration },
            }),
        )
        .await;
    let ranges: Vec<Value> = found.as_array().expect("a list").iter().map(|l| l["range"].clone()).collect();
    assert!(found.as_array().expect("list").iter().all(|l| l["uri"] == json!(client.uri)));
    show(&text, &utf8, &underline(&text, &ranges))
}

/// The rename from the cursor at `marker` to `new_name`: the changed
/// lines, or the error.
async fn rename(marker: &str, new_name: &str) -> String {
    let (mut client, text, utf16, utf8) = open_at(marker, 0).await;
    let uri = client.uri.clone();
    let answer = client
        .try_request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri }, "position": utf16, "newName": new_name }),
        )
        .await;
    let shown = match answer {
        Ok(edit) => {
            let edits = edit["changes"][&client.uri].as_array().expect("edits for the document").clone();
            let renamed = apply(&text, &edits);
            let diagnostics = client.change(2, &renamed).await;
            assert_eq!(diagnostics["diagnostics"], json!([]), "still valid after the rename:\n{renamed}");
            changed_lines(&text, &renamed)
        }
        Err(error) => format!("error {}: {}", error.code, error.message),
    };
    show(&text, &utf8, &format!("rename to `{new_name}`\n{shown}"))
}

/// prepareRename at `marker`: the range and placeholder, `null`, or the
/// error.
async fn prepare(marker: &str) -> String {
    let (mut client, text, utf16, utf8) = open_at(marker, 0).await;
    let uri = client.uri.clone();
    let answer = client
        .try_request("textDocument/prepareRename", json!({ "textDocument": { "uri": uri }, "position": utf16 }))
        .await;
    let shown = match answer {
        Ok(Value::Null) => "null".to_owned(),
        Ok(found) => format!(
            "placeholder `{}`\n{}",
            found["placeholder"].as_str().expect("a placeholder"),
            underline(&text, &[found["range"].clone()])
        ),
        Err(error) => format!("error {}: {}", error.code, error.message),
    };
    show(&text, &utf8, &shown)
}

#[tokio::test]
async fn references_of_a_resource_are_ref_getatt_sub_and_depends_on() {
    insta::assert_snapshot!(references("resource Ord", true).await);
}

#[tokio::test]
async fn references_from_a_use_find_the_same_places() {
    assert_eq!(
        references("value       = ref(Ord", true).await.split_once("---").map(|(_, found)| found.to_owned()),
        references("resource Ord", true).await.split_once("---").map(|(_, found)| found.to_owned()),
    );
}

#[tokio::test]
async fn references_without_the_declaration() {
    insta::assert_snapshot!(references("resource Ord", false).await);
}

#[tokio::test]
async fn references_of_a_function_include_its_generated_ids() {
    insta::assert_snapshot!(references("function check", true).await);
}

#[tokio::test]
async fn references_of_a_param_are_its_keys_and_uses() {
    insta::assert_snapshot!(references("DOMAIN = ${param:dom", true).await);
}

#[tokio::test]
async fn references_of_a_self_key_are_its_uses() {
    insta::assert_snapshot!(references("  tableNa", true).await);
}

#[tokio::test]
async fn references_of_an_output_are_self_paths_through_it() {
    insta::assert_snapshot!(references("output OrdersAr", true).await);
}

#[tokio::test]
async fn rename_a_resource_everywhere() {
    insta::assert_snapshot!(rename("getAtt(Ord", "OrdersTable").await);
}

#[tokio::test]
async fn rename_a_function_renames_its_generated_ids() {
    insta::assert_snapshot!(rename("function check", "pay").await);
}

#[tokio::test]
async fn rename_a_param_in_every_stage() {
    insta::assert_snapshot!(rename("url       = \"https://${param:dom", "host").await);
}

#[tokio::test]
async fn rename_a_self_key_from_a_use() {
    insta::assert_snapshot!(rename("TABLE    = ${self:custom.tab", "ordersTable").await);
}

#[tokio::test]
async fn rename_an_output() {
    insta::assert_snapshot!(rename("${self:resources.Outputs.Orders", "TableArn").await);
}

#[tokio::test]
async fn rename_refuses_invalid_names() {
    let mut shown = Vec::new();
    for (marker, name) in [
        ("resource Ord", "orders-table"),
        ("resource Ord", "1Orders"),
        ("function check", "pay.now"),
        ("${param:dom", "my domain"),
        ("  tableNa", "a.b"),
        ("  tableNa", ""),
    ] {
        let answer = rename(marker, name).await;
        shown.push(answer.split_once("---\n").map_or(answer.clone(), |(_, a)| a.to_owned()));
    }
    insta::assert_snapshot!(shown.join("\n"));
}

#[tokio::test]
async fn rename_refuses_names_already_taken() {
    let mut shown = Vec::new();
    for (marker, name) in [
        ("resource Ord", "OrdersPolicy"),
        ("resource Ord", "CheckoutLambdaFunction"),
        ("  tableNa", "url"),
        ("output OrdersAr", "OrdersName"),
    ] {
        let answer = rename(marker, name).await;
        shown.push(answer.split_once("---\n").map_or(answer.clone(), |(_, a)| a.to_owned()));
    }
    insta::assert_snapshot!(shown.join("\n"));
}

#[tokio::test]
async fn prepare_rename_of_a_generated_id_offers_the_function_name() {
    insta::assert_snapshot!(prepare("getAtt(Checkout").await);
}

#[tokio::test]
async fn prepare_rename_in_a_sub_text() {
    insta::assert_snapshot!(prepare("sub(\"${Ord").await);
}

#[tokio::test]
async fn prepare_rename_refuses_schema_keys_and_generated_resources() {
    let mut shown = Vec::new();
    for marker in ["  handl", "  runtim", "provider aw", "getAtt(IamRole"] {
        let answer = prepare(marker).await;
        shown.push(answer);
    }
    insta::assert_snapshot!(shown.join("\n\n"));
}

#[tokio::test]
async fn prepare_rename_where_nothing_is_named_is_null() {
    insta::assert_snapshot!(prepare("BillingMode = \"PAY").await);
}

/// Non-ASCII text before the names: the same places under UTF-16 and
/// UTF-8 positions.
#[tokio::test]
async fn rename_counts_utf16_or_utf8_as_negotiated() {
    let source = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\ncustom {\n  \"note\" = \"é 日本 🚀\"\n  x    = \"é 日本 🚀 ${self:custom.no‸te} 🚀 ${self:custom.note}\"\n}\n";
    let (text, utf16, utf8) = cursor(source);
    let mut results = Vec::new();
    for (encodings, position) in [(vec![], utf16), (vec!["utf-8"], utf8)] {
        let (mut client, _) = Client::start(&encodings, None).await;
        client.open(&text).await;
        let uri = client.uri.clone();
        let edit = client
            .request(
                "textDocument/rename",
                json!({ "textDocument": { "uri": uri }, "position": position, "newName": "remark" }),
            )
            .await;
        let mut edits = edit["changes"][&client.uri].as_array().expect("edits").clone();
        if encodings.is_empty() {
            results.push(apply(&text, &edits));
        } else {
            // Turn UTF-8 columns into UTF-16 ones to apply them the same way.
            for e in &mut edits {
                for end in ["start", "end"] {
                    let line = e["range"][end]["line"].as_u64().expect("line") as usize;
                    let column = e["range"][end]["character"].as_u64().expect("character") as usize;
                    let source = text.lines().nth(line).expect("line");
                    e["range"][end]["character"] = json!(source[..column].encode_utf16().count());
                }
            }
            results.push(apply(&text, &edits));
        }
    }
    assert_eq!(results[0], results[1]);
    assert_eq!(
        results[0],
        text.replace("\"note\"", "\"remark\"").replace("custom.note", "custom.remark"),
        "the quoted key keeps its quotes"
    );
}

#[tokio::test]
async fn references_of_a_generated_resource_are_its_uses() {
    insta::assert_snapshot!(references("getAtt(IamRole", true).await);
}

/// The declarations go to definition finds from the cursor at `marker`.
async fn definition(marker: &str) -> String {
    let (mut client, text, utf16, utf8) = open_at(marker, 0).await;
    let found = client.at("textDocument/definition", utf16).await;
    let ranges: Vec<Value> = match &found {
        Value::Array(locations) => locations.iter().map(|l| l["range"].clone()).collect(),
        Value::Null => Vec::new(),
        location => vec![location["range"].clone()],
    };
    show(&text, &utf8, &underline(&text, &ranges))
}

#[tokio::test]
async fn definition_of_a_param_is_its_key_in_every_stage() {
    insta::assert_snapshot!(definition("DOMAIN = ${param:dom").await);
}

#[tokio::test]
async fn definition_from_depends_on_and_sub_is_the_resource() {
    let from_depends_on = definition("dependsOn = [\"Ord").await;
    let from_sub = definition("sub(\"${Ord").await;
    let line = SERVICE.lines().position(|l| l.starts_with("resource Orders ")).expect("the resource") + 1;
    assert!(
        from_depends_on
            .ends_with(&format!("{line:>3} | resource Orders \"AWS::DynamoDB::Table\" {{\n    |          ^^^^^^\n")),
        "{from_depends_on}"
    );
    assert_eq!(from_sub.split_once("---").map(|(_, d)| d), from_depends_on.split_once("---").map(|(_, d)| d));
}
