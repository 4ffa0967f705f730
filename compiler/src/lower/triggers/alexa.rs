//! `alexaSkill` and `alexaSmartHome`: a permission for the skill (by its
//! ID) to invoke the function. `enabled: false` keeps the permission with
//! the action `lambda:DisableInvokeFunction`, which allows nothing.

use serde_json::{Value, json};

use crate::lower::common;
use crate::naming;

use super::shared::{self, disabled, strip_escaped_breaks};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The logical ID of a function's `n`th permission of one kind.
type PermissionId = fn(&str, usize) -> String;

/// Adds a permission per `alexaSkill` and `alexaSmartHome` event, counted
/// per function and kind.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    let kinds: [(&str, &str, PermissionId); 2] = [
        ("alexaSkill", "alexa-appkit.amazon.com", naming::alexa_skill_permission),
        ("alexaSmartHome", "alexa-connectedhome.amazon.com", naming::alexa_smart_home_permission),
    ];
    for (kind, principal, id) in kinds {
        for function in service.functions_with(kind) {
            for (index, (_, event)) in common::events(function, kind).into_iter().enumerate() {
                let (app, enabled) = match &event {
                    Value::String(app) => (Some(app.as_str()), true),
                    _ => (shared::text(&event, "appId"), !disabled(&event)),
                };
                let mut permission = shared::permission(function, json!(principal), json!({}));
                if !enabled {
                    permission["Properties"]["Action"] = json!("lambda:DisableInvokeFunction");
                }
                if let Some(app) = app {
                    permission["Properties"]["EventSourceToken"] = json!(strip_escaped_breaks(app));
                }
                template.resource(id(&function.key, index + 1), permission);
            }
        }
    }
}
