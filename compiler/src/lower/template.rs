//! The template being built: resources and outputs in insertion order.

use std::io::{self, Write};

use indexmap::IndexMap;
use serde_json::Value;

use super::stored::{Stored, named};

/// Resources or outputs by logical ID, in insertion order, hashed with
/// foldhash (the IDs are the template's own, not an attacker's).
type Entries = IndexMap<String, Stored, foldhash::fast::RandomState>;

/// A CloudFormation template under construction. Each resource, output
/// and section is handed over as a [`Value`]; a template to deploy stores
/// it as its text (see `lower/stored.rs` for why), one made only for its
/// resource names keeps it as it is.
#[derive(Clone, Debug, Default)]
pub struct Template {
    resources: Entries,
    outputs: Entries,
    sections: Vec<(String, Stored)>,
    /// Whether to keep parts as built rather than serialised.
    as_built: bool,
    /// The buffer parts are serialised into (see [`Stored::new`]).
    scratch: Vec<u8>,
}

impl Template {
    /// An empty template to deploy: parts are serialised as they are added.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty template made only for its resource names and types:
    /// parts are kept as built.
    pub fn for_names() -> Self {
        Template { as_built: true, ..Self::default() }
    }

    fn store(&mut self, value: Value) -> Stored {
        Stored::new(value, self.as_built, &mut self.scratch)
    }

    /// Adds a resource.
    pub fn resource(&mut self, id: impl Into<String>, resource: Value) {
        let stored = self.store(resource);
        self.resources.insert(id.into(), stored);
    }

    /// Adds a resource of type `kind` with empty properties ([`named`]):
    /// in a template for names only, without building its JSON.
    pub fn named(&mut self, id: impl Into<String>, kind: &'static str) {
        let stored = if self.as_built { Stored::Named(kind) } else { self.store(named(kind)) };
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
        update(&mut self.resources, id, change, self.as_built, &mut self.scratch)
    }

