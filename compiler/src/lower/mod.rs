//! Lowering: a checked service to a CloudFormation template, with the
//! logical IDs, names and properties the Serverless Framework v3 generates
//! (see [`crate::naming`]), so a stack it made can be updated in place.
//!
//! The template is built in a fixed order (the deployment bucket, log
//! groups, the role, functions and versions, event resources, then the
//! user's resources and outputs, merged over generated ones of the same
//! logical ID), so the same service gives the same bytes.

mod bucket;
mod common;
mod event_policies;
mod event_rules;
mod events;
mod function;
mod http_api;

mod layers;
mod merge;
pub mod packaging;
mod queues;
mod rest_api;
mod role;
mod s3;
mod schedule;
#[cfg(test)]
mod schema_keys;
mod service;
mod stored;
mod template;
mod triggers;
mod user;
mod version_refs;
mod websocket;

pub use service::{Artifact, Context, Purpose};
pub use template::Template;

use crate::diagnostic::Diagnostic;
use crate::tree::Node;

use service::Service;

/// The template for `service` (the output of [`crate::analysis::analyse`]),
/// and the problems only lowering finds.
pub fn lower(service: &Node, context: &Context) -> (Template, Vec<Diagnostic>) {
    let service = Service::new(service, context);
    let mut template = match context.purpose {
        Purpose::Deploy => Template::new(),
        Purpose::Names => Template::for_names(),
    };
    let mut diagnostics = Vec::new();
    bucket::lower(&service, &mut template);
    function::log_groups(&service, &mut template);
    role::lower(&service, &mut template);
    layers::lower(&service, &mut template);
    function::functions(&service, &mut template, &mut diagnostics);
    schedule::lower(&service, &mut template, &mut diagnostics);
    rest_api::lower(&service, &mut template, &mut diagnostics);
    websocket::lower(&service, &mut template, &mut diagnostics);
    queues::lower(&service, &mut template, &mut diagnostics);
    event_rules::lower(&service, &mut template, &mut diagnostics);
    s3::lower(&service, &mut template, &mut diagnostics);
    triggers::lower(&service, &mut template, &mut diagnostics);
    http_api::lower(&service, &mut template, &mut diagnostics);
    events::unsupported(&service, &mut diagnostics);
    user::merge(&service, &mut template, &mut diagnostics);
    for (name, value) in user::sections(&service) {
        template.section(name, value);
    }
    version_refs::stale(&service, &template, &mut diagnostics);
    (template, diagnostics)
}
