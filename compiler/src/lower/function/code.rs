//! Where a function's code is: the deployment bucket and the artifact's key.

use serde_json::{Value, json};

use crate::naming;
use crate::tree::{Entry, NodeKind};

use crate::lower::Artifact;
use crate::lower::packaging;
use crate::lower::service::Service;

/// The name of an existing deployment bucket (`provider.deploymentBucket`
/// as a name, or its `name`), if one is given.
pub fn bucket_name(service: &Service<'_>) -> Option<Value> {
    let node = service.get("provider.deploymentBucket")?;
    match &node.kind {
        NodeKind::Object(object) => object.get("name").map(Service::json),
        _ => Some(Service::json(node)),
    }
}

/// The deployment bucket: the existing one, else `Ref` of the generated one.
pub fn bucket(service: &Service<'_>) -> Value {
    bucket_name(service).unwrap_or_else(|| json!({ "Ref": naming::DEPLOYMENT_BUCKET }))
}

/// The key of an artifact, or where `file` goes when nothing was packaged
/// (`<deploymentPrefix>/<service>/<stage>/code-artifacts/<file>`).
pub fn code_key(service: &Service<'_>, artifact: Option<&Artifact>, file: &str) -> String {
    match artifact {
        Some(artifact) => artifact.s3_key.clone(),
        None => format!("{}/{file}", service.context.settings.artifact_folder),
    }
}

/// The function's package: its own, else the service's.
pub fn artifact<'a>(service: &'a Service<'_>, function: &str) -> Option<&'a Artifact> {
    service.context.functions.get(function).or(service.context.package.as_ref())
}

/// `Code` of a function packaged as a zip.
pub fn code(service: &Service<'_>, function: &Entry) -> Value {
    let file = packaging::file_name(packaging::packaging(service.root(), function), &service.name, &function.key);
    let key = code_key(service, artifact(service, &function.key), &file);
    json!({ "S3Bucket": bucket(service), "S3Key": key })
}
