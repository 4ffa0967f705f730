//! CloudFormation's limits on one stack, counted on the template svc makes
//! of a service (the resources it declares and the ones svc generates):
//! 500 resources, 200 outputs, 200 parameters, logical IDs of at most 255
//! characters. A service over one would fail when its deploy starts; svc
//! says so at the service's name, naming what makes the most.

use std::collections::BTreeMap;

use super::known::Generated;
use crate::diagnostic::{Code, Diagnostic};
use crate::naming::normalize_function_name;
use crate::span::Span;
use crate::tree::Node;

/// The most resources a stack may have.
pub const MAX_RESOURCES: usize = 500;
/// The most outputs a stack may have.
pub const MAX_OUTPUTS: usize = 200;
/// The most parameters a stack may have.
pub const MAX_PARAMETERS: usize = 200;
/// The longest logical ID.
pub const MAX_LOGICAL_ID: usize = 255;

/// How many of the largest contributors the help names.
const NAMED: usize = 3;

/// The limits `service` exceeds, as `generated` (its lowering for names)
/// shows them.
pub fn check_stack_limits(service: &Node, generated: &Generated) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let at = service_span(service);
    let resources = generated.resources.len();
    if resources > MAX_RESOURCES {
        let owners = owners(service, generated.resources.keys().map(String::as_str));
        found.push(limit(at, resources, MAX_RESOURCES, "resources", &owners));
    }
    let outputs = generated.outputs.len();
    if outputs > MAX_OUTPUTS {
        let owners = owners(service, generated.outputs.iter().map(String::as_str));
        found.push(limit(at, outputs, MAX_OUTPUTS, "outputs", &owners));
    }
    let parameters =
        service.at_address("resources.Parameters").and_then(Node::as_object).map_or(0, |p| p.entries().len());
    if parameters > MAX_PARAMETERS {
        found.push(limit(at, parameters, MAX_PARAMETERS, "parameters", &Owners::default()));
    }
    for id in generated.resources.keys().filter(|id| id.chars().count() > MAX_LOGICAL_ID) {
        let (span, what) = place_of(service, id).unwrap_or((at, "the service".to_owned()));
        found.push(
            Diagnostic::error(
                Code::E0415,
                format!(
                    "the logical ID of {what} is {} characters, over CloudFormation's {MAX_LOGICAL_ID}",
                    id.chars().count()
                ),
                span,
                "logical ID too long",
            )
            .with_help(format!("shorten the name it is made of: `{}…`", id.chars().take(40).collect::<String>())),
        );
    }
    found
}

/// The span of the service's name, where a stack-wide limit is reported.
fn service_span(service: &Node) -> Span {
    service.as_object().and_then(|o| o.get("service")).map_or_else(Span::default, |n| n.span)
}

/// An over-the-limit error: `count` of `what` where `max` are allowed,
/// with who makes them.
fn limit(at: Span, count: usize, max: usize, what: &str, owners: &Owners) -> Diagnostic {
    let mut parts = Vec::new();
    if owners.functions > 0 {
        let mut top: Vec<(&String, &usize)> = owners.by_function.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let named: Vec<String> = top.iter().take(NAMED).map(|(name, n)| format!("`{name}` {n}")).collect();
        parts.push(format!(
            "{} functions make {} (the most: {})",
            owners.by_function.len(),
            owners.functions,
            named.join(", ")
        ));
    }
    if owners.other > 0 {
        parts.push(format!("their APIs, routes, rules, roles and the bucket {}", owners.other));
    }
    if owners.declared > 0 {
        parts.push(format!("`resources` {}", owners.declared));
    }
    let mut help = parts.join(", ");
    if !help.is_empty() {
        help.push_str("; ");
    }
    help.push_str(
        "split the service into several services (stacks), or move functions that share nothing into their own",
    );
    Diagnostic::error(
        Code::E0415,
        format!("the stack would have {count} {what}, over CloudFormation's {max}"),
        at,
        format!("{count} {what}"),
    )
    .with_help(help)
}

/// Who makes a stack's resources (or outputs).
#[derive(Debug, Default)]
struct Owners {
    /// Per function, those svc generates for it alone.
    by_function: BTreeMap<String, usize>,
    /// The sum of `by_function`.
    functions: usize,
    /// Those the `resources` section declares.
    declared: usize,
    /// The rest: APIs and their routes, event rules, roles, the bucket.
    other: usize,
}

/// Who makes the `ids`: each function (the IDs svc generates for it alone
/// start with its normalized name), the `resources` section, the rest.
fn owners<'a>(service: &Node, ids: impl Iterator<Item = &'a str>) -> Owners {
    let functions: Vec<(String, String)> = service
        .at_address("functions")
        .and_then(Node::as_object)
        .map(|f| f.entries().iter().map(|e| (e.key.to_string(), normalize_function_name(&e.key))).collect())
        .unwrap_or_default();
    let declared = |section: &str, id: &str| {
        service
            .at_address(&format!("resources.{section}"))
            .and_then(Node::as_object)
            .is_some_and(|o| o.get(id).is_some())
    };
    let mut owners = Owners::default();
    for id in ids {
        if declared("Resources", id) || declared("Outputs", id) {
            owners.declared += 1;
        } else if let Some((name, _)) = functions.iter().find(|(_, prefix)| is_owned(id, prefix)) {
            *owners.by_function.entry(name.clone()).or_default() += 1;
            owners.functions += 1;
        } else {
            owners.other += 1;
        }
    }
    owners
}

/// Whether `id` is one svc generated for the function whose normalized
/// name is `prefix` (`HelloLambdaFunction`, `HelloLogGroup`, …).
fn is_owned(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Where the resource `id` comes from: the declared resource's name, or
/// the function it was generated for.
fn place_of(service: &Node, id: &str) -> Option<(Span, String)> {
    let declared = service.at_address("resources.Resources").and_then(Node::as_object).and_then(|o| o.entry(id));
    if let Some(entry) = declared {
        return Some((entry.key_span, format!("resource `{id}`")));
    }
    let functions = service.at_address("functions").and_then(Node::as_object)?;
    let entry = functions.entries().iter().find(|e| is_owned(id, &normalize_function_name(&e.key)))?;
    Some((entry.key_span, format!("a resource of function `{}`", entry.key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_id_belongs_to_the_function_it_starts_with() {
        assert!(is_owned("HelloLambdaFunction", "Hello"));
        assert!(is_owned("HelloDashworldLogGroup", "HelloDashworld"));
        assert!(!is_owned("HelloworldLambdaFunction", "Hello"));
    }
}
