//! When a stack operation fails: the first resource that failed, with its
//! reason, and the svc source that produced its logical ID (functions give
//! `XLambdaFunction`, `XLogGroup`, …; `resource X` blocks give `X`).

use aws_sdk_cloudformation::types::StackStatus;
use svc_compiler::naming;
use svc_compiler::span::Span;
use svc_compiler::tree::{Entry, Node, Path};

use crate::aws::events::Event;
use crate::aws::stack::StackInfo;
use crate::error::Error;

/// Logical IDs back to the svc source that made them.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// Exact IDs: user resources and outputs, layers, generated names.
    exact: Vec<(String, Span, String)>,
    /// Per function: its normalised name, which prefixes every ID made for it.
    functions: Vec<(String, Span, String)>,
}

impl SourceMap {
    /// The map of an analysed service.
    pub fn new(service: &Node) -> SourceMap {
        let mut map = SourceMap::default();
        let entries = |path: &str| -> &[Entry] {
            service.at(&Path::from(path)).and_then(Node::as_object).map_or(&[], |o| o.entries())
        };
        for entry in entries("resources.Resources") {
            map.exact.push((entry.key.as_str().to_owned(), entry.key_span, format!("resource {}", entry.key)));
        }
        for entry in entries("resources.Outputs") {
            map.exact.push((entry.key.as_str().to_owned(), entry.key_span, format!("output {}", entry.key)));
        }
        for entry in entries("layers") {
            map.exact.push((naming::lambda_layer(&entry.key), entry.key_span, format!("layer {}", entry.key)));
        }
        if let Some(provider) = service.as_object().and_then(|s| s.entry("provider")) {
            let iam = provider.value.as_object().and_then(|p| p.entry("iam")).map_or(provider.key_span, |e| e.key_span);
            map.exact.push((naming::IAM_ROLE.to_owned(), iam, "provider iam".to_owned()));
        }
        for entry in entries("functions") {
            map.functions.push((
                naming::normalize_function_name(&entry.key),
                entry.key_span,
                format!("function {}", entry.key),
            ));
        }
        // The longest name first, so that `helloWorld` wins over `hello`.
        map.functions.sort_by_key(|(name, _, _)| std::cmp::Reverse(name.len()));
        map
    }

    /// Where `logical` comes from, and what it is (`function hello`).
    pub fn locate(&self, logical: &str) -> Option<(Span, &str)> {
        if let Some((_, span, what)) = self.exact.iter().find(|(id, _, _)| id == logical) {
            return Some((*span, what));
        }
        self.functions
            .iter()
            .find(|(name, _, _)| {
                logical
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
            })
            .map(|(_, span, what)| (*span, what.as_str()))
    }
}

/// The first resource that failed: the cause, not the resources
/// CloudFormation cancelled because of it.
pub fn first_failure(events: &[Event]) -> Option<&Event> {
    let failed = |e: &&Event| e.is_failed();
    let cancelled = |e: &&Event| e.reason.as_deref().is_some_and(|r| r.contains("cancelled"));
    events
        .iter()
        .filter(failed)
        .find(|e| !e.is_stack() && !cancelled(e))
        .or_else(|| events.iter().filter(failed).find(|e| !e.is_stack()))
        .or_else(|| events.iter().find(failed))
}

/// The report of a failed resource: what failed and why, then where in
/// the service it comes from with that line of source.
pub fn report(event: &Event, map: &SourceMap, file: &str, source: &str) -> String {
    let reason = event.reason.as_deref().unwrap_or("no reason given");
    let mut text = format!("{} ({}) {}: {reason}", event.logical, event.kind, event.status.as_str());
    if let Some((span, what)) = map.locate(&event.logical) {
        text.push_str(&format!("\n{}", location(span, what, file, source)));
    }
    text
}

