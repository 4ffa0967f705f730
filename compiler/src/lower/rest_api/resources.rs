//! The REST API's resources: one `AWS::ApiGateway::Resource` per path part
//! of the endpoints (`items`, `items/{id}`, …), in the tree order the
//! Serverless Framework writes them, except those that already exist on a
//! shared API (`provider.apiGateway.restApiResources`).

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Node, NodeKind};

use super::Api;
use super::endpoint::Endpoint;
use crate::lower::service::Service;

/// The paths of the API as a tree.
#[derive(Default)]
pub struct Tree {
    nodes: Vec<PathNode>,
    roots: Vec<usize>,
    by_path: HashMap<String, usize>,
}

struct PathNode {
    path: String,
    part: String,
    parent: Option<usize>,
    children: Vec<usize>,
    /// The ID of a resource that already exists on a shared API.
    existing: Option<Value>,
    /// The name in the logical IDs of its methods, when not the path's.
    name: Option<String>,
    /// Whether this template creates it.
    created: bool,
}

impl Tree {
    /// The part of the logical IDs of the methods on `path`: the
    /// normalised path (`ItemsIdVar`), empty for the root.
    pub fn name(&self, path: &str) -> String {
        if path.is_empty() {
            return String::new();
        }
        let own = self.by_path.get(path).and_then(|&i| self.nodes[i].name.clone());
        own.unwrap_or_else(|| naming::normalize_path(path))
    }

    /// The resource ID of `path`: the root resource for `""`, an existing
    /// resource's ID, else a `Ref` to the one this template creates.
    pub fn resource_id(&self, api: &Api<'_, '_>, path: &str) -> Value {
        match self.by_path.get(path).map(|&i| &self.nodes[i]) {
            _ if path.is_empty() => api.root(),
            Some(PathNode { existing: Some(id), .. }) => id.clone(),
            _ => json!({ "Ref": naming::rest_api_resource(path) }),
        }
    }

    /// Adds `path` and its parents; the index of its node.
    fn insert(&mut self, path: &str) -> Option<usize> {
        let mut parent: Option<usize> = None;
        let mut current = String::new();
        for part in path.split('/') {
            current = if current.is_empty() { part.to_owned() } else { format!("{current}/{part}") };
            let index = match self.by_path.get(&current) {
                Some(&index) => index,
                None => self.add(&current, part, parent),
            };
            parent = Some(index);
        }
        parent
    }

    fn add(&mut self, path: &str, part: &str, parent: Option<usize>) -> usize {
        let index = self.nodes.len();
        self.nodes.push(PathNode {
            path: path.to_owned(),
            part: part.to_owned(),
            parent,
            children: Vec::new(),
            existing: None,
            name: None,
            created: false,
        });
        match parent {
            Some(parent) => self.nodes[parent].children.push(index),
            None => self.roots.push(index),
        }
        self.by_path.insert(path.to_owned(), index);
        index
    }

    /// Marks the nodes from `index` up to (not including) the nearest
    /// existing resource, or up to the root, as created here.
    fn create_up_from(&mut self, index: usize) {
        let mut at = Some(index);
        while let Some(i) = at {
            if self.nodes[i].existing.is_some() {
                break;
            }
            self.nodes[i].created = true;
            at = self.nodes[i].parent;
        }
    }

    /// The nodes in the order they are written: depth first, each tree in
    /// the order its first path appeared.
    fn order(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.nodes[i].children.iter().rev());
        }
        out
    }

    /// Whether a node below `index` already exists on the shared API.
    fn has_existing_below(&self, index: usize) -> bool {
        self.nodes[index].children.iter().any(|&c| self.nodes[c].existing.is_some() || self.has_existing_below(c))
    }
}

/// Builds the tree of the endpoints' paths and adds the resources this
/// template creates.
pub fn lower(api: &mut Api<'_, '_>, endpoints: &[Endpoint<'_>], diagnostics: &mut Vec<Diagnostic>) -> Tree {
    let mut tree = Tree::default();
    for (path, id, name) in existing(api.service) {
        if let Some(index) = tree.insert(&path) {
            tree.nodes[index].existing = Some(id);
            tree.nodes[index].name = name;
        }
    }
    let mut first_event: HashMap<usize, &Node> = HashMap::new();
    for endpoint in endpoints.iter().filter(|e| !e.path.is_empty()) {
        if let Some(index) = tree.insert(&endpoint.path) {
            tree.create_up_from(index);
            first_event.entry(index).or_insert(endpoint.event);
        }
    }
    add_resources(api, &tree, endpoints, &first_event, diagnostics);
    tree
}

fn add_resources(
    api: &mut Api<'_, '_>,
    tree: &Tree,
    endpoints: &[Endpoint<'_>],
    first_event: &HashMap<usize, &Node>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids: HashMap<String, &str> = HashMap::new();
    for index in tree.order().into_iter().filter(|&i| tree.nodes[i].created) {
        let node = &tree.nodes[index];
        let event = first_event.get(&index).copied().or_else(|| endpoints.first().map(|e| e.event));
        if tree.has_existing_below(index) {
            diagnostics.extend(event.map(|e| exists_on_shared_api(&node.path, e)));
        }
        let id = naming::rest_api_resource(&node.path);
        if let Some(other) = ids.insert(id.clone(), &node.path) {
            diagnostics.extend(event.map(|e| same_id(other, &node.path, &id, e)));
        }
        let parent = node.parent.map_or_else(|| api.root(), |p| tree.resource_id(api, &tree.nodes[p].path));
        let resource = json!({
            "Type": "AWS::ApiGateway::Resource",
            "Properties": { "ParentId": parent, "PathPart": node.part, "RestApiId": api.id() }
        });
        api.add(&id, resource);
    }
}

/// `provider.apiGateway.restApiResources`: `path → ID`, or a list of
/// `{ path, resourceId, name }`.
fn existing(service: &Service<'_>) -> Vec<(String, Value, Option<String>)> {
    let trim = |path: &str| path.trim_start_matches('/').trim_end_matches('/').to_owned();
    match service.get("provider.apiGateway.restApiResources").map(|n| &n.kind) {
        Some(NodeKind::Object(map)) => {
            map.entries().iter().map(|e| (trim(&e.key), Service::json(&e.value), None)).collect()
        }
        Some(NodeKind::List(items)) => items
            .iter()
            .filter_map(Node::as_object)
            .filter_map(|item| {
                let path = item.get("path")?.as_str()?;
                let id = item.get("resourceId").map(Service::json)?;
                Some((trim(path), id, item.get("name").and_then(Node::as_str).map(str::to_owned)))
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn exists_on_shared_api(path: &str, event: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::E0303,
        format!("the resource `/{path}` already exists on the shared REST API"),
        event.span,
        "this endpoint needs it",
    )
    .with_help(format!(
        "a path below `/{path}` is listed in `provider.apiGateway.restApiResources`; list `/{path}` with its resource ID too"
    ))
}

fn same_id(first: &str, second: &str, id: &str, event: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::E0303,
        format!("the paths `/{first}` and `/{second}` give the same logical ID `{id}`"),
        event.span,
        "one of the paths",
    )
    .with_help("logical IDs of REST API resources ignore case and most punctuation; rename one path")
}
