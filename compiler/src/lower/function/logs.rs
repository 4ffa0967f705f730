//! One log group per function (`/aws/lambda/<FunctionName>`), except with
//! `disableLogs`.

use serde_json::{Map, Value, json};

use crate::naming;

use super::super::service::Service;
use super::super::template::Template;
use super::{config, function_name, truthy};

/// The log groups, in function order.
pub fn log_groups(service: &Service<'_>, template: &mut Template) {
    let provider = service.get("provider").map(Service::json).unwrap_or(Value::Null);
    for function in service.functions() {
        let config = config(function);
        if truthy(config.get("disableLogs")) {
            continue;
        }
        let mut properties = Map::new();
        properties.insert("LogGroupName".into(), json!(format!("/aws/lambda/{}", function_name(service, function))));
        for (key, cfn) in
            [("logRetentionInDays", "RetentionInDays"), ("logDataProtectionPolicy", "DataProtectionPolicy")]
        {
            let value = Some(&config[key]).filter(|v| truthy(Some(v))).or_else(|| provider.get(key));
            if let Some(value) = value.filter(|v| truthy(Some(v))) {
                properties.insert(cfn.into(), value.clone());
            }
        }
        template.resource(
            naming::log_group(&function.key),
            json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
        );
    }
}
