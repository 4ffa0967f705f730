//! `svc deploy list`: the deployments recorded in the deployment bucket,
//! newest first, the one the stack runs marked `live`.

use std::io::Write;

use crate::args::ServiceArgs;
use crate::aws::Aws;
use crate::aws::history::{Deployment, History, RECORD_FILE};
use crate::error::Error;
use crate::interrupt::on_aws;
use crate::loaded::Loaded;
use crate::style::{self, paint};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// Runs `svc deploy list`.
pub fn run(args: &ServiceArgs) -> Result {
    let loaded = Loaded::load(args, false)?;
    let target = loaded.target(args);
    runtime::block_on(list(&target))
}

async fn list(target: &Target) -> Result {
    on_aws(target, "stopped (Ctrl-C)", async |aws, interrupt| {
        interrupt.doing(format!("reading the deployments of stack `{}`", target.stack));
        show(target, aws).await
    })
    .await
}

async fn show(target: &Target, aws: &Aws) -> Result {
    let Some(history) = History::of(aws, target).await.map_err(Error::Failed)? else {
        return Err(Error::Problem(format!(
            "stack `{}` does not exist in {}: nothing is deployed (`svc deploy` creates it)",
            target.stack, target.region
        )));
    };
    let (bucket, folder, deployments) = (&history.bucket, &history.folder, &history.deployments);
    let mut out = anstream::stdout();
    if deployments.is_empty() {
        output::note(&format!(
            "no deployment of stack `{}` is recorded in s3://{bucket}/{folder}/: svc records each deploy from its first",
            target.stack
        ));
        return Ok(Outcome::Clean);
    }
    let live_at = history.live_at();
    let _ = writeln!(
        out,
        "{} of stack `{}`, newest first (s3://{bucket}/{folder}/):\n",
        paint(style::HEADER, "Deployments"),
        target.stack
    );
    for (i, deployment) in deployments.iter().enumerate() {
        let _ = writeln!(out, "{}", line(deployment, live_at == Some(i)));
    }
    if live_at.is_none() {
        let _ = writeln!(out);
        output::note(&format!(
            "stack `{}` runs none of these templates: it was changed outside svc, or deployed before svc recorded deployments",
            target.stack
        ));
    }
    Ok(Outcome::Clean)
}

/// One deployment: its time and timestamp (what `--timestamp` names),
/// `live` when the stack runs it, and what made it.
fn line(deployment: &Deployment, live: bool) -> String {
    let mark = if live { paint(style::SUCCESS, "live") } else { "    ".to_owned() };
    let about = match &deployment.record {
        Some(record) => format!(
            "svc {}, source {}, {}",
            record.svc_version,
            &record.source_digest[..record.source_digest.len().min(12)],
            output::plural(record.artifacts.len(), "artifact")
        ),
        None => {
            let files: Vec<&str> = deployment.files.iter().map(String::as_str).filter(|f| *f != RECORD_FILE).collect();
            format!("not made by svc: {}", files.join(", "))
        }
    };
    format!("  {}  {}  {mark}  {about}", deployment.time, deployment.timestamp)
}