    /// [`Template::update`] for the output `id`.
    pub fn update_output<R>(&mut self, id: &str, change: impl FnOnce(&mut Value) -> R) -> Option<R> {
        update(&mut self.outputs, id, change, self.as_built, &mut self.scratch)
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

    /// The resources' logical IDs and types, taken out of the template,
    /// and what is left of it: for a template made for its names, whose
    /// rest the caller may free where it likes (it is most of the memory).
    pub fn into_resource_types(self) -> (Vec<(String, String)>, impl Send + 'static) {
        let mut rest = Vec::with_capacity(self.resources.len());
        let types = self
            .resources
            .into_iter()
            .map(|(id, stored)| {
                let kind = stored.type_name().unwrap_or_default().to_owned();
                rest.push(stored);
                (id, kind)
            })
            .collect();
        (types, (rest, self.outputs, self.sections))
    }

    /// The keys of the outputs, in order.
    pub fn output_ids(&self) -> impl Iterator<Item = &str> {
        self.outputs.keys().map(String::as_str)
    }

    /// The logical IDs of the resources, in order.
    pub fn resource_ids(&self) -> impl Iterator<Item = &str> {
        self.resources.keys().map(String::as_str)
    }

    /// The finished template as JSON.
    pub fn to_json(&self) -> Value {
        let entries = |map: &Entries| map.iter().map(|(id, stored)| (id.clone(), stored.to_value())).collect();
        let parts = self.parts().into_iter().map(|(name, part)| {
            let value = match part {
                Part::Text(text) => Value::from(text),
                Part::Stored(stored) => stored.to_value(),
                Part::Map(map) => Value::Object(entries(map)),
            };
            (name.to_owned(), value)
        });
        Value::Object(parts.collect())
    }

    /// Pretty JSON text with a final line break: what `svc build` writes,
    /// as `serde_json::to_string_pretty` writes [`Template::to_json`]. The
    /// parts' stored text is copied, not parsed.
    pub fn to_string_pretty(&self) -> String {
        let mut out = Vec::with_capacity(self.text_length());
        // Writing into memory cannot fail, and every part is UTF-8.
        let _ = self.write_pretty(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// [`Template::to_string_pretty`] written to `out` part by part: the
    /// template of a large service is hundreds of megabytes, written to
    /// its file without ever being whole in memory.
    pub fn write_pretty(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{")?;
        for (i, (name, part)) in self.parts().into_iter().enumerate() {
            out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
            write_string(out, name)?;
            out.write_all(b": ")?;
            match part {
                Part::Text(text) => write_string(out, text)?,
                Part::Stored(stored) => stored.write_pretty(out, 1)?,
                Part::Map(map) => write_map(out, map)?,
            }
        }
        out.write_all(b"\n}\n")
    }

    /// About the length of the pretty text, to allocate it once.
    fn text_length(&self) -> usize {
        let parts = self.sections.iter().map(|(_, s)| s).chain(self.resources.values()).chain(self.outputs.values());
        parts.map(|stored| stored.text_length()).sum::<usize>() * 5 / 4 + 256
    }

    /// The top-level parts in order: `AWSTemplateFormatVersion`,
    /// `Description`, the sections (a section of the same name replaces
    /// one of those in place), `Resources`, and `Outputs` when there are
    /// any.
    fn parts(&self) -> Vec<(&str, Part<'_>)> {
        let mut parts: Vec<(&str, Part<'_>)> = vec![
            ("AWSTemplateFormatVersion", Part::Text("2010-09-09")),
            ("Description", Part::Text("The AWS CloudFormation template for this Serverless application")),
        ];
        for (name, stored) in &self.sections {
            set(&mut parts, name, Part::Stored(stored));
        }
        set(&mut parts, "Resources", Part::Map(&self.resources));
        if !self.outputs.is_empty() {
            set(&mut parts, "Outputs", Part::Map(&self.outputs));
        }
        parts
    }
}

/// Changes the entry `id` of `entries` with `change`, storing it again.
fn update<R>(
    entries: &mut Entries,
    id: &str,
    change: impl FnOnce(&mut Value) -> R,
    as_built: bool,
    scratch: &mut Vec<u8>,
) -> Option<R> {
    let stored = entries.get_mut(id)?;
    let mut value = stored.take();
    let result = change(&mut value);
    *stored = Stored::new(value, as_built, scratch);
    Some(result)
}

/// A top-level value of the template: a text, a stored part, or the
/// resources or outputs.
enum Part<'a> {
    Text(&'static str),
    Stored(&'a Stored),
    Map(&'a Entries),
}

/// Writes `map` as a pretty JSON object one level deep.
fn write_map(out: &mut dyn Write, map: &Entries) -> io::Result<()> {
    if map.is_empty() {
        return out.write_all(b"{}");
    }
    out.write_all(b"{")?;
    for (i, (id, stored)) in map.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        write_string(out, id)?;
        out.write_all(b": ")?;
        stored.write_pretty(out, 2)?;
    }
    out.write_all(b"\n  }")
}

/// Writes `text` as a JSON string, escaped.
fn write_string(out: &mut dyn Write, text: &str) -> io::Result<()> {
    serde_json::to_writer(out, text).map_err(io::Error::from)
}

/// Sets `name` as JSON objects do: in place when it is there, else last.
fn set<'a>(parts: &mut Vec<(&'a str, Part<'a>)>, name: &'a str, part: Part<'a>) {
    match parts.iter_mut().find(|(n, _)| *n == name) {
        Some(existing) => existing.1 = part,
        None => parts.push((name, part)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Template;

    fn filled(mut template: Template) -> Template {
        template.section("Conditions".to_owned(), json!({ "IsProd": { "Fn::Equals": ["prod", { "Ref": "Stage" }] } }));
        template.section("Description".to_owned(), json!("Mine: \"quoted\", é"));
        template.resource("Hello", json!({ "Type": "AWS::SNS::Topic", "Properties": { "Tags": [], "Empty": {} } }));
        template.resource("World", json!({ "Type": "AWS::SQS::Queue" }));
        template
    }

    #[test]
    fn the_text_is_what_serde_json_writes_of_the_json() -> serde_json::Result<()> {
        for template in [Template::new(), Template::for_names()] {
            let mut template = filled(template);
            assert_eq!(template.to_string_pretty(), serde_json::to_string_pretty(&template.to_json())? + "\n");
            template.output("HelloArn", json!({ "Value": { "Ref": "Hello" } }));
            assert_eq!(template.to_string_pretty(), serde_json::to_string_pretty(&template.to_json())? + "\n");
        }
        let empty = Template::new();
        assert_eq!(empty.to_string_pretty(), serde_json::to_string_pretty(&empty.to_json())? + "\n");
        Ok(())
    }

    #[test]
    fn sections_replace_the_head_in_place_and_resources_keep_their_order() {
        let json = filled(Template::new()).to_json();
        let keys: Vec<&String> = json.as_object().into_iter().flat_map(|o| o.keys()).collect();
        assert_eq!(keys, ["AWSTemplateFormatVersion", "Description", "Conditions", "Resources"]);
        assert_eq!(json["Description"], "Mine: \"quoted\", é");
        let ids: Vec<&String> = json["Resources"].as_object().into_iter().flat_map(|o| o.keys()).collect();
        assert_eq!(ids, ["Hello", "World"]);
    }

    #[test]
    fn a_part_changed_after_it_is_added_reads_back_changed() {
        let mut template = filled(Template::new());
        template.update("Hello", |topic| topic["Properties"]["TopicName"] = json!("hello"));
        assert_eq!(template.get("Hello").map(|t| t["Properties"]["TopicName"].clone()), Some(json!("hello")));
        assert_eq!(
            template.resource_types().collect::<Vec<_>>(),
            [("Hello", "AWS::SNS::Topic"), ("World", "AWS::SQS::Queue")]
        );
    }
}
