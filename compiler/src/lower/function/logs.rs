//! One log group per function (`/aws/lambda/<FunctionName>`), except with
//! `disableLogs`.

use serde_json::{Map, json};

use crate::naming;

use super::{function_name, setting};
use crate::lower::common::truthy;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The log groups, in function order.
pub fn log_groups(service: &Service<'_>, template: &mut Template) {
    let provider = service.provider();
    for function in service.functions() {
        if truthy(setting(function, "disableLogs").as_ref()) {
            continue;
        }
        if service.names_only() {
            template.named(naming::log_group(&function.key), "AWS::Logs::LogGroup");
            continue;
        }
        let mut properties = Map::new();
        properties.insert("LogGroupName".into(), json!(format!("/aws/lambda/{}", function_name(service, function))));
        for (key, cfn) in
            [("logRetentionInDays", "RetentionInDays"), ("logDataProtectionPolicy", "DataProtectionPolicy")]
        {
            let value = setting(function, key).filter(|v| truthy(Some(v))).or_else(|| provider.get(key).cloned());
            if let Some(value) = value.filter(|v| truthy(Some(v))) {
                properties.insert(cfn.into(), value);
            }
        }
        template.resource(
            naming::log_group(&function.key),
            json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
        );
    }
}
