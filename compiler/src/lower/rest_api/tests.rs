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

fn service(functions: &str) -> String {
    format!("service = \"api\"\n\nprovider aws {{\n  runtime = \"nodejs20.x\"\n}}\n\n{functions}")
}

fn deployment_id(template: &Value) -> String {
    let resources =
        template["Resources"].as_object().map(|r| r.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    resources.into_iter().find(|id| id.starts_with("ApiGatewayDeployment")).unwrap_or_default()
}

#[test]
fn lambda_authorizer_of_this_service() {
    let (template, diagnostics) = build(&service(
        "function auth {\n  handler = \"h.h\"\n}\n\nfunction api {\n  handler = \"h.h\"\n\n  http {\n    path       = \"items\"\n    method     = \"get\"\n    authorizer = \"auth\"\n  }\n}\n",
    ));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = &template["Resources"];
    let authorizer = &resources["AuthApiGatewayAuthorizer"]["Properties"];
    assert_eq!(authorizer["Type"], "TOKEN");
    assert_eq!(authorizer["IdentitySource"], "method.request.header.Authorization");
    assert!(authorizer.get("AuthorizerResultTtlInSeconds").is_none());
    assert_eq!(
        resources["AuthLambdaPermissionApiGateway"]["Properties"]["FunctionName"],
        json!({ "Fn::GetAtt": ["AuthLambdaFunction", "Arn"] })
    );
    let method = &resources["ApiGatewayMethodItemsGet"]["Properties"];
    assert_eq!(method["AuthorizationType"], "CUSTOM");
    assert_eq!(method["AuthorizerId"], json!({ "Ref": "AuthApiGatewayAuthorizer" }));
}

#[test]
fn provisioned_concurrency_targets_the_alias() {
    let (template, _) = build(&service(
        "function api {\n  handler                = \"h.h\"\n  provisionedConcurrency = 2\n\n  http = \"GET /\"\n}\n",
    ));
    let resources = &template["Resources"];
    let uri = &resources["ApiGatewayMethodGet"]["Properties"]["Integration"]["Uri"]["Fn::Join"][1];
    assert_eq!(uri[6], ":");
    assert_eq!(uri[7], "provisioned");
    assert_eq!(
        resources["ApiLambdaPermissionApiGateway"]["Properties"]["FunctionName"],
        json!({ "Fn::Join": [":", [{ "Fn::GetAtt": ["ApiLambdaFunction", "Arn"] }, "provisioned"]] })
    );
    assert_eq!(
        resources["ApiGatewayMethodGet"]["Properties"]["ResourceId"],
        json!({ "Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"] })
    );
}

#[test]
fn deployment_id_is_a_hash_of_the_api() {
    let src = service("function api {\n  handler = \"h.h\"\n\n  http = \"GET /items\"\n}\n");
    let first = deployment_id(&build(&src).0);
    assert_eq!(first, deployment_id(&build(&src).0));
    assert!(first.len() == "ApiGatewayDeployment".len() + 16, "{first}");
    let other = deployment_id(&build(&src.replace("/items", "/things")).0);
    assert_ne!(first, other);
}

#[test]
fn integrations_other_than_proxies_are_not_built_yet() {
    let (_, diagnostics) = build(&service(
        "function api {\n  handler = \"h.h\"\n\n  http {\n    path        = \"items\"\n    method      = \"get\"\n    integration = \"lambda\"\n  }\n}\n",
    ));
    assert!(diagnostics.iter().any(|d| d.code == Code::E0404), "{diagnostics:?}");
}

#[test]
fn http_proxy_forwards_to_the_uri() {
    let (template, diagnostics) = build(&service(
        "function api {\n  handler = \"h.h\"\n\n  http {\n    path        = \"items/{id}\"\n    method      = \"get\"\n    integration = \"http-proxy\"\n    request {\n      uri = \"https://example.com/items/{id}\"\n      parameters {\n        paths {\n          id = true\n        }\n      }\n    }\n  }\n}\n",
    ));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let integration = &template["Resources"]["ApiGatewayMethodItemsIdVarGet"]["Properties"]["Integration"];
    assert_eq!(
        integration,
        &json!({
            "IntegrationHttpMethod": "GET",
            "Type": "HTTP_PROXY",
            "Uri": "https://example.com/items/{id}",
            "RequestParameters": { "integration.request.path.id": "method.request.path.id" }
        })
    );
}

#[test]
fn the_same_endpoint_twice_is_an_error() {
    let (_, diagnostics) = build(&service(
        "function a {\n  handler = \"h.h\"\n\n  http = \"GET /items\"\n}\n\nfunction b {\n  handler = \"h.h\"\n\n  http = \"get items\"\n}\n",
    ));
    assert!(diagnostics.iter().any(|d| d.code == Code::E0303), "{diagnostics:?}");
}

