//! The defaults `serverless print` (v3) fills in, so that `svc print` shows
//! the same data: `provider.stage`, `provider.region` (`--region` wins over
//! the file), `provider.versionFunctions`, and each function's `events`
//! and `name` (`<service>-<stage>-<function>`), and
//! `package.artifactsS3KeyDirname`.

use crate::settings::{DEFAULT_STAGE, Settings};
use crate::span::Span;
use crate::tree::{Node, NodeKind, Object};

/// `tree` with the Serverless Framework's print-time defaults, for a
/// service that resolved to `settings`.
pub fn normalise(mut tree: Node, settings: &Settings) -> Node {
    let Some(root) = tree.as_object_mut() else { return tree };
    let span = Span::default();
    {
        let provider = provider(root);
        // `serverless print` shows `dev` here even with `--stage`.
        if provider.get("stage").is_none() {
            provider.push("stage", span, string(DEFAULT_STAGE));
        }
        // `--region` wins over the file.
        match provider.get("region") {
            None => provider.push("region", span, string(&settings.region)),
            Some(written) if written.as_str().is_some_and(|r| r != settings.region) => {
                set(provider, "region", string(&settings.region))
            }
            Some(_) => {}
        }
        if provider.get("versionFunctions").is_none() {
            provider.push("versionFunctions", span, Node::new(NodeKind::Bool(true), span));
        }
    }
    if let Some(package) = root.get_mut("package").and_then(Node::as_object_mut)
        && package.get("artifactsS3KeyDirname").is_none()
    {
        package.push("artifactsS3KeyDirname", span, string(&settings.artifact_folder));
    }
    if let Some(functions) = root.get_mut("functions").and_then(Node::as_object_mut) {
        for (key, _, value) in functions.entries_mut() {
            let name = format!("{}-{}", settings.name_prefix(), key);
            if let Some(function) = value.as_object_mut() {
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
