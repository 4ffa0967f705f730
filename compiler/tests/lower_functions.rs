//! Lowering of function settings, schedules and HTTP APIs beyond what the
//! reference cases in `tests/package/` cover: aliases as event targets,
//! SnapStart, role statements of function settings, request authorizers,
//! extensions, the role's permissions boundary, `forceDeploy` and the
//! errors lowering reports.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::{Value, json};
use svc_compiler::analysis::analyse;
use svc_compiler::files::MemoryFiles;
use svc_compiler::lower::{Context, lower};
use svc_compiler::resolve::Options;
use svc_compiler::{Code, Diagnostic, Severity};

/// The template of `src` and the codes of lowering's diagnostics; the
/// analysis (what `svc check` reports) must find the same errors and no
/// others.
fn build(src: &str) -> (Value, Vec<Code>) {
    build_with(src, Context::default())
}

/// [`build`] with `context` (its settings are the analysis's).
fn build_with(src: &str, context: Context) -> (Value, Vec<Code>) {
    let analysis = analyse(src, &Options::default(), &MemoryFiles::default());
    let context = Context { settings: analysis.settings.clone(), ..context };
    let (template, diagnostics) = lower(&analysis.service, &context);
    let errors = |all: &[Diagnostic]| all.iter().filter(|d| d.severity == Severity::Error).cloned().collect::<Vec<_>>();
    assert_eq!(errors(&analysis.diagnostics), errors(&diagnostics), "the check and the build disagree");
    (template.to_json(), diagnostics.iter().map(|d| d.code).collect())
}

fn resource<'a>(template: &'a Value, id: &str) -> &'a Value {
    template["Resources"].get(id).unwrap_or_else(|| panic!("no {id} in {:#}", template["Resources"]))
}

