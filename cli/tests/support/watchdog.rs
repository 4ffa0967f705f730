//! Running a command with a watchdog: a run that has not finished in 20 s
//! fails the test instead of stalling the suite.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a run may take before the test fails.
pub const WATCHDOG: Duration = Duration::from_secs(20);

/// Runs `command` with `input` on its standard input (none: `/dev/null`),
/// and returns its output; kills it and fails the test after [`WATCHDOG`].
pub fn output(mut command: Command, input: Option<&str>) -> Output {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("the command runs");
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    match receive.recv_timeout(WATCHDOG) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{command:?} did not finish in {WATCHDOG:?}");
        }
    }
}
