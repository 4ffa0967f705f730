//! `ref`, `getAtt`, `sub` and `DependsOn` must name a resource the service declares or
//! svc generates (`HelloLambdaFunction`, `IamRoleLambdaExecution`, …), a
//! template parameter, or a pseudo-parameter; `getAtt` an attribute the
//! resource's type has.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::span::Span;
use crate::tree::{Call, Node, NodeKind, Object, Path};

use super::attributes::{PSEUDO_PARAMETERS, attributes};
use super::known::{Generated, Known};

/// Every reference in `service` that names nothing. The resources of its
/// template, declared or generated, are asked of `generated` only when a
/// reference names one the service does not declare (they take a lowering
/// of the service, unless the caller has them already).
pub fn check_references(service: &Node, generated: &mut dyn FnMut() -> Arc<Generated>) -> Vec<Diagnostic> {
    let mut checker = References { service, generated, known: None, declared: None, diagnostics: Vec::new() };
    checker.walk(service);
    checker.diagnostics
}

struct References<'a> {
    service: &'a Node,
    generated: &'a mut dyn FnMut() -> Arc<Generated>,
    /// Every resource of the template, declared or generated, once asked.
    known: Option<Arc<Generated>>,
    /// The resources and parameters the service declares, and its
    /// functions' `<Function>LambdaFunction`: enough for most references.
    declared: Option<BTreeMap<String, String>>,
    diagnostics: Vec<Diagnostic>,
}

impl References<'_> {
    /// The type of the resource `name` (`"parameter"` for a parameter).
    fn kind_of(&mut self, name: &str) -> Option<&str> {
        let service = self.service;
        if self.declared.get_or_insert_with(|| declared_or_functions(service)).contains_key(name) {
            return self.declared.as_ref().and_then(|d| d.get(name)).map(String::as_str);
        }
        if self.known().contains_key(name) {
            return self.known().get(name).map(String::as_str);
        }
        self.version(name)
    }

    /// Every resource, declared or generated.
    fn known(&mut self) -> &Known {
        let generated = &mut self.generated;
        &self.known.get_or_insert_with(generated).resources
    }

    /// `<Function>LambdaVersion<hash>` names the function's version if it
    /// has one: the hash covers the code, which is only known once it is
    /// packaged, so any (non-empty) hash is taken.
    fn version(&mut self, name: &str) -> Option<&str> {
        let prefix = naming::lambda_version_prefix(name)?;
        let version = self.known().iter().find(|(id, kind)| id.starts_with(prefix) && *kind == "AWS::Lambda::Version");
        version.map(|(_, kind)| kind.as_str())
    }

    fn walk(&mut self, node: &Node) {
        match &node.kind {
            NodeKind::Call(call) => {
                self.call(call);
                call.args.iter().for_each(|a| self.walk(a));
            }
            NodeKind::List(items) => items.iter().for_each(|i| self.walk(i)),
            // An IoT provisioning template (`iotFleetProvisioning.templateBody`)
            // is a template of its own: its references name its parameters.
            NodeKind::Object(object) => {
                for entry in object.entries().iter().filter(|e| e.key != "templateBody") {
                    if entry.key == "DependsOn" {
                        self.depends_on(&entry.value);
                    }
                    self.walk(&entry.value);
                }
            }
            _ => {}
        }
    }

    fn call(&mut self, call: &Call) {
        let Some(first) = call.args.first() else { return };
        match (call.name.text.as_str(), &first.kind) {
            ("ref", NodeKind::Path(names)) if names.len() == 1 => self.name(&names[0].text, names[0].span),
            ("ref", NodeKind::String(name)) => self.name(name, first.span),
            ("getAtt", NodeKind::Path(names)) if names.len() >= 2 => {
                let attribute = names[1..].iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(".");
                let span = names[1].span.cover(names[names.len() - 1].span);
                self.attribute(&names[0].text, names[0].span, &attribute, span);
            }
            ("sub", NodeKind::String(text)) => self.sub(text, first.span, call.args.get(1)),
            _ => {}
        }
    }

    /// A resource's `DependsOn`: a name, or a list of them, each a
    /// resource of the template.
    fn depends_on(&mut self, value: &Node) {
        let names = match &value.kind {
            NodeKind::List(items) => items.iter().collect(),
            _ => vec![value],
        };
        for node in names {
            if let Some(name) = node.as_str()
                && self.kind_of(name).is_none()
            {
                let mut diagnostic = self.unknown(name, node.span);
                // The name is text here: the replacement keeps its quotes.
                for edit in diagnostic.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                    edit.replacement = crate::format::string_literal(&edit.replacement);
                }
                self.diagnostics.push(diagnostic);
            }
        }
    }

    /// A name for `ref` or a `${Name}` in `sub`.
    fn name(&mut self, name: &str, span: Span) {
        if name.starts_with("AWS::") {
            if !PSEUDO_PARAMETERS.contains(&name) {
                let mut diagnostic = Diagnostic::error(
                    Code::E0308,
                    format!("unknown pseudo-parameter `{name}`"),
                    span,
                    "not a CloudFormation pseudo-parameter",
                );
                if let Some(best) = crate::suggest::closest(name, PSEUDO_PARAMETERS.iter().copied()) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
                }
                self.diagnostics.push(diagnostic);
            }
            return;
        }
        if self.kind_of(name).is_none() {
            let diagnostic = self.unknown(name, span);
            self.diagnostics.push(diagnostic);
        }
    }

    fn attribute(&mut self, name: &str, span: Span, attribute: &str, attribute_span: Span) {
        let Some(kind) = self.kind_of(name).map(str::to_owned) else {
            let diagnostic = self.unknown(name, span);
            self.diagnostics.push(diagnostic);
            return;
        };
        let Some(known) = attributes(&kind) else { return };
        if known.contains(&attribute) {
            return;
        }
        let mut diagnostic = Diagnostic::error(
            Code::E0309,
            format!("`{kind}` has no attribute `{attribute}`"),
            attribute_span,
            format!("not an attribute of `{name}`"),
        );
        diagnostic = match crate::suggest::closest(attribute, known.iter().copied()) {
            Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")).with_fix(
                format!("Replace with `{best}`"),
                attribute_span,
                best,
            ),
            None if known.is_empty() => diagnostic.with_help(format!("`{kind}` has no attributes for getAtt")),
            None => diagnostic.with_help(format!("`{kind}` has {}", known.join(", "))),
        };
        self.diagnostics.push(diagnostic);
    }

    /// The `${Name}` and `${Name.Attribute}` of a `sub` text; names given in
    /// its second argument are local.
    fn sub(&mut self, text: &str, span: Span, variables: Option<&Node>) {
        for inner in sub_references(text, variables.and_then(Node::as_object)) {
            match inner.split_once('.') {
                Some((name, attribute)) => self.attribute(name, span, attribute, span),
                None => self.name(inner, span),
            }
        }
    }

    fn unknown(&mut self, name: &str, span: Span) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(
            Code::E0308,
            format!("no resource named `{name}`"),
            span,
            "neither declared nor generated by svc",
        );
        if self.known().contains_key(&format!("{name}{}", naming::UNHASHED)) {
            return diagnostic.with_help(format!(
                "a version's logical ID ends with a hash of the function's code and configuration, \
                 `{name}<hash>`: copy it from the template `svc build` writes"
            ));
        }
        let service = self.service;
        let declared = self.declared.get_or_insert_with(|| declared_or_functions(service));
        let parameters: Vec<String> =
            declared.iter().filter(|(_, kind)| *kind == "parameter").map(|(p, _)| p.clone()).collect();
        let resources = self.known().keys().filter(|id| !id.ends_with(naming::UNHASHED));
        let names: std::collections::BTreeSet<&str> =
            resources.map(String::as_str).chain(parameters.iter().map(String::as_str)).collect();
        let best = crate::suggest::closest(name, names);
        diagnostic = match best {
            Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")).with_fix(
                format!("Replace with `{best}`"),
                span,
                best,
            ),
            None => diagnostic.with_help(
                "declare it with `resource Name \"AWS::…\" { … }`; svc also generates `<Function>LambdaFunction`, \
                 `<Layer>LambdaLayer` for `layer <layer> { … }`, `IamRoleLambdaExecution`, `HttpApi`, \
                 `ServerlessDeploymentBucket`, …",
            ),
        };
        diagnostic
    }
}

