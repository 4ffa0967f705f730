//! Reading a stack: status, outputs, resources and the deployed template.

use aws_sdk_cloudformation::types::{Stack, StackStatus, TemplateStage};
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use super::Aws;
use super::error::{code, describe as explain, message};

/// A stack as `DescribeStacks` shows it.
#[derive(Clone, Debug)]
pub struct StackInfo {
    /// The stack ID (its ARN): it still names the stack once deleted.
    pub id: String,
    /// The stack name.
    pub name: String,
    /// Its status, such as `UPDATE_COMPLETE`.
    pub status: StackStatus,
    /// Why it is in that status, when AWS says.
    pub reason: Option<String>,
    /// Its outputs, in AWS's order.
    pub outputs: Vec<(String, String)>,
    /// When it was last updated (or created), as AWS wrote it.
    pub updated: Option<String>,
    /// The name of the change set it last ran (or is running).
    pub change_set: Option<String>,
}

impl StackInfo {
    /// The value of output `key`.
    pub fn output(&self, key: &str) -> Option<&str> {
        self.outputs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// A resource of a stack.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The logical ID.
    pub logical: String,
    /// The physical ID (a function's name, a bucket's name, …).
    pub physical: Option<String>,
    /// The resource type, such as `AWS::DynamoDB::Table`.
    pub kind: String,
}

/// Whether a status is where a stack rests (`…_IN_PROGRESS` is not).
pub fn is_final(status: &StackStatus) -> bool {
    !status.as_str().ends_with("_IN_PROGRESS")
}

/// Whether a final status means the last operation worked.
pub fn is_success(status: &StackStatus) -> bool {
    matches!(
        status,
        StackStatus::CreateComplete
            | StackStatus::UpdateComplete
            | StackStatus::ImportComplete
            | StackStatus::DeleteComplete
    )
}

/// Whether svc deletes the stack before deploying: a first deploy that
/// was rolled back (such a stack can only be deleted), or a stack made for
/// a change set that was never executed (it holds nothing).
pub fn is_stillborn(status: &StackStatus) -> bool {
    matches!(status, StackStatus::ReviewInProgress | StackStatus::RollbackComplete)
}

/// The stack `name` (or ID); `None` when it does not exist. A stack left
/// where only `svc recover` or a new deploy moves it on is said once per
/// run ([`stuck`]), so that every command that reads it tells.
pub async fn describe(aws: &Aws, name: &str) -> Result<Option<StackInfo>, String> {
    match aws.cfn.describe_stacks().stack_name(name).send().await {
        Ok(output) => {
            let found = output.stacks().first().map(info);
            if let Some(why) = found.as_ref().and_then(stuck)
                && !STUCK_SAID.swap(true, Ordering::Relaxed)
            {
                crate::output::warning(&why);
            }
            Ok(found)
        }
        Err(error) if is_missing(code(&error), message(&error)) => Ok(None),
        Err(error) => Err(explain(&error, &format!("cannot read stack `{name}` in {}", aws.region))),
    }
}

/// Whether the stuck-stack warning was given in this run (or is not
/// wanted: `svc recover` says it its own way).
static STUCK_SAID: AtomicBool = AtomicBool::new(false);

/// Leaves out the warning [`describe`] gives of a stuck stack.
pub fn quiet_stuck_warning() {
    STUCK_SAID.store(true, Ordering::Relaxed);
}

/// What is wrong with a stack that waits for the user, and what to do: a
/// rollback that could not finish, or a failed deploy kept as it was
/// (rollback off); `None` for any other status.
pub fn stuck(info: &StackInfo) -> Option<String> {
    let name = &info.name;
    match info.status {
        StackStatus::UpdateRollbackFailed => Some(format!(
            "stack `{name}` is UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback, so it cannot be updated; `svc recover` finishes the rollback"
        )),
        StackStatus::UpdateFailed | StackStatus::CreateFailed => Some(format!(
            "stack `{name}` is {}: a deploy with rollback off failed and its resources are as it left them; fix the cause and `svc deploy` again, or `svc recover` rolls it back",
            info.status.as_str()
        )),
        _ => None,
    }
}

/// Whether a refused stack operation says another one holds the stack
/// (`… is in UPDATE_IN_PROGRESS state and can not be updated`).
pub fn is_busy(message: &str) -> bool {
    message.contains("_IN_PROGRESS state")
}

/// Whether an error says that the stack does not exist.
pub fn is_missing(code: Option<&str>, message: Option<&str>) -> bool {
    code == Some("ValidationError") && message.is_some_and(|m| m.contains("does not exist"))
}

fn info(stack: &Stack) -> StackInfo {
    StackInfo {
        id: stack.stack_id().unwrap_or_default().to_owned(),
        name: stack.stack_name().unwrap_or_default().to_owned(),
        status: stack.stack_status().cloned().unwrap_or_else(|| StackStatus::from("")),
        reason: stack.stack_status_reason().map(str::to_owned),
        outputs: stack
            .outputs()
            .iter()
            .map(|o| (o.output_key().unwrap_or_default().to_owned(), o.output_value().unwrap_or_default().to_owned()))
            .collect(),
        updated: stack.last_updated_time().or(stack.creation_time()).map(ToString::to_string),
        // arn:aws:cloudformation:REGION:ACCOUNT:changeSet/NAME/ID
        change_set: stack.change_set_id().and_then(|arn| arn.split('/').nth(1)).map(str::to_owned),
    }
}

/// The template the stack was last deployed with, parsed; `None` when it
/// is not JSON (a template svc did not write).
pub async fn template(aws: &Aws, stack: &str) -> Result<Option<Value>, String> {
    let output = aws
        .cfn
        .get_template()
        .stack_name(stack)
        .template_stage(TemplateStage::Original)
        .send()
        .await
        .map_err(|e| explain(&e, &format!("cannot read the template of stack `{stack}`")))?;
    Ok(output.template_body().and_then(|body| serde_json::from_str(body).ok()))
}

/// Every resource of the stack.
pub async fn resources(aws: &Aws, stack: &str) -> Result<Vec<Resource>, String> {
    let mut resources = Vec::new();
    let mut token = None;
    loop {
        let page = aws
            .cfn
            .list_stack_resources()
            .stack_name(stack)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot list the resources of stack `{stack}`")))?;
        resources.extend(page.stack_resource_summaries().iter().map(|r| Resource {
            logical: r.logical_resource_id().unwrap_or_default().to_owned(),
            physical: r.physical_resource_id().map(str::to_owned),
            kind: r.resource_type().unwrap_or_default().to_owned(),
        }));
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            return Ok(resources);
        }
    }
}

/// The physical ID of one resource, `None` when the stack has no such
/// resource.
pub async fn physical_id(aws: &Aws, stack: &str, logical: &str) -> Result<Option<String>, String> {
    match aws.cfn.describe_stack_resource().stack_name(stack).logical_resource_id(logical).send().await {
        Ok(output) => Ok(output.stack_resource_detail().and_then(|d| d.physical_resource_id()).map(str::to_owned)),
        Err(error) if code(&error) == Some("ValidationError") => Ok(None),
        Err(error) => Err(explain(&error, &format!("cannot read resource `{logical}` of stack `{stack}`"))),
    }
}

/// Starts deleting the stack.
pub async fn delete(aws: &Aws, stack: &str) -> Result<(), String> {
    aws.cfn
        .delete_stack()
        .stack_name(stack)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| explain(&e, &format!("cannot delete stack `{stack}`")))
}