/// ` --> file:line:column (what)` and the line itself.
pub fn location(span: Span, what: &str, file: &str, source: &str) -> String {
    let start = (span.start as usize).min(source.len());
    let before = source.get(..start).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source.get(line_start..start).map_or(1, |s| s.chars().count() + 1);
    let text = source.get(line_start..).and_then(|s| s.lines().next()).unwrap_or_default();
    let pad = " ".repeat(line.to_string().len());
    format!("{pad}--> {file}:{line}:{column} ({what})\n{pad} |\n{line} | {text}\n{pad} |")
}

/// The error of a stack creation that failed and that CloudFormation then
/// deleted, as svc asks of a first deploy (OnFailure=DELETE): the first
/// failing resource, and that the next deploy starts again.
pub fn deleted(stack: &str, events: &[Event], source: Option<(&SourceMap, &str, &str)>, what: &str) -> Error {
    let Some(event) = first_failure(events) else {
        return Error::Failed(format!("stack `{stack}` disappeared: {what}"));
    };
    let detail = match source {
        Some((map, file, text)) => report(event, map, file, text),
        None => report(event, &SourceMap::default(), "", ""),
    };
    Error::Stack {
        message: format!("{what}: {detail}"),
        note: format!(
            "stack `{stack}` was deleted, as svc asks of a stack it creates: the next `svc deploy` creates it again"
        ),
    }
}

/// The error of a stack operation that failed: the first failing
/// resource, mapped back to the svc source when `source` is given (the
/// map, the file name and its text), then what state the stack is in now.
pub fn stack_error(info: &StackInfo, events: &[Event], source: Option<(&SourceMap, &str, &str)>, what: &str) -> Error {
    let detail = match (first_failure(events), source) {
        (Some(event), Some((map, file, text))) => report(event, map, file, text),
        (Some(event), None) => report(event, &SourceMap::default(), "", ""),
        (None, _) => info.reason.clone().unwrap_or_else(|| "CloudFormation gave no reason".to_owned()),
    };
    let next = match info.status {
        StackStatus::RollbackComplete => "it was never created; the next `svc deploy` deletes it and creates it again",
        StackStatus::UpdateRollbackComplete => {
            "it is back as it was before this deploy; fix the service and deploy again"
        }
        StackStatus::DeleteFailed => "some resources could not be deleted; fix the cause and run `svc remove` again",
        StackStatus::UpdateRollbackFailed => {
            "its rollback could not finish either; `svc recover` finishes it (`--skip LOGICAL_ID` skips a resource that blocks it)"
        }
        StackStatus::UpdateFailed | StackStatus::CreateFailed => {
            "rollback was off, so what the deploy created or updated stays as it is: fix the cause and `svc deploy` again to go on from there, or `svc recover` to roll it back"
        }
        _ => "look at its events in the CloudFormation console before deploying again",
    };
    Error::Stack {
        message: format!("{what}: {detail}"),
        note: format!("stack `{}` is {}: {next}", info.name, info.status.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(logical: &str, kind: &str, status: &str, reason: Option<&str>) -> Event {
        Event {
            id: logical.to_owned(),
            logical: logical.to_owned(),
            kind: kind.to_owned(),
            status: status.into(),
            reason: reason.map(str::to_owned),
            time: String::new(),
        }
    }

    #[test]
    fn the_cause_is_not_a_cancelled_resource() {
        let events = [
            event("A", "AWS::SQS::Queue", "CREATE_FAILED", Some("Resource creation cancelled")),
            event("B", "AWS::Lambda::Function", "CREATE_FAILED", Some("bad memory")),
            event("s", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", Some("failed: [B]")),
        ];
        assert_eq!(first_failure(&events).map(|e| e.logical.as_str()), Some("B"));
    }

    #[test]
    fn location_shows_the_line() {
        let source = "service = \"x\"\n\nfunction hello {\n}\n";
        let start = source.find("hello").unwrap_or(0) as u32;
        let text = location(Span { start, end: start + 5 }, "function hello", "service.svc", source);
        assert!(text.contains("service.svc:3:10 (function hello)"), "{text}");
        assert!(text.contains("3 | function hello {"), "{text}");
    }
}
