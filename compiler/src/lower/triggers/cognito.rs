//! `cognitoUserPool`: user pools the stack creates, with the functions as
//! their triggers, and a permission per trigger; pools the stack does not
//! own (`existing: true`) get their triggers through a custom resource.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use super::custom_resources::{self, Kind};
use super::shared::{self, text};
use crate::lower::function;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Triggers that take a KMS key and a Lambda version.
const CUSTOM_SENDERS: &[&str] = &["CustomSMSSender", "CustomEmailSender"];

/// Adds the pools, permissions and custom resources of `cognitoUserPool`
/// events.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    new_pools(service, template);
    existing_pools(service, template, diagnostics);
}

/// One trigger on a pool the stack creates.
struct Trigger<'a> {
    function: &'a Entry,
    pool: String,
    trigger: String,
    event: Value,
}

fn new_pools(service: &Service<'_>, template: &mut Template) {
    let mut triggers = Vec::new();
    for function in service.functions_with("cognitoUserPool") {
        for (_, event) in common::events(function, "cognitoUserPool") {
            if existing(&event) {
                continue;
            }
            let (Some(pool), Some(trigger)) = (text(&event, "pool"), text(&event, "trigger")) else { continue };
            triggers.push(Trigger {
                function,
                pool: pool.to_owned(),
                trigger: trigger.to_owned(),
                event: event.clone(),
            });
        }
    }
    let mut pools: Vec<&str> = Vec::new();
    for trigger in &triggers {
        if !pools.contains(&trigger.pool.as_str()) {
            pools.push(&trigger.pool);
        }
    }
    for pool in pools {
        let on_pool: Vec<&Trigger<'_>> = triggers.iter().filter(|t| t.pool == pool).collect();
        template.resource(naming::cognito_user_pool(pool), pool_resource(pool, &on_pool));
    }
    for trigger in &triggers {
        let source = json!({ "Fn::GetAtt": [naming::cognito_user_pool(&trigger.pool), "Arn"] });
        template.resource(
            naming::cognito_permission(&trigger.function.key, &trigger.pool, &trigger.trigger),
            shared::permission(trigger.function, json!("cognito-idp.amazonaws.com"), json!({ "SourceArn": source })),
        );
    }
}

fn pool_resource(pool: &str, triggers: &[&Trigger<'_>]) -> Value {
    let mut config = Map::new();
    for trigger in triggers {
        let target = common::target(trigger.function);
        if CUSTOM_SENDERS.contains(&trigger.trigger.as_str()) {
            config.insert(trigger.trigger.clone(), json!({ "LambdaArn": target, "LambdaVersion": "V1_0" }));
            config.insert("KMSKeyID".into(), trigger.event.get("kmsKeyId").cloned().unwrap_or_default());
        } else {
            config.insert(trigger.trigger.clone(), target);
        }
    }
    let depends_on: Vec<String> = triggers
        .iter()
        .map(|t| common::alias_id(t.function).unwrap_or_else(|| naming::lambda_function(&t.function.key)))
        .collect();
    let mut resource = json!({
        "Type": "AWS::Cognito::UserPool",
        "Properties": { "UserPoolName": pool, "LambdaConfig": config }
    });
    shared::depends_on(&mut resource, depends_on);
    resource
}

fn existing(event: &Value) -> bool {
    event.get("existing").is_some_and(|e| common::truthy(Some(e)))
}

fn existing_pools(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut statements = Vec::new();
    let mut per_pool: Vec<(String, Vec<String>)> = Vec::new();
    for function in service.functions_with("cognitoUserPool") {
        let events: Vec<Value> =
            common::events(function, "cognitoUserPool").into_iter().map(|(_, e)| e).filter(existing).collect();
        let Some(pool) = events.first().and_then(|e| text(e, "pool")).map(str::to_owned) else { continue };
        if events.iter().any(|e| text(e, "pool") != Some(pool.as_str())) {
            diagnostics.push(several_pools(function));
            continue;
        }
        let id = naming::custom_cognito_user_pool(&function.key);
        match per_pool.iter_mut().find(|(p, _)| *p == pool) {
            Some((_, ids)) => ids.push(id.clone()),
            None => per_pool.push((pool.clone(), vec![id.clone()])),
        }
        let name = function::function_name(service, function);
        let first_kms = events.first().filter(|e| sender(e)).and_then(|e| e.get("kmsKeyId")).filter(|k| !k.is_null());
        if let Some(kms) = first_kms {
            statements.push(json!({ "Effect": "Allow", "Resource": kms, "Action": ["kms:CreateGrant"] }));
        }
        statements.push(json!({
            "Effect": "Allow",
            "Resource": "*",
            "Action": ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool"]
        }));
        statements.push(json!({
            "Effect": "Allow",
            "Resource": { "Fn::Sub": format!("arn:${{AWS::Partition}}:lambda:*:*:function:{name}") },
            "Action": ["lambda:AddPermission", "lambda:RemovePermission"]
        }));
        template.resource(&id, custom_resource(service, &name, function, &pool, &events));
    }
    if statements.is_empty() {
        return;
    }
    for (_, ids) in &per_pool {
        for pair in ids.windows(2) {
            let [previous, id] = pair else { continue };
            template.update(id, |resource| {
                if let Some(Value::Array(depends_on)) = resource.get_mut("DependsOn") {
                    depends_on.push(json!(previous));
                }
            });
        }
    }
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Sub": "arn:${AWS::Partition}:iam::*:role/*" },
        "Action": ["iam:PassRole"]
    }));
    custom_resources::add(service, template, Kind::CognitoUserPool, statements);
}

fn sender(event: &Value) -> bool {
    text(event, "trigger").is_some_and(|t| CUSTOM_SENDERS.contains(&t))
}

/// The `Custom::CognitoUserPool` of a function: its pool and one
/// configuration per trigger.
fn custom_resource(service: &Service<'_>, name: &str, function: &Entry, pool: &str, events: &[Value]) -> Value {
    let configs: Vec<Value> = events
        .iter()
        .map(|event| {
            let mut config = json!({ "Trigger": text(event, "trigger").unwrap_or_default() });
            if sender(event) {
                config["LambdaVersion"] = json!("V1_0");
                if let Some(kms) = event.get("kmsKeyId") {
                    config["KMSKeyID"] = kms.clone();
                }
            }
            config
        })
        .collect();
    custom_resources::attachment(
        service,
        Kind::CognitoUserPool,
        function,
        json!(name),
        ("UserPoolName", json!(pool)),
        ("UserPoolConfigs", configs),
        events,
    )
}

fn several_pools(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` has `existing` cognitoUserPool events on several pools", function.key),
        function.key_span,
        "one existing user pool per function",
    )
    .with_help("the Serverless Framework attaches one existing user pool per function: split the events over functions")
}
