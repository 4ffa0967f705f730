//! `svc` as a child process the test can signal (Ctrl-C is SIGINT), and
//! a watchdog: a run that has not ended after 20 s is killed and fails the
//! test, instead of hanging it.

use std::process::{Child, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a run may take before the watchdog kills it.
pub const WATCHDOG: Duration = Duration::from_secs(20);

/// Starts `command` with its output captured.
pub fn spawn(mut command: std::process::Command) -> Child {
    command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("svc starts")
}

/// Sends `signal` (`INT`, `KILL`) to process `pid`, as a terminal's Ctrl-C does.
pub fn signal(pid: u32, signal: &str) {
    let status =
        std::process::Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status().expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid} failed");
}

/// Waits for `child` to end; fails the test (after killing it) when it
/// has not ended within [`WATCHDOG`].
pub fn finish(child: Child) -> Output {
    let pid = child.id();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(WATCHDOG) {
        Ok(output) => output.expect("svc ends"),
        Err(_) => {
            signal(pid, "KILL");
            panic!("svc (pid {pid}) did not end within {} s", WATCHDOG.as_secs());
        }
    }
}
