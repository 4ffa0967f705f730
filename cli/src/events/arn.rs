//! What an event's `arn` (or bucket, topic, stream) names: an ARN written
//! out, or a resource of the template by `ref`/`getAtt`, whose name is its
//! name property or, without one, `<stack>-<logical id>`.

use serde_json::Value;

use super::Context;

/// What a written reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Named {
    /// A whole ARN.
    Arn(String),
    /// A resource name, from which the caller builds the ARN.
    Name(String),
}

impl Named {
    /// The ARN: the one written, or `build(name)`.
    pub fn arn(self, build: impl FnOnce(&str) -> String) -> String {
        match self {
            Named::Arn(arn) => arn,
            Named::Name(name) => build(&name),
        }
    }

    /// The name: the one given, or the last part of the ARN after `separator`.
    pub fn name(&self, separator: char) -> String {
        match self {
            Named::Arn(arn) => arn.rsplit(separator).next().unwrap_or(arn).to_owned(),
            Named::Name(name) => name.clone(),
        }
    }
}

/// What `written` names: a text is an ARN when it starts with `arn:`, else
/// a name; `ref(X)`, `getAtt(X.Attr)` name resource `X` (named by its
/// `name_property`); `sub` and `join` of text and pseudo parameters
/// (`AWS::Region`, `AWS::AccountId`, `AWS::Partition`) are read as text;
/// an import names its export. `None` for anything else.
pub fn named(context: &Context<'_>, written: &Value, name_property: &str) -> Option<Named> {
    if let Some(id) = logical_id(written) {
        return Some(Named::Name(resource_name(context, &id, name_property)));
    }
    if let Some(export) = written.get("Fn::ImportValue").and_then(Value::as_str) {
        return Some(Named::Name(export.to_owned()));
    }
    let text = text(context, written)?;
    Some(if text.starts_with("arn:") { Named::Arn(text) } else { Named::Name(text) })
}

/// The logical ID `ref(X)` or `getAtt(X.Attr)` names (`AWS::…` pseudo
/// parameters are not resources).
pub fn logical_id(written: &Value) -> Option<String> {
    let object = written.as_object()?;
    let id = match (object.get("Ref"), object.get("Fn::GetAtt")) {
        (Some(Value::String(id)), _) => id.clone(),
        (_, Some(Value::Array(parts))) => parts.first()?.as_str()?.to_owned(),
        (_, Some(Value::String(dotted))) => dotted.split('.').next()?.to_owned(),
        _ => return None,
    };
    (!id.starts_with("AWS::")).then_some(id)
}

/// The attribute of `getAtt(X.Attr)`.
pub fn attribute(written: &Value) -> Option<&str> {
    match written.get("Fn::GetAtt")? {
        Value::Array(parts) => parts.get(1)?.as_str(),
        Value::String(dotted) => dotted.split_once('.').map(|(_, attribute)| attribute),
        _ => None,
    }
}

/// The `Type` of resource `id`.
pub fn resource_type<'a>(context: &'a Context<'_>, id: &str) -> Option<&'a str> {
    context.resources.get(id)?.get("Type")?.as_str()
}

/// Property `name` of resource `id`.
pub fn property<'a>(context: &'a Context<'_>, id: &str, name: &str) -> Option<&'a Value> {
    context.resources.get(id)?.get("Properties")?.get(name)
}

/// The name of resource `id`: its `name_property` when it reads as text,
/// else `<stack>-<id>` (lower case for a bucket, whose names must be).
fn resource_name(context: &Context<'_>, id: &str, name_property: &str) -> String {
    if let Some(name) = property(context, id, name_property).and_then(|value| text(context, value)) {
        return name;
    }
    let generated = format!("{}-{id}", context.settings.stack_name);
    if name_property == "BucketName" { generated.to_lowercase() } else { generated }
}

/// A value as text: a string, or a `sub`/`join` whose parts are text and
/// pseudo parameters.
pub fn text(context: &Context<'_>, value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Object(object) => {
            if let Some(template) = object.get("Fn::Sub") {
                let template = match template {
                    Value::Array(parts) => parts.first()?.as_str()?,
                    other => other.as_str()?,
                };
                let text = substitute(context, template);
                return (!text.contains("${")).then_some(text);
            }
            if let Some(Value::Array(join)) = object.get("Fn::Join") {
                let separator = join.first()?.as_str()?;
                let parts = join.get(1)?.as_array()?;
                let parts: Option<Vec<String>> = parts
                    .iter()
                    .map(|part| match part.get("Ref").and_then(Value::as_str) {
                        Some(pseudo) => pseudo_parameter(context, pseudo).map(str::to_owned),
                        None => text(context, part),
                    })
                    .collect();
                return parts.map(|parts| parts.join(separator));
            }
            None
        }
        _ => None,
    }
}

fn substitute(context: &Context<'_>, template: &str) -> String {
    ["AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix"].into_iter().fold(
        template.to_owned(),
        |text, pseudo| {
            let value = pseudo_parameter(context, pseudo).unwrap_or_default();
            text.replace(&format!("${{{pseudo}}}"), value)
        },
    )
}

fn pseudo_parameter<'a>(context: &'a Context<'_>, name: &str) -> Option<&'a str> {
    match name {
        "AWS::Region" => Some(context.region()),
        "AWS::AccountId" => Some(context.account()),
        "AWS::Partition" => Some("aws"),
        "AWS::URLSuffix" => Some("amazonaws.com"),
        _ => None,
    }
}
