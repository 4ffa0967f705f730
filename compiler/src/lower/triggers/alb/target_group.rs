//! The target group of an `alb` event: the function as its only target,
//! a name from an MD5 of service, function, load balancer and stage, and
//! health checks when asked for.

use serde_json::{Map, Value, json};

use super::AlbEvent;
use crate::lower::common;
use crate::lower::service::Service;
use crate::lower::triggers::md5;

/// The `AWS::ElasticLoadBalancingV2::TargetGroup` of `event`.
pub fn resource(service: &Service<'_>, event: &AlbEvent<'_>) -> Value {
    let function = event.function;
    let name = event
        .event
        .get("targetGroupName")
        .filter(|n| common::truthy(Some(n)))
        .cloned()
        .unwrap_or_else(|| json!(generated_name(service, event)));
    let mut properties = Map::new();
    properties.insert("TargetType".into(), json!("lambda"));
    properties.insert("Targets".into(), json!([{ "Id": common::target(function) }]));
    properties.insert("Name".into(), name);
    properties.insert("Tags".into(), json!([{ "Key": "Name", "Value": tag(service, event, false) }]));
    properties.insert(
        "TargetGroupAttributes".into(),
        json!([{ "Key": "lambda.multi_value_headers.enabled", "Value": event.multi_value }]),
    );
    properties.extend(health_check(event.event.get("healthCheck")));
    let mut depends_on = vec![crate::naming::alb_register_target_permission(&function.key)];
    depends_on.extend(common::alias_id(function));
    json!({ "Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": properties, "DependsOn": depends_on })
}

/// `<service>-<function>-<alb>-[multi-value-]<stage>`: the `Name` tag
/// (never with `multi-value-`) and what the generated name hashes.
fn tag(service: &Service<'_>, event: &AlbEvent<'_>, multi_value: bool) -> String {
    let multi = if multi_value { "multi-value-" } else { "" };
    format!("{}-{}-{}-{multi}{}", service.name, event.function.key, event.alb, service.stage)
}

/// `provider.alb.targetGroupPrefix` and the MD5 of the tag, at most 32
/// characters.
fn generated_name(service: &Service<'_>, event: &AlbEvent<'_>) -> String {
    let prefix = service.get("provider.alb.targetGroupPrefix").and_then(|p| p.as_str()).unwrap_or_default();
    let name = format!("{prefix}{}", md5::hex(tag(service, event, event.multi_value).as_bytes()));
    name.chars().take(32).collect()
}

/// Health check properties: off unless `healthCheck` is set; then the
/// load balancer's defaults with the event's settings.
fn health_check(setting: Option<&Value>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("HealthCheckEnabled".into(), json!(false));
    let Some(setting) = setting.filter(|s| common::truthy(Some(s))) else { return out };
    let defaults = [
        ("HealthCheckEnabled", json!(true)),
        ("HealthCheckPath", json!("/")),
        ("HealthCheckIntervalSeconds", json!(35)),
        ("HealthCheckTimeoutSeconds", json!(30)),
        ("HealthyThresholdCount", json!(5)),
        ("UnhealthyThresholdCount", json!(5)),
        ("Matcher", json!({ "HttpCode": "200" })),
    ];
    out.extend(defaults.into_iter().map(|(k, v)| (k.to_owned(), v)));
    let given = |key: &str| setting.get(key).filter(|v| !v.is_null()).cloned();
    for (key, cfn) in [
        ("intervalSeconds", "HealthCheckIntervalSeconds"),
        ("path", "HealthCheckPath"),
        ("timeoutSeconds", "HealthCheckTimeoutSeconds"),
        ("healthyThresholdCount", "HealthyThresholdCount"),
    ] {
        if let Some(value) = given(key) {
            out.insert(cfn.into(), value);
        }
    }
    if let Some(count) = given("unhealthyThresholdCount").filter(|c| common::truthy(Some(c))) {
        out.insert("UnhealthyThresholdCount".into(), count);
    }
    if let Some(code) = setting.pointer("/matcher/httpCode").filter(|c| common::truthy(Some(c))) {
        out.insert("Matcher".into(), json!({ "HttpCode": code }));
    }
    out
}
