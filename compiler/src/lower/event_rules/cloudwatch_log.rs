//! `cloudwatchLog`: a subscription filter per log group, and one permission
//! per function for CloudWatch Logs to invoke it from all its log groups.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use crate::lower::service::Service;
use crate::lower::template::Template;
use crate::lower::triggers::shared::{self, strip_breaks};

/// CloudWatch Logs takes at most two subscription filters per log group.
const FILTERS_PER_GROUP: usize = 2;

/// Adds the filters and permissions of every `cloudwatchLog` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut per_group: Vec<(String, usize)> = Vec::new();
    for function in service.functions_with("cloudwatchLog") {
        let mut groups = Vec::new();
        for (index, (_, event)) in common::events(function, "cloudwatchLog").into_iter().enumerate() {
            let Some((group, pattern)) = group_and_filter(&event) else { continue };
            let count = match per_group.iter_mut().find(|(g, _)| *g == group) {
                Some((_, count)) => {
                    *count += 1;
                    *count
                }
                None => {
                    per_group.push((group.clone(), 1));
                    1
                }
            };
            if count == FILTERS_PER_GROUP + 1 {
                diagnostics.push(too_many_filters(function, &group));
            }
            groups.push(group.clone());
            let permission_id = naming::cloudwatch_log_permission(&function.key);
            template
                .resource(naming::cloudwatch_log_filter(&function.key, index + 1), filter(function, &group, pattern));
            template.resource(permission_id, permission(function, &groups));
        }
    }
}

fn too_many_filters(function: &Entry, group: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` adds a third subscription filter to the log group `{group}`", function.key),
        function.key_span,
        "more than two `cloudwatchLog` events on one log group",
    )
    .with_help("CloudWatch Logs allows two subscription filters per log group: remove `cloudwatchLog` events on it")
}

/// The log group and the filter pattern, from either form.
fn group_and_filter(event: &Value) -> Option<(String, String)> {
    match event {
        Value::String(group) => Some((strip_breaks(group), String::new())),
        Value::Object(_) => {
            let group = strip_breaks(event.get("logGroup")?.as_str()?);
            let filter = event.get("filter").and_then(Value::as_str).map(strip_breaks).unwrap_or_default();
            Some((group, unescape_quotes(filter)))
        }
        _ => None,
    }
}

/// A pattern whose first quote comes after a backslash was written with
/// escaped quotes (`{ $.a = \"b\" }`): the Serverless Framework unescapes
/// `\"`, `\\` and `\'` once.
fn unescape_quotes(pattern: String) -> String {
    match (pattern.find('\\'), pattern.find('"')) {
        (Some(slash), Some(quote)) if quote > slash => {
            let mut out = String::with_capacity(pattern.len());
            let mut chars = pattern.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek()) {
                    ('\\', Some(&next @ ('"' | '\\' | '\''))) => {
                        out.push(next);
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            out
        }
        _ => pattern,
    }
}

fn filter(function: &Entry, group: &str, pattern: String) -> Value {
    let mut depends_on = vec![naming::cloudwatch_log_permission(&function.key)];
    depends_on.extend(common::alias_id(function));
    json!({
        "Type": "AWS::Logs::SubscriptionFilter",
        "DependsOn": depends_on,
        "Properties": {
            "LogGroupName": group,
            "FilterPattern": pattern,
            "DestinationArn": common::target(function)
        }
    })
}

/// The permission for all the function's log groups: their longest common
/// prefix, with `*` after it when there are several.
fn permission(function: &Entry, groups: &[String]) -> Value {
    let source = json!({ "Fn::Join": ["", [
        "arn:", { "Ref": "AWS::Partition" }, ":logs:", { "Ref": "AWS::Region" }, ":",
        { "Ref": "AWS::AccountId" }, ":log-group:", common_prefix(groups), ":*"
    ]] });
    let principal = json!({ "Fn::Join": ["", ["logs.", { "Ref": "AWS::Region" }, ".amazonaws.com"]] });
    shared::permission(function, principal, json!({ "SourceArn": source }))
}

fn common_prefix(groups: &[String]) -> String {
    let Some(first) = groups.first() else { return String::new() };
    let mut prefix: &str = first;
    for group in groups.iter().skip(1) {
        let common = prefix.char_indices().zip(group.chars()).find(|((_, a), b)| a != b).map(|((at, _), _)| at);
        if let Some(at) = common {
            prefix = &prefix[..at];
        } else if group.len() < prefix.len() {
            prefix = &prefix[..group.len()];
        }
    }
    let mut prefix = prefix.to_owned();
    if groups.len() > 1 && !prefix.ends_with('*') {
        prefix.push('*');
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_covers_the_common_prefix() {
        let groups = ["/aws/lambda/other-function".to_owned(), "/aws/lambda/another_function".to_owned()];
        assert_eq!(common_prefix(&groups), "/aws/lambda/*");
        assert_eq!(common_prefix(&groups[..1]), "/aws/lambda/other-function");
    }

    #[test]
    fn unescapes_quotes_written_escaped() {
        assert_eq!(unescape_quotes(r#"{ $.a = \"b\" }"#.to_owned()), r#"{ $.a = "b" }"#);
        assert_eq!(unescape_quotes(r#"{ $.a = "b\\c" }"#.to_owned()), r#"{ $.a = "b\\c" }"#);
    }
}
