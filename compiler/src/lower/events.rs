//! Event kinds svc cannot build yet: refused with an error, never a
//! silently missing trigger. (A function's events of one kind are found
//! by [`crate::lower::common::events_of`].)

use super::common::all_events;
use crate::diagnostic::{Code, Diagnostic};

use super::service::Service;

/// Event kinds lowering builds, by the module that builds them.
const BUILT: &[&[&str]] = &[
    &["httpApi", "schedule"],
    super::rest_api::KINDS,
    super::websocket::KINDS,
    super::queues::KINDS,
    super::event_rules::KINDS,
    super::s3::KINDS,
    super::triggers::KINDS,
];

fn built(kind: &str) -> bool {
    BUILT.iter().any(|kinds| kinds.contains(&kind))
}

/// An error for every event of a kind svc does not build yet.
pub fn unsupported(service: &Service<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions() {
        for entry in all_events(&function.value).iter().filter_map(|e| e.as_object()?.entries().first()) {
            if !built(&entry.key) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0404,
                        format!("svc cannot build `{}` events yet", entry.key),
                        entry.key_span,
                        "not built yet",
                    )
                    .with_help(format!("events svc builds today: {}", BUILT.concat().join(", "))),
                );
            }
        }
    }
}
