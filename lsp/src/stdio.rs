//! What `svc lsp` needs around tower-lsp's stdio server to end when the
//! protocol says so, with the exit code it asks for: tower-lsp notices
//! `exit` only when the next message arrives, and tokio's stdin holds the
//! runtime open until the client closes the pipe. [`ExitWatch`] signals
//! `exit` as it passes and remembers whether `shutdown` came first;
//! [`thread_stdin`] reads stdin on a plain thread that does not keep the
//! process alive.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tokio::sync::{Notify, mpsc};
use tower::Service;
use tower_lsp::jsonrpc::Request;

use crate::chunk_reader::ChunkReader;

/// How a session ended, which decides the exit code (LSP: `exit` is 0
/// after `shutdown`, 1 otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown`, then `exit`: exit code 0.
    Clean,
    /// `exit` without `shutdown` first: exit code 1.
    ExitWithoutShutdown,
    /// The input ended (or output failed) without `exit`: exit code 1.
    InputClosed,
}

/// What [`ExitWatch`] has seen of the session.
#[derive(Default)]
pub struct Session {
    exited: Notify,
    exit: AtomicBool,
    shutdown: AtomicBool,
}

impl Session {
    /// Waits until `exit` has been passed on.
    pub async fn exited(&self) {
        self.exited.notified().await;
    }

    /// How the session ended, when it has.
    pub fn ending(&self) -> Ending {
        match (self.exit.load(Ordering::SeqCst), self.shutdown.load(Ordering::SeqCst)) {
            (true, true) => Ending::Clean,
            (true, false) => Ending::ExitWithoutShutdown,
            (false, _) => Ending::InputClosed,
        }
    }
}

/// A service that notifies when it is handed the `exit` notification.
pub struct ExitWatch<S> {
    inner: S,
    session: Arc<Session>,
}

impl<S> ExitWatch<S> {
    /// Wraps `inner`; the [`Session`] tells when `exit` has been passed on
    /// and whether `shutdown` came before.
    pub fn new(inner: S) -> (Self, Arc<Session>) {
        let session = Arc::new(Session::default());
        (ExitWatch { inner, session: Arc::clone(&session) }, session)
    }
}

impl<S: Service<Request>> Service<Request> for ExitWatch<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let method = request.method();
        let exit = method == "exit";
        if method == "shutdown" {
            self.session.shutdown.store(true, Ordering::SeqCst);
        }
        let future = self.inner.call(request);
        if exit {
            self.session.exit.store(true, Ordering::SeqCst);
            self.session.exited.notify_one();
        }
        future
    }
}

/// Stdin, read in chunks by a detached thread.
pub fn thread_stdin() -> ChunkReader {
    let (sender, chunks) = mpsc::channel(16);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let chunk = match stdin.read(&mut buffer) {
                Ok(0) => return,
                Ok(n) => Ok(buffer[..n].to_vec()),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => Err(error),
            };
            let failed = chunk.is_err();
            if sender.blocking_send(chunk).is_err() || failed {
                return;
            }
        }
    });
    ChunkReader::new(chunks)
}
