//! The service model, described once as data.
//!
//! Every key svc knows is a [`Key`] in a static table: its type, its limits,
//! its default and a paragraph of documentation. The checker, hover,
//! completion and `svc print` all read these tables; no key is known
//! anywhere else.
//!
//! The model is the Serverless Framework's (v3, plus v4's top-level
//! `stage`), so a `serverless.yml` user already knows every key.
//! [`ROOT`] is the whole service.

mod apis;
mod common;
mod custom;
mod deployment;
mod events;
mod function;
mod iam;
mod logs;
pub mod lookup;
pub mod patterns;
mod provider;
mod regions;
mod root;
mod runtimes;
mod types;

#[cfg(test)]
mod tests;

pub use function::FUNCTION;
pub use regions::REGIONS;
pub use root::ROOT;
pub use runtimes::{DEPRECATED_RUNTIMES, RUNTIMES};
pub use types::{Key, Object, Ty, article, quoted};

/// The event kinds (`httpApi`, `schedule`, …): the keys of an entry of a
/// function's `events`. In a function, a block or attribute with one of
/// these names is an event.
pub fn event_kinds() -> impl Iterator<Item = &'static str> {
    events::EVENT.keys.iter().map(|key| key.name)
}

/// Whether `name` is an event kind.
pub fn is_event_kind(name: &str) -> bool {
    events::EVENT.key(name).is_some()
}
