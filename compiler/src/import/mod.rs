//! `svc import`: a serverless.yml as svc source. The YAML is read as the
//! Serverless Framework reads it ([`yaml`]), turned into svc's value tree
//! ([`convert`]), printed as canonical svc (`svc fmt`'s layout) with its
//! comments carried over ([`comments`]), and everything that will not
//! behave the same is said: plugins svc does not run, values it cannot
//! read.

pub mod comments;
pub mod convert;
pub mod yaml;

use crate::tree::{Node, NodeKind};

pub use yaml::YamlError;

/// A serverless.yml imported.
#[derive(Debug)]
pub struct Imported {
    /// The svc source, formatted.
    pub svc: String,
    /// What the user should know, each with its YAML line (0: the file).
    pub warnings: Vec<(usize, String)>,
    /// The value tree the YAML means, before variables are resolved.
    pub tree: Node,
}

/// The plugins svc does itself, and how.
const NATIVE: &[(&str, &str)] = &[
    ("serverless-python-requirements", "svc builds the layer or the zips itself from `custom.pythonRequirements`"),
    ("serverless-offline", "`svc offline` serves the service on this machine"),
    ("serverless-esbuild", "svc bundles Node.js handlers with esbuild itself, from `custom.esbuild`"),
    (
        "serverless-prune-plugin",
        "`svc prune` prunes, and `deploy { prune = N }` after each deploy (set from `custom.prune` when it prunes automatically)",
    ),
];

/// Imports the serverless.yml `text`.
pub fn import(text: &str) -> Result<Imported, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let read = yaml::read(text)?;
    if !matches!(read.root.kind, yaml::YamlKind::Map(_)) {
        return Err(YamlError {
            message: "the file is not a mapping of settings (`service:`, `provider:`, …)".into(),
            line: read.root.line,
            column: 1,
        });
    }
    let mut converted = convert::convert(&read.root);
    let mut warnings = std::mem::take(&mut converted.warnings);
    service_name(&mut converted.tree, &mut warnings);
    automatic_prune(&mut converted.tree);
    warnings.extend(plugins(&converted.tree));
    let printed = crate::print::to_svc(&converted.tree);
    let parse = crate::parse(&printed);
    let (svc_tree, _) = crate::tree::from_syntax(&parse.file);
    let found = comments::find(text, &read.scalars);
    let with_comments = comments::place(&printed, &svc_tree, &found, &converted.lines);
    let mut svc = crate::format::format_source(&with_comments).unwrap_or(with_comments);
    if !svc.ends_with('\n') {
        svc.push('\n');
    }
    Ok(Imported { svc, warnings, tree: converted.tree })
}

/// serverless-prune-plugin's `custom.prune` with `automatic: true` and a
/// `number`: svc's `deploy { prune = number }` (the plugin's settings stay
/// in `custom`, as every plugin's do).
fn automatic_prune(tree: &mut Node) {
    let automatic = tree.at_address("custom.prune.automatic").is_some_and(|n| n.kind == NodeKind::Bool(true));
    let number = tree.at_address("custom.prune.number").filter(|n| matches!(n.kind, NodeKind::Number(_))).cloned();
    let (true, Some(number), Some(root)) = (automatic, number, tree.as_object_mut()) else { return };
    if root.get("deploy").is_some() {
        return;
    }
    let mut deploy = crate::tree::Object::default();
    deploy.push("prune", crate::span::Span::default(), number);
    root.push(
        "deploy",
        crate::span::Span::default(),
        Node::new(NodeKind::Object(deploy), crate::span::Span::default()),
    );
}

/// Serverless v1's `service: { name: x }` is written `service = "x"`.
fn service_name(tree: &mut Node, warnings: &mut Vec<(usize, String)>) {
    let Some(root) = tree.as_object_mut() else { return };
    let Some(service) = root.get_mut("service") else { return };
    let NodeKind::Object(object) = &service.kind else { return };
    let name = object.get("name").cloned();
    if object.entries().len() > 1 {
        warnings.push((
            0,
            "`service` has settings besides `name`; only the name is kept (Serverless v3 reads only it)".into(),
        ));
    }
    if let Some(name) = name {
        *service = name;
    }
}

/// A warning for each plugin: what svc does instead, or that it does not
/// run it.
fn plugins(tree: &Node) -> Vec<(usize, String)> {
    let plugins = tree.at_address("plugins");
    let list = plugins.and_then(|p| p.as_list().or_else(|| p.at_address("modules").and_then(Node::as_list)));
    let names = list.unwrap_or_default().iter().filter_map(Node::as_str);
    names
        .map(|name| match NATIVE.iter().find(|(plugin, _)| *plugin == name) {
            Some((_, how)) => (0, format!("plugin `{name}` is not needed: {how}")),
            None => (
                0,
                format!(
                    "plugin `{name}` is not run by svc: what it adds to the package or the stack will not be there (its settings stay where they are)"
                ),
            ),
        })
        .collect()
}
