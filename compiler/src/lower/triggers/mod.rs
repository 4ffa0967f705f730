//! Events that let another AWS service invoke a function: `alb`,
//! `alexaSkill`, `alexaSmartHome`, `iot`, `iotFleetProvisioning`,
//! `cognitoUserPool` and `cloudFront` (Lambda@Edge). Also what the event
//! modules share ([`shared`]), the custom resources for buckets and pools
//! the stack does not own ([`custom_resources`]) and MD5 names ([`md5`], with the md-5 crate).

mod alb;
mod alexa;
mod cloud_front;
mod cognito;
pub(super) mod custom_resources;
mod iot;
mod iot_fleet_provisioning;
pub(super) mod md5;
pub(super) mod shared;

use crate::diagnostic::Diagnostic;

use super::service::Service;
use super::template::Template;

/// The event kinds this module builds.
pub const KINDS: &[&str] =
    &["alb", "alexaSkill", "alexaSmartHome", "iot", "iotFleetProvisioning", "cognitoUserPool", "cloudFront"];

/// Adds the resources of these events, in the order of the Serverless
/// Framework's plugins.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    alb::lower(service, template, diagnostics);
    alexa::lower(service, template);
    iot::lower(service, template);
    iot_fleet_provisioning::lower(service, template, diagnostics);
    cognito::lower(service, template, diagnostics);
    cloud_front::lower(service, template, diagnostics);
}
