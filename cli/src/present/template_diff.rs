//! Comparing the deployed template with the new one: which resources are
//! added, modified or removed, which property paths change and how, and
//! whether IAM permissions grow.

use std::collections::BTreeSet;

use aws_sdk_cloudformation::types::ChangeAction;
use serde_json::Value;

/// What happens to a resource or an output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// New.
    Add,
    /// Changed.
    Modify,
    /// Gone.
    Remove,
}

impl From<Action> for ChangeAction {
    fn from(action: Action) -> ChangeAction {
        match action {
            Action::Add => ChangeAction::Add,
            Action::Modify => ChangeAction::Modify,
            Action::Remove => ChangeAction::Remove,
        }
    }
}

/// One changed value at a path inside a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct PathChange {
    /// Such as `MemorySize` or `Environment.Variables.TABLE` (under
    /// `Properties`), or `DependsOn` (outside it).
    pub path: String,
    /// The value before, if there was one.
    pub before: Option<Value>,
    /// The value after, if there is one.
    pub after: Option<Value>,
}

/// A resource (or output) that changes.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryDiff {
    /// The logical ID (or output key).
    pub id: String,
    /// The resource type (empty for an output).
    pub kind: String,
    /// What happens to it.
    pub action: Action,
    /// For a modification, the paths that change.
    pub paths: Vec<PathChange>,
}

/// The differences of two templates' `Resources`, then `Outputs`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateDiff {
    /// Resources that change, in the new template's order, then the removed ones.
    pub resources: Vec<EntryDiff>,
    /// Outputs that change.
    pub outputs: Vec<EntryDiff>,
}

impl TemplateDiff {
    /// The change of resource `id`, if it changes.
    pub fn resource(&self, id: &str) -> Option<&EntryDiff> {
        self.resources.iter().find(|r| r.id == id)
    }
}

/// Compares the deployed template `old` (`Value::Null` for none) with `new`.
pub fn diff(old: &Value, new: &Value) -> TemplateDiff {
    TemplateDiff { resources: section(old, new, "Resources"), outputs: section(old, new, "Outputs") }
}

fn section(old: &Value, new: &Value, name: &str) -> Vec<EntryDiff> {
    let empty = serde_json::Map::new();
    let old = old.get(name).and_then(Value::as_object).unwrap_or(&empty);
    let new = new.get(name).and_then(Value::as_object).unwrap_or(&empty);
    let kind = |v: &Value| v.get("Type").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut entries = Vec::new();
    for (id, after) in new {
        match old.get(id) {
            None => {
                entries.push(EntryDiff { id: id.clone(), kind: kind(after), action: Action::Add, paths: Vec::new() })
            }
            Some(before) if before != after => {
                let mut paths = Vec::new();
                walk(before, after, String::new(), &mut paths);
                entries.push(EntryDiff { id: id.clone(), kind: kind(after), action: Action::Modify, paths });
            }
            Some(_) => {}
        }
    }
    for (id, before) in old {
        if !new.contains_key(id) {
            entries.push(EntryDiff { id: id.clone(), kind: kind(before), action: Action::Remove, paths: Vec::new() });
        }
    }
    entries
}

/// Every path at which `after` differs from `before`, dotted (`a.b.0`),
/// an intrinsic compared as one value.
pub fn changes(before: &Value, after: &Value) -> Vec<PathChange> {
    let mut out = Vec::new();
    walk(before, after, String::new(), &mut out);
    out
}

fn walk(before: &Value, after: &Value, path: String, out: &mut Vec<PathChange>) {
    if before == after {
        return;
    }
    let join = |key: &str| {
        let key = if path.is_empty() && key == "Properties" { "" } else { key };
        match (path.is_empty(), key.is_empty()) {
            (true, _) => key.to_owned(),
            (false, true) => path.clone(),
            (false, false) => format!("{path}.{key}"),
        }
    };
    match (before, after) {
        (Value::Object(b), Value::Object(a)) if !is_intrinsic(b) && !is_intrinsic(a) => {
            for (key, value) in b {
                match a.get(key) {
                    Some(other) => walk(value, other, join(key), out),
                    None => out.push(PathChange { path: join(key), before: Some(value.clone()), after: None }),
                }
            }
            for (key, value) in a {
                if !b.contains_key(key) {
                    out.push(PathChange { path: join(key), before: None, after: Some(value.clone()) });
                }
            }
        }
        (Value::Array(b), Value::Array(a)) if b.len() == a.len() => {
            for (i, (x, y)) in b.iter().zip(a).enumerate() {
                walk(x, y, join(&i.to_string()), out);
            }
        }
        _ => out.push(PathChange { path, before: Some(before.clone()), after: Some(after.clone()) }),
    }
}

