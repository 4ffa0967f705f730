//! The template being built: resources and outputs in insertion order.

use serde_json::{Map, Value, json};

/// A CloudFormation template under construction.
#[derive(Clone, Debug, Default)]
pub struct Template {
    resources: Map<String, Value>,
    outputs: Map<String, Value>,
    sections: Vec<(String, Value)>,
}

impl Template {
    /// An empty template.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a resource.
    pub fn resource(&mut self, id: impl Into<String>, resource: Value) {
        self.resources.insert(id.into(), resource);
    }

    /// Whether a resource `id` exists.
    pub fn has_resource(&self, id: &str) -> bool {
        self.resources.contains_key(id)
    }

    /// The resource `id`, to change it.
    pub fn resource_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.resources.get_mut(id)
    }

    /// Adds an output.
    pub fn output(&mut self, id: impl Into<String>, output: Value) {
        self.outputs.insert(id.into(), output);
    }

    /// Adds a top-level section such as `Conditions`.
    pub fn section(&mut self, name: String, value: Value) {
        self.sections.push((name, value));
    }

    /// Whether an output `id` exists.
    pub fn has_output(&self, id: &str) -> bool {
        self.outputs.contains_key(id)
    }

    /// Each resource's logical ID and type, in order.
    pub fn resource_types(&self) -> impl Iterator<Item = (&str, &str)> {
        self.resources.iter().map(|(id, r)| (id.as_str(), r.get("Type").and_then(Value::as_str).unwrap_or_default()))
    }

    /// The logical IDs of the resources, in order.
    pub fn resource_ids(&self) -> impl Iterator<Item = &str> {
        self.resources.keys().map(String::as_str)
    }

    /// The finished template as JSON.
    pub fn to_json(&self) -> Value {
        let mut template = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "The AWS CloudFormation template for this Serverless application",
        });
        for (name, value) in &self.sections {
            template[name] = value.clone();
        }
        template["Resources"] = Value::Object(self.resources.clone());
        if !self.outputs.is_empty() {
            template["Outputs"] = Value::Object(self.outputs.clone());
        }
        template
    }

    /// Pretty JSON text with a final line break: what `svc build` writes.
    pub fn to_string_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_json()).unwrap_or_default();
        text.push('\n');
        text
    }
}
