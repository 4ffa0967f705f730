//! Events that go through EventBridge and CloudWatch: `eventBridge` (a rule
//! on the default bus, a bus the stack creates or an existing one),
//! `cloudwatchEvent` (the older name, default bus only) and `cloudwatchLog`
//! (a log group subscription filter).

mod cloudwatch_event;
mod cloudwatch_log;
mod event_bridge;

use crate::diagnostic::Diagnostic;

use super::service::Service;
use super::template::Template;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &["eventBridge", "cloudwatchEvent", "cloudwatchLog"];

/// Adds the rules, subscription filters and permissions of these events,
/// in the order of the Serverless Framework's plugins.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    cloudwatch_event::lower(service, template, diagnostics);
    cloudwatch_log::lower(service, template, diagnostics);
    event_bridge::lower(service, template, diagnostics);
}
