//! Rules on the raw CloudFormation resources a service declares that
//! CloudFormation or AWS would refuse at deploy time, from cfn-lint's most
//! useful ones: an S3 bucket name AWS refuses, a Lambda function on a
//! deprecated runtime, and an SQS queue whose visibility timeout is
//! shorter than the timeout of a function that consumes it (AWS refuses
//! the event source mapping).

use super::rules::{deprecated_runtime, number};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::{Node, NodeKind, Object};

/// Lambda's default timeout, in seconds, when neither the function nor
/// the provider sets one (the Serverless Framework's default).
const DEFAULT_TIMEOUT: i64 = 6;

/// An SQS queue's default visibility timeout, in seconds.
const DEFAULT_VISIBILITY: i64 = 30;

/// The rules over the service's declared resources.
pub fn check_resource_rules(service: &Node) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(resources) = service.at_address("resources.Resources").and_then(Node::as_object) else {
        return diagnostics;
    };
    for resource in resources.entries() {
        let Some(body) = resource.value.as_object() else { continue };
        let properties = body.get("Properties").and_then(Node::as_object);
        match body.get("Type").and_then(Node::as_str) {
            Some("AWS::S3::Bucket") => bucket_name(properties, &mut diagnostics),
            Some("AWS::Lambda::Function") => {
                deprecated_runtime(properties.and_then(|p| p.entry("Runtime")), &mut diagnostics);
            }
            _ => {}
        }
    }
    queue_visibility(service, resources, &mut diagnostics);
    diagnostics
}

/// A literal `BucketName` that breaks S3's naming rules.
fn bucket_name(properties: Option<&Object>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(name) = properties.and_then(|p| p.get("BucketName")) else { return };
    let Some(text) = name.as_str() else { return };
    if let Err(why) = crate::schema::patterns::s3_bucket_name(text) {
        diagnostics.push(
            Diagnostic::error(Code::E0303, format!("`{text}` is not an S3 bucket name: {why}"), name.span, "not a bucket name")
                .with_help("3 to 63 characters: lowercase letters, digits, `.` and `-`, starting and ending with a letter or digit"),
        );
    }
}

/// Each function's `sqs` events on a queue the service declares: the
/// queue's `VisibilityTimeout` must be at least the function's timeout.
fn queue_visibility(service: &Node, resources: &Object, diagnostics: &mut Vec<Diagnostic>) {
    let Some(functions) = service.at_address("functions").and_then(Node::as_object) else { return };
    let provider_timeout = service.at_address("provider.timeout").and_then(number);
    for function in functions.entries() {
        let Some(body) = function.value.as_object() else { continue };
        let timeout = body.get("timeout").and_then(number).or(provider_timeout).unwrap_or(DEFAULT_TIMEOUT);
        for event in body.get("events").and_then(Node::as_list).unwrap_or_default() {
            let Some(sqs) = event.as_object().and_then(|e| e.get("sqs")) else { continue };
            let arn = sqs.as_object().and_then(|s| s.get("arn")).unwrap_or(sqs);
            let Some((queue, span)) = queue_of(arn) else { continue };
            let Some(properties) = resources.get(&queue).and_then(Node::as_object) else { continue };
            if properties.get("Type").and_then(Node::as_str) != Some("AWS::SQS::Queue") {
                continue;
            }
            let visibility = properties
                .get("Properties")
                .and_then(|p| p.at_address("VisibilityTimeout"))
                .map_or(Some(DEFAULT_VISIBILITY), number);
            let Some(visibility) = visibility else { continue };
            if visibility < timeout {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0418,
                        format!(
                            "queue `{queue}` hides a message for {visibility} s, less than function `{}`'s timeout of {timeout} s",
                            function.key
                        ),
                        span,
                        "visibility timeout shorter than the function's timeout",
                    )
                    .with_help(format!(
                        "AWS refuses the event source mapping: set `VisibilityTimeout = {}` (AWS advises six times the function's timeout) on `{queue}`, or shorten the function's timeout",
                        timeout * 6
                    )),
                );
            }
        }
    }
}

/// The queue an `sqs` event's `arn` names with `getAtt(Queue.Arn)`.
fn queue_of(arn: &Node) -> Option<(String, crate::span::Span)> {
    match &arn.kind {
        NodeKind::Call(call) if call.name.text == "getAtt" => match call.args.first().map(|a| &a.kind) {
            Some(NodeKind::Path(names)) if !names.is_empty() => Some((names[0].text.to_string(), names[0].span)),
            _ => None,
        },
        _ => None,
    }
}
