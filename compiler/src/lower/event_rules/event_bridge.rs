//! `eventBridge`: a rule (on the default bus, a bus the stack creates, or
//! an existing bus) matching a pattern or running on a schedule, with the
//! permission for EventBridge to invoke the function. Rules are numbered by
//! the event's position in the function's `events`.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::{Entry, NodeKind};

use crate::lower::function;
use crate::lower::service::Service;
use crate::lower::template::Template;
use crate::lower::triggers::md5;
use crate::lower::triggers::shared::{self, disabled, text};

/// Adds the buses, rules and permissions of every `eventBridge` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut any = false;
    for function in service.functions_with("eventBridge") {
        let function_name = function::function_name(service, function);
        for (position, event) in common::events(function, "eventBridge") {
            any = true;
            diagnostics.extend(shared::several_inputs(function, "eventBridge", &event));
            rule(function, &function_name, position, &event, template);
        }
    }
    if any {
        legacy_custom_resource(service, diagnostics);
    }
}

/// `provider.eventBridge.useCloudFormation: false` asks for the custom
/// resource of Serverless v2, which svc does not build.
fn legacy_custom_resource(service: &Service<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(entry) = service.get("provider.eventBridge").and_then(|p| p.as_object()?.entry("useCloudFormation"))
    else {
        return;
    };
    if matches!(entry.value.kind, NodeKind::Bool(false)) {
        diagnostics.push(
            Diagnostic::error(
                Code::E0404,
                "svc builds `eventBridge` events as native CloudFormation rules only",
                entry.key_span,
                "asks for the custom resource of Serverless v2",
            )
            .with_help("remove `useCloudFormation`: native rules are the default since Serverless v3"),
        );
    }
}

/// Where the rule lives.
enum Bus {
    /// The account's default bus (`eventBus` absent or `default`).
    Default,
    /// A bus this stack creates, by name.
    New(String),
    /// An existing bus: its name (from an ARN) or a reference.
    Existing(Value),
}

impl Bus {
    fn of(event: &Value) -> Bus {
        match event.get("eventBus") {
            None | Some(Value::Null) => Bus::Default,
            Some(Value::String(name)) if name.is_empty() || name == "default" => Bus::Default,
            Some(Value::String(arn)) if arn.starts_with("arn") => {
                Bus::Existing(json!(arn.split_once('/').map_or(arn.as_str(), |(_, name)| name)))
            }
            Some(Value::String(name)) => Bus::New(name.clone()),
            Some(reference) => Bus::Existing(reference.clone()),
        }
    }

    /// `EventBusName`, absent for the default bus.
    fn name(&self) -> Option<Value> {
        match self {
            Bus::Default => None,
            Bus::New(name) => Some(json!(name)),
            Bus::Existing(name) => Some(name.clone()),
        }
    }
}

fn rule(function: &Entry, function_name: &str, position: usize, event: &Value, template: &mut Template) {
    let default_name = format!("{function_name}-rule-{position}");
    let rule_name = text(event, "name").filter(|n| !n.is_empty()).map_or_else(
        || {
            if default_name.chars().count() > 64 {
                hash_name(&default_name, &format!("rule-{position}"))
            } else {
                default_name.clone()
            }
        },
        str::to_owned,
    );
    let bus = Bus::of(event);
    let mut properties = Map::new();
    let own = |key: &str| event.get(key).filter(|v| common::truthy(Some(v))).cloned();
    if let Some(description) = own("description") {
        properties.insert("Description".into(), description);
    }
    if let Some(name) = bus.name() {
        properties.insert("EventBusName".into(), name);
    }
    if let Some(pattern) = own("pattern") {
        properties.insert("EventPattern".into(), pattern);
    }
    properties.insert("Name".into(), json!(rule_name));
    if let Some(schedule) = own("schedule") {
        properties.insert("ScheduleExpression".into(), schedule);
    }
    properties.insert("State".into(), json!(if disabled(event) { "DISABLED" } else { "ENABLED" }));
    properties.insert("Targets".into(), json!([target(function, &rule_name, event)]));
    let mut resource = json!({ "Type": "AWS::Events::Rule", "Properties": properties });
    if let Bus::New(name) = &bus {
        let bus_id = naming::event_bridge_bus(name);
        template.resource(&bus_id, json!({ "Type": "AWS::Events::EventBus", "Properties": { "Name": name } }));
        resource["DependsOn"] = json!(bus_id);
    } else if let Some(alias) = common::alias_id(function) {
        resource["DependsOn"] = json!(alias);
    }
    template.resource(naming::event_bridge_rule(&default_name), resource);
    template.resource(naming::event_bridge_permission(&function.key, position), permission(function, &bus, &rule_name));
}

