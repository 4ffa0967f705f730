//! `alb`: per event a target group for the function and a rule on an
//! existing load balancer listener forwarding to it; per function the
//! permissions for the load balancer to register and invoke it.

mod listener_rule;
mod target_group;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common;
use crate::naming;
use crate::tree::Entry;

use super::shared;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// One `alb` event, read.
pub struct AlbEvent<'a> {
    function: &'a Entry,
    event: Value,
    /// The load balancer's ID from the listener ARN, or the listener's `Ref`.
    alb: String,
    /// The listener's ID, or its `Ref`.
    listener: String,
    priority: Value,
    multi_value: bool,
}

impl AlbEvent<'_> {
    /// The logical ID of the event's target group.
    fn target_group_id(&self) -> String {
        naming::alb_target_group(&self.function.key, &self.alb, self.multi_value)
    }
}

/// Adds the target groups, listener rules and permissions of `alb` events.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut events = Vec::new();
    for function in service.functions_with("alb") {
        for (_, event) in common::events(function, "alb") {
            match read(function, event) {
                Some(event) => events.push(event),
                None => diagnostics.push(bad_listener(function)),
            }
        }
    }
    if let Some(problem) = priorities(&events) {
        diagnostics.push(problem);
        return;
    }
    let prefix = service.get("provider.alb.targetGroupPrefix").is_some();
    if let Some(event) = events.iter().find(|e| prefix && e.event.get("targetGroupName").is_some()) {
        diagnostics.push(name_and_prefix(event.function));
        return;
    }
    for event in &events {
        template.resource(event.target_group_id(), target_group::resource(service, event));
    }
    for event in &events {
        let id = naming::alb_listener_rule(&event.function.key, &priority_text(&event.priority));
        match listener_rule::resource(service, event) {
            Ok(rule) => template.resource(id, rule),
            Err(name) => diagnostics.push(unknown_authorizer(event.function, &name)),
        }
    }
    for event in &events {
        let principal = json!("elasticloadbalancing.amazonaws.com");
        let source = json!({ "SourceArn": { "Ref": event.target_group_id() } });
        template.resource(
            naming::alb_permission(&event.function.key),
            shared::permission(event.function, principal.clone(), source),
        );
        template.resource(
            naming::alb_register_target_permission(&event.function.key),
            shared::permission(event.function, principal, json!({})),
        );
    }
}

fn read(function: &Entry, event: Value) -> Option<AlbEvent<'_>> {
    let (alb, listener) = match event.get("listenerArn")? {
        Value::String(arn) => listener_ids(arn)?,
        reference => {
            let id = reference.get("Ref")?.as_str()?.to_owned();
            (id.clone(), id)
        }
    };
    let priority = event.get("priority").cloned().unwrap_or_default();
    let multi_value = event.get("multiValueHeaders").is_some_and(|m| common::truthy(Some(m)));
    Some(AlbEvent { function, event, alb, listener, priority, multi_value })
}

/// The load balancer's and the listener's IDs from a listener ARN,
/// `arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<name>/<alb>/<listener>`.
fn listener_ids(arn: &str) -> Option<(String, String)> {
    let word = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let rest = arn.strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(":elasticloadbalancing:")?;
    let (region_account, ids) = rest.rsplit_once(":listener/app/")?;
    let parts: Vec<&str> = ids.split('/').collect();
    let valid = (partition.is_empty() || word(partition)) && !region_account.is_empty() && parts.len() == 3;
    match parts.as_slice() {
        [name, alb, listener] if valid && word(name) && word(alb) && word(listener) => {
            Some(((*alb).to_owned(), (*listener).to_owned()))
        }
        _ => None,
    }
}

/// The priority as written in the listener rule's logical ID.
fn priority_text(priority: &Value) -> String {
    match priority {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Two rules with one priority: on one listener from two functions (the
/// load balancer refuses it), or from one function on two listeners (their
/// logical IDs would collide).
fn priorities(events: &[AlbEvent<'_>]) -> Option<Diagnostic> {
    for (index, event) in events.iter().enumerate() {
        for earlier in events.iter().take(index) {
            if earlier.priority != event.priority {
                continue;
            }
            let same_function = earlier.function.key == event.function.key;
            let same_listener = earlier.listener == event.listener;
            if same_function != same_listener {
                return Some(same_priority(event.function, &priority_text(&event.priority), same_function));
            }
        }
    }
    None
}

fn same_priority(function: &Entry, priority: &str, same_function: bool) -> Diagnostic {
    let help = if same_function {
        "the listener rule's logical ID holds the function and the priority: give each of the function's rules its own priority"
    } else {
        "each rule on a listener needs its own priority"
    };
    Diagnostic::error(
        Code::E0407,
        format!("`alb` priority {priority} of function `{}` is already in use", function.key),
        function.key_span,
        "priority used twice",
    )
    .with_help(help)
}

fn name_and_prefix(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!(
            "an `alb` event of function `{}` sets `targetGroupName` beside `provider.alb.targetGroupPrefix`",
            function.key
        ),
        function.key_span,
        "targetGroupName and targetGroupPrefix together",
    )
    .with_help("use one of them: `targetGroupPrefix` prefixes the generated names, `targetGroupName` replaces one")
}

fn bad_listener(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0405,
        format!("an `alb` event of function `{}` has a listener svc cannot read", function.key),
        function.key_span,
        "listenerArn is neither an ALB listener ARN nor a `ref`",
    )
    .with_help("give the listener's ARN (`arn:aws:elasticloadbalancing:…:listener/app/…`) or `ref(Listener)`")
}

fn unknown_authorizer(function: &Entry, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0406,
        format!("an `alb` event of function `{}` uses the authorizer `{name}`, which is not defined", function.key),
        function.key_span,
        "unknown authorizer",
    )
    .with_help("define it in `provider.alb.authorizers`")
}