#[test]
fn an_authorizer_must_be_a_function_of_the_service() {
    let (_, diagnostics) = build(&service(
        "function api {\n  handler = \"h.h\"\n\n  http {\n    path       = \"items\"\n    method     = \"get\"\n    authorizer = \"nope\"\n  }\n}\n",
    ));
    assert!(diagnostics.iter().any(|d| d.code == Code::E0303), "{diagnostics:?}");
}

#[test]
fn cors_of_one_path_is_merged() {
    let (template, _) = build(&service(
        "function api {\n  handler = \"h.h\"\n\n  http {\n    path   = \"items\"\n    method = \"get\"\n    cors   = true\n  }\n  http {\n    path   = \"items\"\n    method = \"post\"\n    cors   = true\n  }\n}\n",
    ));
    let options = &template["Resources"]["ApiGatewayMethodItemsOptions"]["Properties"]["Integration"];
    let methods = &options["IntegrationResponses"][0]["ResponseParameters"]["method.response.header.Access-Control-Allow-Methods"];
    assert_eq!(methods, "'OPTIONS,POST,GET'");
}

#[test]
fn keys_grouped_by_usage_plan() {
    let (template, diagnostics) = build(
        "service = \"api\"\n\nprovider aws {\n  runtime = \"nodejs20.x\"\n  apiGateway {\n    apiKeys   = [{ free = [\"a\", \"b\"] }]\n    usagePlan = [{ free = { quota = { limit = 10, period = \"DAY\" } } }]\n  }\n}\n\nfunction api {\n  handler = \"h.h\"\n\n  http {\n    path    = \"items\"\n    method  = \"get\"\n    private = true\n  }\n}\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = &template["Resources"];
    assert_eq!(resources["ApiGatewayApiKeyFree2"]["Properties"]["Name"], "b");
    let plan = &resources["ApiGatewayUsagePlanFree"]["Properties"];
    assert_eq!(plan["UsagePlanName"], "api-free-dev");
    assert_eq!(plan["Quota"], json!({ "Limit": 10, "Period": "DAY" }));
    let key = &resources["ApiGatewayUsagePlanKeyFree1"]["Properties"];
    assert_eq!(key["KeyId"], json!({ "Ref": "ApiGatewayApiKeyFree1" }));
    assert_eq!(key["UsagePlanId"], json!({ "Ref": "ApiGatewayUsagePlanFree" }));
    assert!(resources.get("ApiGatewayUsagePlan").is_none());
}

#[test]
fn an_existing_api_and_its_resources() {
    let (template, diagnostics) = build(
        "service = \"api\"\n\nprovider aws {\n  runtime = \"nodejs20.x\"\n  apiGateway {\n    restApiId             = \"abc\"\n    restApiRootResourceId = \"root\"\n    restApiResources      = { \"/users\" = \"u1\" }\n  }\n}\n\nfunction api {\n  handler = \"h.h\"\n\n  http = \"GET /users/{id}\"\n  http = \"GET /teams\"\n}\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = &template["Resources"];
    assert!(resources.get("ApiGatewayRestApi").is_none());
    assert!(resources.get("ApiGatewayResourceUsers").is_none());
    let user = &resources["ApiGatewayResourceUsersIdVar"]["Properties"];
    assert_eq!(user["ParentId"], "u1");
    assert_eq!(user["RestApiId"], "abc");
    assert_eq!(resources["ApiGatewayResourceTeams"]["Properties"]["ParentId"], "root");
}

#[test]
fn inline_request_schemas_become_models() {
    let (template, diagnostics) = build(&service(
        "function api {\n  handler = \"h.h\"\n\n  http {\n    path   = \"users\"\n    method = \"post\"\n    request {\n      schemas = { \"application/json\" = { type = \"object\" } }\n    }\n  }\n}\n",
    ));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let resources = &template["Resources"];
    let model = &resources["ApiGatewayMethodUsersPostApplicationJsonModel"]["Properties"];
    assert_eq!(model["Schema"], json!({ "type": "object" }));
    let method = &resources["ApiGatewayMethodUsersPost"]["Properties"];
    assert_eq!(method["RequestValidatorId"], json!({ "Ref": "ApiGatewayApiRequestValidator" }));
    assert_eq!(
        method["RequestModels"],
        json!({ "application/json": { "Ref": "ApiGatewayMethodUsersPostApplicationJsonModel" } })
    );
}
