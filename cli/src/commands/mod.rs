//! One module per subcommand.

pub mod build;
pub mod check;
pub mod explain;
pub mod fmt;
pub mod lsp;
pub mod print;
