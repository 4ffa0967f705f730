//! Splitting a byte stream into Language Server Protocol messages, and
//! telling apart the bytes that are not one.
//!
//! A message is a header block — lines `Name: value`, ended by an empty
//! line — then a body of exactly `Content-Length` bytes. [`Splitter`] is
//! lenient where clients are known to slip and strict where a slip would
//! lose the stream:
//!
//! - Lines may end in CRLF (the protocol) or a bare LF (a common client
//!   bug); header names are matched without regard to case; headers other
//!   than `Content-Length` (`Content-Type`) are ignored; empty lines
//!   between messages are skipped.
//! - A header block without a valid `Content-Length` (missing, negative,
//!   not a number, over [`MAX_BODY`], given twice with two values), or one
//!   longer than 8 KiB, is malformed; so are bytes where a header block
//!   should start.
//! - A body that is a JSON object or array is scanned for where its value
//!   ends (strings and nesting, not the whole grammar). A value that ends
//!   before `Content-Length` and is followed by a `Content-Length` header
//!   means the length is too long and the next message was swallowed: the
//!   frame is cut where the value ends and the next message read from
//!   there, without waiting for bytes the client may never send. A value
//!   still open at `Content-Length` means the length is too short.
//!
//! After a malformed frame the splitter resynchronises on the next
//! `Content-Length` in the stream (looking inside a malformed header block
//! too, in case garbage ran into the next header), skipping what lies
//! before without a second report. Text that reads as a `Content-Length`
//! header inside garbage can still mislead it; nothing can tell the two
//! apart. Memory stays bounded: a frame's body is held only up to
//! [`MAX_BODY`], and skipped bytes are dropped as they arrive.

use memchr::{memchr, memchr2};

/// The largest message body read: 256 MiB. A larger `Content-Length` is
/// refused before any of its body is stored. A service file may be 64 MiB
/// (what `svc check` reads); opened in an editor, its text arrives as a
/// JSON string, in which a client may escape each non-ASCII character or
/// control byte as `\uXXXX`: 50 MB of random bytes is a 197 MB body.
pub const MAX_BODY: usize = 256 * 1024 * 1024;

/// The longest header block read.
const MAX_HEADERS: usize = 8 * 1024;

/// The header the stream resynchronises on, in lower case.
const CONTENT_LENGTH: &[u8] = b"content-length";

/// What the splitter found next in the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// A message body, exactly as its header framed it (not yet read as
    /// JSON).
    Body(Vec<u8>),
    /// Bytes that are not a message, and why, for the error response.
    Malformed(String),
}

/// Cuts a byte stream into [`Piece`]s: [`push`](Splitter::push) bytes as
/// they arrive, then take pieces with [`next`](Splitter::next) until it
/// returns `None`.
#[derive(Debug)]
pub struct Splitter {
    /// The largest `Content-Length` accepted.
    limit: usize,
    buffer: Vec<u8>,
    /// Where the unread bytes of `buffer` start.
    start: usize,
    state: State,
    /// A malformed piece was reported and no good header has been read
    /// since: bytes skipped now belong to that report.
    quiet: bool,
}

#[derive(Debug, Default)]
enum State {
    /// A header block starts at `start`.
    #[default]
    Headers,
    /// A body of `length` bytes starts at `start`.
    Body { length: usize, end: ValueEnd },
    /// Looking for the next `Content-Length` to start over from.
    Skipping,
}

impl Default for Splitter {
    /// A splitter of a client's messages, up to [`MAX_BODY`] each.
    fn default() -> Self {
        Splitter::new(MAX_BODY)
    }
}

impl Splitter {
    /// A splitter of messages up to `limit` bytes each.
    pub fn new(limit: usize) -> Self {
        Splitter { limit, buffer: Vec::new(), start: 0, state: State::Headers, quiet: false }
    }

