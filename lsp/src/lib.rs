//! The svc language server: the svc compiler behind the Language Server
//! Protocol (tower-lsp), started by `svc lsp` over stdio.
//!
//! One [`Backend`] owns the open documents behind a mutex; every request
//! analyses or reads a document under that lock and answers from the same
//! snapshot, so an edit cannot race a request into a wrong answer.
//! Positions are UTF-16 unless the client offers UTF-8.

mod backend;
mod convert;
mod documents;
mod features;

pub use backend::Backend;

use tower_lsp::{LspService, Server};

/// Serves the protocol on stdin/stdout until the client exits.
pub async fn run_stdio() {
    let (service, socket) = LspService::new(Backend::new);
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
}
