//! \`eventBridge\`, \`cloudwatchEvent\`, \`cloudwatchLog\` events (not built yet).

use crate::diagnostic::Diagnostic;

use super::service::Service;
use super::template::Template;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &[];

/// Adds the resources of these events.
pub fn lower(_service: &Service<'_>, _template: &mut Template, _diagnostics: &mut Vec<Diagnostic>) {}
