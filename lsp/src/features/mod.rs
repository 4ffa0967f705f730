//! One module per request the server answers.

pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod formatting;
pub mod hover;
pub mod inlay_hints;
pub mod symbols;
