//! The svc language server: the svc compiler behind the Language Server
//! Protocol (tower-lsp), started by `svc lsp` over stdio.
//!
//! One [`Backend`] owns the open documents behind a mutex; every request
//! analyses or reads a document under that lock and answers from the same
//! snapshot, so an edit cannot race a request into a wrong answer.
//! Positions are UTF-16 unless the client offers UTF-8. Sync is
//! incremental: a change is a range and its new text (or a whole text), and
//! every change re-analyses the whole document.

mod backend;
mod convert;
mod disk;
mod documents;
mod features;
mod file_root;
pub mod regular_file;
mod stdio;

pub use backend::Backend;
pub use disk::{Disk, FILE_LIMIT};
pub use file_root::{file_root, project_root};

use tower_lsp::{LspService, Server};

/// Serves the protocol on stdin/stdout until the client sends `exit` (or
/// closes stdin), then returns at once: a client that waits for the
/// process to end after `exit` (Neovim) need not close the pipe first.
pub async fn run_stdio() {
    let (service, socket) = LspService::new(Backend::new);
    let (service, exited) = stdio::ExitWatch::new(service);
    let server = Server::new(stdio::ThreadStdin::spawn(), tokio::io::stdout(), socket).serve(service);
    tokio::select! {
        () = server => {}
        () = exited.notified() => {}
    }
}