    /// Appends bytes read from the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buffer.len() / 2 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete piece, or `None` until more bytes are pushed.
    pub fn next(&mut self) -> Option<Piece> {
        loop {
            match std::mem::take(&mut self.state) {
                State::Headers => {
                    let blank = self.unread().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
                    self.start += blank;
                    match header_block(self.unread(), self.limit) {
                        Block::Partial => return None,
                        Block::Complete { consumed, length } => {
                            self.start += consumed;
                            self.quiet = false;
                            // Room for the whole body at once: a 200 MB body
                            // grown by doubling would touch twice its size.
                            let have = self.buffer.len() - self.start;
                            self.buffer.reserve_exact(length.saturating_sub(have));
                            self.state = State::Body { length, end: ValueEnd::default() };
                        }
                        Block::Malformed { reason, skip } => {
                            self.start += skip;
                            self.state = State::Skipping;
                            self.quiet = true;
                            return Some(Piece::Malformed(reason));
                        }
                        Block::NotHeaders { found } => {
                            self.start += 1;
                            self.state = State::Skipping;
                            if !self.quiet {
                                self.quiet = true;
                                return Some(Piece::Malformed(format!(
                                    "expected a `Content-Length` header, found {found}"
                                )));
                            }
                        }
                    }
                }
                State::Body { length, mut end } => {
                    let unread = &self.buffer[self.start..];
                    let seen = &unread[..unread.len().min(length)];
                    if let Some(ended) = end.scan(seen)
                        && let Some(after) = seen[ended..].iter().position(|b| !b.is_ascii_whitespace())
                    {
                        // What follows the value, beyond the body if need be.
                        let next = &unread[ended + after..];
                        let known = next.len().min(CONTENT_LENGTH.len());
                        if next[..known].eq_ignore_ascii_case(&CONTENT_LENGTH[..known]) {
                            if known < CONTENT_LENGTH.len() {
                                // Perhaps the next message: wait for the bytes that tell.
                                self.state = State::Body { length, end };
                                return None;
                            }
                            self.start += ended;
                            self.quiet = true;
                            return Some(Piece::Malformed(format!(
                                "Content-Length {length} is longer than the message, which ends after {ended} bytes"
                            )));
                        }
                    }
                    if unread.len() < length {
                        self.state = State::Body { length, end };
                        return None;
                    }
                    let body = self.take(length);
                    if end.is_open() {
                        self.quiet = true;
                        return Some(Piece::Malformed(format!(
                            "Content-Length {length} is shorter than the message, which goes on after it"
                        )));
                    }
                    return Some(Piece::Body(body));
                }
                State::Skipping => match find_content_length(self.unread()) {
                    Some(at) => self.start += at,
                    None => {
                        // Keep what may be the start of a `Content-Length` cut by the read.
                        let keep = CONTENT_LENGTH.len() - 1;
                        self.start = self.start.max(self.buffer.len().saturating_sub(keep));
                        self.state = State::Skipping;
                        return None;
                    }
                },
            }
        }
    }