fn statements(template: &Value) -> &Vec<Value> {
    template["Resources"]["IamRoleLambdaExecution"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .expect("statements")
}

#[test]
fn events_invoke_the_alias_of_a_function_with_one() {
    let (template, codes) = build(
        r#"service = "edge"
provider aws {
  runtime = "python3.12"
}
function warm {
  handler                = "h.warm"
  provisionedConcurrency = 3
  url                    = true
  schedule               = "rate(1 hour)"
  httpApi                = "GET /warm"
}
function snap {
  handler   = "h.snap"
  snapStart = true
}
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let alias = json!({ "Fn::Join": [":", [{ "Fn::GetAtt": ["WarmLambdaFunction", "Arn"] }, "provisioned"]] });
    assert_eq!(resource(&template, "WarmLambdaFunctionUrl")["Properties"]["TargetFunctionArn"], alias);
    assert_eq!(resource(&template, "WarmLambdaFunctionUrl")["DependsOn"], "WarmProvConcLambdaAlias");
    assert_eq!(resource(&template, "WarmLambdaPermissionFnUrl")["Properties"]["FunctionName"], alias);
    assert_eq!(resource(&template, "WarmEventsRuleSchedule1")["Properties"]["Targets"][0]["Arn"], alias);
    assert_eq!(resource(&template, "WarmEventsRuleSchedule1")["DependsOn"], "WarmProvConcLambdaAlias");
    assert_eq!(resource(&template, "HttpApiIntegrationWarm")["Properties"]["IntegrationUri"], alias);
    assert_eq!(
        resource(&template, "WarmProvConcLambdaAlias")["Properties"]["ProvisionedConcurrencyConfig"]["ProvisionedConcurrentExecutions"],
        3
    );
    assert_eq!(
        resource(&template, "SnapLambdaFunction")["Properties"]["SnapStart"],
        json!({ "ApplyOn": "PublishedVersions" })
    );
    let snap = resource(&template, "SnapSnapStartLambdaAlias");
    assert_eq!(snap["Properties"]["Name"], "snapstart");
    let version = snap["Properties"]["FunctionVersion"]["Fn::GetAtt"][0].as_str().expect("version");
    assert_eq!(resource(&template, version)["DeletionPolicy"], "Retain");
}

#[test]
fn function_settings_add_their_statements_to_the_role() {
    let (template, codes) = build(
        r#"service = "roles"
provider aws {
  runtime   = "python3.12"
  kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/abc"
}
function a {
  handler = "h.a"
  name    = "custom-a"
  onError = "arn:aws:sns:us-east-1:123456789012:dlq"
  vpc {
    securityGroupIds = ["sg-1"]
    subnetIds        = ["subnet-1"]
  }
  fileSystemConfig {
    arn            = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1"
    localMountPath = "/mnt/data"
  }
}
function b {
  handler     = "h.b"
  disableLogs = true
}
function c {
  handler = "h.c"
  schedule {
    rate     = "cron(0 9 * * ? *)"
    method   = "scheduler"
    timezone = "Europe/Paris"
  }
}
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let sub = |text: &str| json!({ "Fn::Sub": format!("arn:${{AWS::Partition}}:{text}") });
    let logs = |group: &str| sub(&format!("logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{group}"));
    let statements = statements(&template);
    assert_eq!(statements[0]["Resource"], json!([logs("custom-a:*"), logs("roles-dev*:*")]));
    assert_eq!(statements[1]["Resource"], json!([logs("custom-a:*:*"), logs("roles-dev*:*:*")]));
    assert_eq!(
        statements[2],
        json!({ "Effect": "Deny", "Action": "logs:PutLogEvents", "Resource": [logs("roles-dev-b:*")] })
    );
    let actions: Vec<&Value> = statements[3..].iter().map(|s| &s["Action"]).collect();
    assert_eq!(
        actions,
        [
            &json!(["sns:Publish"]),
            &json!(["kms:Decrypt"]),
            &json!(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]),
            &json!(["lambda:InvokeFunction"]),
        ]
    );
    let role = resource(&template, "IamRoleLambdaExecution");
    let principals = &role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"];
    assert_eq!(principals, &json!(["lambda.amazonaws.com", "scheduler.amazonaws.com"]));
    assert!(template["Resources"].get("BLogGroup").is_none());
    let a = &resource(&template, "ALambdaFunction")["Properties"];
    assert_eq!(a["DeadLetterConfig"], json!({ "TargetArn": "arn:aws:sns:us-east-1:123456789012:dlq" }));
    assert_eq!(a["FileSystemConfigs"][0]["LocalMountPath"], "/mnt/data");
    assert_eq!(a["KmsKeyArn"], "arn:aws:kms:us-east-1:123456789012:key/abc");
    let schedule = &resource(&template, "CSchedulerSchedule1")["Properties"];
    assert_eq!(schedule["ScheduleExpressionTimezone"], "Europe/Paris");
    assert_eq!(schedule["Target"]["RoleArn"], json!({ "Fn::GetAtt": ["IamRoleLambdaExecution", "Arn"] }));
}

#[test]
fn request_authorizers_and_cors_fill_in_what_serverless_does() {
    let (template, codes) = build(
        r#"service = "auth"
provider aws {
  runtime = "python3.12"
  httpApi {
    cors = true
    authorizers {
      custom {
        type                  = "request"
        functionName          = "auth"
        identitySource        = ["$request.header.Auth"]
        enableSimpleResponses = true
      }
    }
  }
}
function auth {
  handler = "h.auth"
}
function api {
  handler = "h.api"

  httpApi {
    method     = "GET"
    path       = "/x"
    authorizer = "custom"
  }
  httpApi {
    method = "*"
    path   = "/y"
    authorizer {
      type = "aws_iam"
    }
  }
}
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let authorizer = &resource(&template, "HttpApiAuthorizerCustom")["Properties"];
    assert_eq!(authorizer["AuthorizerType"], "REQUEST");
    assert_eq!(authorizer["EnableSimpleResponses"], true);
    assert_eq!(authorizer["AuthorizerPayloadFormatVersion"], "2.0");
    let permission = &resource(&template, "CustomLambdaAuthorizerPermissionHttpApi")["Properties"];
    assert_eq!(permission["FunctionName"], json!({ "Fn::GetAtt": ["AuthLambdaFunction", "Arn"] }));
    let get = &resource(&template, "HttpApiRouteGetX")["Properties"];
    assert_eq!(get["AuthorizationType"], "CUSTOM");
    assert_eq!(get["AuthorizerId"], json!({ "Ref": "HttpApiAuthorizerCustom" }));
    let any = &resource(&template, "HttpApiRouteAnyY")["Properties"];
    assert_eq!((&any["RouteKey"], &any["AuthorizationType"]), (&json!("ANY /y"), &json!("AWS_IAM")));
    let cors = &resource(&template, "HttpApi")["Properties"]["CorsConfiguration"];
    assert_eq!(cors["AllowMethods"], json!(["OPTIONS", "GET", "POST", "PUT", "PATCH", "HEAD", "DELETE"]));
    assert_eq!(cors["AllowOrigins"], json!(["*"]));
}

#[test]
fn extensions_merge_into_generated_resources() {
    let (template, codes) = build(
        r#"service = "ext"
provider aws {
  runtime = "python3.12"
  deploymentBucket {
    versioning = true
  }
}
function hello {
  handler = "h.hello"
}
resources {
  extensions {
    HelloLambdaFunction {
      DependsOn = ["Other"]
      Metadata {
        note = "kept"
      }
      Properties {
        Timeout = 20
      }
    }
  }
}
resource Other "AWS::SNS::Topic" {
}
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let hello = resource(&template, "HelloLambdaFunction");
    assert_eq!(hello["DependsOn"], json!(["HelloLogGroup", "Other"]));
    assert_eq!(hello["Metadata"], json!({ "note": "kept" }));
    assert_eq!(hello["Properties"]["Timeout"], 20);
    assert_eq!(hello["Properties"]["MemorySize"], 1024);
    let bucket = resource(&template, "ServerlessDeploymentBucket");
    assert_eq!(bucket["Properties"]["VersioningConfiguration"], json!({ "Status": "Enabled" }));
}

#[test]
fn names_lowering_cannot_resolve_are_errors() {
    let (_, codes) = build(
        r#"service = "bad"
provider aws {
  runtime = "python3.12"
}
function hello {
  handler = "h.hello"
  destinations {
    onFailure = "missing"
  }
}
resources {
  extensions {
    NopeLogGroup {
      DeletionPolicy = "Retain"
    }
  }
}
"#,
    );
    assert_eq!(codes, [Code::E0406, Code::E0406]);
}

/// `allowedAccounts` of a layer: one `AWS::Lambda::LayerVersionPermission`
/// per account, named as Serverless v3 names it (`*` is `Wild`), right after
/// the layer; retained with it when the layer is retained.
#[test]
fn a_layer_is_shared_with_each_allowed_account() {
    let (template, codes) = build(
        r#"service = "shop"
provider aws {
  runtime = "python3.12"
}
layer shared {
  path            = "layer"
  allowedAccounts = ["123456789012", "*"]
  retain          = true
}
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let ids: Vec<&String> = template["Resources"].as_object().expect("resources").keys().collect();
    let at = ids.iter().position(|id| *id == "SharedLambdaLayer").expect("the layer");
    assert_eq!(ids[at + 1..at + 3], ["Shared123456789012LambdaLayerPermission", "SharedWildLambdaLayerPermission"]);
    assert_eq!(
        resource(&template, "SharedWildLambdaLayerPermission"),
        &json!({
            "Type": "AWS::Lambda::LayerVersionPermission",
            "Properties": {
                "Action": "lambda:GetLayerVersion",
                "LayerVersionArn": { "Ref": "SharedLambdaLayer" },
                "Principal": "*"
            },
            "DeletionPolicy": "Retain"
        })
    );
}

/// A service whose role sets `boundary` (`key = "arn"` lines).
fn role_with(boundary: &str) -> String {
    format!(
        r#"service = "bounded"
provider aws {{
  runtime = "python3.12"
  iam {{
    role {{
      {boundary}
    }}
  }}
}}
function api {{
  handler = "h.api"
}}
"#
    )
}

#[test]
fn the_older_spelling_of_the_permissions_boundary_is_read() {
    let boundary =
        |template: &Value| resource(template, "IamRoleLambdaExecution")["Properties"]["PermissionsBoundary"].clone();
    let (template, codes) = build(&role_with(r#"permissionBoundary = "arn:aws:iam::123456789012:policy/old""#));
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(boundary(&template), "arn:aws:iam::123456789012:policy/old");
    let both = r#"permissionBoundary = "arn:aws:iam::123456789012:policy/old"
      permissionsBoundary = "arn:aws:iam::123456789012:policy/new""#;
    let (template, _) = build(&role_with(both));
    assert_eq!(
        boundary(&template),
        "arn:aws:iam::123456789012:policy/new",
        "the current spelling wins, as in Serverless"
    );
}

#[test]
fn force_deploy_carries_the_build_time_the_caller_gives() {
    let src = r#"service = "pools"
provider aws {
  runtime = "python3.12"
}
function migrate {
  handler = "h.migrate"
  cognitoUserPool {
    pool        = "existing-pool"
    trigger     = "UserMigration"
    existing    = true
    forceDeploy = true
  }
}
"#;
    let force =
        |template: &Value| resource(template, "MigrateCustomCognitoUserPool1")["Properties"]["ForceDeploy"].clone();
    let now = UNIX_EPOCH + Duration::from_millis(1_780_000_000_123);
    let (template, codes) = build_with(src, Context { now: Some(now), ..Context::default() });
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(force(&template), 1_780_000_000_123_u64);
    let (template, _) = build(src);
    assert_eq!(force(&template), 0, "no clock is read when none is given");
}
