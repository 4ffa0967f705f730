//! The svc language server: the svc compiler behind the Language Server
//! Protocol (tower-lsp), started by `svc lsp` over stdio.
//!
//! One [`Backend`] owns the open documents behind a mutex; every request
//! analyses or reads a document under that lock and answers from the same
//! snapshot, so an edit cannot race a request into a wrong answer.
//! Positions are UTF-16 unless the client offers UTF-8. Sync is
//! incremental: a change is a range and its new text (or a whole text), and
//! every change re-analyses the whole document. At most 1,000 diagnostics
//! of a document are published, after one counting the others
//! (`published`).
//!
//! The server survives any byte stream. Between the pipes and tower-lsp,
//! `framing` cuts the input into messages (CRLF or bare-LF headers,
//! bodies up to 256 MiB) and `message_check` lets through only JSON-RPC 2.0
//! messages; anything else — bad JSON, invalid UTF-8, a lone surrogate, a
//! `Content-Length` that is missing, not a number, too short or too long —
//! is answered with a JSON-RPC error (id null; -32700 Parse error, or
//! -32600 Invalid Request for JSON that is not a message), and the stream
//! goes on from the next `Content-Length`. A handler that panics fails its
//! own request with -32603 Internal error. The server ends at `exit` (or
//! when the input ends), and [`Ending`] says how, for the exit code the
//! protocol asks for: 0 after `shutdown` then `exit`, otherwise 1.

mod backend;
mod chunk_reader;
mod convert;
mod disk;
mod documents;
mod features;
mod file_root;
mod framing;
mod lines;
mod message_check;
mod panic_guard;
mod published;
pub mod regular_file;
mod stdio;
mod transport;

pub use backend::Backend;
pub use disk::{Disk, FILE_LIMIT};
pub use file_root::{file_root, project_root};
pub use stdio::Ending;

use tower_lsp::{LspService, Server};

/// Serves the protocol on stdin/stdout until the client sends `exit` (or
/// closes stdin), then returns at once: a client that waits for the
/// process to end after `exit` (Neovim) need not close the pipe first.
pub async fn run_stdio() -> Ending {
    let (service, socket) = LspService::new(Backend::new);
    let (service, session) = stdio::ExitWatch::new(panic_guard::PanicGuard::new(service));
    let transport = transport::checked(stdio::thread_stdin(), tokio::io::stdout());
    let server = Server::new(transport.input, transport.output, socket).serve(service);
    tokio::select! {
        biased;
        () = session.exited() => {}
        _ = async { tokio::join!(server, transport.run) } => {}
    }
    session.ending()
}
