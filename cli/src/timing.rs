//! `SVC_TIMINGS=1`: how long each step of a command took, printed on
//! stderr when the command ends (for the benchmark's "where the time goes").

use std::io::Write;
use std::time::{Duration, Instant};

/// The steps of one command, timed.
#[derive(Debug)]
pub struct Timings {
    enabled: bool,
    start: Instant,
    last: Instant,
    steps: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Starts timing when `SVC_TIMINGS` is set (to anything but `0`).
    pub fn new() -> Timings {
        let now = Instant::now();
        let enabled = std::env::var_os("SVC_TIMINGS").is_some_and(|v| v != "0");
        Timings { enabled, start: now, last: now, steps: Vec::new() }
    }

    /// Ends the step `name` now.
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.steps.push((name, now - self.last));
        self.last = now;
    }
}

impl Drop for Timings {
    fn drop(&mut self) {
        if !self.enabled {
            return;
        }
        let steps: Vec<String> =
            self.steps.iter().map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1e3)).collect();
        let total = self.start.elapsed().as_secs_f64() * 1e3;
        let _ = writeln!(std::io::stderr(), "timings: {} (total {total:.1} ms)", steps.join(", "));
    }
}
