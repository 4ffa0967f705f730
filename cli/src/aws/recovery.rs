//! Moving a stuck stack on: finishing a rollback that failed
//! (ContinueUpdateRollback, skipping the resources that block it), or
//! rolling back a deploy that failed with rollback off (RollbackStack).

use aws_sdk_cloudformation::types::StackStatus;

use super::Aws;
use super::error::describe as explain;
use super::events::{self, Event};

/// The resources whose rollback failed in the stack's last rollback, with
/// why (newest event of each), oldest first.
pub async fn blockers(aws: &Aws, stack: &str) -> Result<Vec<Event>, String> {
    let rollback_started =
        |e: &Event| e.is_stack() && e.status.as_str() == StackStatus::UpdateRollbackInProgress.as_str();
    let recent = events::recent(aws, stack, rollback_started).await?;
    Ok(failed_resources(recent))
}

/// The failed resource events among `newest_first`, one per resource (its
/// newest), oldest first.
fn failed_resources(newest_first: Vec<Event>) -> Vec<Event> {
    let mut seen = std::collections::HashSet::new();
    let mut failed: Vec<Event> = newest_first
        .into_iter()
        .filter(|e| !e.is_stack() && seen.insert(e.logical.clone()))
        .filter(Event::is_failed)
        .collect();
    failed.reverse();
    failed
}

/// Starts ContinueUpdateRollback, skipping the resources `skip` names
/// (CloudFormation marks them rolled back without touching them).
pub async fn continue_rollback(aws: &Aws, stack: &str, skip: &[String]) -> Result<(), String> {
    aws.cfn
        .continue_update_rollback()
        .stack_name(stack)
        .set_resources_to_skip((!skip.is_empty()).then(|| skip.to_vec()))
        .send()
        .await
        .map(|_| ())
        .map_err(|e| explain(&e, &format!("cannot continue the rollback of stack `{stack}`")))
}

/// Starts RollbackStack: a stack whose deploy failed with rollback off
/// goes back to its last stable state.
pub async fn roll_back(aws: &Aws, stack: &str) -> Result<(), String> {
    aws.cfn
        .rollback_stack()
        .stack_name(stack)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| explain(&e, &format!("cannot roll back stack `{stack}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(logical: &str, status: &str) -> Event {
        let kind = if logical == "stack" { "AWS::CloudFormation::Stack" } else { "AWS::Lambda::Function" };
        Event {
            id: format!("{logical}-{status}"),
            logical: logical.into(),
            kind: kind.into(),
            status: status.into(),
            reason: None,
            time: String::new(),
        }
    }

    #[test]
    fn a_blocker_is_a_resource_whose_newest_event_failed() {
        let newest_first = vec![
            event("stack", "UPDATE_ROLLBACK_FAILED"),
            event("B", "UPDATE_FAILED"),
            event("A", "UPDATE_COMPLETE"),
            event("C", "UPDATE_FAILED"),
            event("A", "UPDATE_FAILED"),
            event("stack", "UPDATE_ROLLBACK_IN_PROGRESS"),
        ];
        let names: Vec<String> = failed_resources(newest_first).into_iter().map(|e| e.logical).collect();
        assert_eq!(names, ["C", "B"]);
    }
}
