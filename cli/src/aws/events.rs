//! Waiting for a stack operation: stack events as they come, a progress
//! bar on a terminal (plain lines otherwise), until the stack rests.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use aws_sdk_cloudformation::primitives::DateTimeFormat;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Aws;
use super::error::describe as explain;
use super::interrupt::{Backoff, Interrupt};
use super::stack::{self, StackInfo};

/// The longest pause between two polls.
const MAX_POLL: Duration = Duration::from_secs(2);
/// Polls in a row that may fail before waiting gives up.
const MAX_FAILED_POLLS: u32 = 3;

/// A stack event, reduced to what svc prints and looks at.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its ID.
    pub id: String,
    /// The resource's logical ID (the stack's name for the stack itself).
    pub logical: String,
    /// The resource type.
    pub kind: String,
    /// The resource status, such as `CREATE_FAILED`.
    pub status: String,
    /// Why, when AWS says.
    pub reason: Option<String>,
    /// When, `HH:MM:SS` (UTC).
    pub time: String,
}

impl Event {
    /// Whether this event is about the stack itself.
    pub fn is_stack(&self) -> bool {
        self.kind == "AWS::CloudFormation::Stack"
    }
}

/// How waiting ended.
#[derive(Debug)]
pub enum End {
    /// The stack rests in a final status; the events seen on the way, oldest first.
    Done(StackInfo, Vec<Event>),
    /// The stack is gone (deleted).
    Gone,
    /// Ctrl-C.
    Interrupted,
}

/// The newest event of the stack, so that only later ones are shown.
pub async fn newest(aws: &Aws, stack: &str) -> Result<Option<String>, String> {
    let page = aws
        .cfn
        .describe_stack_events()
        .stack_name(stack)
        .send()
        .await
        .map_err(|e| explain(&e, &format!("cannot read the events of stack `{stack}`")))?;
    Ok(page.stack_events().first().and_then(|e| e.event_id()).map(str::to_owned))
}

/// Waits until the stack `stack_id` rests, printing the events after
/// `after` (all of them when `None`); `total` is the number of resources
/// expected to change, for the bar.
pub async fn wait(
    aws: &Aws,
    stack_id: &str,
    after: Option<&str>,
    total: usize,
    interrupt: &Interrupt,
) -> Result<End, String> {
    let progress = Progress::new(total);
    let mut seen: HashSet<String> = HashSet::new();
    let mut done: HashSet<String> = HashSet::new();
    let mut all = Vec::new();
    let mut backoff = Backoff::new(MAX_POLL);
    let mut failures = 0;
    loop {
        if !interrupt.sleep(backoff.next_pause()).await {
            progress.clear();
            return Ok(End::Interrupted);
        }
        let (described, events) = tokio::join!(stack::describe(aws, stack_id), since(aws, stack_id, after, &seen));
        // A poll that fails even after the SDK's retries (throttling on a
        // long deploy) is tried again by the next few polls.
        let (described, events) = match (described, events) {
            (Ok(described), Ok(events)) => {
                failures = 0;
                (described, events)
            }
            (Err(error), _) | (_, Err(error)) => {
                failures += 1;
                if failures > MAX_FAILED_POLLS {
                    progress.clear();
                    return Err(error);
                }
                continue;
            }
        };
        for event in events {
            seen.insert(event.id.clone());
            if !event.is_stack() && event.status.ends_with("_COMPLETE") && done.insert(event.logical.clone()) {
                progress.advance();
            }
            progress.event(&event);
            all.push(event);
        }
        match described {
            None => {
                progress.clear();
                return Ok(End::Gone);
            }
            Some(info) if info.status == "DELETE_COMPLETE" => {
                progress.clear();
                return Ok(End::Gone);
            }
            Some(info) if stack::is_final(&info.status) => {
                progress.clear();
                return Ok(End::Done(info, all));
            }
            Some(info) => progress.status(&info.status),
        }
    }
}

/// The events newer than `after` not in `seen`, oldest first.
async fn since(aws: &Aws, stack: &str, after: Option<&str>, seen: &HashSet<String>) -> Result<Vec<Event>, String> {
    let mut events = Vec::new();
    let mut token = None;
    // Newest first: stop at the marker, or at an event already shown.
    'pages: for _ in 0..20 {
        let page = match aws.cfn.describe_stack_events().stack_name(stack).set_next_token(token).send().await {
            Ok(page) => page,
            // A stack deleted by name may be gone before its events are read.
            Err(error) if stack::is_missing(super::error::code(&error), super::error::message(&error)) => break,
            Err(error) => return Err(explain(&error, &format!("cannot read the events of stack `{stack}`"))),
        };
        for event in page.stack_events() {
            let id = event.event_id().unwrap_or_default();
            if Some(id) == after || seen.contains(id) {
                break 'pages;
            }
            events.push(Event {
                id: id.to_owned(),
                logical: event.logical_resource_id().unwrap_or_default().to_owned(),
                kind: event.resource_type().unwrap_or_default().to_owned(),
                status: event.resource_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                reason: event.resource_status_reason().map(str::to_owned),
                time: event
                    .timestamp()
                    .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
                    .and_then(|t| t.get(11..19).map(str::to_owned))
                    .unwrap_or_default(),
            });
        }
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    events.reverse();
    Ok(events)
}

/// The bar (on a terminal) or plain lines (in a log).
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Progress {
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

    fn advance(&self) {
        // The last step is the stack's own final status.
        if let Some(bar) = self.bar.as_ref().filter(|b| b.position() + 1 < b.length().unwrap_or(0)) {
            bar.inc(1);
        }
    }

    fn status(&self, status: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(status.to_owned());
        }
    }

    fn event(&self, event: &Event) {
        let colour = if event.status.ends_with("_FAILED") {
            "\x1b[31m"
        } else if event.status.ends_with("_COMPLETE") {
            "\x1b[32m"
        } else {
            "\x1b[2m"
        };
        let mut line =
            format!("  {}  {colour}{:<27}\x1b[0m {} ({})", event.time, event.status, event.logical, event.kind);
        if let Some(reason) = event.reason.as_deref().filter(|_| event.status.ends_with("_FAILED")) {
            line.push_str(&format!(": {reason}"));
        }
        match &self.bar {
            Some(bar) => bar.println(line),
            None => {
                let _ = writeln!(anstream::stderr(), "{line}");
            }
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