/// `{"Ref": …}`, `{"Fn::GetAtt": …}`: compared as one value.
fn is_intrinsic(object: &serde_json::Map<String, Value>) -> bool {
    object.len() == 1 && object.keys().next().is_some_and(|k| k == "Ref" || k.starts_with("Fn::"))
}

/// Whether resource `id` of `template` is kept by CloudFormation when it
/// leaves the stack (`DeletionPolicy: Retain`), like function versions.
pub fn is_retained(template: &Value, id: &str) -> bool {
    template.pointer(&format!("/Resources/{id}/DeletionPolicy")).and_then(Value::as_str) == Some("Retain")
}

/// The IAM grants (`Allow` statements and managed policies) that `new`
/// has and `old` had not, described briefly: a non-empty list means the
/// deploy widens IAM.
pub fn widened_iam(old: &Value, new: &Value) -> Vec<String> {
    let before = grants(old);
    grants(new).into_iter().filter(|g| !before.contains(g)).collect()
}

fn grants(template: &Value) -> BTreeSet<String> {
    let mut grants = BTreeSet::new();
    let Some(resources) = template.get("Resources").and_then(Value::as_object) else { return grants };
    for (id, resource) in resources {
        let kind = resource.get("Type").and_then(Value::as_str).unwrap_or_default();
        if !kind.starts_with("AWS::IAM::") {
            continue;
        }
        let properties = resource.get("Properties").cloned().unwrap_or(Value::Null);
        let mut documents = Vec::new();
        if let Some(policies) = properties.get("Policies").and_then(Value::as_array) {
            documents.extend(policies.iter().filter_map(|p| p.get("PolicyDocument")));
        }
        documents.extend(properties.get("PolicyDocument"));
        for document in documents {
            let statements = match document.get("Statement") {
                Some(Value::Array(list)) => list.clone(),
                Some(one) => vec![one.clone()],
                None => Vec::new(),
            };
            for statement in statements.iter().filter(|s| s.get("Effect").and_then(Value::as_str) == Some("Allow")) {
                for action in strings(statement.get("Action")) {
                    for target in strings(statement.get("Resource")) {
                        grants.insert(format!("{id}: {action} on {target}"));
                    }
                }
            }
        }
        for arn in strings(properties.get("ManagedPolicyArns")) {
            grants.insert(format!("{id}: managed policy {arn}"));
        }
    }
    grants
}

/// A string or a list of values, each as text.
fn strings(value: Option<&Value>) -> Vec<String> {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    match value {
        Some(Value::Array(items)) => items.iter().map(text).collect(),
        Some(other) => vec![text(other)],
        None => Vec::new(),
    }
}

/// A value for one line: compact JSON, long values cut.
pub fn short(value: Option<&Value>) -> String {
    let Some(value) = value else { return "(none)".to_owned() };
    let text = match value {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if text.chars().count() > 80 { format!("{}…", text.chars().take(79).collect::<String>()) } else { text }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn property_paths_of_a_modification() {
        let old = json!({"Resources": {
            "F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 256, "Environment": {"Variables": {"A": "1"}}}},
            "Gone": {"Type": "AWS::SQS::Queue"}
        }});
        let new = json!({"Resources": {
            "F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 512, "Environment": {"Variables": {"A": "1", "B": "2"}}}},
            "New": {"Type": "AWS::SNS::Topic"}
        }});
        let d = diff(&old, &new);
        let f = d.resource("F").expect("F changes");
        assert_eq!(f.action, Action::Modify);
        let paths: Vec<&str> = f.paths.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["MemorySize", "Environment.Variables.B"]);
        assert_eq!(d.resource("New").map(|r| r.action), Some(Action::Add));
        assert_eq!(d.resource("Gone").map(|r| r.action), Some(Action::Remove));
        assert_eq!(diff(&new, &new), TemplateDiff::default());
    }

    #[test]
    fn new_allow_statements_widen_iam() {
        let role = |actions: Value| {
            json!({"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
                {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}}
            ]}}}})
        };
        assert!(widened_iam(&role(json!(["s3:GetObject"])), &role(json!(["s3:GetObject"]))).is_empty());
        assert_eq!(
            widened_iam(&role(json!(["s3:GetObject"])), &role(json!(["s3:GetObject", "s3:*"]))),
            ["Role: s3:* on *"]
        );
        assert!(widened_iam(&role(json!(["s3:GetObject", "s3:*"])), &role(json!(["s3:GetObject"]))).is_empty());
    }
}
