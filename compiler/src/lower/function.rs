//! Per function: the log group, the `AWS::Lambda::Function`, the version
//! (its logical ID carries a hash of code and configuration) and the
//! `…QualifiedArn` output.

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Entry, Node, NodeKind};

use super::service::Service;
use super::template::Template;

/// One log group per function, named as Lambda names it.
pub fn log_groups(service: &Service<'_>, template: &mut Template) {
    for function in service.functions() {
        let mut properties = json!({ "LogGroupName": format!("/aws/lambda/{}", function_name(service, function)) });
        if let Some(days) = service.setting(&function.value, "logRetentionInDays") {
            properties["RetentionInDays"] = Service::json(days);
        }
        template.resource(
            naming::log_group(&function.key),
            json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
        );
    }
}

/// Every function, with its version and output.
pub fn functions(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions() {
        let id = naming::lambda_function(&function.key);
        if template.has_resource(&id) {
            diagnostics.push(same_id(function, &id));
            continue;
        }
        let Some(properties) = properties(service, function, diagnostics) else { continue };
        let code_sha = artifact(service, &function.key).map(|a| a.sha256.clone()).unwrap_or_default();
        template.resource(
            &id,
            json!({ "Type": "AWS::Lambda::Function", "Properties": properties.clone(), "DependsOn": [naming::log_group(&function.key)] }),
        );
        let versions =
            service.get("provider.versionFunctions").is_none_or(|v| !matches!(v.kind, NodeKind::Bool(false)));
        if versions {
            version(service, function, &properties, &code_sha, template);
        }
    }
}

fn version(service: &Service<'_>, function: &Entry, properties: &Value, code_sha: &str, template: &mut Template) {
    let id = naming::lambda_function(&function.key);
    let mut hasher = Sha256::new();
    hasher.update(code_sha.as_bytes());
    hasher.update(properties.to_string().as_bytes());
    let hash: String = base64::engine::general_purpose::STANDARD
        .encode(hasher.finalize())
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let version_id = format!("{}LambdaVersion{hash}", naming::normalize_function_name(&function.key));
    let mut version = json!({ "FunctionName": { "Ref": id } });
    if !code_sha.is_empty() {
        version["CodeSha256"] = json!(code_sha);
    }
    if let Some(description) = function.value.as_object().and_then(|f| f.get("description")) {
        version["Description"] = Service::json(description);
    }
    template.resource(
        &version_id,
        json!({ "Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain", "Properties": version }),
    );
    let output = format!("{id}QualifiedArn");
    template.output(
        &output,
        json!({
            "Description": "Current Lambda function version",
            "Value": { "Ref": version_id },
            "Export": { "Name": service.export(&output) }
        }),
    );
}

/// The `AWS::Lambda::Function` properties.
fn properties(service: &Service<'_>, function: &Entry, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let node = &function.value;
    let own = |key: &str| node.as_object().and_then(|f| f.get(key));
    let setting = |key: &str| service.setting(node, key);
    let mut p = Map::new();
    p.insert("Code".into(), code(service, &function.key));
    if let Some(handler) = own("handler") {
        p.insert("Handler".into(), Service::json(handler));
    }
    match setting("runtime") {
        Some(runtime) => {
            p.insert("Runtime".into(), Service::json(runtime));
        }
        None if own("image").is_none() => {
            diagnostics.push(
                Diagnostic::error(
                    Code::E0401,
                    format!("function `{}` has no runtime", function.key),
                    function.key_span,
                    "no `runtime` here or in `provider`",
                )
                .with_help(
                    "set `runtime` in `provider aws { … }` for every function, such as `runtime = \"python3.12\"`",
                ),
            );
            return None;
        }
        None => {}
    }
    p.insert("FunctionName".into(), json!(function_name(service, function)));
    p.insert("MemorySize".into(), setting("memorySize").map_or(json!(1024), Service::json));
    p.insert("Timeout".into(), setting("timeout").map_or(json!(6), Service::json));
    if let Some(description) = own("description") {
        p.insert("Description".into(), Service::json(description));
    }
    if let Some(variables) = environment(service, node) {
        p.insert("Environment".into(), json!({ "Variables": variables }));
    }
    if let Some(tags) = tags(service, node) {
        p.insert("Tags".into(), tags);
    }
    p.insert("Role".into(), role(service, node));
    if let Some(layers) = setting("layers") {
        p.insert("Layers".into(), Service::json(layers));
    }
    if setting("architecture").and_then(Node::as_str) == Some("arm64") {
        p.insert("Architectures".into(), json!(["arm64"]));
    }
    if let Some(reserved) = own("reservedConcurrency") {
        p.insert("ReservedConcurrentExecutions".into(), Service::json(reserved));
    }
    if let Some(size) = setting("ephemeralStorageSize") {
        p.insert("EphemeralStorage".into(), json!({ "Size": Service::json(size) }));
    }
    if let Some(mode) = tracing(service, node) {
        p.insert("TracingConfig".into(), json!({ "Mode": mode }));
    }
    if let Some(vpc) = setting("vpc").and_then(Node::as_object) {
        let field = |key: &str| vpc.get(key).map_or(Value::Null, Service::json);
        p.insert(
            "VpcConfig".into(),
            json!({ "SecurityGroupIds": field("securityGroupIds"), "SubnetIds": field("subnetIds") }),
        );
    }
    Some(Value::Object(p))
}

