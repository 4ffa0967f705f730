//! `iot`: an IoT topic rule whose action invokes the function, and the
//! permission for IoT to invoke it.

use serde_json::{Map, Value, json};

use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use super::shared::{self, disabled, strip_breaks, text};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds a topic rule and a permission per `iot` event, counted per
/// function.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    for function in service.functions_with("iot") {
        for (index, (_, event)) in common::events(function, "iot").into_iter().enumerate() {
            topic_rule(function, index + 1, &event, template);
        }
    }
}

fn topic_rule(function: &Entry, index: usize, event: &Value, template: &mut Template) {
    let own = |key: &str| text(event, key).filter(|t| !t.is_empty()).map(strip_breaks);
    let mut payload = Map::new();
    payload.insert("RuleDisabled".into(), json!(disabled(event)));
    payload.insert("Sql".into(), json!(own("sql").unwrap_or_default()));
    payload.insert("Actions".into(), json!([{ "Lambda": { "FunctionArn": common::target(function) } }]));
    if let Some(description) = own("description") {
        payload.insert("Description".into(), json!(description));
    }
    if let Some(version) = own("sqlVersion") {
        payload.insert("AwsIotSqlVersion".into(), json!(version));
    }
    let mut properties = json!({ "TopicRulePayload": payload });
    if let Some(name) = own("name") {
        properties["RuleName"] = json!(name);
    }
    let rule_id = naming::iot_topic_rule(&function.key, index);
    let mut rule = json!({ "Type": "AWS::IoT::TopicRule", "Properties": properties });
    shared::depends_on(&mut rule, common::alias_id(function).into_iter().collect());
    template.resource(&rule_id, rule);
    let source = json!({ "Fn::Join": ["", [
        "arn:", { "Ref": "AWS::Partition" }, ":iot:", { "Ref": "AWS::Region" }, ":", { "Ref": "AWS::AccountId" },
        ":rule/", { "Ref": rule_id }
    ]] });
    template.resource(
        naming::iot_permission(&function.key, index),
        shared::permission(function, json!("iot.amazonaws.com"), json!({ "SourceArn": source })),
    );
}
