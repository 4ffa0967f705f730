//! The progress of a stack operation: a bar on a terminal with each event
//! printed above it, or plain lines in a log.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::aws::events::Event;
use crate::style::{self, paint};

/// The bar (on a terminal) or plain lines (in a log).
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` resources on a terminal; plain lines otherwise.
    pub fn new(total: usize) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(total.max(1) as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("  {spinner} [{bar:24}] {pos}/{len} resources  {elapsed}  {msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar: Some(bar) }
    }

    /// One more resource done.
    pub fn advance(&self) {
        // The last step is the stack's own final status.
        if let Some(bar) = self.bar.as_ref().filter(|b| b.position() + 1 < b.length().unwrap_or(0)) {
            bar.inc(1);
        }
    }

    /// The stack's status, beside the bar.
    pub fn status(&self, status: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(status.to_owned());
        }
    }

    /// Shows one event.
    pub fn event(&self, event: &Event) {
        let colour = if event.is_failed() {
            style::REMOVED
        } else if event.is_complete() {
            style::ADDED
        } else {
            style::DIM
        };
        let status = paint(colour, format!("{:<27}", event.status.as_str()));
        let mut line = format!("  {}  {status} {} ({})", event.time, event.logical, event.kind);
        if let Some(reason) = event.reason.as_deref().filter(|_| event.is_failed()) {
            line.push_str(&format!(": {reason}"));
        }
        match &self.bar {
            Some(bar) => bar.println(line),
            None => {
                let _ = writeln!(anstream::stderr(), "{line}");
            }
        }
    }

    /// Removes the bar.
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    /// The bar goes when the wait ends, also when Ctrl-C drops the wait.
    fn drop(&mut self) {
        self.clear();
    }
}
