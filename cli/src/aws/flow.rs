//! Steps the AWS commands share: bringing a stack to a state a deploy can
//! start from, finding the deployment bucket and sending the template.

use aws_sdk_cloudformation::types::StackStatus;
use svc_compiler::naming;

use super::changes::Body;
use super::events::{self, End};
use super::stack::{self, StackInfo};
use super::{Aws, bucket};
use crate::Result;
use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::journal::Journal;
use crate::output;
use crate::present::failure;
use crate::target::Target;

/// The most CloudFormation takes in the request; larger templates go
/// through the deployment bucket.
const INLINE_LIMIT: usize = 51_200;

/// The stack as a deploy can start from it: `None` when there is none (or
/// svc deleted one that could only be deleted), after waiting for an
/// operation under way.
pub async fn settle(aws: &Aws, target: &Target, interrupt: &Interrupt, journal: &Journal) -> Result<Option<StackInfo>> {
    let name = &target.stack;
    for _ in 0..3 {
        let Some(info) = stack::describe(aws, name).await.map_err(Error::Failed)? else { return Ok(None) };
        match &info.status {
            status if stack::is_stillborn(status) => {
                output::note(&format!(
                    "stack `{name}` is {}: {}; svc deletes it and creates it again",
                    status.as_str(),
                    if *status == StackStatus::RollbackComplete {
                        "its first deploy failed and was rolled back, and such a stack can only be deleted"
                    } else {
                        "an earlier deploy created it but never executed its change set, so it holds nothing"
                    }
                ));
                interrupt.check()?;
                let deletion = format!("the deletion of stack `{name}` ({})", status.as_str());
                journal.under_way(deletion.clone());
                stack::delete(aws, &info.id).await.map_err(Error::Failed)?;
                interrupt.doing(format!("waiting for {deletion}"));
                let after = events::newest(aws, &info.id).await.map_err(Error::Failed)?;
                match events::wait(aws, &info.id, after.as_deref(), 0, interrupt).await.map_err(Error::Failed)? {
                    End::Gone(_) => {
                        journal.rested(format!("stack `{name}` ({}) was deleted", status.as_str()));
                        return Ok(None);
                    }
                    End::Interrupted => return Err(interrupted()),
                    End::Done(info, events) => {
                        return Err(failure::stack_error(&info, &events, None, "the stack could not be deleted"));
                    }
                }
            }
            StackStatus::RollbackFailed | StackStatus::DeleteFailed => {
                return Err(Error::Problem(format!(
                    "stack `{name}` is {}: it cannot be updated; run `svc remove` (or delete it in the CloudFormation console) and deploy again",
                    info.status.as_str()
                )));
            }
            StackStatus::UpdateRollbackFailed => {
                return Err(Error::Problem(format!(
                    "stack `{name}` is UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback, and such a stack cannot be updated; run `svc recover` to finish the rollback, then deploy again"
                )));
            }
            StackStatus::UpdateFailed | StackStatus::CreateFailed => {
                output::note(&format!(
                    "stack `{name}` is {}: a deploy with rollback off failed there; this deploy goes on from what it left",
                    info.status.as_str()
                ));
                return Ok(Some(info));
            }
            status if !stack::is_final(status) => {
                output::note(&format!(
                    "{}; svc waits for it to end before deploying (Ctrl-C stops waiting, and nothing is changed)",
                    busy_with(&info)
                ));
                interrupt.doing(format!("waiting for stack `{name}` ({})", status.as_str()));
                let after = events::newest(aws, &info.id).await.map_err(Error::Failed)?;
                match events::wait(aws, &info.id, after.as_deref(), 0, interrupt).await.map_err(Error::Failed)? {
                    End::Gone(_) => return Ok(None),
                    End::Interrupted => return Err(interrupted()),
                    End::Done(..) => {}
                }
            }
            _ => return Ok(Some(info)),
        }
    }
    Err(Error::Failed(format!("stack `{name}` keeps changing state: try again when it rests")))
}

