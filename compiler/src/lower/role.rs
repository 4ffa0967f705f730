//! The execution role the functions share, `IamRoleLambdaExecution`: log
//! permissions for the service's log groups plus the user's statements,
//! managed policies and permissions boundary.

use serde_json::{Value, json};

use crate::naming::IAM_ROLE;
use crate::tree::{Node, NodeKind};

use super::service::Service;
use super::template::Template;

/// Adds the role when the service has functions that use it.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let all_own = service.functions().iter().all(|f| has_own_role(&f.value));
    if service.functions().is_empty() || custom_role(service) || all_own {
        return;
    }
    let prefix = service.prefix();
    let log_arn = |suffix: &str| json!([{ "Fn::Sub": format!("arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{prefix}*{suffix}") }]);
    let mut statements = vec![
        json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": log_arn(":*")
        }),
        json!({ "Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": log_arn(":*:*") }),
    ];
    if let Some(NodeKind::List(user)) = service.get("provider.iam.role.statements").map(|n| &n.kind) {
        statements.extend(user.iter().map(Service::json));
    }
    statements.extend(super::event_policies::statements(service));
    let mut properties = json!({
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": ["lambda.amazonaws.com"] },
                "Action": ["sts:AssumeRole"]
            }]
        },
        "Policies": [{
            "PolicyName": { "Fn::Join": ["-", [service.name, service.stage, "lambda"]] },
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
        }],
        "Path": "/",
        "RoleName": { "Fn::Join": ["-", [service.name, service.stage, { "Ref": "AWS::Region" }, "lambdaRole"]] }
    });
    let managed = managed_policies(service);
    if !managed.is_empty() {
        properties["ManagedPolicyArns"] = Value::Array(managed);
    }
    if let Some(boundary) = service.get("provider.iam.role.permissionsBoundary") {
        properties["PermissionsBoundary"] = Service::json(boundary);
    }
    template.resource(IAM_ROLE, json!({ "Type": "AWS::IAM::Role", "Properties": properties }));
}

/// `provider.iam.role` given as a role ARN or name: no role is generated.
fn custom_role(service: &Service<'_>) -> bool {
    service.get("provider.iam.role").is_some_and(|role| !matches!(role.kind, NodeKind::Object(_)))
}

/// The user's managed policies, and the VPC access policy when a function
/// runs in a VPC.
fn managed_policies(service: &Service<'_>) -> Vec<Value> {
    let mut policies: Vec<Value> = match service.get("provider.iam.role.managedPolicies").map(|n| &n.kind) {
        Some(NodeKind::List(items)) => items.iter().map(Service::json).collect(),
        _ => Vec::new(),
    };
    let vpc = service.get("provider.vpc").is_some()
        || service.functions().iter().any(|f| f.value.as_object().and_then(|o| o.get("vpc")).is_some());
    if vpc {
        policies.push(json!({
            "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]]
        }));
    }
    policies
}

/// Whether `node` (a function) has its own role.
fn has_own_role(function: &Node) -> bool {
    function.as_object().and_then(|f| f.get("role")).is_some()
}
