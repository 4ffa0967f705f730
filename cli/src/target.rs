//! Where a service goes: region, profile, stage, stack name and deployment
//! bucket, from the command line first and then the service.

use svc_compiler::Settings;
use svc_compiler::tree::{Node, NodeKind, Path};

/// The stack of a service in one account and region.
#[derive(Clone, Debug)]
pub struct Target {
    /// `service`
    pub service: String,
    /// `--stage`, else `provider.stage`, else `dev`.
    pub stage: String,
    /// `--region`, else `provider.region`, else `us-east-1`.
    pub region: String,
    /// `--aws-profile`, else `provider.profile`.
    pub profile: Option<String>,
    /// `--endpoint-url` (the SDK reads `AWS_ENDPOINT_URL` itself).
    pub endpoint: Option<String>,
    /// `provider.stackName`, else `<service>-<stage>`.
    pub stack: String,
    /// `provider.deploymentBucket` (a name, or `{ name = … }`), when the
    /// service brings its own bucket.
    pub bucket: Option<String>,
    /// `provider.deploymentPrefix`, else `serverless`.
    pub prefix: String,
}

impl Target {
    /// The target of a service that resolved to `settings`; `endpoint` is
    /// `--endpoint-url`.
    pub fn new(settings: &Settings, service: &Node, endpoint: Option<String>) -> Target {
        let bucket =
            string(service, "provider.deploymentBucket").or_else(|| string(service, "provider.deploymentBucket.name"));
        Target {
            service: settings.service.clone(),
            stage: settings.stage.clone(),
            region: settings.region.clone(),
            profile: settings.profile.clone(),
            endpoint,
            stack: settings.stack_name.clone(),
            bucket,
            prefix: settings.deployment_prefix.clone(),
        }
    }

    /// The folder of this service and stage in the deployment bucket.
    pub fn bucket_folder(&self) -> String {
        format!("{}/{}/{}", self.prefix, self.service, self.stage)
    }
}

fn string(service: &Node, path: &str) -> Option<String> {
    match service.at(&Path::from(path)).map(|n| &n.kind) {
        Some(NodeKind::String(text)) if !text.is_empty() => Some(text.to_string()),
        _ => None,
    }
}
