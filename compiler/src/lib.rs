//! The svc compiler: a pure, synchronous library shared by the `svc` CLI
//! and the language server.
//!
//! The pipeline is staged (`source → tokens → syntax tree → ...`); every
//! stage keeps byte spans back to the source and returns its output *and*
//! its diagnostics, so later stages still run on a partial tree.

pub mod analysis;
pub mod check;
pub mod diagnostic;
pub mod esbuild;
pub mod files;
pub mod format;
pub mod handler;
pub mod import;
pub mod line_breaks;
pub mod locate;
pub mod lower;
pub mod naming;
pub mod plugins;
pub mod print;
pub mod python_requirements;
pub mod resolve;
pub mod schema;
pub mod settings;
pub mod source;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod tree;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use settings::Settings;
pub use span::Span;
pub use syntax::{Parse, parse};
