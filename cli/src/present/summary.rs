//! The summary after a deploy and for `svc info`, shaped like the
//! Serverless Framework's: service, stage, region, stack, endpoints,
//! functions (deployed names and sizes) and outputs.

use std::fmt::Write as _;

use svc_compiler::tree::{Node, NodeKind, Path};

use crate::aws::stack::StackInfo;
use crate::target::Target;

/// A deployed function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name in the service.
    pub name: String,
    /// Its name in AWS, when known.
    pub deployed: Option<String>,
    /// The size of its zip in bytes, when known.
    pub size: Option<u64>,
}

/// The summary as text.
pub fn render(target: &Target, stack: &StackInfo, service: &Node, functions: &[Function]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "service: {}", target.service);
    let _ = writeln!(out, "stage: {}", target.stage);
    let _ = writeln!(out, "region: {}", target.region);
    let _ = writeln!(out, "stack: {} ({})", stack.name, stack.status.as_str());
    if let Some(updated) = &stack.updated {
        let _ = writeln!(out, "last change: {updated}");
    }
    let endpoints = endpoints(stack, service);
    if !endpoints.is_empty() {
        let _ = writeln!(out, "endpoints:");
        for endpoint in endpoints {
            let _ = writeln!(out, "  {endpoint}");
        }
    }
    if !functions.is_empty() {
        let _ = writeln!(out, "functions:");
        for function in functions {
            let _ = write!(out, "  {}: {}", function.name, function.deployed.as_deref().unwrap_or("(not deployed)"));
            if let Some(size) = function.size {
                let _ = write!(out, " ({})", size_text(size));
            }
            out.push('\n');
        }
    }
    if !stack.outputs.is_empty() {
        let _ = writeln!(out, "outputs:");
        for (key, value) in &stack.outputs {
            let _ = writeln!(out, "  {key}: {value}");
        }
    }
    out
}

/// `812 B`, `1.2 kB`, `3.4 MB`, as the Serverless Framework prints sizes.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// `GET - https://…/path` for each `httpApi` and `http` event whose API
/// the stack outputs, then the other endpoint outputs.
fn endpoints(stack: &StackInfo, service: &Node) -> Vec<String> {
    let mut lines = Vec::new();
    let functions = service.at(&Path::keys(&["functions"])).and_then(Node::as_object);
    for function in functions.map_or(&[][..], |f| f.entries()) {
        let events = function.value.as_object().and_then(|f| f.get("events"));
        let Some(NodeKind::List(events)) = events.map(|e| &e.kind) else { continue };
        for event in events.iter().filter_map(Node::as_object).flat_map(|o| o.entries().iter()) {
            let base = match event.key.as_str() {
                "httpApi" => stack.output("HttpApiUrl"),
                "http" => stack.output("ServiceEndpoint"),
                _ => None,
            };
            let Some(base) = base else { continue };
            let (method, path) = route(&event.value);
            lines.push(format!("{} - {}{}", method.to_uppercase(), base.trim_end_matches('/'), path));
        }
    }
    for key in ["ServiceEndpointWebsocket"] {
        if let Some(url) = stack.output(key) {
            lines.push(url.to_owned());
        }
    }
    lines
}

/// An event's method and path: `{ method, path }` or `"GET /path"`.
fn route(event: &Node) -> (String, String) {
    let (method, path) = match (&event.kind, event.as_object()) {
        (NodeKind::String(text), _) => {
            let (m, p) = text.split_once(' ').unwrap_or(("*", text.as_str()));
            (m.to_owned(), p.to_owned())
        }
        (_, Some(object)) => (
            object.get("method").and_then(Node::as_str).unwrap_or("*").to_owned(),
            object.get("path").and_then(Node::as_str).unwrap_or("/").to_owned(),
        ),
        _ => ("*".to_owned(), "/".to_owned()),
    };
    let path = if path.starts_with('/') || path == "*" { path } else { format!("/{path}") };
    (if method == "*" { "ANY".to_owned() } else { method }, if path == "*" { "/{proxy+}".to_owned() } else { path })
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_like_serverless() {
        assert_eq!(size_text(812), "812 B");
        assert_eq!(size_text(1_234), "1.2 kB");
        assert_eq!(size_text(3_400_000), "3.4 MB");
    }
}
