//! Change sets: created with `ChangeSetType` always set (a local AWS takes
//! a missing type for CREATE), waited on, listed, executed or deleted.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_cloudformation::types::{Capability, ChangeAction, ChangeSetStatus, ChangeSetType, Replacement};

use super::Aws;
use super::error::describe as explain;
use super::mode::Mode;
use crate::interrupt::{Backoff, Interrupt};

/// The longest pause between two polls of a change set being made.
const MAX_POLL: Duration = Duration::from_secs(1);

/// How the template reaches CloudFormation.
#[derive(Clone, Debug)]
pub enum Body {
    /// In the request (up to 51,200 bytes).
    Inline(String),
    /// An S3 URL.
    Url(String),
}

/// One resource change of a change set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `Add`, `Modify`, `Remove`, `Import` or `Dynamic`.
    pub action: ChangeAction,
    /// The logical ID.
    pub logical: String,
    /// The resource type.
    pub kind: String,
    /// `True`, `False` or `Conditional` for a modification.
    pub replacement: Option<Replacement>,
    /// The properties (or attributes) CloudFormation says change.
    pub properties: Vec<String>,
}

/// A change set ready to execute.
#[derive(Clone, Debug)]
pub struct ChangeSet {
    /// Its ID (an ARN).
    pub id: String,
    /// Its changes.
    pub changes: Vec<Change>,
}

/// What creating a change set gave.
#[derive(Debug)]
pub enum Created {
    /// Changes to look at and maybe execute.
    Ready(ChangeSet),
    /// CloudFormation found nothing to change (the change set is deleted).
    Nothing,
    /// Ctrl-C while waiting (the change set is left to the caller).
    Interrupted,
}

/// Asks for a change set of `kind` for `stack`, to run in `mode`; its ID.
pub async fn create(aws: &Aws, stack: &str, kind: ChangeSetType, body: &Body, mode: Mode) -> Result<String, String> {
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let creates = kind == ChangeSetType::Create;
    let mut request = aws
        .cfn
        .create_change_set()
        .stack_name(stack)
        .change_set_name(format!("svc-{millis}"))
        .change_set_type(kind)
        .description("svc deploy")
        .capabilities(Capability::CapabilityIam)
        .capabilities(Capability::CapabilityNamedIam)
        .capabilities(Capability::CapabilityAutoExpand)
        .set_deployment_config(mode.config());
    // A stack a change set creates is deleted if the creation fails, not
    // left in ROLLBACK_COMPLETE (unless rollback is off: then it is kept).
    if creates {
        request = request.on_stack_failure(mode.on_stack_failure());
    }
    request = match body {
        Body::Inline(text) => request.template_body(text),
        Body::Url(url) => request.template_url(url),
    };
    let created =
        request.send().await.map_err(|e| explain(&e, &format!("cannot create a change set for `{stack}`")))?;
    Ok(created.id().unwrap_or_default().to_owned())
}

/// Waits until the change set `id` of `stack` is ready.
pub async fn ready(aws: &Aws, stack: &str, id: &str, interrupt: &Interrupt) -> Result<Created, String> {
    let id = id.to_owned();
    let mut backoff = Backoff::new(MAX_POLL);
    loop {
        if !interrupt.sleep(backoff.next_pause()).await {
            return Ok(Created::Interrupted);
        }
        let described = aws
            .cfn
            .describe_change_set()
            .change_set_name(&id)
            .stack_name(stack)
            .include_property_values(true)
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot read the change set of `{stack}`")))?;
        match described.status() {
            Some(ChangeSetStatus::CreateComplete) => {
                let mut changes = list(&described);
                let mut token = described.next_token().map(str::to_owned);
                while let Some(next) = token {
                    let page = aws
                        .cfn
                        .describe_change_set()
                        .change_set_name(&id)
                        .stack_name(stack)
                        .next_token(next)
                        .send()
                        .await
                        .map_err(|e| explain(&e, &format!("cannot read the change set of `{stack}`")))?;
                    changes.extend(list(&page));
                    token = page.next_token().map(str::to_owned);
                }
                return Ok(Created::Ready(ChangeSet { id, changes }));
            }
            Some(ChangeSetStatus::Failed) => {
                let reason = described.status_reason().unwrap_or_default().to_owned();
                // A failed change set only lingers if this fails: harmless.
                let _ = delete(aws, stack, &id).await;
                if is_no_change(&reason) {
                    return Ok(Created::Nothing);
                }
                return Err(format!("CloudFormation refused the change set for `{stack}`: {reason}"));
            }
            _ => {}
        }
    }
}

/// Whether a failed change set's reason means "nothing to change".
pub fn is_no_change(reason: &str) -> bool {
    reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
}

fn list(output: &aws_sdk_cloudformation::operation::describe_change_set::DescribeChangeSetOutput) -> Vec<Change> {
    output
        .changes()
        .iter()
        .filter_map(|c| c.resource_change())
        .map(|r| {
            let mut properties: Vec<String> = r
                .details()
                .iter()
                .filter_map(|d| d.target())
                .filter_map(|t| {
                    t.path()
                        .map(|p| p.trim_start_matches("/Properties/").replace('/', "."))
                        .or_else(|| t.name().map(str::to_owned))
                        .or_else(|| t.attribute().map(|a| a.as_str().to_owned()))
                })
                .collect();
            properties.dedup();
            Change {
                action: r.action().cloned().unwrap_or_else(|| ChangeAction::from("")),
                logical: r.logical_resource_id().unwrap_or_default().to_owned(),
                kind: r.resource_type().unwrap_or_default().to_owned(),
                replacement: r.replacement().cloned(),
                properties,
            }
        })
        .collect()
}

/// Executes the change set. `DisableRollback` is for a stack that exists:
/// a change set that creates one said it with `OnStackFailure`, and AWS
/// refuses both.
pub async fn execute(aws: &Aws, stack: &str, id: &str, mode: Mode, creates: bool) -> Result<(), String> {
    aws.cfn
        .execute_change_set()
        .change_set_name(id)
        .stack_name(stack)
        .set_disable_rollback(if creates { None } else { mode.disable_rollback() })
        .send()
        .await
        .map(|_| ())
        .map_err(|e| explain(&e, &format!("cannot execute the change set of `{stack}`")))
}

/// Deletes the change set; a failure only leaves an unexecuted change set
/// behind, which is harmless.
pub async fn delete(aws: &Aws, stack: &str, id: &str) -> Result<(), String> {
    aws.cfn
        .delete_change_set()
        .change_set_name(id)
        .stack_name(stack)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| explain(&e, &format!("cannot delete the change set of `{stack}`")))
}
