//! The origins and cache behaviors of the distribution, gathered from the
//! `cloudFront` events: one behavior per path pattern and origin, holding
//! the Lambda@Edge associations of every event on it.

use serde_json::{Map, Value, json};

use crate::naming;

use super::origin;
use crate::lower::common::truthy;

/// AWS's managed `CachingOptimized` policy, the default of a behavior.
const CACHING_OPTIMIZED: &str = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/// What the events describe so far.
#[derive(Default)]
pub struct Distribution {
    /// The origins, in order of first use.
    pub origins: Vec<Value>,
    /// The behaviors, in order of first use.
    pub behaviors: Vec<Value>,
    /// The `Id` of the origin marked `isDefaultOrigin`.
    pub default_origin: Option<Value>,
}

/// Why an event cannot be added.
pub enum Problem {
    /// A second, different origin is marked `isDefaultOrigin`.
    SecondDefaultOrigin,
    /// `cachePolicy.name` is not in `provider.cloudFront.cachePolicies`.
    UnknownCachePolicy(String),
}

impl Distribution {
    /// Adds an event of the function whose version is `version`.
    pub fn add(&mut self, event: &Value, version: &str, policies: &[String]) -> Result<(), Problem> {
        let origin = origin::origin(event.get("origin"));
        let origin_id = origin["Id"].clone();
        match self.origins.iter_mut().find(|o| o["Id"] == origin_id) {
            Some(existing) => origin::extend(existing, &origin),
            None => self.origins.push(origin),
        }
        if event.get("isDefaultOrigin").is_some_and(|d| truthy(Some(d))) {
            if self.default_origin.as_ref().is_some_and(|d| *d != origin_id) {
                return Err(Problem::SecondDefaultOrigin);
            }
            self.default_origin = Some(origin_id.clone());
        }
        let mut behavior = cache_settings(event, policies)?;
        let mut association = Map::new();
        if let Some(kind) = event.get("eventType").filter(|k| !k.is_null()) {
            association.insert("EventType".into(), kind.clone());
        }
        association.insert("LambdaFunctionARN".into(), json!({ "Ref": version }));
        if let Some(body) = event.get("includeBody").filter(|b| !b.is_null()) {
            association.insert("IncludeBody".into(), body.clone());
        }
        behavior.insert("TargetOriginId".into(), origin_id);
        behavior.insert("LambdaFunctionAssociations".into(), json!([association]));
        if let Some(pattern) = event.get("pathPattern").filter(|p| p.is_string()) {
            behavior.insert("PathPattern".into(), pattern.clone());
        }
        let behavior = Value::Object(behavior);
        let same = |b: &&mut Value| {
            b.get("PathPattern") == behavior.get("PathPattern") && b["TargetOriginId"] == behavior["TargetOriginId"]
        };
        match self.behaviors.iter_mut().find(same) {
            Some(existing) => origin::extend(existing, &behavior),
            None => self.behaviors.push(behavior),
        }
        Ok(())
    }
}

/// `ViewerProtocolPolicy: allow-all`, the event's `behavior`, and the cache
/// policy: `cachePolicy` (by ID or by name), else `CachingOptimized` unless
/// the behavior sets caching itself.
fn cache_settings(event: &Value, policies: &[String]) -> Result<Map<String, Value>, Problem> {
    let mut behavior = Map::new();
    behavior.insert("ViewerProtocolPolicy".into(), json!("allow-all"));
    let given = event.get("behavior").and_then(Value::as_object);
    behavior.extend(given.into_iter().flatten().map(|(k, v)| (k.clone(), v.clone())));
    let set = |key: &str| given.and_then(|g| g.get(key));
    let mut default_policy = !truthy(set("CachePolicyId"))
        && !truthy(set("ForwardedValues"))
        && ["MaxTTL", "MinTTL", "DefaultTTL"].iter().all(|k| set(k).is_none_or(Value::is_null));
    if let Some(policy) = event.get("cachePolicy").filter(|p| truthy(Some(p))) {
        let name = policy.get("name").and_then(Value::as_str).filter(|n| !n.is_empty());
        if let Some(name) = name.filter(|n| !policies.iter().any(|p| p == n)) {
            return Err(Problem::UnknownCachePolicy(name.to_owned()));
        }
        let id = policy.get("id").filter(|i| truthy(Some(i))).cloned();
        let reference = || json!({ "Ref": naming::cloud_front_cache_policy(name.unwrap_or_default()) });
        behavior.insert("CachePolicyId".into(), id.unwrap_or_else(reference));
        default_policy = false;
    }
    if default_policy {
        behavior.insert("CachePolicyId".into(), json!(CACHING_OPTIMIZED));
    }
    Ok(behavior)
}