    fn unread(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// The next `length` unread bytes, taken out of the buffer without
    /// copying them (a didOpen body can be 200 MB): the buffer becomes the
    /// body, and what follows it a new buffer.
    fn take(&mut self, length: usize) -> Vec<u8> {
        let rest = self.buffer.split_off(self.start + length);
        let mut body = std::mem::replace(&mut self.buffer, rest);
        body.drain(..self.start);
        self.start = 0;
        body
    }
}

/// `body` framed for the stream: its `Content-Length` header, then itself.
pub fn frame(body: &[u8]) -> Vec<u8> {
    framed(|out| out.extend_from_slice(body))
}

/// The longest `Content-Length` header line and blank line.
const MAX_HEADER_LINE: usize = "Content-Length: 18446744073709551615\r\n\r\n".len();

/// The body `write` writes, framed for the stream, written in place: the
/// header goes in room kept before it, so a large body is not copied into
/// a second buffer.
pub fn framed(write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = vec![0; MAX_HEADER_LINE];
    write(&mut out);
    let header = format!("Content-Length: {}\r\n\r\n", out.len() - MAX_HEADER_LINE);
    let start = MAX_HEADER_LINE - header.len();
    out[start..MAX_HEADER_LINE].copy_from_slice(header.as_bytes());
    out.drain(..start);
    out
}

/// What a header block at the start of some bytes is.
#[derive(Debug, PartialEq, Eq)]
enum Block {
    /// Could still become a header block: more bytes are needed.
    Partial,
    /// A whole block of `consumed` bytes, with its `Content-Length`.
    Complete { consumed: usize, length: usize },
    /// A header block without a `Content-Length` that can be used, with a
    /// line that is not a header, or too long. The search for the next
    /// message starts `skip` bytes on: after a whole block whose
    /// `Content-Length` is bad, else at its second byte, in case the block
    /// is garbage that ran into the next message's header.
    Malformed { reason: String, skip: usize },
    /// Not a header: the first line cannot be one; it starts with `found`.
    NotHeaders { found: String },
}

/// Reads the header block at the start of `bytes`.
fn header_block(bytes: &[u8], limit: usize) -> Block {
    let mut at = 0;
    let mut length: Option<Result<usize, String>> = None;
    loop {
        let rest = &bytes[at..];
        let newline = memchr(b'\n', rest);
        let line = &rest[..newline.unwrap_or(rest.len())];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if newline.is_some() && line.is_empty() {
            let consumed = at + newline.unwrap_or_default() + 1;
            return match length {
                Some(Ok(length)) => Block::Complete { consumed, length },
                Some(Err(reason)) => Block::Malformed { reason, skip: consumed },
                None => Block::Malformed { reason: "the header has no `Content-Length`".to_owned(), skip: 1 },
            };
        }
        if let Err(found) = header_line(line, newline.is_some(), limit, &mut length) {
            return if at == 0 {
                Block::NotHeaders { found }
            } else {
                Block::Malformed { reason: format!("expected a header line `Name: value`, found {found}"), skip: 1 }
            };
        }
        let Some(newline) = newline else {
            return if bytes.len() > MAX_HEADERS {
                Block::Malformed { reason: too_long_headers(), skip: 1 }
            } else {
                Block::Partial
            };
        };
        at += newline + 1;
        if at > MAX_HEADERS {
            return Block::Malformed { reason: too_long_headers(), skip: 1 };
        }
    }
}

fn too_long_headers() -> String {
    format!("the header is longer than {} KiB", MAX_HEADERS / 1024)
}

/// Checks one header line (`complete`: its end has been read; if not, only
/// what has arrived is checked) and records a `Content-Length` in `length`.
/// A line that is not `Name: value` is an error quoting it up to the first
/// byte that shows it, so the report does not depend on how the stream was
/// cut into reads.
fn header_line(
    line: &[u8],
    complete: bool,
    limit: usize,
    length: &mut Option<Result<usize, String>>,
) -> Result<(), String> {
    let colon = memchr(b':', line);
    let name = &line[..colon.unwrap_or(line.len())];
    if let Some(bad) = name.iter().position(|&byte| !is_name_byte(byte)) {
        return Err(quote(&line[..=bad]));
    }
    let Some(colon) = colon else {
        return if complete { Err(quote(line)) } else { Ok(()) };
    };
    if colon == 0 {
        return Err(quote(b":"));
    }
    if complete && name.eq_ignore_ascii_case(CONTENT_LENGTH) {
        let parsed = content_length(line[colon + 1..].trim_ascii(), limit);
        *length = Some(match length.take() {
            Some(Ok(first)) if parsed.as_ref().is_ok_and(|&second| second != first) => {
                Err("the header gives two different `Content-Length`s".to_owned())
            }
            Some(Err(reason)) => Err(reason),
            _ => parsed,
        });
    }
    Ok(())
}

/// The value of a `Content-Length` header: a number of bytes up to
/// `limit`.
fn content_length(value: &[u8], limit: usize) -> Result<usize, String> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(format!("Content-Length {} is not a number of bytes", quote(value)));
    }
    let digits = std::str::from_utf8(value).unwrap_or_default();
    match digits.parse::<usize>() {
        Ok(length) if length <= limit => Ok(length),
        _ => Err(format!("Content-Length {digits} is over the limit of {} MiB", limit / (1024 * 1024))),
    }
}