/// The function, what it receives, and how delivery is retried.
fn target(function: &Entry, rule_name: &str, event: &Value) -> Value {
    let id = format!("{rule_name}-target");
    let id = if id.chars().count() > 64 { hash_name(&id, "target") } else { id };
    let mut target = json!({ "Arn": common::target(function), "Id": id });
    if let Some(retry) = event.get("retryPolicy").filter(|r| common::truthy(Some(r))) {
        let mut policy = Map::new();
        for (key, cfn) in
            [("maximumEventAge", "MaximumEventAgeInSeconds"), ("maximumRetryAttempts", "MaximumRetryAttempts")]
        {
            if let Some(value) = retry.get(key).filter(|v| !v.is_null()) {
                policy.insert(cfn.into(), value.clone());
            }
        }
        target["RetryPolicy"] = Value::Object(policy);
    }
    if let Some(queue) = event.get("deadLetterQueueArn").filter(|q| common::truthy(Some(q))) {
        target["DeadLetterConfig"] = json!({ "Arn": queue });
    }
    let own = |key: &str| event.get(key).filter(|v| common::truthy(Some(v)));
    if let Some(input) = own("input") {
        target["Input"] = match input {
            Value::String(text) => json!(text),
            other => json!(other.to_string()),
        };
    } else if let Some(path) = own("inputPath") {
        target["InputPath"] = path.clone();
    } else if let Some(Value::Object(transformer)) = own("inputTransformer") {
        let upper: Map<String, Value> =
            transformer.iter().map(|(key, value)| (naming::normalize_name(key), value.clone())).collect();
        target["InputTransformer"] = Value::Object(upper);
    }
    target
}

/// The permission's `SourceArn` is the rule's ARN, which names the bus
/// for a rule on another bus than the default one.
fn permission(function: &Entry, bus: &Bus, rule_name: &str) -> Value {
    let mut path = vec![json!("rule")];
    path.extend(bus.name());
    path.push(json!(rule_name));
    let source = json!({ "Fn::Join": [":", [
        "arn", { "Ref": "AWS::Partition" }, "events", { "Ref": "AWS::Region" }, { "Ref": "AWS::AccountId" },
        { "Fn::Join": ["/", path] }
    ]] });
    shared::permission(function, json!("events.amazonaws.com"), json!({ "SourceArn": source }))
}

/// A name cut to fit 64 characters: its start, the MD5 of the whole name,
/// and `suffix` (`rule-3`, `target`).
fn hash_name(name: &str, suffix: &str) -> String {
    let keep = 31usize.saturating_sub(suffix.chars().count());
    let start: String = name.chars().take(keep).collect();
    format!("{start}{}-{suffix}", md5::hex(name.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_hashed_to_fit() {
        let name = format!("{}-rule-1", "a".repeat(70));
        let hashed = hash_name(&name, "rule-1");
        assert!(hashed.starts_with(&"a".repeat(25)));
        assert!(hashed.ends_with("-rule-1"));
        assert_eq!(hashed.len(), 25 + 32 + 7);
    }

    #[test]
    fn a_bus_arn_gives_the_bus_name() {
        let event = json!({ "eventBus": "arn:aws:events:us-east-1:123456789012:event-bus/shared-bus" });
        assert_eq!(Bus::of(&event).name(), Some(json!("shared-bus")));
        assert_eq!(Bus::of(&json!({ "eventBus": "default" })).name(), None);
    }
}
