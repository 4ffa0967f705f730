use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::files::MemoryFiles;
use crate::lower::{Context, lower};
use crate::resolve::Options;

/// The template of `src` and what lowering found; the analysis (what
/// `svc check` reports) must find the same errors and no others.
fn build(src: &str) -> (Value, Vec<Diagnostic>) {
    let analysis = crate::analysis::analyse(src, &Options::default(), &MemoryFiles::default());
    let context = Context { settings: analysis.settings.clone(), ..Context::default() };
    let (template, diagnostics) = lower(&analysis.service, &context);
    let errors = |all: &[Diagnostic]| all.iter().filter(|d| d.is_error()).cloned().collect::<Vec<_>>();
    assert_eq!(errors(&analysis.diagnostics), errors(&diagnostics), "the check and the build disagree");
    (template.to_json(), diagnostics)
}

fn statements(template: &Value) -> Vec<Value> {
    let policies = &template["Resources"]["IamRoleLambdaExecution"]["Properties"]["Policies"];
    policies[0]["PolicyDocument"]["Statement"].as_array().cloned().unwrap_or_default()
}

/// `tests/package/websocket`, whose deployment serverless@3 named
/// `WebsocketsDeploymentrAGx3FcMedgeJESdBk4TrHpdH2Rqh0N9oxTcEACBSA`.
const CHAT: &str = r#"service = "websocket-chat"

provider aws {
  runtime                               = "python3.11"
  websocketsApiName                     = "chat-sockets"
  websocketsApiRouteSelectionExpression = "$request.body.action"
  websocketsDescription                 = "Chat over WebSockets"
}

function connection {
  handler = "handler.handler"

  websocket {
    route = "$connect"
  }
  websocket {
    route = "$disconnect"
  }
}

function send-message {
  handler = "handler.handler"

  websocket {
    route                            = "sendMessage"
    routeResponseSelectionExpression = "$default"
  }
}

function fallback {
  handler = "handler.handler"

  websocket = "$default"
}
"#;

#[test]
fn the_deployment_hash_is_the_serverless_frameworks() {
    let (template, diagnostics) = build(CHAT);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let id = "WebsocketsDeploymentrAGx3FcMedgeJESdBk4TrHpdH2Rqh0N9oxTcEACBSA";
    let resources = &template["Resources"];
    assert_eq!(resources[id]["Type"], "AWS::ApiGatewayV2::Deployment");
    assert_eq!(resources["WebsocketsDeploymentStage"]["Properties"]["DeploymentId"], json!({ "Ref": id }));
    assert_eq!(resources["ConnectionLambdaPermissionWebsockets"]["DependsOn"], json!(["WebsocketsApi"]));
    let manage = json!(["execute-api:ManageConnections"]);
    assert!(statements(&template).iter().any(|s| s["Action"] == manage));
}

#[test]
fn an_authorizer_function_guards_connect() {
    let (template, diagnostics) = build(
        "service = \"chat\"\n\nprovider aws {\n  runtime = \"python3.11\"\n}\n\nfunction auth {\n  handler = \"h.h\"\n}\n\nfunction connect {\n  handler = \"h.h\"\n\n  websocket {\n    route      = \"$connect\"\n    authorizer = \"auth\"\n  }\n}\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = &template["Resources"];
    let authorizer = &resources["AuthWebsocketsAuthorizer"]["Properties"];
    assert_eq!(authorizer["AuthorizerType"], "REQUEST");
    assert_eq!(authorizer["IdentitySource"], json!(["route.request.header.Auth"]));
    let route = &resources["SconnectWebsocketsRoute"]["Properties"];
    assert_eq!(route["AuthorizationType"], "CUSTOM");
    assert_eq!(route["AuthorizerId"], json!({ "Ref": "AuthWebsocketsAuthorizer" }));
    let permission = &resources["AuthLambdaPermissionWebsockets"];
    assert_eq!(permission["Properties"]["FunctionName"], json!({ "Fn::GetAtt": ["AuthLambdaFunction", "Arn"] }));
    assert_eq!(permission["DependsOn"], json!(["WebsocketsApi"]));
}

#[test]
fn routes_on_an_existing_api() {
    let (template, diagnostics) = build(
        "service = \"chat\"\n\nprovider aws {\n  runtime = \"python3.11\"\n  apiGateway {\n    websocketApiId = \"ws1\"\n  }\n}\n\nfunction connect {\n  handler = \"h.h\"\n\n  websocket = \"$connect\"\n}\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = template["Resources"].as_object().cloned().unwrap_or_default();
    assert!(!resources.contains_key("WebsocketsApi") && !resources.contains_key("WebsocketsDeploymentStage"));
    let deployment = resources.iter().find(|(id, _)| id.starts_with("WebsocketsDeployment")).map(|(_, r)| r);
    assert_eq!(
        deployment.map(|d| d["Properties"].clone()),
        Some(json!({ "ApiId": "ws1", "Description": "Serverless Websockets", "StageName": "dev" }))
    );
    assert_eq!(resources["SconnectWebsocketsRoute"]["Properties"]["ApiId"], "ws1");
    assert_eq!(statements(&template).len(), 2);
}

#[test]
fn a_route_goes_to_one_function() {
    let (_, diagnostics) = build(
        "service = \"chat\"\n\nprovider aws {\n  runtime = \"python3.11\"\n}\n\nfunction a {\n  handler = \"h.h\"\n\n  websocket = \"$connect\"\n}\n\nfunction b {\n  handler = \"h.h\"\n\n  websocket = \"$connect\"\n}\n",
    );
    assert!(diagnostics.iter().any(|d| d.code == Code::E0303), "{diagnostics:?}");
}
