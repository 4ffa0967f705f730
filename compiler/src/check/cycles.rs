//! A resource CloudFormation cannot create because it needs itself: a
//! function or resource that refers to itself (`ref`, `getAtt`, a `${…}`
//! in `sub`, `DependsOn`), or a ring of them, such as a function whose
//! role (the one svc makes from `provider.iam.role.statements`) allows an
//! action on that function's ARN. CloudFormation refuses the whole
//! template ("Circular dependency between resources"); svc says where.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::span::Span;
use crate::tree::{Node, NodeKind};

/// The role svc makes for the functions that have none of their own.
const ROLE: &str = "IamRoleLambdaExecution";

/// One resource of the service: who it is for people, and what it refers
/// to (logical ID, where the reference is).
struct Vertex {
    what: String,
    refers: Vec<(String, Span)>,
}

/// Every ring of references in `service`, one error each, at the
/// reference that closes it from its first resource.
pub fn check_cycles(service: &Node) -> Vec<Diagnostic> {
    let graph = graph(service);
    let mut reported: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for start in graph.keys() {
        let Some(ring) = ring_from(&graph, start) else { continue };
        let mut key = ring.clone();
        key.sort();
        if !reported.insert(key) {
            continue;
        }
        diagnostics.push(error(&graph, &ring));
    }
    diagnostics
}

/// The resources of the service and their references: each function
/// (its own settings; events make other resources), the role svc makes
/// when functions use it, and each declared resource.
fn graph(service: &Node) -> BTreeMap<String, Vertex> {
    let mut graph = BTreeMap::new();
    let provider = service.at_address("provider");
    let statements = provider.and_then(|p| p.at_address("iam.role.statements"));
    let shared_role = statements.is_some();
    if let Some(statements) = statements {
        let mut refers = Vec::new();
        references(statements, &mut refers);
        graph.insert(
            ROLE.to_owned(),
            Vertex { what: "the role svc makes (`provider.iam.role.statements`)".into(), refers },
        );
    }
    let provider_environment = provider.and_then(|p| p.at_address("environment"));
    if let Some(functions) = service.at_address("functions").and_then(Node::as_object) {
        for function in functions.entries() {
            let mut refers = Vec::new();
            if let Some(body) = function.value.as_object() {
                for entry in body.entries().iter().filter(|e| e.key != "events") {
                    references(&entry.value, &mut refers);
                }
                if shared_role && body.get("role").is_none() {
                    refers.push((ROLE.to_owned(), function.key_span));
                }
            }
            if let Some(environment) = provider_environment {
                references(environment, &mut refers);
            }
            let what = format!("function `{}`", function.key);
            graph.insert(naming::lambda_function(&function.key), Vertex { what, refers });
        }
    }
    if let Some(resources) = service.at_address("resources.Resources").and_then(Node::as_object) {
        for resource in resources.entries() {
            let mut refers = Vec::new();
            references(&resource.value, &mut refers);
            let what = format!("resource `{}`", resource.key);
            graph.insert(resource.key.to_string(), Vertex { what, refers });
        }
    }
    for vertex in graph.values_mut() {
        vertex.refers.retain(|(target, _)| !target.starts_with("AWS::"));
    }
    graph
}