/// The `${…}` of `sub` text that name something of the template, `Name`
/// or `Name.Attribute`: not a `${!Literal}`, nor a name the call's second
/// argument (`local`) gives.
pub(super) fn sub_references<'a>(text: &'a str, local: Option<&Object>) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        rest = &after[end + 1..];
        if !inner.starts_with('!') && local.is_none_or(|l| l.get(inner).is_none()) {
            found.push(inner);
        }
    }
    found
}

/// [`declared`], and the `AWS::Lambda::Function` svc generates for every
/// function (the generated resource references name most; a declared
/// resource of the same ID replaces it).
fn declared_or_functions(service: &Node) -> BTreeMap<String, String> {
    let functions = service.at(&Path::keys(&["functions"])).and_then(Node::as_object);
    let functions = functions.map(|f| f.entries()).unwrap_or_default();
    let generated = functions.iter().map(|f| (naming::lambda_function(&f.key), "AWS::Lambda::Function".to_owned()));
    let mut known: BTreeMap<String, String> = generated.collect();
    known.extend(declared(service));
    known
}

/// The resources (logical ID → `Type`) and parameters (→ `"parameter"`)
/// that `service` declares under `resources`.
fn declared(service: &Node) -> BTreeMap<String, String> {
    let section = |name: &str| {
        service.at(&Path::keys(&["resources", name])).and_then(Node::as_object).map(|o| o.entries()).unwrap_or_default()
    };
    let resources = section("Resources").iter().filter_map(|r| {
        let kind = r.value.as_object()?.get("Type")?.as_str()?;
        Some((r.key.as_str().to_owned(), kind.to_owned()))
    });
    let parameters = section("Parameters").iter().map(|p| (p.key.as_str().to_owned(), "parameter".to_owned()));
    resources.chain(parameters).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_references_skip_literals() {
        assert_eq!(sub_references("${A}-${B.Arn}-${!Lit}-${AWS::Region}", None), ["A", "B.Arn", "AWS::Region"]);
    }
}
