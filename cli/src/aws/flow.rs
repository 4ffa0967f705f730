//! Steps the AWS commands share: running async work, bringing a stack to a
//! state a deploy can start from, finding the deployment bucket, sending
//! the template, and reporting how a stack operation ended.

use std::future::Future;
use std::io::Write;

use svc_compiler::naming;

use super::events::{self, End};
use super::failure::{self, SourceMap};
use super::interrupt::Interrupt;
use super::stack::{self, StackInfo};
use super::{Aws, Target};
use crate::{Outcome, output};

/// The most CloudFormation takes in the request; larger templates go
/// through the deployment bucket.
const INLINE_LIMIT: usize = 51_200;

/// Runs a command's async part on a single-threaded Tokio runtime.
pub fn block_on(work: impl Future<Output = Outcome>) -> Outcome {
    match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(work),
        Err(error) => {
            output::error(&format!("cannot start the async runtime: {error}"));
            Outcome::Failed
        }
    }
}

/// [`block_on`] for a command's work, whose error is an outcome too.
pub fn run(work: impl Future<Output = Result<Outcome, Outcome>>) -> Outcome {
    block_on(async { work.await.unwrap_or_else(|outcome| outcome) })
}

/// Prints `message` as an error; the outcome of a command that could not run.
pub fn failed(message: String) -> Outcome {
    output::error(&message);
    Outcome::Failed
}

/// Says that svc stopped waiting, and how to go on.
pub fn interrupted(stack: &str, started: bool) -> Outcome {
    if started {
        output::warning(&format!(
            "stopped waiting (Ctrl-C); CloudFormation goes on with stack `{stack}` by itself: `svc info` shows its state, and `svc deploy` continues from it once it rests"
        ));
    } else {
        output::warning("stopped (Ctrl-C) before anything was changed");
    }
    Outcome::Interrupted
}

/// The stack as a deploy can start from it: `None` when there is none (or
/// svc deleted one that could only be deleted), after waiting for an
/// operation under way.
pub async fn settle(aws: &Aws, target: &Target, interrupt: &Interrupt) -> Result<Option<StackInfo>, Outcome> {
    let name = &target.stack;
    for _ in 0..3 {
        let Some(info) = stack::describe(aws, name).await.map_err(failed)? else { return Ok(None) };
        match info.status.as_str() {
            "REVIEW_IN_PROGRESS" | "ROLLBACK_COMPLETE" => {
                output::note(&format!(
                    "stack `{name}` is {}: {}; svc deletes it and creates it again",
                    info.status,
                    if info.status == "ROLLBACK_COMPLETE" {
                        "its first deploy failed and was rolled back, and such a stack can only be deleted"
                    } else {
                        "an earlier deploy created it but never executed its change set, so it holds nothing"
                    }
                ));
                stack::delete(aws, &info.id).await.map_err(failed)?;
                let after = events::newest(aws, &info.id).await.map_err(failed)?;
                match events::wait(aws, &info.id, after.as_deref(), 0, interrupt).await.map_err(failed)? {
                    End::Gone => return Ok(None),
                    End::Interrupted => return Err(interrupted(name, true)),
                    End::Done(info, events) => {
                        report_failure(&info, &events, None, "the stack could not be deleted");
                        return Err(Outcome::Problems);
                    }
                }
            }
            "ROLLBACK_FAILED" | "DELETE_FAILED" => {
                output::error(&format!(
                    "stack `{name}` is {}: it cannot be updated; run `svc remove` (or delete it in the CloudFormation console) and deploy again",
                    info.status
                ));
                return Err(Outcome::Problems);
            }
            "UPDATE_ROLLBACK_FAILED" => {
                output::error(&format!(
                    "stack `{name}` is UPDATE_ROLLBACK_FAILED: finish the rollback (`aws cloudformation continue-update-rollback --stack-name {name}`) and deploy again"
                ));
                return Err(Outcome::Problems);
            }
            status if !stack::is_final(status) => {
                output::note(&format!("stack `{name}` is {status}: waiting for the operation under way to end"));
                let after = events::newest(aws, &info.id).await.map_err(failed)?;
                match events::wait(aws, &info.id, after.as_deref(), 0, interrupt).await.map_err(failed)? {
                    End::Gone => return Ok(None),
                    End::Interrupted => return Err(interrupted(name, true)),
                    End::Done(..) => {}
                }
            }
            _ => return Ok(Some(info)),
        }
    }
    Err(failed(format!("stack `{name}` keeps changing state: try again when it rests")))
}