/// The logical IDs `node` refers to, with where: `ref`, `getAtt`, the
/// `${Name}` of `sub` text, their long forms, and `DependsOn`.
fn references(node: &Node, out: &mut Vec<(String, Span)>) {
    match &node.kind {
        NodeKind::Call(call) => {
            match (call.name.text.as_str(), call.args.first().map(|a| &a.kind)) {
                ("ref" | "getAtt", Some(NodeKind::Path(names))) if !names.is_empty() => {
                    out.push((names[0].text.to_string(), names[0].span));
                }
                ("ref", Some(NodeKind::String(name))) => out.push((name.to_string(), node.span)),
                ("sub", Some(NodeKind::String(text))) => {
                    let local = call.args.get(1).and_then(Node::as_object);
                    for name in sub_names(text) {
                        if local.is_none_or(|l| l.get(name).is_none()) {
                            out.push((name.to_owned(), node.span));
                        }
                    }
                }
                _ => {}
            }
            call.args.iter().for_each(|a| references(a, out));
        }
        NodeKind::List(items) => items.iter().for_each(|i| references(i, out)),
        NodeKind::Object(object) => {
            for entry in object.entries() {
                match (entry.key.as_str(), &entry.value.kind) {
                    ("Ref" | "DependsOn", NodeKind::String(name)) => out.push((name.to_string(), entry.value.span)),
                    ("DependsOn", NodeKind::List(names)) => {
                        out.extend(names.iter().filter_map(|n| Some((n.as_str()?.to_owned(), n.span))));
                    }
                    ("Fn::GetAtt", NodeKind::List(parts)) => {
                        if let Some(name) = parts.first().and_then(Node::as_str) {
                            out.push((name.to_owned(), entry.value.span));
                        }
                    }
                    ("Fn::GetAtt", NodeKind::String(text)) => {
                        let name = text.split('.').next().unwrap_or_default();
                        out.push((name.to_owned(), entry.value.span));
                    }
                    _ => references(&entry.value, out),
                }
            }
        }
        _ => {}
    }
}

/// The `Name` of each `${Name}` and `${Name.Attribute}` of `sub` text
/// (not `${!Literal}`).
fn sub_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        if !inner.starts_with('!') {
            names.push(inner.split('.').next().unwrap_or(inner));
        }
        rest = &after[end + 1..];
    }
    names
}

/// A ring of references that starts and ends at `start`, as the logical
/// IDs on the way (`start` first); `None` when `start` is on no ring.
fn ring_from(graph: &BTreeMap<String, Vertex>, start: &str) -> Option<Vec<String>> {
    // Breadth first, so the ring found is a shortest one.
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for (target, _) in &graph.get(at)?.refers {
            let target = target.as_str();
            if target == start {
                let mut ring = vec![at.to_owned()];
                let mut back = at;
                while back != start {
                    back = previous[back];
                    ring.push(back.to_owned());
                }
                ring.reverse();
                return Some(ring);
            }
            if graph.contains_key(target) && !previous.contains_key(target) && target != start {
                previous.insert(target, at);
                queue.push_back(target);
            }
        }
    }
    None
}

/// The error of `ring`, at the reference its first resource makes to the
/// next (or to itself).
fn error(graph: &BTreeMap<String, Vertex>, ring: &[String]) -> Diagnostic {
    let first = &graph[&ring[0]];
    let next = ring.get(1).unwrap_or(&ring[0]);
    let span = first.refers.iter().find(|(target, _)| target == next).map_or_else(Span::default, |(_, s)| *s);
    if ring.len() == 1 {
        return Diagnostic::error(
            Code::E0416,
            format!("{} refers to itself, which CloudFormation cannot create", first.what),
            span,
            "a reference to itself",
        )
        .with_help(
            "a resource cannot use its own ARN, name or attributes while it is created: build the value \
             from its name instead (`sub(\"arn:${AWS::Partition}:…:${AWS::StackName}-…\")`), or read it at \
             run time",
        );
    }
    let names: Vec<&str> = ring.iter().chain(std::iter::once(&ring[0])).map(|id| graph[id].what.as_str()).collect();
    Diagnostic::error(
        Code::E0416,
        format!("circular dependency: {}", names.join(" → ")),
        span,
        format!("refers to {}", graph[next].what),
    )
    .with_help(
        "CloudFormation must create each of these before the next: break the ring by building one value \
         from a name instead of a reference (`sub(…)` with `${AWS::StackName}`), or give the function a \
         role of its own",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_names_skip_literals() {
        assert_eq!(sub_names("${A}-${B.Arn}-${!Lit}-${AWS::Region}"), ["A", "B", "AWS::Region"]);
    }
}
