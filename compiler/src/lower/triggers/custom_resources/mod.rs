//! The custom resources that attach functions to an S3 bucket or a Cognito
//! user pool the stack does not own (`existing: true`): their function and
//! the role it runs with, `IamRoleCustomResourcesLambdaExecution`.
//!
//! Logical IDs, names, the role and the resources' properties are the
//! Serverless Framework's, so a stack it deployed is taken over in place.
//! The function's code differs: Serverless uploads `custom-resources.zip`
//! (for `nodejs18.x`, deprecated since 2025-09-01); svc writes its own small
//! Python handlers inline (`Code.ZipFile`), which keep Serverless's
//! physical IDs, statement IDs and notification IDs, so they update and
//! remove what Serverless's handlers created.

use serde_json::{Value, json};

use crate::naming;
use crate::tree::Entry;

use super::{md5, shared};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Which custom resource.
#[derive(Clone, Copy)]
pub enum Kind {
    /// `Custom::S3`
    S3,
    /// `Custom::CognitoUserPool`
    CognitoUserPool,
}

/// The runtime of svc's handlers (inline code must be Node.js or Python).
pub const RUNTIME: &str = "python3.12";

impl Kind {
    /// The function's name after `<service>-<stage>-`.
    fn name(self) -> &'static str {
        match self {
            Kind::S3 => "custom-resource-existing-s3",
            Kind::CognitoUserPool => "custom-resource-existing-cup",
        }
    }

    /// The handler's source, at most 4096 characters (CloudFormation's
    /// limit for `ZipFile`).
    fn code(self) -> &'static str {
        match self {
            Kind::S3 => include_str!("s3.py"),
            Kind::CognitoUserPool => include_str!("cognito_user_pool.py"),
        }
    }

    /// The resource type, `Custom::S3` or `Custom::CognitoUserPool`.
    fn resource_type(self) -> &'static str {
        match self {
            Kind::S3 => "Custom::S3",
            Kind::CognitoUserPool => "Custom::CognitoUserPool",
        }
    }

    /// `CustomDashresourceDashexistingDashs3LambdaFunction`, the logical ID
    /// of the function, which the custom resources name as `ServiceToken`.
    pub fn function_id(self) -> String {
        naming::custom_resource_function(self.name())
    }
}

/// The custom resource of `kind` that attaches `function` (deployed as
/// `function_name`) to an existing resource: `target` (such as
/// `("BucketName", bucket)`) and one configuration per event under
/// `configs.0`; `ForceDeploy` (the build time, [`Service::now_millis`])
/// when the first event asks for it.
pub fn attachment(
    service: &Service<'_>,
    kind: Kind,
    function: &Entry,
    function_name: Value,
    target: (&str, Value),
    configs: (&str, Vec<Value>),
    events: &[Value],
) -> Value {
    let service_token = kind.function_id();
    let mut properties = json!({
        "ServiceToken": { "Fn::GetAtt": [service_token, "Arn"] },
        "FunctionName": function_name,
        target.0: target.1,
        configs.0: configs.1
    });
    if events.first().and_then(|e| e.get("forceDeploy")).is_some_and(|f| crate::lower::common::truthy(Some(f))) {
        properties["ForceDeploy"] = json!(service.now_millis());
    }
    let mut resource = json!({ "Type": kind.resource_type(), "Version": 1, "Properties": properties });
    shared::depends_on(&mut resource, vec![naming::lambda_function(&function.key), service_token]);
    resource
}

