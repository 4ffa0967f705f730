//! The execution role the functions share, `IamRoleLambdaExecution`: log
//! permissions for the service's log groups, the user's statements, those
//! function settings and events need, managed policies and permissions
//! boundary. None when the service names an existing role.

use serde_json::{Map, Value, json};

use crate::naming::IAM_ROLE;

use super::function::{self, function_name, setting};
use super::service::Service;
use super::template::Template;
use crate::lower::common::truthy;

/// Adds the role when the service has functions that use it.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let functions = service.functions();
    let all_own = functions.iter().all(|f| f.value.as_object().and_then(|o| o.get("role")).is_some());
    if functions.is_empty() || existing_role(service).is_some() || all_own {
        return;
    }
    let role = iam_role(service);
    let provider = provider(service);
    let mut statements = log_statements(service);
    let user = role.get("statements").or_else(|| provider.get("iamRoleStatements")).cloned();
    if let Some(Value::Array(user)) = user {
        statements.extend(user.into_iter().map(user_statement));
    }
    function::statements(service, &mut statements);
    statements.extend(super::schedule::role_statement(service));
    statements.extend(super::websocket::role_statements(service));
    statements.extend(super::event_policies::statements(service));
    let mut principals = vec![json!("lambda.amazonaws.com")];
    if super::schedule::role_statement(service).is_some() {
        principals.push(json!("scheduler.amazonaws.com"));
    }
    let mut properties = json!({
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Principal": { "Service": principals }, "Action": ["sts:AssumeRole"] }]
        },
        "Policies": [{
            "PolicyName": { "Fn::Join": ["-", [service.name, service.stage, "lambda"]] },
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
        }],
        "Path": role.get("path").filter(|p| truthy(Some(p))).cloned().unwrap_or(json!("/")),
        "RoleName": role.get("name").filter(|n| truthy(Some(n))).cloned().unwrap_or_else(|| json!({
            "Fn::Join": ["-", [service.name, service.stage, { "Ref": "AWS::Region" }, "lambdaRole"]]
        }))
    });
    if let Some(Value::Object(tags)) = role.get("tags") {
        let tags: Vec<Value> = tags.iter().map(|(k, v)| json!({ "Key": k, "Value": v })).collect();
        properties["Tags"] = Value::Array(tags);
    }
    let boundary = [role.get("permissionsBoundary"), role.get("permissionBoundary")]
        .into_iter()
        .flatten()
        .chain(provider.get("rolePermissionsBoundary"))
        .find(|b| truthy(Some(b)));
    if let Some(boundary) = boundary {
        properties["PermissionsBoundary"] = boundary.clone();
    }
    let managed = managed_policies(service, &role);
    if !managed.is_empty() {
        properties["ManagedPolicyArns"] = Value::Array(managed);
    }
    template.resource(IAM_ROLE, json!({ "Type": "AWS::IAM::Role", "Properties": properties }));
}

/// The role every function uses unless it has its own: `provider.iam.role`
/// given as a role (an ARN, a name or an intrinsic), else the deprecated
/// `provider.role`. `None` when svc generates the role.
pub fn existing_role<'a>(service: &'a Service<'_>) -> Option<&'a Value> {
    let provider = service.provider();
    let role = provider.get("iam").and_then(|iam| iam.get("role"));
    let existing = match role {
        Some(Value::String(_)) => true,
        Some(Value::Object(object)) => object.keys().any(|k| k.contains("::")),
        _ => false,
    };
    if existing {
        return role;
    }
    provider.get("role")
}

fn provider(service: &Service<'_>) -> Value {
    service.get("provider").map(Service::json).unwrap_or(Value::Null)
}

/// `provider.iam.role` as settings of the generated role.
fn iam_role(service: &Service<'_>) -> Map<String, Value> {
    match service.get("provider.iam.role").map(Service::json) {
        Some(Value::Object(object)) => object,
        _ => Map::new(),
    }
}

/// A user statement as Serverless's schema coerces it: a single `Action`
/// or `NotAction` becomes a list.
fn user_statement(mut statement: Value) -> Value {
    for key in ["Action", "NotAction"] {
        if let Some(action) = statement.get_mut(key).filter(|a| a.is_string()) {
            *action = json!([action.take()]);
        }
    }
    statement
}

/// Log permissions: on every `<service>-<stage>…` log group, and on the
/// exact log group of functions named otherwise (listed first). Functions
/// with `disableLogs` get a `Deny` when the wildcard would cover them.
fn log_statements(service: &Service<'_>) -> Vec<Value> {
    let prefix = service.prefix();
    let arn = |group: &str, suffix: &str| json!({ "Fn::Sub": format!("arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{group}{suffix}") });
    let (mut create, mut put, mut disabled) = (Vec::new(), Vec::new(), Vec::new());
    let mut canonical = false;
    for function in service.functions() {
        let name = function_name(service, function);
        let logs = !truthy(setting(function, "disableLogs").as_ref());
        match (name.starts_with(&prefix), logs) {
            (true, true) => canonical = true,
            (true, false) => disabled.push(arn(&name, ":*")),
            (false, true) => {
                create.push(arn(&name, ":*"));
                put.push(arn(&name, ":*:*"));
            }
            (false, false) => {}
        }
    }
    if canonical {
        create.push(arn(&format!("{prefix}*"), ":*"));
        put.push(arn(&format!("{prefix}*"), ":*:*"));
    }
    let mut statements = vec![
        json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": create
        }),
        json!({ "Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": put }),
    ];
    if canonical && !disabled.is_empty() {
        statements.push(json!({ "Effect": "Deny", "Action": "logs:PutLogEvents", "Resource": disabled }));
    }
    statements
}

/// The user's managed policies, and the VPC access policy when a function
/// runs in a VPC.
fn managed_policies(service: &Service<'_>, role: &Map<String, Value>) -> Vec<Value> {
    let provider = provider(service);
    let mut policies = match role.get("managedPolicies").or_else(|| provider.get("iamManagedPolicies")) {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let vpc = truthy(provider.get("vpc"))
        || service.functions().iter().any(|f| f.value.as_object().and_then(|o| o.get("vpc")).is_some());
    if vpc {
        policies.push(json!({
            "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]]
        }));
    }
    policies
}
