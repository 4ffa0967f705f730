//! The `AWS::Lambda::Function` resource: its properties in the order the
//! Serverless Framework writes them, `Condition` and `DependsOn`.

use serde_json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::tree::Entry;

use super::{code, function_name, setting, settings};
use crate::lower::common::truthy;
use crate::lower::service::Service;
use crate::lower::stored::named;

/// The function resource, or `None` (with a diagnostic) when it cannot be
/// built.
pub fn resource(service: &Service<'_>, function: &Entry, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let provider = service.provider();
    if let Some(problem) = crate::check::function_problem(function, service.get("provider")) {
        diagnostics.push(problem);
        return None;
    }
    if service.names_only() {
        return Some(named("AWS::Lambda::Function"));
    }
    let own = settings(function);
    let mut depends_on: Vec<Value> = Vec::new();
    let mut p = Map::new();
    p.insert("Code".into(), json!({}));
    if let Some(image) = own.get("image") {
        image_code(image, provider, &mut p);
    } else {
        runtime_management(provider, &own, &mut p);
        p.insert("Handler".into(), own.get("handler").cloned().unwrap_or(Value::Null));
        p.insert("Code".into(), code::code(service, function));
        p.insert("Runtime".into(), runtime(&own, provider).cloned().unwrap_or(Value::Null));
    }
    p.insert("FunctionName".into(), json!(function_name(service, function)));
    p.insert("MemorySize".into(), first(&own, provider, "memorySize").unwrap_or(json!(1024)));
    p.insert("Timeout".into(), first(&own, provider, "timeout").unwrap_or(json!(6)));
    if let Some(architecture) = first(&own, provider, "architecture") {
        p.insert("Architectures".into(), json!([architecture]));
    }
    if let Some(description) = own.get("description").filter(|d| truthy(Some(d))) {
        p.insert("Description".into(), description.clone());
    }
    if let Some(tags) = merged(provider, &own, "tags") {
        let tags: Vec<Value> = tags.into_iter().map(|(k, v)| json!({ "Key": k, "Value": v })).collect();
        p.insert("Tags".into(), Value::Array(tags));
    }
    if let Some(size) = own.get("ephemeralStorageSize").filter(|s| truthy(Some(s))) {
        p.insert("EphemeralStorage".into(), json!({ "Size": size }));
    }
    if let Some(arn) = own.get("onError").filter(|a| truthy(Some(a))) {
        p.insert("DeadLetterConfig".into(), json!({ "TargetArn": arn }));
    }
    if let Some(key) = first(&own, provider, "kmsKeyArn") {
        p.insert("KmsKeyArn".into(), key);
    }
    if let Some(mode) = tracing(&own, provider) {
        p.insert("TracingConfig".into(), json!({ "Mode": mode }));
    }
    if let Some(variables) = merged(provider, &own, "environment") {
        p.insert("Environment".into(), json!({ "Variables": Value::Object(variables) }));
    }
    if let Some(dependencies) = own.get("dependsOn") {
        match dependencies {
            Value::Array(items) => depends_on.extend(items.iter().cloned()),
            other => depends_on.push(other.clone()),
        }
    }
    p.insert("Role".into(), role(service, &own));
    if let Some(vpc) = vpc_config(&own, provider) {
        p.insert("VpcConfig".into(), vpc);
    }
    if let Some(file_system) = own.get("fileSystemConfig").filter(|f| truthy(Some(f))) {
        let config = json!({ "Arn": file_system.get("arn"), "LocalMountPath": file_system.get("localMountPath") });
        p.insert("FileSystemConfigs".into(), json!([config]));
    }
    if let Some(reserved) = own.get("reservedConcurrency").filter(|r| truthy(Some(r)) || r.as_f64() == Some(0.0)) {
        p.insert("ReservedConcurrentExecutions".into(), reserved.clone());
    }
    if let Some(layers) = own.get("layers").or_else(|| provider.get("layers")).filter(|l| truthy(Some(l))) {
        p.insert("Layers".into(), layers.clone());
    }
    if !truthy(own.get("disableLogs")) {
        depends_on.insert(0, json!(naming::log_group(&function.key)));
    }
    let mut resource = json!({ "Type": "AWS::Lambda::Function" });
    resource["Properties"] = Value::Object(p);
    if let Some(condition) = own.get("condition").filter(|c| truthy(Some(c))) {
        resource["Condition"] = condition.clone();
    }
    if !depends_on.is_empty() {
        resource["DependsOn"] = Value::Array(depends_on);
    }
    Some(resource)
}

/// The function's `runtime`, else the provider's, when set.
fn runtime<'a>(own: &'a Value, provider: &'a Value) -> Option<&'a Value> {
    let runtime = own.get("runtime").filter(|r| truthy(Some(r))).or_else(|| provider.get("runtime"));
    runtime.filter(|r| truthy(Some(r)))
}

/// `SnapStart`, added after the version hash is taken (so it is not part
/// of it).
pub fn snap_start(function: &Entry) -> Option<Value> {
    truthy(setting(function, "snapStart").as_ref()).then(|| json!({ "ApplyOn": "PublishedVersions" }))
}

