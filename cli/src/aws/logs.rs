//! CloudWatch Logs (`svc logs`): the events of a function's log group,
//! every page of FilterLogEvents.

use super::Aws;
use super::error::{code, describe as explain};

/// One log event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its ID, unique in the log group.
    pub id: String,
    /// When it happened, in milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// The line (or lines) logged.
    pub message: String,
}

/// `/aws/lambda/<function>`: where Lambda writes a function's logs.
pub fn group(function: &str) -> String {
    format!("/aws/lambda/{function}")
}

/// The events of log `group` from `start` (inclusive, milliseconds) to
/// `end`, that match `pattern` (CloudWatch's filter syntax), in time order.
/// A log group that does not exist (a function never run) has none.
pub async fn events(
    aws: &Aws,
    group: &str,
    start: i64,
    end: Option<i64>,
    pattern: Option<&str>,
) -> Result<Vec<Event>, String> {
    let mut events = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = aws
            .logs
            .filter_log_events()
            .log_group_name(group)
            .start_time(start)
            .set_end_time(end)
            .set_filter_pattern(pattern.map(str::to_owned))
            .set_next_token(token.clone())
            .send()
            .await;
        let page = match page {
            Ok(page) => page,
            Err(error) if code(&error) == Some("ResourceNotFoundException") => return Ok(Vec::new()),
            Err(error) => return Err(explain(&error, &format!("cannot read log group `{group}`"))),
        };
        events.extend(page.events().iter().map(|e| Event {
            id: e.event_id().unwrap_or_default().to_owned(),
            timestamp: e.timestamp().unwrap_or_default(),
            message: e.message().unwrap_or_default().to_owned(),
        }));
        // A token that comes back unchanged would loop for ever.
        let next = page.next_token().map(str::to_owned);
        if next.is_none() || next == token {
            break;
        }
        token = next;
    }
    events.sort_by_key(|e| e.timestamp);
    Ok(events)
}