/// `<service>-<stage>-<function>`, or the function's own `name`.
pub fn function_name(service: &Service<'_>, function: &Entry) -> String {
    match function.value.as_object().and_then(|f| f.get("name")).and_then(Node::as_str) {
        Some(name) => name.to_owned(),
        None => format!("{}-{}", service.prefix(), function.key),
    }
}

fn artifact<'a>(service: &'a Service<'_>, function: &str) -> Option<&'a super::Artifact> {
    service.context.functions.get(function).or(service.context.package.as_ref())
}

/// The deployment bucket: the generated one, or `provider.deploymentBucket`.
pub fn bucket(service: &Service<'_>) -> Value {
    match service.get("provider.deploymentBucket") {
        Some(node) => match &node.kind {
            NodeKind::Object(o) => o.get("name").map_or(Value::Null, Service::json),
            _ => Service::json(node),
        },
        None => json!({ "Ref": naming::DEPLOYMENT_BUCKET }),
    }
}

fn code(service: &Service<'_>, function: &str) -> Value {
    let bucket = bucket(service);
    let key = artifact(service, function).map_or_else(
        || format!("serverless/{}/{}/code-artifacts/{}.zip", service.name, service.stage, service.name),
        |a| a.s3_key.clone(),
    );
    json!({ "S3Bucket": bucket, "S3Key": key })
}

/// Provider variables, overridden by the function's.
fn environment(service: &Service<'_>, function: &Node) -> Option<Map<String, Value>> {
    let mut variables = Map::new();
    let provider = service.get("provider.environment").and_then(Node::as_object);
    let own = function.as_object().and_then(|f| f.get("environment")).and_then(Node::as_object);
    for entry in provider.iter().chain(own.iter()).flat_map(|o| &o.entries) {
        variables.insert(entry.key.clone(), Service::json(&entry.value));
    }
    (!variables.is_empty()).then_some(variables)
}

fn tags(service: &Service<'_>, function: &Node) -> Option<Value> {
    let mut tags = Map::new();
    let provider = service.get("provider.tags").and_then(Node::as_object);
    let own = function.as_object().and_then(|f| f.get("tags")).and_then(Node::as_object);
    for entry in provider.iter().chain(own.iter()).flat_map(|o| &o.entries) {
        tags.insert(entry.key.clone(), Service::json(&entry.value));
    }
    (!tags.is_empty()).then(|| Value::Array(tags.into_iter().map(|(k, v)| json!({ "Key": k, "Value": v })).collect()))
}

/// The function's `role` (a logical ID, an ARN or an intrinsic), else the
/// provider's, else the generated role.
fn role(service: &Service<'_>, function: &Node) -> Value {
    let role = function
        .as_object()
        .and_then(|f| f.get("role"))
        .or_else(|| service.get("provider.iam.role").filter(|r| !matches!(r.kind, NodeKind::Object(_))));
    match role {
        Some(node) => match node.as_str() {
            Some(arn) if arn.starts_with("arn:") => json!(arn),
            Some(id) => json!({ "Fn::GetAtt": [id, "Arn"] }),
            None => Service::json(node),
        },
        None => json!({ "Fn::GetAtt": [naming::IAM_ROLE, "Arn"] }),
    }
}

fn tracing(service: &Service<'_>, function: &Node) -> Option<&'static str> {
    let node =
        function.as_object().and_then(|f| f.get("tracing")).or_else(|| service.get("provider.tracing.lambda"))?;
    match &node.kind {
        NodeKind::Bool(true) => Some("Active"),
        NodeKind::String(mode) if mode == "Active" => Some("Active"),
        NodeKind::String(mode) if mode == "PassThrough" => Some("PassThrough"),
        _ => None,
    }
}

fn same_id(function: &Entry, id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0402,
        format!("function `{}` has the logical ID `{id}` of another function", function.key),
        function.key_span,
        format!("also named `{id}`"),
    )
    .with_help("function names that differ only in case or in the first letter's case collide; rename one")
}
