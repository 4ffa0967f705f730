//! Where a service goes: region, profile, stage, stack name and deployment
//! bucket, from the command line first and then the service.

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

/// What the command line says about the target.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--stage`
    pub stage: Option<String>,
    /// `--region`
    pub region: Option<String>,
    /// `--aws-profile`
    pub profile: Option<String>,
    /// `--endpoint-url`
    pub endpoint: Option<String>,
}

impl Target {
    /// The target of the analysed `service`.
    pub fn new(service: &Node, overrides: Overrides) -> Target {
        let name = string(service, "service").unwrap_or_default();
        let stage = overrides.stage.or_else(|| string(service, "provider.stage")).unwrap_or_else(|| "dev".to_owned());
        let region =
            overrides.region.or_else(|| string(service, "provider.region")).unwrap_or_else(|| "us-east-1".to_owned());
        let stack = string(service, "provider.stackName").unwrap_or_else(|| format!("{name}-{stage}"));
        let bucket =
            string(service, "provider.deploymentBucket").or_else(|| string(service, "provider.deploymentBucket.name"));
        Target {
            prefix: string(service, "provider.deploymentPrefix").unwrap_or_else(|| "serverless".to_owned()),
            profile: overrides.profile.or_else(|| string(service, "provider.profile")),
            endpoint: overrides.endpoint,
            service: name,
            stage,
            region,
            stack,
            bucket,
        }
    }

    /// The folder of this service and stage in the deployment bucket.
    pub fn bucket_folder(&self) -> String {
        format!("{}/{}/{}", self.prefix, self.service, self.stage)
    }
}

fn string(service: &Node, path: &str) -> Option<String> {
    match service.at(&Path::parse(path).0).map(|n| &n.kind) {
        Some(NodeKind::String(text)) if !text.is_empty() => Some(text.to_string()),
        _ => None,
    }
}