/// What holds a busy stack: `stack `NAME` is busy: an update (UPDATE_IN_PROGRESS) since T, …`.
pub fn busy_with(info: &StackInfo) -> String {
    let status = info.status.as_str();
    let operation = match status.trim_end_matches("_IN_PROGRESS") {
        "CREATE" => "its creation",
        "UPDATE" => "an update",
        "UPDATE_COMPLETE_CLEANUP" => "the clean-up after an update",
        "UPDATE_ROLLBACK" | "UPDATE_ROLLBACK_COMPLETE_CLEANUP" => "the rollback of an update",
        "ROLLBACK" => "the rollback of its creation",
        "DELETE" => "its deletion",
        "IMPORT" | "IMPORT_ROLLBACK" => "an import",
        "REVIEW" => "a change set under review",
        _ => "another operation",
    };
    let mut text = format!("stack `{}` is busy: {operation} ({status})", info.name);
    if let Some(updated) = &info.updated {
        text.push_str(&format!(" since {updated}"));
    }
    if let Some(change_set) = &info.change_set {
        text.push_str(&format!(", its last change set `{change_set}`"));
    }
    text
}

/// The error of a stack operation CloudFormation refused because another
/// one holds the stack (a second deploy at the same time): which one.
pub async fn busy(aws: &Aws, target: &Target, command: &str) -> Error {
    let holder = match stack::describe(aws, &target.stack).await {
        Ok(Some(info)) if !stack::is_final(&info.status) => busy_with(&info),
        _ => format!("stack `{}` is busy: another operation holds it", target.stack),
    };
    Error::Problem(format!("{holder}; this deploy changed nothing: run `{command}` again when that operation ends"))
}

/// The deployment bucket: `provider.deploymentBucket`, else the stack's
/// own (its output, else its resource); an error when there is none.
pub async fn deployment_bucket(aws: &Aws, target: &Target, stack: Option<&StackInfo>) -> Result<String> {
    match find_bucket(aws, target, stack).await.map_err(Error::Failed)? {
        Some(bucket) => Ok(bucket),
        None if stack.is_none() => {
            Err(Error::Failed(format!("stack `{}` does not exist, so it has no deployment bucket", target.stack)))
        }
        None => Err(Error::Failed(format!(
            "stack `{}` has no deployment bucket: it was not made by svc or serverless; set provider.deploymentBucket",
            target.stack
        ))),
    }
}

/// The deployment bucket, `None` when there is none.
pub async fn find_bucket(
    aws: &Aws,
    target: &Target,
    stack: Option<&StackInfo>,
) -> std::result::Result<Option<String>, String> {
    if let Some(bucket) = &target.bucket {
        return Ok(Some(bucket.clone()));
    }
    let Some(stack) = stack else { return Ok(None) };
    if let Some(bucket) = stack.output("ServerlessDeploymentBucketName") {
        return Ok(Some(bucket.to_owned()));
    }
    stack::physical_id(aws, &stack.id, naming::DEPLOYMENT_BUCKET).await
}

/// The template for CloudFormation: in the request when small enough,
/// else uploaded next to the code (content-addressed) and sent by URL.
pub async fn template_body(aws: &Aws, target: &Target, bucket: Option<&str>, body: String) -> Result<Body> {
    use sha2::{Digest, Sha256};
    if body.len() <= INLINE_LIMIT {
        return Ok(Body::Inline(body));
    }
    let Some(bucket) = bucket else {
        return Err(Error::Failed(format!(
            "the template is {} kB, over CloudFormation's 51 kB for a template sent inline, and there is no deployment bucket yet",
            body.len() / 1000
        )));
    };
    let key = format!(
        "{}/templates/{}/compiled-cloudformation-template.json",
        target.bucket_folder(),
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let upload = bucket::Upload { key: key.clone(), bytes: body.into_bytes() };
    bucket::upload(aws, bucket, &[&upload], &|| {}).await.map_err(Error::Failed)?;
    let host = if aws.region == "us-east-1" {
        "s3.amazonaws.com".to_owned()
    } else {
        format!("s3.{}.amazonaws.com", aws.region)
    };
    Ok(Body::Url(format!("https://{host}/{bucket}/{key}")))
}
