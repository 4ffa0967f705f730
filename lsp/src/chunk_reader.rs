//! An [`AsyncRead`] over chunks of bytes sent through a channel: how bytes
//! read elsewhere (a thread blocked on stdin, the framing task) reach a
//! reader that wants a stream.

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// Reads the chunks received on a channel, in order; the stream ends when
/// every sender is gone, and fails with the first error sent.
pub struct ChunkReader {
    chunks: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    read: usize,
}

impl ChunkReader {
    /// A reader of what is sent to `chunks`.
    pub fn new(chunks: mpsc::Receiver<std::io::Result<Vec<u8>>>) -> Self {
        ChunkReader { chunks, chunk: Vec::new(), read: 0 }
    }
}

impl AsyncRead for ChunkReader {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        // An empty chunk would read as the end of the stream: skip it.
        while this.read == this.chunk.len() {
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
