//! Running a command with a watchdog: a run that has not finished in 20 s
//! ([`super::process::WATCHDOG`]) fails the test instead of stalling the
//! suite.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use super::process;

/// Runs `command` with `input` on its standard input (none: `/dev/null`),
/// and returns its output; kills it and fails the test after the watchdog.
pub fn output(mut command: Command, input: Option<&str>) -> Output {
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = process::spawn(command);
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    process::finish(child)
}
