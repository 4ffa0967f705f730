//! The function's `AWS::Lambda::Version` and its `…QualifiedArn` output.
//!
//! The version's logical ID ends with the hash Serverless computes:
//! base64(SHA-256(the code's `CodeSha256`, then the `CodeSha256` of every
//! layer of this service the function uses (sorted by artifact name), then
//! `JSON.stringify` of the function's properties without `Code`,
//! `ReservedConcurrentExecutions` and `Tags`, plus `layerConfigurations`,
//! keys sorted with `localeCompare`)), letters and digits only. So a new
//! version is published exactly when code or configuration changes.

use std::io::Write;

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::naming;
use crate::tree::{Entry, Node};

use super::code::artifact;
use super::collate::DeepSorted;
use super::{setting, versioned_by_setting};
use crate::lower::common::{alias, truthy};
use crate::lower::service::{Purpose, Service};
use crate::lower::template::Template;

/// A function's version, made when the function is lowered and added to
/// the template after every function (where Serverless puts it).
pub struct Version {
    /// The version's logical ID, with its hash.
    pub id: String,
    resource: Value,
    output: (String, Value),
}

impl Version {
    /// Adds the version and its output; returns the version's logical ID.
    pub fn add(self, template: &mut Template) -> String {
        template.resource(&self.id, self.resource);
        template.output(self.output.0, self.output.1);
        self.id
    }
}

/// The version of the function whose resource is `lambda_resource`;
/// `SnapStart` goes on the function after the hash is taken, as Serverless
/// does.
pub fn version(service: &Service<'_>, function: &Entry, lambda_resource: &mut Value, template: &Template) -> Version {
    let lambda = naming::lambda_function(&function.key);
    let properties = &lambda_resource["Properties"];
    let code_sha = match properties["Code"]["ImageUri"].as_str() {
        Some(uri) => uri.split_once("@sha256:").map(|(_, digest)| digest.to_owned()).unwrap_or_default(),
        None => artifact(service, &function.key).map(|a| a.sha256.clone()).unwrap_or_default(),
    };
    let id = match service.context.purpose {
        Purpose::Names => naming::unhashed_lambda_version(&function.key),
        Purpose::Deploy => {
            let layers = layer_configurations(service, properties, template);
            naming::lambda_version(&function.key, &hash(&code_sha, properties, &layers))
        }
    };
    let mut version = json!({ "FunctionName": { "Ref": lambda } });
    if !code_sha.is_empty() {
        version["CodeSha256"] = json!(code_sha);
    }
    if let Some(description) = setting(function, "description").filter(|d| truthy(Some(d))) {
        version["Description"] = description;
    }
    let mut resource = json!({ "Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain", "Properties": version });
    if let Some(object) = resource.as_object_mut().filter(|_| alias(function).is_some())
        && !versioned_by_setting(service, function)
    {
        object.shift_remove("DeletionPolicy");
    }
    let output = naming::lambda_version_output(&function.key);
    let output_value = json!({
        "Description": "Current Lambda function version",
        "Value": { "Ref": id },
        "Export": { "Name": service.export(&output) }
    });
    if let Some(snap_start) = super::properties::snap_start(function) {
        lambda_resource["Properties"]["SnapStart"] = snap_start;
    }
    Version { id, resource, output: (output, output_value) }
}

/// A layer of this service the function uses (`Ref` of its
/// `…LambdaLayer`): its `CodeSha256` and its configuration for the hash.
struct LayerConfiguration {
    file: String,
    sha256: String,
    configuration: Value,
}

fn layer_configurations(service: &Service<'_>, properties: &Value, template: &Template) -> Vec<LayerConfiguration> {
    let Some(Value::Array(layers)) = properties.get("Layers") else { return Vec::new() };
    let Some(own) = service.get("layers").and_then(Node::as_object) else { return Vec::new() };
    layers
        .iter()
        .filter_map(|layer| layer.get("Ref")?.as_str())
        .filter_map(|reference| {
            let layer = own.entries().iter().find(|l| naming::lambda_layer(&l.key) == reference)?;
            let mut layer_properties = template.get(reference)?.get_mut("Properties")?.take();
            if let Some(content) = layer_properties.get_mut("Content").and_then(Value::as_object_mut) {
                content.shift_remove("S3Key");
            }
            Some(LayerConfiguration {
                file: format!("{}.zip", layer.key),
                sha256: service.context.layers.get(layer.key.as_str()).map(|a| a.sha256.clone()).unwrap_or_default(),
                configuration: json!({ "name": layer.key.as_str(), "ref": reference, "properties": layer_properties }),
            })
        })
        .collect()
}

/// The version hash, before non-alphanumeric characters are dropped.
fn hash(code_sha: &str, properties: &Value, layers: &[LayerConfiguration]) -> String {
    let mut hashed = properties.clone();
    if let Some(object) = hashed.as_object_mut() {
        if object.get("PackageType").and_then(Value::as_str) != Some("Image") {
            object.shift_remove("Code");
        }
        object.shift_remove("ReservedConcurrentExecutions");
        object.shift_remove("Tags");
        let configurations = layers.iter().map(|l| l.configuration.clone()).collect();
        object.insert("layerConfigurations".into(), Value::Array(configurations));
    }
    let mut hasher = Sha256::new();
    hasher.update(code_sha.as_bytes());
    let mut files: Vec<&LayerConfiguration> = layers.iter().collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    for layer in files {
        hasher.update(layer.sha256.as_bytes());
    }
    // Straight into the hasher: the JSON text is never held.
    let _ = serde_json::to_writer(HashWriter(&mut hasher), &DeepSorted(&hashed));
    base64::engine::general_purpose::STANDARD.encode(hasher.finalize())
}

/// Feeds what is written to a SHA-256 hasher.
struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_serverless_does() {
        // tests/package/function-options: DeadLettersLambdaVersiontzu5CJAiM6NvjLQN5O4mIiSuolZncUNBlnfM00ytcw
        let properties = json!({
            "Code": { "S3Bucket": { "Ref": "ServerlessDeploymentBucket" }, "S3Key": "x.zip" },
            "Handler": "handler.handler",
            "Runtime": "nodejs20.x",
            "FunctionName": "custom-dead-letters",
            "MemorySize": 512,
            "Timeout": 10,
            "Architectures": ["arm64"],
            "Tags": [{ "Key": "team", "Value": "payments" }],
            "TracingConfig": { "Mode": "PassThrough" },
            "Environment": { "Variables": { "LOG_LEVEL": "info", "TABLE_NAME": "orders" } },
            "Role": { "Fn::GetAtt": ["IamRoleLambdaExecution", "Arn"] }
        });
        let sha = "pyhkQXh5yzWHw5DSWc30V8aYSPkWgDY5igqPiprvtWE=";
        let id = naming::lambda_version("deadLetters", &hash(sha, &properties, &[]));
        assert_eq!(id, "DeadLettersLambdaVersiontzu5CJAiM6NvjLQN5O4mIiSuolZncUNBlnfM00ytcw");
    }
}
