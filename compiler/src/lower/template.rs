//! The template being built: resources and outputs in insertion order.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::compact::Compact;

/// Resources or outputs by logical ID, in insertion order, hashed with
/// foldhash (the IDs are the template's own, not an attacker's).
type Entries = IndexMap<String, Stored, foldhash::fast::RandomState>;

/// A resource of type `kind` with empty properties: what a lowering for
/// names only ([`super::Purpose::Names`]) adds where building the whole
/// resource would be wasted.
pub fn named(kind: &str) -> Value {
    serde_json::json!({ "Type": kind, "Properties": {} })
}

/// A CloudFormation template under construction. Each resource, output
/// and section is handed over as a [`Value`]; a template to deploy stores
/// it compactly (see `lower/compact.rs` for why), one made only for its
/// resource names keeps it as it is.
#[derive(Clone, Debug, Default)]
pub struct Template {
    resources: Entries,
    outputs: Entries,
    sections: Vec<(String, Stored)>,
    /// Whether to keep parts as built rather than compacted.
    as_built: bool,
}

/// A part of the template as stored.
#[derive(Clone, Debug)]
enum Stored {
    /// As built.
    Built(Value),
    /// Compacted.
    Compact(Compact),
}

impl Stored {
    /// `value`, kept as built or compacted.
    fn new(value: Value, as_built: bool) -> Self {
        if as_built { Stored::Built(value) } else { Stored::Compact(Compact::from(value)) }
    }

    /// The part's `Type`, for a resource.
    fn type_name(&self) -> Option<&str> {
        match self {
            Stored::Built(value) => value.get("Type")?.as_str(),
            Stored::Compact(compact) => compact.get("Type")?.as_str(),
        }
    }

    /// A copy as a [`Value`].
    fn to_value(&self) -> Value {
        match self {
            Stored::Built(value) => value.clone(),
            Stored::Compact(compact) => compact.to_value(),
        }
    }

    /// The part as a [`Value`], leaving `null` behind.
    fn take(&mut self) -> Value {
        match std::mem::replace(self, Stored::Built(Value::Null)) {
            Stored::Built(value) => value,
            Stored::Compact(compact) => Value::from(compact),
        }
    }
}

impl Serialize for Stored {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Stored::Built(value) => value.serialize(serializer),
            Stored::Compact(compact) => compact.serialize(serializer),
        }
    }
}

impl Template {
    /// An empty template to deploy: parts are compacted as they are added.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty template made only for its resource names and types:
    /// parts are kept as built.
    pub fn for_names() -> Self {
        Template { as_built: true, ..Self::default() }
    }

    fn store(&self, value: Value) -> Stored {
        Stored::new(value, self.as_built)
    }

    /// Adds a resource.
    pub fn resource(&mut self, id: impl Into<String>, resource: Value) {
        let stored = self.store(resource);
        self.resources.insert(id.into(), stored);
    }

    /// Whether a resource `id` exists.
    pub fn has_resource(&self, id: &str) -> bool {
        self.resources.contains_key(id)
    }

    /// A copy of the resource `id`.
    pub fn get(&self, id: &str) -> Option<Value> {
        self.resources.get(id).map(Stored::to_value)
    }

    /// Changes the resource `id` with `change`, which gets it as a
    /// [`Value`]; `None` when there is no such resource.
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut Value) -> R) -> Option<R> {
        let as_built = self.as_built;
        let stored = self.resources.get_mut(id)?;
        let mut value = stored.take();
        let result = change(&mut value);
        *stored = Stored::new(value, as_built);
        Some(result)
    }

    /// Adds an output.
    pub fn output(&mut self, id: impl Into<String>, output: Value) {
        let stored = self.store(output);
        self.outputs.insert(id.into(), stored);
    }

    /// Adds a top-level section such as `Conditions`.
    pub fn section(&mut self, name: String, value: Value) {
        let stored = self.store(value);
        self.sections.push((name, stored));
    }

    /// Whether an output `id` exists.
    pub fn has_output(&self, id: &str) -> bool {
        self.outputs.contains_key(id)
    }

    /// Each resource's logical ID and type, in order.
    pub fn resource_types(&self) -> impl Iterator<Item = (&str, &str)> {
        self.resources.iter().map(|(id, r)| (id.as_str(), r.type_name().unwrap_or_default()))
    }

    /// The logical IDs of the resources, in order.
    pub fn resource_ids(&self) -> impl Iterator<Item = &str> {
        self.resources.keys().map(String::as_str)
    }

    /// The finished template as JSON.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(Document(self)).unwrap_or_default()
    }

    /// Pretty JSON text with a final line break: what `svc build` writes.
    /// Written from the template as it is, without copying it into a
    /// [`Value`] first.
    pub fn to_string_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(&Document(self)).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The finished template, serialised from the [`Template`] it borrows:
/// `AWSTemplateFormatVersion`, `Description`, the sections (a section of
/// the same name replaces one of those in place), `Resources`, and
/// `Outputs` when there are any.
struct Document<'a>(&'a Template);

/// A top-level value of the [`Document`]: a text, or borrowed JSON.
enum Part<'a> {
    Text(&'static str),
    Value(&'a Stored),
    Map(&'a Entries),
}

impl Serialize for Part<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Part::Text(text) => serializer.serialize_str(text),
            Part::Value(value) => value.serialize(serializer),
            Part::Map(map) => serializer.collect_map(map.iter()),
        }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let template = self.0;
        let mut parts: Vec<(&str, Part<'_>)> = vec![
            ("AWSTemplateFormatVersion", Part::Text("2010-09-09")),
            ("Description", Part::Text("The AWS CloudFormation template for this Serverless application")),
        ];
        for (name, value) in &template.sections {
            set(&mut parts, name, Part::Value(value));
        }
        set(&mut parts, "Resources", Part::Map(&template.resources));
        if !template.outputs.is_empty() {
            set(&mut parts, "Outputs", Part::Map(&template.outputs));
        }
        serializer.collect_map(parts)
    }
}

/// Sets `name` as JSON objects do: in place when it is there, else last.
fn set<'a>(parts: &mut Vec<(&'a str, Part<'a>)>, name: &'a str, part: Part<'a>) {
    match parts.iter_mut().find(|(n, _)| *n == name) {
        Some(existing) => existing.1 = part,
        None => parts.push((name, part)),
    }
}
