//! `iotFleetProvisioning`: an IoT provisioning template whose
//! pre-provisioning hook is the function, and the permission for IoT to
//! invoke it. One per function.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use super::shared;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds the provisioning template and permission of every
/// `iotFleetProvisioning` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions_with("iotFleetProvisioning") {
        let events = common::events(function, "iotFleetProvisioning");
        if events.len() > 1 {
            diagnostics.push(several_templates(function));
            continue;
        }
        for (_, event) in events {
            provisioning_template(function, &event, template);
        }
    }
}

fn provisioning_template(function: &Entry, event: &Value, template: &mut Template) {
    let permission_id = naming::iot_provisioning_permission(&function.key);
    let body = event.get("templateBody").map(Value::to_string).unwrap_or_default();
    let mut properties = json!({
        "Enabled": event.get("enabled").filter(|e| !e.is_null()).cloned().unwrap_or(json!(true)),
        "PreProvisioningHook": { "TargetArn": common::target(function) },
        "ProvisioningRoleArn": event.get("provisioningRoleArn").cloned().unwrap_or_default(),
        "TemplateBody": body
    });
    if let Some(name) = event.get("templateName").filter(|n| common::truthy(Some(n))) {
        properties["TemplateName"] = name.clone();
    }
    let mut depends_on = vec![permission_id.clone()];
    depends_on.extend(common::alias_id(function));
    template.resource(
        naming::iot_provisioning_template(&function.key),
        json!({ "Type": "AWS::IoT::ProvisioningTemplate", "Properties": properties, "DependsOn": depends_on }),
    );
    template.resource(permission_id, shared::permission(function, json!("iot.amazonaws.com"), json!({})));
}

fn several_templates(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` has several `iotFleetProvisioning` events", function.key),
        function.key_span,
        "at most one provisioning hook per function",
    )
    .with_help("a function is the pre-provisioning hook of one template: split the events over functions")
}
