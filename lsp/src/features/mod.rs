//! One module per request the server answers.

pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod folding;
pub mod formatting;
pub mod hover;
pub mod inlay_hints;
mod names;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod symbols;
