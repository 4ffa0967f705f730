//! References to a function's version by logical ID. The ID ends with a
//! hash of the function's code and configuration, which only the build
//! knows: `check` takes any hash, and a build with the code packaged
//! reports a hash that is not this build's, with the right ID as its fix.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;
use crate::tree::{Node, NodeKind};

use super::service::Service;
use super::template::Template;

/// Reports every `ref`/`getAtt` of a `<Function>LambdaVersion<hash>` the
/// template does not have. Nothing without packaged code (a template-only
/// build hashes the configuration alone).
pub fn stale(service: &Service<'_>, template: &Template, diagnostics: &mut Vec<Diagnostic>) {
    if service.context.package.is_none() && service.context.functions.is_empty() {
        return;
    }
    let mut names = Vec::new();
    referenced(service.root(), &mut names);
    for (name, span) in names {
        if let Some(diagnostic) = check(template, name, span) {
            diagnostics.push(diagnostic);
        }
    }
}

/// The names `ref(X)` and `getAtt(X.…)` give in `node`, with their spans.
fn referenced<'a>(node: &'a Node, out: &mut Vec<(&'a str, Span)>) {
    match &node.kind {
        NodeKind::Call(call) => {
            if let (Some(NodeKind::Path(names)), "ref" | "getAtt") =
                (call.args.first().map(|a| &a.kind), call.name.text.as_str())
            {
                out.extend(names.first().map(|n| (n.text.as_str(), n.span)));
            }
            call.args.iter().for_each(|a| referenced(a, out));
        }
        NodeKind::List(items) => items.iter().for_each(|i| referenced(i, out)),
        NodeKind::Object(object) => object.entries().iter().for_each(|e| referenced(&e.value, out)),
        _ => {}
    }
}

/// The error for `name` if it is a version ID with another hash than the
/// template's.
fn check(template: &Template, name: &str, span: Span) -> Option<Diagnostic> {
    let prefix = crate::naming::lambda_version_prefix(name)?;
    if template.has_resource(name) {
        return None;
    }
    let (id, _) =
        template.resource_types().find(|(id, kind)| id.starts_with(prefix) && *kind == "AWS::Lambda::Version")?;
    let diagnostic = Diagnostic::error(
        Code::E0406,
        format!("`{name}` is not this build's version of the function"),
        span,
        "another hash",
    )
    .with_help(format!("a version's logical ID changes with the function's code and settings; this build's is `{id}`"))
    .with_fix(format!("Replace with `{id}`"), span, id);
    Some(diagnostic)
}