/// Adds the function of `kind`, and `statements` to the custom resources'
/// role (created by the first kind added), unless the stack deploys with
/// its own role (`provider.iam.deploymentRole`, `provider.cfnRole`).
pub fn add(service: &Service<'_>, template: &mut Template, kind: Kind, statements: Vec<Value>) {
    let deployment_role = service.get("provider.iam.deploymentRole").or_else(|| service.get("provider.cfnRole"));
    let write_logs = service.get("provider.logs.frameworkLambda").is_some_and(|l| Service::json(l) == json!(true));
    let full_name = full_name(service, kind);
    let mut depends_on = Vec::new();
    let role = match deployment_role {
        Some(role) => Service::json(role),
        None => {
            add_statements(service, template, write_logs, statements);
            depends_on.push(naming::CUSTOM_RESOURCES_ROLE.to_owned());
            json!({ "Fn::GetAtt": [naming::CUSTOM_RESOURCES_ROLE, "Arn"] })
        }
    };
    if write_logs {
        let log_group = naming::log_group(kind.name());
        let mut properties = json!({ "LogGroupName": format!("/aws/lambda/{full_name}") });
        for (key, cfn) in
            [("logRetentionInDays", "RetentionInDays"), ("logDataProtectionPolicy", "DataProtectionPolicy")]
        {
            if let Some(value) = service.get("provider").and_then(|p| p.at_address(key)) {
                properties[cfn] = Service::json(value);
            }
        }
        depends_on.push(log_group.clone());
        template.resource(log_group, json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }));
    }
    let mut function = json!({
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Code": { "ZipFile": kind.code() },
            "FunctionName": full_name,
            "Handler": "index.handler",
            "MemorySize": 1024,
            "Runtime": RUNTIME,
            "Timeout": 180,
            "Role": role
        }
    });
    shared::depends_on(&mut function, depends_on);
    template.resource(kind.function_id(), function);
}

/// `<service>-<stage>-<name>`, shortened with an MD5 past 64 characters.
fn full_name(service: &Service<'_>, kind: Kind) -> String {
    let name = format!("{}-{}", service.prefix(), kind.name());
    if name.chars().count() <= 64 {
        return name;
    }
    let start: String = name.chars().take(32).collect();
    format!("{start}{}", md5::hex(name.as_bytes()))
}

/// Appends `statements` to the role, creating it first. A statement whose
/// `Resource` is the same text as an earlier statement's is left out (the
/// Serverless Framework compares them that way).
fn add_statements(service: &Service<'_>, template: &mut Template, write_logs: bool, statements: Vec<Value>) {
    if !template.has_resource(naming::CUSTOM_RESOURCES_ROLE) {
        template.resource(naming::CUSTOM_RESOURCES_ROLE, role(service, write_logs));
    }
    template.update(naming::CUSTOM_RESOURCES_ROLE, |role| {
        let Some(Value::Array(existing)) = role.pointer_mut("/Properties/Policies/0/PolicyDocument/Statement") else {
            return;
        };
        for statement in statements {
            let resource = &statement["Resource"];
            if resource.is_string() && existing.iter().any(|s| &s["Resource"] == resource) {
                continue;
            }
            existing.push(statement);
        }
    });
}

fn role(service: &Service<'_>, write_logs: bool) -> Value {
    let mut statements = Vec::new();
    if write_logs {
        let prefix = format!(
            "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{}*",
            service.prefix()
        );
        statements.push(json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": [{ "Fn::Sub": format!("{prefix}:*") }]
        }));
        statements.push(json!({
            "Effect": "Allow",
            "Action": ["logs:PutLogEvents"],
            "Resource": [{ "Fn::Sub": format!("{prefix}:*:*") }]
        }));
    }
    json!({
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": ["lambda.amazonaws.com"] },
                    "Action": ["sts:AssumeRole"]
                }]
            },
            "Policies": [{
                "PolicyName": { "Fn::Join": ["-", [service.stage, service.name, "custom-resources-lambda"]] },
                "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
            }]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_fit_inline_code() {
        for kind in [Kind::S3, Kind::CognitoUserPool] {
            assert!(kind.code().chars().count() <= 4096, "{} is too long for ZipFile", kind.name());
        }
    }

    #[test]
    fn function_ids_are_the_serverless_ones() {
        assert_eq!(Kind::S3.function_id(), "CustomDashresourceDashexistingDashs3LambdaFunction");
        assert_eq!(Kind::CognitoUserPool.function_id(), "CustomDashresourceDashexistingDashcupLambdaFunction");
    }
}
