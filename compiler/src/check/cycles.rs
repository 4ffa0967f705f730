//! A resource CloudFormation cannot create because it needs itself: a
//! function or resource that refers to itself (`ref`, `getAtt`, a `${…}`
//! in `sub`, `DependsOn`), or a ring of them, such as a function whose
//! role (the one svc makes from `provider.iam.role.statements`) allows an
//! action on that function's ARN. CloudFormation refuses the whole
//! template ("Circular dependency between resources"); svc says where.

use std::collections::{BTreeMap, BTreeSet};

use super::references::sub_references;
use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::span::Span;
use crate::tree::{Node, NodeKind};

/// The most resources an error's message names in a ring.
const SHOWN: usize = 8;

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
    for ring in rings(&graph) {
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
                    for inner in sub_references(text, call.args.get(1).and_then(Node::as_object)) {
                        out.push((inner.split('.').next().unwrap_or(inner).to_owned(), node.span));
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

/// A ring through each back edge of one depth-first walk of `graph`, as
/// the logical IDs on the way: every ring of references holds at least
/// one such edge, and the walk visits each resource and reference once
/// (an editor runs this on every change).
fn rings(graph: &BTreeMap<String, Vertex>) -> Vec<Vec<String>> {
    let ids: Vec<&String> = graph.keys().collect();
    let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> =
        graph.values().map(|v| v.refers.iter().filter_map(|(t, _)| index.get(t.as_str()).copied()).collect()).collect();
    // Where each resource is on the path being walked, if it is.
    let mut on_path: Vec<Option<usize>> = vec![None; ids.len()];
    let mut done = vec![false; ids.len()];
    let mut rings = Vec::new();
    for start in 0..ids.len() {
        if done[start] {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        on_path[start] = Some(0);
        while let Some((at, next)) = path.last_mut() {
            let at = *at;
            if let Some(&target) = edges[at].get(*next) {
                *next += 1;
                match on_path[target] {
                    Some(from) => rings.push(path[from..].iter().map(|(v, _)| ids[*v].clone()).collect()),
                    None if !done[target] => {
                        on_path[target] = Some(path.len());
                        path.push((target, 0));
                    }
                    None => {}
                }
            } else {
                on_path[at] = None;
                done[at] = true;
                path.pop();
            }
        }
    }
    rings
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
    let mut names: Vec<&str> = ring.iter().chain(std::iter::once(&ring[0])).map(|id| graph[id].what.as_str()).collect();
    // A long ring is named by its start and its end, and counted.
    let count = if names.len() > SHOWN {
        names.splice(SHOWN - 2..names.len() - 2, std::iter::once("…"));
        format!(" of {} resources", ring.len())
    } else {
        String::new()
    };
    Diagnostic::error(
        Code::E0416,
        format!("circular dependency{count}: {}", names.join(" → ")),
        span,
        format!("refers to {}", graph[next].what),
    )
    .with_help(
        "CloudFormation must create each of these before the next: break the ring by building one value \
         from a name instead of a reference (`sub(…)` with `${AWS::StackName}`), or give the function a \
         role of its own",
    )
}
