//! The template being built: resources and outputs in insertion order.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::compact::Compact;

/// Resources or outputs by logical ID, in insertion order, hashed with
/// foldhash (the IDs are the template's own, not an attacker's).
type Entries = IndexMap<String, Compact, foldhash::fast::RandomState>;

/// A CloudFormation template under construction. Each resource, output
/// and section is handed over as a [`Value`] and stored as a [`Compact`]
/// (see there why).
#[derive(Clone, Debug, Default)]
pub struct Template {
    resources: Entries,
    outputs: Entries,
    sections: Vec<(String, Compact)>,
}

impl Template {
    /// An empty template.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a resource.
    pub fn resource(&mut self, id: impl Into<String>, resource: Value) {
        self.resources.insert(id.into(), Compact::from(resource));
    }

    /// Whether a resource `id` exists.
    pub fn has_resource(&self, id: &str) -> bool {
        self.resources.contains_key(id)
    }

    /// The resource `id`.
    pub fn get(&self, id: &str) -> Option<&Compact> {
        self.resources.get(id)
    }

    /// Changes the resource `id` with `change`, which gets it as a
    /// [`Value`]; `None` when there is no such resource.
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut Value) -> R) -> Option<R> {
        let stored = self.resources.get_mut(id)?;
        let mut value = Value::from(std::mem::replace(stored, Compact::Null));
        let result = change(&mut value);
        *stored = Compact::from(value);
        Some(result)
    }

    /// Adds an output.
    pub fn output(&mut self, id: impl Into<String>, output: Value) {
        self.outputs.insert(id.into(), Compact::from(output));
    }

    /// Adds a top-level section such as `Conditions`.
    pub fn section(&mut self, name: String, value: Value) {
        self.sections.push((name, Compact::from(value)));
    }

    /// Whether an output `id` exists.
    pub fn has_output(&self, id: &str) -> bool {
        self.outputs.contains_key(id)
    }

    /// Each resource's logical ID and type, in order.
    pub fn resource_types(&self) -> impl Iterator<Item = (&str, &str)> {
        self.resources.iter().map(|(id, r)| (id.as_str(), r.get("Type").and_then(Compact::as_str).unwrap_or_default()))
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
    Value(&'a Compact),
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
