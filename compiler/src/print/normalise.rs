//! The defaults `serverless print` (v3) fills in, so that `svc print` shows
//! the same data: `provider.stage`, `provider.region` (`--region` wins over
//! the file), `provider.versionFunctions`, and each function's `events`
//! and `name` (`<service>-<stage>-<function>`), and
//! `package.artifactsS3KeyDirname`.

use crate::resolve::Options;
use crate::span::Span;
use crate::tree::{Node, NodeKind, Object};

/// `tree` with the Serverless Framework's print-time defaults.
pub fn normalise(mut tree: Node, options: &Options) -> Node {
    let Some(root) = tree.as_object_mut() else { return tree };
    let service = root.get("service").and_then(Node::as_str).unwrap_or_default().to_owned();
    let span = Span::default();
    let stage = {
        let provider = provider(root);
        let written = provider.get("stage").and_then(Node::as_str).map(str::to_owned);
        // `serverless print` shows `dev` here even with `--stage`.
        if provider.get("stage").is_none() {
            provider.push("stage", span, string("dev"));
        }
        match &options.region {
            Some(region) => set(provider, "region", string(region)),
            None if provider.get("region").is_none() => provider.push("region", span, string("us-east-1")),
            None => {}
        }
        if provider.get("versionFunctions").is_none() {
            provider.push("versionFunctions", span, Node::new(NodeKind::Bool(true), span));
        }
        options.stage.clone().or(written).unwrap_or_else(|| "dev".to_owned())
    };
    let prefix = root
        .get("provider")
        .and_then(|p| p.as_object()?.get("deploymentPrefix")?.as_str().map(str::to_owned))
        .unwrap_or_else(|| "serverless".to_owned());
    if let Some(package) = root.get_mut("package").and_then(Node::as_object_mut)
        && package.get("artifactsS3KeyDirname").is_none()
    {
        let dirname = format!("{prefix}/{service}/{stage}/code-artifacts");
        package.push("artifactsS3KeyDirname", span, string(&dirname));
    }
    if let Some(functions) = root.get_mut("functions").and_then(Node::as_object_mut) {
        for entry in &mut functions.entries {
            let name = format!("{service}-{stage}-{}", entry.key);
            if let Some(function) = entry.value.as_object_mut() {
                if function.get("events").is_none() {
                    function.push("events", span, Node::new(NodeKind::List(Vec::new()), span));
                }
                if function.get("name").is_none() {
                    function.push("name", span, string(&name));
                }
            }
        }
    }
    tree
}

fn provider(root: &mut Object) -> &mut Object {
    if root.get("provider").and_then(Node::as_object).is_none() {
        let mut provider = Object::default();
        provider.push("name", Span::default(), string("aws"));
        set(root, "provider", Node::new(NodeKind::Object(provider), Span::default()));
    }
    match root.get_mut("provider").map(|n| &mut n.kind) {
        Some(NodeKind::Object(provider)) => provider,
        _ => unreachable!("provider was just made an object"),
    }
}

fn set(object: &mut Object, key: &str, value: Node) {
    match object.get_mut(key) {
        Some(node) => *node = value,
        None => object.push(key, value.span, value),
    }
}

fn string(text: &str) -> Node {
    Node::new(NodeKind::String(text.into()), Span::default())
}