/// A byte of a header name (an HTTP token).
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Where the next `Content-Length` (any case) starts in `bytes`.
fn find_content_length(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = memchr2(b'C', b'c', &bytes[from..]) {
        let at = from + found;
        if bytes[at..].len() >= CONTENT_LENGTH.len()
            && bytes[at..at + CONTENT_LENGTH.len()].eq_ignore_ascii_case(CONTENT_LENGTH)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `bytes` quoted for a message, cut after 40 bytes.
fn quote(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]);
    format!("{text:?}{}", if bytes.len() > 40 { "…" } else { "" })
}

/// Where the JSON object or array at the start of a body ends, found by
/// following strings, escapes and nesting as the body arrives (every byte
/// is looked at once).
#[derive(Debug, Default)]
struct ValueEnd {
    /// How much of the body has been looked at.
    scanned: usize,
    kind: Kind,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
enum Kind {
    /// Only whitespace so far.
    #[default]
    Unknown,
    /// An object or array, still open.
    Open,
    /// Not an object or array: its end is not looked for.
    Other,
    /// The value ended before this offset.
    Ended(usize),
}

impl ValueEnd {
    /// Looks at the new bytes of `body` (the part of it read so far); where
    /// the value ends, once it has.
    fn scan(&mut self, body: &[u8]) -> Option<usize> {
        let mut at = self.scanned;
        while at < body.len() {
            match self.kind {
                Kind::Ended(end) => return Some(end),
                Kind::Other => break,
                Kind::Unknown => {
                    match body[at] {
                        b' ' | b'\t' | b'\r' | b'\n' => {}
                        b'{' | b'[' => (self.kind, self.depth) = (Kind::Open, 1),
                        _ => self.kind = Kind::Other,
                    }
                    at += 1;
                }
                Kind::Open if self.escaped => {
                    self.escaped = false;
                    at += 1;
                }
                Kind::Open if self.in_string => match memchr2(b'"', b'\\', &body[at..]) {
                    None => at = body.len(),
                    Some(found) => {
                        at += found;
                        if body[at] == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                        }
                        at += 1;
                    }
                },
                Kind::Open => {
                    match body[at] {
                        b'"' => self.in_string = true,
                        b'{' | b'[' => self.depth += 1,
                        b'}' | b']' => {
                            self.depth -= 1;
                            if self.depth == 0 {
                                self.kind = Kind::Ended(at + 1);
                            }
                        }
                        _ => {}
                    }
                    at += 1;
                }
            }
        }
        self.scanned = at;
        match self.kind {
            Kind::Ended(end) => Some(end),
            _ => None,
        }
    }

