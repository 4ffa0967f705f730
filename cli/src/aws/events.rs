//! Waiting for a stack operation: stack events as they come (shown by
//! [`Progress`]), until the stack rests.

use std::collections::HashSet;
use std::time::Duration;

use aws_sdk_cloudformation::primitives::DateTimeFormat;
use aws_sdk_cloudformation::types::{ResourceStatus, StackEvent, StackStatus};

use super::Aws;
use super::error::describe as explain;
use super::stack::{self, StackInfo};
use crate::interrupt::{Backoff, Interrupt};
use crate::present::progress::Progress;

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
    pub status: ResourceStatus,
    /// Why, when AWS says.
    pub reason: Option<String>,
    /// When, `HH:MM:SS` (UTC).
    pub time: String,
}

impl Event {
    /// The event as the SDK gives it.
    fn of(event: &StackEvent) -> Event {
        Event {
            id: event.event_id().unwrap_or_default().to_owned(),
            logical: event.logical_resource_id().unwrap_or_default().to_owned(),
            kind: event.resource_type().unwrap_or_default().to_owned(),
            status: event.resource_status().cloned().unwrap_or_else(|| ResourceStatus::from("")),
            reason: event.resource_status_reason().map(str::to_owned),
            time: event
                .timestamp()
                .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
                .and_then(|t| t.get(11..19).map(str::to_owned))
                .unwrap_or_default(),
        }
    }

    /// Whether this event is about the stack itself.
    pub fn is_stack(&self) -> bool {
        self.kind == "AWS::CloudFormation::Stack"
    }

    /// Whether the resource got where it was going (`…_COMPLETE`).
    pub fn is_complete(&self) -> bool {
        self.status.as_str().ends_with("_COMPLETE")
    }

    /// Whether the resource failed (`…_FAILED`).
    pub fn is_failed(&self) -> bool {
        self.status.as_str().ends_with("_FAILED")
    }
}

/// How waiting ended.
#[derive(Debug)]
pub enum End {
    /// The stack rests in a final status; the events seen on the way, oldest first.
    Done(StackInfo, Vec<Event>),
    /// The stack is gone (deleted); the events seen on the way, oldest
    /// first.
    Gone(Vec<Event>),
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
            if !event.is_stack() && event.is_complete() && done.insert(event.logical.clone()) {
                progress.advance();
            }
            progress.event(&event);
            all.push(event);
        }
        match described {
            None => {
                progress.clear();
                return Ok(End::Gone(all));
            }
            Some(info) if info.status == StackStatus::DeleteComplete => {
                progress.clear();
                return Ok(End::Gone(all));
            }
            Some(info) if stack::is_final(&info.status) => {
                progress.clear();
                return Ok(End::Done(info, all));
            }
            Some(info) => progress.status(info.status.as_str()),
        }
    }
}

/// The stack's newest events, newest first, back to the first one `start`
/// picks (included): the events of the last operation of that kind.
pub async fn recent(aws: &Aws, stack: &str, start: impl Fn(&Event) -> bool) -> Result<Vec<Event>, String> {
    let mut events = Vec::new();
    let mut token = None;
    for _ in 0..20 {
        let page = aws
            .cfn
            .describe_stack_events()
            .stack_name(stack)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot read the events of stack `{stack}`")))?;
        for event in page.stack_events().iter().map(Event::of) {
            let found = start(&event);
            events.push(event);
            if found {
                return Ok(events);
            }
        }
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    Ok(events)
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
            events.push(Event::of(event));
        }
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    events.reverse();
    Ok(events)
}
