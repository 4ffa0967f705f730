//! Talking to AWS: clients, the deployment bucket and the deployment
//! history in it, change sets, stacks, their events, deploy-time
//! variables, invoking functions and reading their logs and metrics, and
//! pruning old versions and deployments.
//! Everything here speaks
//! one-sentence errors (`String`) rather than SDK error values; what the
//! commands print about it is in [`crate::present`].

pub mod bucket;
pub mod changes;
pub mod client;
pub mod error;
pub mod events;
pub mod flow;
pub mod history;
pub mod lambda;
pub mod logs;
pub mod metrics;
pub mod mode;
pub mod prune;
pub mod recovery;
pub mod stack;
pub mod variables;

pub use client::Aws;