    /// Whether an object or array was started and has not ended.
    fn is_open(&self) -> bool {
        self.kind == Kind::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUEST: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    /// Every piece of `stream`, fed in chunks of `chunk` bytes.
    fn split(stream: &[u8], chunk: usize) -> Vec<Piece> {
        let mut splitter = Splitter::default();
        let mut pieces = Vec::new();
        for part in stream.chunks(chunk.max(1)) {
            splitter.push(part);
            while let Some(piece) = splitter.next() {
                pieces.push(piece);
            }
        }
        pieces
    }

    /// The pieces, the same whether the stream arrives whole or a byte at
    /// a time (or in chunks of 7).
    fn pieces(stream: &[u8]) -> Vec<Piece> {
        let whole = split(stream, stream.len());
        assert_eq!(split(stream, 1), whole, "byte by byte");
        assert_eq!(split(stream, 7), whole, "in chunks of 7");
        whole
    }

    fn body(text: &str) -> Piece {
        Piece::Body(text.as_bytes().to_vec())
    }

    /// The reason of a malformed piece.
    fn reason(piece: &Piece) -> &str {
        match piece {
            Piece::Malformed(reason) => reason,
            Piece::Body(body) => panic!("a body, not a malformed piece: {}", String::from_utf8_lossy(body)),
        }
    }

    fn framed(text: &str) -> Vec<u8> {
        frame(text.as_bytes())
    }

    fn then(mut first: Vec<u8>, second: &[u8]) -> Vec<u8> {
        first.extend_from_slice(second);
        first
    }

    #[test]
    fn well_formed_messages_are_their_bodies() {
        let stream = then(framed(REQUEST), &framed("{}"));
        assert_eq!(pieces(&stream), [body(REQUEST), body("{}")]);
    }

    #[test]
    fn lf_only_headers_other_headers_and_any_case_are_accepted() {
        let stream = format!(
            "content-length: {}\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{REQUEST}\r\n\
             CONTENT-LENGTH:2\r\n\r\n{{}}",
            REQUEST.len()
        );
        assert_eq!(pieces(stream.as_bytes()), [body(REQUEST), body("{}")]);
    }

    #[test]
    fn a_bad_content_length_is_reported_once_and_the_next_message_is_read() {
        for (value, expected) in [
            ("-5", "Content-Length \"-5\" is not a number of bytes"),
            ("five", "Content-Length \"five\" is not a number of bytes"),
            ("", "Content-Length \"\" is not a number of bytes"),
            ("1000000000000", "Content-Length 1000000000000 is over the limit of 256 MiB"),
            ("99999999999999999999999", "Content-Length 99999999999999999999999 is over the limit of 256 MiB"),
        ] {
            let stream = then(format!("Content-Length: {value}\r\n\r\n{REQUEST}").into_bytes(), &framed("{}"));
            let found = pieces(&stream);
            assert_eq!(found.len(), 2, "{value}: {found:?}");
            assert_eq!(reason(&found[0]), expected);
            assert_eq!(found[1], body("{}"), "{value}");
        }
    }

    #[test]
    fn the_didopen_of_a_large_service_is_not_refused() {
        // 50 MB of random bytes, as Python's json.dumps escapes it.
        let mut splitter = Splitter::default();
        splitter.push(b"Content-Length: 197084217\r\n\r\n{\"jsonrpc\":\"2.0\"");
        assert_eq!(splitter.next(), None, "waiting for the rest of the body");
    }

    #[test]
    fn a_body_is_framed_again_as_it_was() {
        let stream = then(framed(REQUEST), &framed("{}"));
        let bodies: Vec<Vec<u8>> = pieces(&stream)
            .into_iter()
            .map(|piece| match piece {
                Piece::Body(body) => frame(&body),
                Piece::Malformed(reason) => panic!("{reason}"),
            })
            .collect();
        assert_eq!(bodies.concat(), stream);
    }

    #[test]
    fn two_different_lengths_are_malformed() {
        let stream = then(b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ".to_vec(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(reason(&found[0]), "the header gives two different `Content-Length`s");
        assert_eq!(found[1..], [body("{}")]);
    }

    #[test]
    fn a_missing_content_length_is_reported() {
        let stream = then(b"Content-Type: application/json\r\n\r\n{}".to_vec(), &framed(REQUEST));
        let found = pieces(&stream);
        assert_eq!(reason(&found[0]), "the header has no `Content-Length`");
        assert_eq!(found[1..], [body(REQUEST)]);
    }

    #[test]
    fn a_body_without_a_header_is_reported_once() {
        let stream = then(format!("{REQUEST}{REQUEST}").into_bytes(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(reason(&found[0]), "expected a `Content-Length` header, found \"{\"");
        assert_eq!(found[1], body("{}"));
    }

    #[test]
    fn a_header_line_without_a_colon_is_reported() {
        let stream = then(format!("Content-Length: 2\r\n{REQUEST}\r\n\r\n").into_bytes(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(reason(&found[0]), "expected a header line `Name: value`, found \"{\"");
        assert_eq!(found[1..], [body("{}")]);
    }

    #[test]
    fn a_too_long_content_length_is_cut_where_the_message_ends() {
        // The next message is shorter than the overshoot: waiting for the
        // declared length would wait for bytes that never come.
        let stream =
            then(format!("Content-Length: {}\r\n\r\n{REQUEST}", REQUEST.len() + 500).into_bytes(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(
            reason(&found[0]),
            format!(
                "Content-Length {} is longer than the message, which ends after {} bytes",
                REQUEST.len() + 500,
                REQUEST.len()
            )
        );
        assert_eq!(found[1..], [body("{}")]);
    }

    #[test]
    fn a_too_short_content_length_is_reported_once() {
        let stream = then(format!("Content-Length: 10\r\n\r\n{REQUEST}").into_bytes(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(reason(&found[0]), "Content-Length 10 is shorter than the message, which goes on after it");
        assert_eq!(found[1..], [body("{}")], "the rest of the message is skipped silently");
    }

    #[test]
    fn garbage_run_into_the_next_header_is_reported_and_the_message_read() {
        for garbage in ["abc", "X-Note: 1; ", "Content-Type: text/plain; charset=", "ab\r"] {
            let stream = then(garbage.as_bytes().to_vec(), &framed(REQUEST));
            let found = pieces(&stream);
            assert_eq!(found.len(), 2, "{garbage:?}: {found:?}");
            assert!(matches!(found[0], Piece::Malformed(_)), "{garbage:?}");
            assert_eq!(found[1], body(REQUEST), "{garbage:?}");
        }
    }

    #[test]
    fn a_value_followed_by_other_bytes_within_the_length_is_one_body() {
        let text = r#"{"a":1} trailing"#;
        let stream = then(framed(text), &framed("{}"));
        assert_eq!(pieces(&stream), [body(text), body("{}")]);
    }

    #[test]
    fn strings_with_braces_quotes_and_escapes_do_not_end_the_value() {
        let text = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"}\"]\\\"}{ Content-Length: 3"}}"#;
        let stream = then(framed(text), &framed("{}"));
        assert_eq!(pieces(&stream), [body(text), body("{}")]);
    }

    #[test]
    fn trailing_whitespace_inside_the_length_is_part_of_the_body() {
        let stream = then(framed("{} \r\n"), &framed("[1]"));
        assert_eq!(pieces(&stream), [body("{} \r\n"), body("[1]")]);
    }

    #[test]
    fn bodies_that_are_not_objects_are_framed_by_their_length() {
        let stream = then(then(framed("42"), &framed("not json {")), &framed(""));
        assert_eq!(pieces(&stream), [body("42"), body("not json {"), body("")]);
    }

    #[test]
    fn a_header_longer_than_the_limit_is_malformed() {
        let stream = then(format!("X-Padding: {}\r\n", "a".repeat(MAX_HEADERS)).into_bytes(), &framed("{}"));
        let found = pieces(&stream);
        assert_eq!(reason(&found[0]), "the header is longer than 8 KiB");
        assert_eq!(found[1..], [body("{}")]);
    }

    #[test]
    fn skipped_garbage_is_not_kept() {
        let mut splitter = Splitter::default();
        splitter.push(b"{garbage");
        assert!(matches!(splitter.next(), Some(Piece::Malformed(_))));
        for _ in 0..1000 {
            splitter.push(&[b'x'; 4096]);
            assert_eq!(splitter.next(), None);
        }
        assert!(splitter.buffer.len() < 3 * 4096, "{} bytes held", splitter.buffer.len());
        splitter.push(&framed("{}"));
        assert_eq!(splitter.next(), Some(body("{}")));
    }

    #[test]
    fn a_huge_length_is_refused_before_its_body_is_stored() {
        let mut splitter = Splitter::default();
        splitter.push(b"Content-Length: 1000000000000\r\n\r\n");
        assert!(matches!(splitter.next(), Some(Piece::Malformed(_))));
        for _ in 0..1000 {
            splitter.push(&[b'{'; 4096]);
            assert_eq!(splitter.next(), None);
        }
        assert!(splitter.buffer.len() < 3 * 4096, "{} bytes held", splitter.buffer.len());
    }
}
