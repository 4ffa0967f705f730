//! The client's byte streams, with only whole, well-formed messages let
//! through to the protocol library and back.
//!
//! [`checked`] stands between the client's pipes and the library (any
//! that reads an [`AsyncRead`] and writes an [`AsyncWrite`] in the LSP base
//! protocol). Incoming bytes are cut into messages by
//! [`Splitter`](crate::framing::Splitter) and checked by
//! [`message_check`]; a good message goes on to the library, and anything
//! else is answered here with a JSON-RPC error (id null) while the stream
//! goes on. The library's output is cut into messages too, and one writer
//! sends both the library's messages and these error responses to the
//! client, a whole message at a time, so an error response never lands
//! inside a message the library is writing.

use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::channel::mpsc as frames;
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;

use crate::chunk_reader::ChunkReader;
use crate::framing::{Piece, Splitter, frame};
use crate::message_check::{self, PARSE_ERROR, Refusal};

/// Messages waiting in each direction before the sender waits.
const QUEUE: usize = 16;

/// How much of the client's input is read at once.
const READ_SIZE: usize = 64 * 1024;

/// The library's side of a checked transport.
pub struct Transport<F> {
    /// What the library reads: whole, checked messages.
    pub input: ChunkReader,
    /// What the library writes to: passed on a whole message at a time.
    pub output: MessageWriter,
    /// Moves the bytes; ends once the client's input has ended and the
    /// library has dropped `output`.
    pub run: F,
}

/// A checked transport over the client's `input` and `output`.
pub fn checked<R, W>(input: R, output: W) -> Transport<impl Future<Output = ()>>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let (to_library, from_client) = mpsc::channel(QUEUE);
    let (to_client, outgoing) = frames::channel(QUEUE);
    let errors = to_client.clone();
    let run = async move {
        tokio::join!(read_client(input, to_library, errors), write_client(output, outgoing));
    };
    Transport { input: ChunkReader::new(from_client), output: MessageWriter::new(to_client), run }
}

/// Cuts the client's input into messages: good ones go to the library,
/// the rest are answered. Returns when the input ends (or fails), or the
/// library stops reading.
async fn read_client<R: AsyncRead + Unpin>(
    mut input: R,
    to_library: mpsc::Sender<io::Result<Vec<u8>>>,
    mut to_client: frames::Sender<Vec<u8>>,
) {
    let mut splitter = Splitter::default();
    let mut buffer = vec![0; READ_SIZE];
    loop {
        let read = poll_fn(|cx| {
            let mut read = ReadBuf::new(&mut buffer);
            ready!(Pin::new(&mut input).poll_read(cx, &mut read))?;
            Poll::Ready(Ok::<_, io::Error>(read.filled().len()))
        })
        .await;
        let Ok(count @ 1..) = read else { return };
        splitter.push(&buffer[..count]);
        while let Some(piece) = splitter.next() {
            let refusal = match piece {
                Piece::Body(body) => match message_check::check(body) {
                    Ok(message) => {
                        if to_library.send(Ok(message)).await.is_err() {
                            return;
                        }
                        continue;
                    }
                    Err(refusal) => refusal,
                },
                Piece::Malformed(reason) => Refusal { code: PARSE_ERROR, message: format!("Parse error: {reason}") },
            };
            // A client that stopped reading gets no answer; its input is
            // still read to the end.
            let _ = to_client.send(frame(&message_check::error_response(&refusal))).await;
        }
    }
}

/// Writes each message sent to `outgoing` whole, until every sender is
/// gone or the output fails.
async fn write_client<W: AsyncWrite + Unpin>(mut output: W, mut outgoing: frames::Receiver<Vec<u8>>) {
    while let Some(message) = outgoing.next().await {
        if write_all(&mut output, &message).await.is_err() {
            return;
        }
    }
}

async fn write_all<W: AsyncWrite + Unpin>(output: &mut W, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        let written = poll_fn(|cx| Pin::new(&mut *output).poll_write(cx, bytes)).await?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
    }
    poll_fn(|cx| Pin::new(&mut *output).poll_flush(cx)).await
}

/// The library's output: what it writes is cut into messages, and each
/// whole message is sent to the one writer of the client's output.
pub struct MessageWriter {
    splitter: Splitter,
    /// Whole messages not yet sent.
    waiting: VecDeque<Vec<u8>>,
    to_client: frames::Sender<Vec<u8>>,
}

impl MessageWriter {
    fn new(to_client: frames::Sender<Vec<u8>>) -> Self {
        // The library's own messages have no size limit.
        MessageWriter { splitter: Splitter::new(usize::MAX), waiting: VecDeque::new(), to_client }
    }

    /// Sends the waiting messages, as the writer makes room.
    fn poll_send(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while !self.waiting.is_empty() {
            ready!(self.to_client.poll_ready(cx)).map_err(|_| gone())?;
            if let Some(message) = self.waiting.pop_front() {
                self.to_client.start_send(message).map_err(|_| gone())?;
            }
        }
        Poll::Ready(Ok(()))
    }
}

fn gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the client's output is closed")
}

impl AsyncWrite for MessageWriter {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        // Take more only once what came before is sent: memory stays bounded.
        ready!(this.poll_send(cx))?;
        this.splitter.push(buf);
        while let Some(piece) = this.splitter.next() {
            match piece {
                Piece::Body(body) => this.waiting.push_back(frame(&body)),
                Piece::Malformed(reason) => {
                    let message = format!("the server wrote a malformed message: {reason}");
                    return Poll::Ready(Err(io::Error::new(io::ErrorKind::InvalidData, message)));
                }
            }
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().poll_send(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_send(cx))?;
        this.to_client.close_channel();
        Poll::Ready(Ok(()))
    }
}
