//! API keys and usage plans (`provider.apiGateway.apiKeys`, `usagePlan`):
//! the keys, one plan (or one per named plan), and the keys attached to
//! their plans.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Entry, Node, NodeKind};

use super::Api;
use crate::lower::service::Service;

/// One entry of `apiKeys`: a key, or keys grouped under a usage plan name.
enum KeyEntry<'a> {
    Key(&'a Node),
    Group(&'a Entry),
}

/// Adds the keys, plans and plan keys; they wait for `deployment`.
pub fn lower(api: &mut Api<'_, '_>, deployment: &str, diagnostics: &mut Vec<Diagnostic>) {
    let keys = entries(api.service);
    let plans = plans(api.service);
    let usage_plan = api.service.get("provider.apiGateway.usagePlan");
    let mut number = 0;
    for entry in &keys {
        match entry {
            KeyEntry::Group(group) if plans.iter().any(|(name, _)| *name == group.key) => {
                number = 0;
                for key in list(&group.value) {
                    number += 1;
                    let resource = key_resource(api, key, deployment);
                    api.add(&naming::api_key(number, Some(&group.key)), resource);
                }
            }
            KeyEntry::Group(group) => diagnostics.push(no_plan(group)),
            KeyEntry::Key(key) => {
                number += 1;
                let resource = key_resource(api, key, deployment);
                api.add(&naming::api_key(number, None), resource);
            }
        }
    }
    if usage_plan.is_none() && keys.is_empty() {
        return;
    }
    if plans.is_empty() {
        let resource = plan_resource(api, None, usage_plan.and_then(Node::as_object).map(|o| o as _), deployment);
        api.add(&naming::usage_plan(None), resource);
    }
    for (name, plan) in &plans {
        let resource = plan_resource(api, Some(name), plan.as_object(), deployment);
        api.add(&naming::usage_plan(Some(name)), resource);
    }
    plan_keys(api, &keys, &plans, diagnostics);
}

/// Attaches every key to its plan (`ApiGatewayUsagePlan` for keys outside
/// a group).
fn plan_keys(api: &mut Api<'_, '_>, keys: &[KeyEntry<'_>], plans: &[(&str, &Node)], diagnostics: &mut Vec<Diagnostic>) {
    let mut number = 0;
    for entry in keys {
        match entry {
            KeyEntry::Group(group) if plans.iter().any(|(name, _)| *name == group.key) => {
                number = 0;
                for _ in list(&group.value) {
                    number += 1;
                    let plan = naming::usage_plan(Some(&group.key));
                    let resource = plan_key(&naming::api_key(number, Some(&group.key)), &plan);
                    api.add(&naming::usage_plan_key(number, Some(&group.key)), resource);
                }
            }
            KeyEntry::Group(_) => {}
            KeyEntry::Key(key) if !plans.is_empty() => diagnostics.push(outside_plans(key)),
            KeyEntry::Key(_) => {
                number += 1;
                let resource = plan_key(&naming::api_key(number, None), &naming::usage_plan(None));
                api.add(&naming::usage_plan_key(number, None), resource);
            }
        }
    }
}

fn entries<'a>(service: &Service<'a>) -> Vec<KeyEntry<'a>> {
    let Some(NodeKind::List(items)) = service.get("provider.apiGateway.apiKeys").map(|n| &n.kind) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item.as_object().and_then(|o| o.entries().first()) {
            Some(first) if matches!(first.value.kind, NodeKind::List(_)) => KeyEntry::Group(first),
            _ => KeyEntry::Key(item),
        })
        .collect()
}

/// The named plans of `usagePlan = [{ name = { … } }, …]`.
fn plans<'a>(service: &Service<'a>) -> Vec<(&'a str, &'a Node)> {
    let Some(NodeKind::List(items)) = service.get("provider.apiGateway.usagePlan").map(|n| &n.kind) else {
        return Vec::new();
    };
    let named = items.iter().filter_map(|item| item.as_object()?.entries().first());
    named.map(|e| (e.key.as_str(), &e.value)).collect()
}

fn list(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::List(items) => items,
        _ => &[],
    }
}

fn key_resource(api: &Api<'_, '_>, key: &Node, deployment: &str) -> Value {
    let own = |name: &str| key.as_object().and_then(|o| o.get(name)).map(Service::json);
    let mut properties = json!({ "Enabled": own("enabled").unwrap_or(json!(true)) });
    match key.as_str() {
        Some(name) => properties["Name"] = json!(name),
        None => {
            for (field, cfn) in
                [("name", "Name"), ("value", "Value"), ("description", "Description"), ("customerId", "CustomerId")]
            {
                if let Some(value) = own(field).filter(|v| v.as_str() != Some("")) {
                    properties[cfn] = value;
                }
            }
        }
    }
    properties["StageKeys"] = json!([{ "RestApiId": api.id(), "StageName": api.service.stage }]);
    json!({ "Type": "AWS::ApiGateway::ApiKey", "Properties": properties, "DependsOn": deployment })
}

/// The default plan (`name` `None`) or a named one, with its quota and
/// throttling.
fn plan_resource(api: &Api<'_, '_>, name: Option<&str>, plan: Option<&crate::tree::Object>, deployment: &str) -> Value {
    let (service, stage) = (&api.service.name, &api.service.stage);
    let (description, plan_name) = match name {
        Some(name) => {
            (format!("Usage plan \"{name}\" for {service} {stage} stage"), format!("{service}-{name}-{stage}"))
        }
        None => (format!("Usage plan for {service} {stage} stage"), format!("{service}-{stage}")),
    };
    let mut properties = json!({
        "ApiStages": [{ "ApiId": api.id(), "Stage": stage }],
        "Description": description,
        "UsagePlanName": plan_name
    });
    let limits = [
        ("quota", "Quota", &[("limit", "Limit"), ("offset", "Offset"), ("period", "Period")][..]),
        ("throttle", "Throttle", &[("burstLimit", "BurstLimit"), ("rateLimit", "RateLimit")][..]),
    ];
    for (key, cfn, fields) in limits {
        let Some(settings) = plan.and_then(|p| p.get(key)).and_then(Node::as_object) else { continue };
        let mut out = serde_json::Map::new();
        for (field, cfn_field) in fields {
            if let Some(value) = settings.get(field) {
                out.insert((*cfn_field).to_owned(), Service::json(value));
            }
        }
        properties[cfn] = Value::Object(out);
    }
    json!({ "Type": "AWS::ApiGateway::UsagePlan", "DependsOn": deployment, "Properties": properties })
}

fn plan_key(key: &str, plan: &str) -> Value {
    json!({
        "Type": "AWS::ApiGateway::UsagePlanKey",
        "Properties": { "KeyId": { "Ref": key }, "KeyType": "API_KEY", "UsagePlanId": { "Ref": plan } }
    })
}

fn no_plan(group: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0303,
        format!("the API keys `{}` have no usage plan", group.key),
        group.key_span,
        "no plan of this name",
    )
    .with_help(format!("add a plan `{}` to `provider.apiGateway.usagePlan`, or list the keys directly", group.key))
}

fn outside_plans(key: &Node) -> Diagnostic {
    Diagnostic::error(Code::E0303, "this API key belongs to no usage plan", key.span, "outside the named plans")
        .with_help("with named usage plans, list each key under the name of its plan: `{ free = [\"key\"] }`")
}
