//! One module per subcommand.

pub mod build;
pub mod check;
pub mod deploy;
pub mod diff;
pub mod explain;
pub mod fmt;
pub mod info;
pub mod invoke;
pub mod lsp;
pub mod print;
pub mod remove;
