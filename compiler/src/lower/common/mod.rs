//! What the modules of lowering share: JavaScript truthiness, a function's
//! events of one kind, and the function (or alias) an event invokes.
//! Everything here sits below the event modules and reads only the service.

mod events;
mod target;
mod truthy;

pub use events::{all_events, events, events_of};
pub use target::{Target, alias, alias_id, invocation_uri, target};
pub use truthy::truthy;
