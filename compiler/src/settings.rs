//! The settings a service resolves to — service name, stage, region,
//! profile, deployment prefix, stack name, artifact folder — worked out
//! once, from the command line first and then the service, with the
//! Serverless Framework's defaults. Every later stage (lowering, print,
//! the CLI's build and AWS commands, the language server) reads them from
//! here; none works them out again.

use crate::resolve::Options;
use crate::tree::Node;

/// The stage when neither `--stage` nor `provider.stage` gives one.
pub const DEFAULT_STAGE: &str = "dev";
/// The region when neither `--region` nor `provider.region` gives one.
pub const DEFAULT_REGION: &str = "us-east-1";
/// The deployment bucket's folder when `provider.deploymentPrefix` is not set.
pub const DEFAULT_DEPLOYMENT_PREFIX: &str = "serverless";

/// What a service resolves to, for every stage after analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// `service`.
    pub service: String,
    /// `--stage`, else `provider.stage`, else `dev`.
    pub stage: String,
    /// `--region`, else `provider.region`, else `us-east-1`.
    pub region: String,
    /// `--aws-profile`, else `provider.profile`.
    pub profile: Option<String>,
    /// `provider.deploymentPrefix`, else `serverless`.
    pub deployment_prefix: String,
    /// `provider.stackName`, else `<service>-<stage>`.
    pub stack_name: String,
    /// Where the code artifacts go in the deployment bucket:
    /// `<deploymentPrefix>/<service>/<stage>/code-artifacts`.
    pub artifact_folder: String,
}

impl Settings {
    /// The settings of a resolved (and checked) `service` under `options`.
    pub fn new(service: &Node, options: &Options) -> Settings {
        let text = |address: &str| service.at_address(address).and_then(Node::as_str).map(str::to_owned);
        let name = text("service").unwrap_or_default();
        let stage = pick(options.stage.as_deref(), text("provider.stage"), DEFAULT_STAGE);
        let region = pick(options.region.as_deref(), text("provider.region"), DEFAULT_REGION);
        let deployment_prefix = pick(None, text("provider.deploymentPrefix"), DEFAULT_DEPLOYMENT_PREFIX);
        Settings {
            profile: options.aws_profile.clone().or_else(|| text("provider.profile")),
            stack_name: text("provider.stackName").unwrap_or_else(|| format!("{name}-{stage}")),
            artifact_folder: format!("{deployment_prefix}/{name}/{stage}/code-artifacts"),
            service: name,
            stage,
            region,
            deployment_prefix,
        }
    }

    /// `<service>-<stage>`: the prefix of the names svc generates.
    pub fn name_prefix(&self) -> String {
        format!("{}-{}", self.service, self.stage)
    }
}

impl Default for Settings {
    /// The settings of a service with no name and nothing set.
    fn default() -> Self {
        Settings::new(&Node::new(crate::tree::NodeKind::Null, crate::span::Span::default()), &Options::default())
    }
}

/// The rule every setting follows: the command line, else what the
/// service writes, else the default.
pub fn pick(flag: Option<&str>, written: Option<String>, default: &str) -> String {
    flag.map(str::to_owned).or(written).unwrap_or_else(|| default.to_owned())
}