/// The function's value of `key` when set, else the provider's.
fn first(own: &Value, provider: &Value, key: &str) -> Option<Value> {
    [own.get(key), provider.get(key)].into_iter().flatten().find(|v| truthy(Some(v))).cloned()
}

/// The provider's map under `key` with the function's over it (provider
/// keys first), when either is set.
fn merged(provider: &Value, own: &Value, key: &str) -> Option<Map<String, Value>> {
    let (provider, own) = (provider.get(key), own.get(key));
    if !truthy(provider) && !truthy(own) {
        return None;
    }
    let mut map = Map::new();
    for object in [provider, own].into_iter().flatten().filter_map(Value::as_object) {
        for (k, v) in object {
            map.insert(k.clone(), v.clone());
        }
    }
    Some(map)
}

/// `image`: the URI as `Code.ImageUri` (for an image of
/// `provider.ecr.images`, its `uri`), `PackageType: Image`, and the
/// command, entry point and working directory as `ImageConfig`.
fn image_code(image: &Value, provider: &Value, p: &mut Map<String, Value>) {
    let named = |name: &Value| {
        let images = provider.get("ecr").and_then(|e| e.get("images"));
        let uri = name.as_str().and_then(|n| images?.get(n)?.get("uri")).cloned();
        uri.unwrap_or_else(|| name.clone())
    };
    let uri = match image {
        Value::Object(object) => match (object.get("uri"), object.get("name")) {
            (Some(uri), _) => uri.clone(),
            (None, Some(name)) => named(name),
            (None, None) => Value::Null,
        },
        Value::String(text) if text.contains(".dkr.ecr.") => image.clone(),
        other => named(other),
    };
    let mut config = Map::new();
    for (key, cfn) in [("command", "Command"), ("entryPoint", "EntryPoint"), ("workingDirectory", "WorkingDirectory")] {
        if let Some(value) = image.get(key).filter(|v| truthy(Some(v))) {
            config.insert(cfn.into(), value.clone());
        }
    }
    if !config.is_empty() {
        p.insert("ImageConfig".into(), Value::Object(config));
    }
    p.insert("Code".into(), json!({ "ImageUri": uri }));
    p.insert("PackageType".into(), json!("Image"));
}

/// `runtimeManagement` other than `auto`: `RuntimeManagementConfig`.
fn runtime_management(provider: &Value, own: &Value, p: &mut Map<String, Value>) {
    let mut mode = Value::Null;
    let mut arn = Value::Null;
    for setting in [provider.get("runtimeManagement"), own.get("runtimeManagement")].into_iter().flatten() {
        match setting {
            Value::Object(object) => {
                mode = object.get("mode").cloned().unwrap_or(Value::Null);
                arn = object.get("arn").cloned().unwrap_or(Value::Null);
            }
            other => mode = other.clone(),
        }
    }
    let update = match mode.as_str() {
        Some("onFunctionUpdate") => "FunctionUpdate",
        Some("manual") => "Manual",
        _ => return,
    };
    let mut config = json!({ "UpdateRuntimeOn": update });
    if update == "Manual" {
        config["RuntimeVersionArn"] = arn;
    }
    p.insert("RuntimeManagementConfig".into(), config);
}

/// `tracing` (`true` is `Active`), else `provider.tracing.lambda`.
fn tracing(own: &Value, provider: &Value) -> Option<Value> {
    let provider = provider.get("tracing").and_then(|t| t.get("lambda"));
    let tracing = [own.get("tracing"), provider].into_iter().flatten().find(|v| truthy(Some(v)))?;
    Some(match tracing {
        Value::Bool(true) => json!("Active"),
        other => other.clone(),
    })
}

/// `VpcConfig` from the function's `vpc`, each key falling back to the
/// provider's; only when both subnets and security groups are known.
fn vpc_config(own: &Value, provider: &Value) -> Option<Value> {
    let (own, provider) = (own.get("vpc"), provider.get("vpc"));
    let field = |key: &str| {
        [own.and_then(|v| v.get(key)), provider.and_then(|v| v.get(key))]
            .into_iter()
            .flatten()
            .find(|v| truthy(Some(v)))
            .cloned()
    };
    Some(json!({ "SecurityGroupIds": field("securityGroupIds")?, "SubnetIds": field("subnetIds")? }))
}

/// The function's execution role: its own `role`, else `provider.iam.role`
/// when that names an existing role, else the generated
/// `IamRoleLambdaExecution`. A role given by logical ID becomes its
/// `GetAtt …Arn`. (Serverless also makes the function depend on that role,
/// which the `GetAtt` implies: cfn-lint W3005.)
fn role(service: &Service<'_>, own: &Value) -> Value {
    match own.get("role").or_else(|| crate::lower::role::existing_role(service)).cloned() {
        Some(Value::String(arn)) if arn.starts_with("arn:") => json!(arn),
        Some(Value::String(id)) => json!({ "Fn::GetAtt": [id, "Arn"] }),
        Some(other) => other,
        None => json!({ "Fn::GetAtt": [naming::IAM_ROLE, "Arn"] }),
    }
}
