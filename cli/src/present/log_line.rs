//! A log event as `svc logs` and `svc invoke --log` print it: its time,
//! the function's name when several are interleaved, and the message, with
//! Lambda's own lines (START, END, REPORT) dimmed and error lines in red
//! when colours are on.

use std::fmt::Write as _;

use crate::moment;
use crate::style::{self, paint};

/// What a log line is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Lambda's own lines: `START`, `END`, `REPORT`, `INIT_START`, …
    Platform,
    /// An error: `[ERROR]`, a Node `ERROR` line, a Python traceback, a
    /// timeout, an error document.
    Error,
    /// Anything the function printed.
    Plain,
}

/// Lambda's own line prefixes.
const PLATFORM: &[&str] = &["START RequestId:", "END RequestId:", "REPORT RequestId:", "INIT_START ", "INIT_REPORT "];

/// The kind of `message`.
pub fn kind(message: &str) -> Kind {
    let line = message.trim_start();
    if PLATFORM.iter().any(|p| line.starts_with(p)) {
        return Kind::Platform;
    }
    let error = line.starts_with("[ERROR]")
        || line.starts_with("ERROR")
        || line.starts_with("Traceback (most recent call last)")
        || line.contains("\tERROR\t")
        || line.contains("Task timed out after")
        || line.contains("\"errorType\"")
        || line.contains("Runtime.ImportModuleError")
        || line.contains("Runtime.HandlerNotFound");
    if error { Kind::Error } else { Kind::Plain }
}

/// `message` in the colour of its kind, without its final line break.
pub fn paint_message(message: &str) -> String {
    let text = message.trim_end_matches(['\n', '\r']);
    match kind(text) {
        Kind::Platform => paint(style::DIM, text),
        Kind::Error => paint(style::REMOVED, text),
        Kind::Plain => text.to_owned(),
    }
}

/// Appends one event to `out`: `[function padded]  time  message`.
pub fn push(out: &mut String, function: Option<(&str, usize)>, timestamp: i64, message: &str) {
    if let Some((name, width)) = function {
        let _ = write!(out, "{}  ", paint(style::NOTE, format!("{name:<width$}")));
    }
    let _ = writeln!(out, "{}  {}", paint(style::DIM, moment::format(timestamp)), paint_message(message));
}

#[cfg(test)]
mod tests {
    use super::{Kind, kind, push};

    #[test]
    fn lambda_lines_and_errors_are_told_apart() {
        assert_eq!(kind("START RequestId: 1 Version: $LATEST\n"), Kind::Platform);
        assert_eq!(kind("REPORT RequestId: 1\tDuration: 2.00 ms"), Kind::Platform);
        assert_eq!(kind("[ERROR] KeyError: 'id'"), Kind::Error);
        assert_eq!(kind("2026-01-31T08:00:00.000Z\t1\tERROR\tInvoke Error"), Kind::Error);
        assert_eq!(kind("Traceback (most recent call last):"), Kind::Error);
        assert_eq!(kind("hello world"), Kind::Plain);
    }

    #[test]
    fn lines_are_padded_to_the_longest_function_name() {
        let mut out = String::new();
        push(&mut out, Some(("a", 5)), 1_769_846_400_000, "hello\n");
        push(&mut out, None, 1_769_846_400_000, "bye");
        let out = anstream::adapter::strip_str(&out).to_string();
        assert_eq!(out, "a      2026-01-31T08:00:00.000Z  hello\n2026-01-31T08:00:00.000Z  bye\n");
    }
}
