//! One module per subcommand.

pub mod build;
pub mod check;
pub mod deploy;
pub mod deploy_function;
pub mod deploy_list;
pub mod diff;
pub mod explain;
pub mod fmt;
pub mod import;
pub mod info;
pub mod invoke;
pub mod invoke_remote;
pub mod logs;
pub mod lsp;
pub mod metrics;
pub mod offline;
pub mod print;
pub mod prune;
pub mod recover;
pub mod remove;
pub mod rollback;
