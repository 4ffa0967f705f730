//! What `svc lsp` needs around tower-lsp's stdio server to end when the
//! protocol says so: tower-lsp notices `exit` only when the next message
//! arrives, and tokio's stdin holds the runtime open until the client
//! closes the pipe. [`ExitWatch`] signals `exit` as it passes;
//! [`ThreadStdin`] reads stdin on a plain thread that does not keep the
//! process alive.

use std::io::Read;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::{Notify, mpsc};
use tower::Service;
use tower_lsp::jsonrpc::Request;

/// A service that notifies when it is handed the `exit` notification.
pub struct ExitWatch<S> {
    inner: S,
    exited: Arc<Notify>,
}

impl<S> ExitWatch<S> {
    /// Wraps `inner`; the [`Notify`] fires once `exit` has been passed on.
    pub fn new(inner: S) -> (Self, Arc<Notify>) {
        let exited = Arc::new(Notify::new());
        (ExitWatch { inner, exited: Arc::clone(&exited) }, exited)
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
        let exit = request.method() == "exit";
        let future = self.inner.call(request);
        if exit {
            self.exited.notify_one();
        }
        future
    }
}

/// Stdin, read in chunks by a detached thread.
pub struct ThreadStdin {
    chunks: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    read: usize,
}

impl ThreadStdin {
    /// Starts the reading thread.
    pub fn spawn() -> Self {
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
        ThreadStdin { chunks, chunk: Vec::new(), read: 0 }
    }
}

impl AsyncRead for ThreadStdin {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        if this.read == this.chunk.len() {
            match this.chunks.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(Ok(())), // end of input
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Err(error)),
                Poll::Ready(Some(Ok(chunk))) => (this.chunk, this.read) = (chunk, 0),
            }
        }
        let n = buf.remaining().min(this.chunk.len() - this.read);
        buf.put_slice(&this.chunk[this.read..this.read + n]);
        this.read += n;
        Poll::Ready(Ok(()))
    }
}