/// The deployment bucket: `provider.deploymentBucket`, else the stack's
/// own (its output, else its resource); an error when there is none.
pub async fn deployment_bucket(aws: &Aws, target: &Target, stack: Option<&StackInfo>) -> Result<String, Outcome> {
    match find_bucket(aws, target, stack).await.map_err(failed)? {
        Some(bucket) => Ok(bucket),
        None if stack.is_none() => {
            Err(failed(format!("stack `{}` does not exist, so it has no deployment bucket", target.stack)))
        }
        None => Err(failed(format!(
            "stack `{}` has no deployment bucket: it was not made by svc or serverless; set provider.deploymentBucket",
            target.stack
        ))),
    }
}

/// The deployment bucket, `None` when there is none.
pub async fn find_bucket(aws: &Aws, target: &Target, stack: Option<&StackInfo>) -> Result<Option<String>, String> {
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
pub async fn template_body(
    aws: &Aws,
    target: &Target,
    bucket: Option<&str>,
    body: String,
) -> Result<super::changes::Body, Outcome> {
    use sha2::{Digest, Sha256};
    if body.len() <= INLINE_LIMIT {
        return Ok(super::changes::Body::Inline(body));
    }
    let Some(bucket) = bucket else {
        return Err(failed(format!(
            "the template is {} kB, over CloudFormation's 51 kB for a template sent inline, and there is no deployment bucket yet",
            body.len() / 1000
        )));
    };
    let key = format!(
        "{}/templates/{}/compiled-cloudformation-template.json",
        target.bucket_folder(),
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let upload = super::bucket::Upload { key: key.clone(), bytes: body.into_bytes() };
    super::bucket::upload(aws, bucket, &[&upload]).await.map_err(failed)?;
    let host = if aws.region == "us-east-1" {
        "s3.amazonaws.com".to_owned()
    } else {
        format!("s3.{}.amazonaws.com", aws.region)
    };
    Ok(super::changes::Body::Url(format!("https://{host}/{bucket}/{key}")))
}

/// Prints why a stack operation failed: the first failing resource,
/// mapped back to the svc source when `source` is given (the map, the
/// file name and its text), then what state the stack is in now.
pub fn report_failure(
    info: &StackInfo,
    events: &[events::Event],
    source: Option<(&SourceMap, &str, &str)>,
    what: &str,
) {
    let detail = match (failure::first_failure(events), source) {
        (Some(event), Some((map, file, text))) => failure::report(event, map, file, text),
        (Some(event), None) => failure::report(event, &SourceMap::default(), "", ""),
        (None, _) => info.reason.clone().unwrap_or_else(|| "CloudFormation gave no reason".to_owned()),
    };
    output::error(&format!("{what}: {detail}"));
    let next = match info.status.as_str() {
        "ROLLBACK_COMPLETE" => "it was never created; the next `svc deploy` deletes it and creates it again",
        "UPDATE_ROLLBACK_COMPLETE" => "it is back as it was before this deploy; fix the service and deploy again",
        "DELETE_FAILED" => "some resources could not be deleted; fix the cause and run `svc remove` again",
        _ => "look at its events in the CloudFormation console before deploying again",
    };
    output::note(&format!("stack `{}` is {}: {next}", info.name, info.status));
}

/// Asks on the terminal whether to go on; `Ok(false)` when refused.
/// Without a terminal the answer is no, with what would need `--yes`.
pub async fn confirm(lines: &[String], interrupt: &Interrupt) -> Result<bool, Outcome> {
    use std::io::IsTerminal;
    let text = lines.join("; ");
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        output::error(&format!("this deploy {text}: run `svc deploy --yes` to deploy it anyway"));
        return Ok(false);
    }
    let mut stderr = anstream::stderr();
    let _ = write!(stderr, "\x1b[1;33mThis deploy {text}.\x1b[0m Deploy it? [y/N] ");
    let _ = stderr.flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    });
    tokio::select! {
        answer = answer => {
            let yes = answer.ok().and_then(Result::ok).is_some_and(|a| matches!(a.trim().to_lowercase().as_str(), "y" | "yes"));
            Ok(yes)
        }
        () = interrupt.wait() => Err(Outcome::Interrupted),
    }
}
