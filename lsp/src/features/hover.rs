//! Hover: a key's documentation, type, allowed values and default; a
//! variable's resolved value; what a `ref`/`getAtt` names.

use svc_compiler::locate::{Located, Target, locate};
use svc_compiler::naming;
use svc_compiler::print::value_to_svc;
use svc_compiler::schema::lookup::walk;
use svc_compiler::schema::{Key, Ty};
use svc_compiler::span::Span;
use svc_compiler::syntax::{Block, Call, ValueKind, Variable};
use svc_compiler::tree::Path;
use svc_compiler::tree::blocks::{Placement, place_block};
use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::convert::Encoding;
use crate::documents::Document;

/// The hover at `position`.
pub fn hover(doc: &Document, encoding: Encoding, position: Position) -> Option<Hover> {
    let text = doc.text(encoding);
    let offset = text.offset(position)?;
    let located = locate(&doc.written.parse.file, offset);
    let (markdown, span) = match located.target {
        Target::Key(name) => (walk(&located.path)?.key.map(describe_key)?, name.span),
        Target::BlockKind(block) => (block_doc(&located, block)?, block.kind.span),
        Target::Label(block, label) => (label_doc(doc, block)?, label.span),
        Target::Variable(variable) => (variable_doc(doc, variable), variable.span),
        Target::Call(call) => call_doc(doc, call)?,
        Target::Value(_) | Target::Body => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(text.range(span)),
    })
}

/// The documentation of the key `block` fills: for a block that is one
/// entry of a map or a list (`function hello` is `functions.hello`,
/// `statement` one of `provider.iam.role.statements`), the key that holds it.
fn block_doc(located: &Located<'_>, block: &Block) -> Option<String> {
    let mut path = located.path.clone();
    if matches!(place_block(located.scope, &block.kind.text), Placement::Declaration(_) | Placement::ListEntry(_)) {
        path.pop();
    }
    walk(&path)?.key.map(describe_key)
}

/// `**memorySize**: a whole number (128–10240 MB), default `1024`` and the doc.
pub fn describe_key(key: &Key) -> String {
    let mut out = format!("**{}**: {}", key.name, type_text(&key.ty));
    if let Some(default) = key.default {
        out.push_str(&format!(", default `{default}`"));
    }
    if key.required {
        out.push_str(" (required)");
    }
    out.push_str("\n\n");
    out.push_str(key.doc);
    out
}

/// A type in a few words (long enums are counted, not listed).
pub fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Integer { min, max, unit } if *max < i64::MAX => {
            format!("a whole number, {min}–{max} {unit}").trim_end().to_owned()
        }
        Ty::Integer { min, unit, .. } => format!("a whole number, at least {min} {unit}").trim_end().to_owned(),
        Ty::Enum(values) if values.len() > 8 => format!("one of {} values (completion lists them)", values.len()),
        Ty::OneOf(choices) if choices.iter().all(|c| matches!(c, Ty::Enum(_))) => {
            let count: usize = choices.iter().map(|c| if let Ty::Enum(v) = c { v.len() } else { 0 }).sum();
            format!("one of {count} values (completion lists them)")
        }
        Ty::OneOf(choices) => choices.iter().map(type_text).collect::<Vec<_>>().join(" or "),
        other => other.describe(),
    }
}

/// A function's deployed name and logical ID; a resource's type.
fn label_doc(doc: &Document, block: &Block) -> Option<String> {
    let name = &block.labels.first()?.text;
    match block.kind.text.as_str() {
        "function" => {
            let analysis = &doc.analysis;
            let deployed = analysis.service.at(&Path::keys(&["functions", name, "name"])).and_then(|n| n.as_str());
            let deployed =
                deployed.map_or_else(|| format!("{}-{name}", analysis.settings.name_prefix()), str::to_owned);
            Some(format!(
                "**function** `{name}`\n\nDeployed as `{deployed}`; CloudFormation logical ID `{}`.",
                naming::lambda_function(name)
            ))
        }
        "layer" => Some(format!("**layer** `{name}`\n\nReferenced as `ref({})`.", naming::lambda_layer(name))),
        "resource" => {
            let kind = block.labels.get(1).map_or("", |l| l.text.as_str());
            Some(format!(
                "**resource** `{name}`: `{kind}`\n\nReference it with `ref({name})` or `getAtt({name}.Attribute)`."
            ))
        }
        _ => None,
    }
}

/// What a variable resolved to for the current stage.
fn variable_doc(doc: &Document, variable: &Variable) -> String {
    let written = &doc.text[variable.span.range()];
    match doc.analysis.service.find_span(variable.span) {
        Some(node) => format!("`{written}`\n\nresolves to `{}` for this stage", value_to_svc(node)),
        None => format!("`{written}`\n\n{}", source_doc(&variable.source.text)),
    }
}

fn source_doc(source: &str) -> &'static str {
    match source {
        "opt" => "A command-line option: `--stage`, `--region`, `--aws-profile`, or `--opt name=value`.",
        "self" => "A value of this service, by its path: `${self:custom.table}`.",
        "env" => "An environment variable.",
        "file" => "A value from a JSON, YAML or svc file beside the service.",
        "param" => "A parameter: `--param`, then `params { <stage> { … } }`, then `params { default { … } }`.",
        "sls" | "svc" => "`${sls:stage}`: the stage.",
        "aws" => "`${aws:region}` or `${aws:accountId}` (the `AWS::AccountId` pseudo-parameter).",
        "ssm" => "An SSM parameter, as a CloudFormation dynamic reference: never fetched, never plaintext.",
        "cf" | "s3" => "Resolved when deploying.",
        "strToBool" => "`true`/`false`/`1`/`0` text as a boolean.",
        _ => "Not a variable source svc knows.",
    }
}

/// What `ref(X)` / `getAtt(X.Attr)` names: declared or generated, and its type.
fn call_doc(doc: &Document, call: &Call) -> Option<(String, Span)> {
    let first = call.args.first()?;
    let ValueKind::Path(names) = &first.kind else { return None };
    let name = &names.first()?.text;
    let kind = doc.resource_type(name);
    let declared = doc.analysis.service.at(&Path::keys(&["resources", "Resources", name]));
    let origin = match (kind, declared) {
        (Some(_), Some(_)) => "declared in this file",
        (Some(_), None) => "generated by svc",
        (None, _) => "unknown: neither declared nor generated",
    };
    let mut text = format!("`{name}`: `{}` ({origin})", kind.unwrap_or("?"));
    let attributes = kind.and_then(svc_compiler::check::resource_attributes).unwrap_or_default();
    if call.name.text == "getAtt" && !attributes.is_empty() {
        text.push_str(&format!("\n\nAttributes: {}", attributes.join(", ")));
    }
    Some((text, call.name.span.cover(first.span)))
}
