//! `cloudFront` (Lambda@Edge): one CloudFront distribution for the
//! service, whose behaviors run the functions' versions, a permission per
//! function for CloudFront to invoke its version, and what Lambda@Edge
//! needs from the functions (at most 128 MB and 5 s unless set, no VPC,
//! no environment, kept when the stack is deleted) and from their role.

mod behavior;
mod edge;
mod origin;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use crate::lower::service::Service;
use crate::lower::template::Template;
use behavior::{Distribution, Problem};

/// Adds the cache policies, the distribution, its outputs and the
/// permissions; adapts the functions and the role.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let policies = cache_policies(service, template);
    let mut distribution = Distribution::default();
    let mut functions: Vec<(&Entry, String)> = Vec::new();
    for function in service.functions_with("cloudFront") {
        let events = common::events(function, "cloudFront");
        if events.is_empty() {
            continue;
        }
        edge::adapt_function(function, template);
        let Some(version) = edge::version(function, template) else {
            diagnostics.push(error(
                Code::E0407,
                function,
                "has `cloudFront` events but no version",
                "Lambda@Edge runs versions",
                "remove `versionFunction = false` (and `provider.versionFunctions = false`) for this function",
            ));
            continue;
        };
        for (_, event) in &events {
            match distribution.add(event, &version, &policies) {
                Ok(()) => {}
                Err(Problem::SecondDefaultOrigin) => diagnostics.push(error(
                    Code::E0407,
                    function,
                    "marks a second origin `isDefaultOrigin`",
                    "another default origin",
                    "mark one origin of the distribution `isDefaultOrigin`",
                )),
                Err(Problem::UnknownCachePolicy(name)) => diagnostics.push(error(
                    Code::E0406,
                    function,
                    &format!("uses the cache policy `{name}`, which is not defined"),
                    "unknown cache policy",
                    "define it in `provider.cloudFront.cachePolicies`",
                )),
            }
        }
        functions.push((function, version));
    }
    let Some((first, _)) = functions.first() else { return };
    if let Err((problem, help)) = check(service, &mut distribution) {
        diagnostics.push(error(Code::E0407, first, problem, "in the CloudFront distribution", help));
        return;
    }
    for (function, version) in &functions {
        template.resource(naming::edge_permission(&function.key), permission(version));
    }
    edge::adapt_role(template);
    add_distribution(service, template, distribution);
}

/// `provider.cloudFront.cachePolicies`, as `AWS::CloudFront::CachePolicy`
/// resources named `<service>-<stage>-<name>`; their names.
fn cache_policies(service: &Service<'_>, template: &mut Template) -> Vec<String> {
    let policies = service.get("provider.cloudFront.cachePolicies").map(Service::json).unwrap_or_default();
    let mut names = Vec::new();
    for (name, config) in policies.as_object().into_iter().flatten() {
        let mut config = config.clone();
        config["Name"] = json!(format!("{}-{name}", service.prefix()));
        template.resource(
            naming::cloud_front_cache_policy(name),
            json!({ "Type": "AWS::CloudFront::CachePolicy", "Properties": { "CachePolicyConfig": config } }),
        );
        names.push(name.clone());
    }
    names
}

/// What CloudFront requires of the whole distribution; orders the
/// behaviors (the default behavior first, made up when every event has a
/// path pattern).
fn check(service: &Service<'_>, distribution: &mut Distribution) -> Result<(), (&'static str, &'static str)> {
    if service.region() != "us-east-1" {
        return Err((
            "has `cloudFront` events outside us-east-1",
            "Lambda@Edge functions are deployed from us-east-1: set `region = \"us-east-1\"`",
        ));
    }
    let behaviors = &mut distribution.behaviors;
    behaviors.sort_by_key(|b| b.get("PathPattern").is_some());
    let patterns: Vec<Option<&Value>> = behaviors.iter().map(|b| b.get("PathPattern")).collect();
    if patterns.iter().enumerate().any(|(i, p)| patterns.iter().take(i).any(|q| q == p)) {
        return Err((
            "has two `cloudFront` behaviors with the same path pattern",
            "events with one `pathPattern` must use the same origin",
        ));
    }
    let repeated_event_type = behaviors.iter().any(|b| {
        let types: Vec<Option<&Value>> =
            b["LambdaFunctionAssociations"].as_array().into_iter().flatten().map(|a| a.get("EventType")).collect();
        types.iter().enumerate().any(|(i, t)| types.iter().take(i).any(|u| u == t))
    });
    if repeated_event_type {
        return Err((
            "has two `cloudFront` events of one event type on one behavior",
            "a behavior runs one function per `eventType`",
        ));
    }
    let Some(first) = behaviors.first().filter(|b| b.get("PathPattern").is_some()) else { return Ok(()) };
    let origin = match &distribution.default_origin {
        Some(origin) => origin.clone(),
        None if distribution.origins.len() > 1 => {
            return Err((
                "has several `cloudFront` origins but none with `isDefaultOrigin`",
                "mark the origin of the default behavior `isDefaultOrigin = true`",
            ));
        }
        None => distribution.origins.first().map(|o| o["Id"].clone()).unwrap_or_default(),
    };
    let mut default = first.clone();
    if let Some(default) = default.as_object_mut() {
        default.shift_remove("PathPattern");
        default.shift_remove("LambdaFunctionAssociations");
        default.insert("TargetOriginId".into(), origin);
    }
    behaviors.insert(0, default);
    Ok(())
}

/// CloudFront may invoke the function's version, from this distribution.
fn permission(version: &str) -> Value {
    json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": { "Ref": version },
            "Action": "lambda:InvokeFunction",
            "Principal": "edgelambda.amazonaws.com",
            "SourceArn": { "Fn::Join": ["", [
                "", "arn:", { "Ref": "AWS::Partition" }, ":cloudfront::", { "Ref": "AWS::AccountId" },
                ":distribution/", { "Ref": naming::CLOUD_FRONT_DISTRIBUTION }
            ]] }
        }
    })
}

fn add_distribution(service: &Service<'_>, template: &mut Template, distribution: Distribution) {
    let mut behaviors = distribution.behaviors.into_iter();
    let mut config = json!({
        "Comment": format!("{} {}", service.name, service.stage),
        "Enabled": true,
        "DefaultCacheBehavior": behaviors.next(),
        "Origins": distribution.origins
    });
    let rest: Vec<Value> = behaviors.collect();
    if !rest.is_empty() {
        config["CacheBehaviors"] = json!(rest);
    }
    template.resource(
        naming::CLOUD_FRONT_DISTRIBUTION,
        json!({ "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": config } }),
    );
    let outputs = [
        (
            naming::CLOUD_FRONT_DISTRIBUTION,
            "CloudFront Distribution Id",
            json!({ "Ref": naming::CLOUD_FRONT_DISTRIBUTION }),
        ),
        (
            naming::CLOUD_FRONT_DISTRIBUTION_DOMAIN_NAME,
            "CloudFront Distribution Domain Name",
            json!({ "Fn::GetAtt": [naming::CLOUD_FRONT_DISTRIBUTION, "DomainName"] }),
        ),
    ];
    for (id, description, value) in outputs {
        template.output(
            id,
            json!({ "Description": description, "Value": value, "Export": { "Name": service.export(id) } }),
        );
    }
}

fn error(code: Code, function: &Entry, problem: &str, label: &str, help: &str) -> Diagnostic {
    Diagnostic::error(code, format!("function `{}` {problem}", function.key), function.key_span, label.to_owned())
        .with_help(help.to_owned())
}
