//! Talking to AWS: clients, the deployment bucket, change sets, stack
//! events and what `svc deploy`, `svc diff`, `svc remove` and `svc info`
//! print about them. Everything here speaks one-sentence errors (`String`)
//! rather than SDK error values.

pub mod bucket;
pub mod changes;
pub mod client;
pub mod error;
pub mod events;
pub mod failure;
pub mod flow;
pub mod interrupt;
pub mod stack;
pub mod summary;
pub mod table;
pub mod target;
pub mod template_diff;
pub mod timing;
pub mod variables;

pub use client::Aws;
pub use target::Target;
