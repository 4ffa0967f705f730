//! `svc rollback`: deploys a recorded deployment again (the one before the
//! deployment the stack runs, or the one at `--timestamp`) through a change
//! set, shown and confirmed as `svc deploy` shows it. An artifact it needs
//! that is gone from the bucket stops it before anything changes.

use serde_json::Value;

use crate::args::ServiceArgs;
use crate::aws::history::{Deployment, History, TEMPLATE_FILE};
use crate::aws::{Aws, bucket};
use crate::error::Error;
use crate::plan::{Plan, s3_keys};
use crate::target::Target;
use crate::{Result, output};

use super::deploy::{self, How, Method, Source};

/// Arguments of `svc rollback`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// The deployment to roll back to, by its timestamp (`svc deploy list`)
    /// [default: the one before the deployment the stack runs]
    #[arg(long, short = 't', value_name = "TIMESTAMP")]
    timestamp: Option<i64>,
    /// Roll back without asking, even when resources are replaced or
    /// deleted or IAM permissions grow (needed for those without a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
}

/// Runs `svc rollback`.
pub fn run(args: &Args) -> Result {
    let how = How {
        source: Source::Recorded(args.timestamp),
        yes: args.yes,
        method: Method::Changeset,
        command: "svc rollback",
        express: None,
        no_rollback: false,
    };
    deploy::deploy_with(&args.service, &how)
}

/// What a rollback sends: the recorded template, once every artifact it
/// uses is known to be in the bucket.
pub async fn plan(target: &Target, aws: &Aws, timestamp: Option<i64>) -> Result<Plan> {
    let Some(history) = History::of(aws, target).await.map_err(Error::Failed)? else {
        return Err(Error::Problem(format!(
            "stack `{}` does not exist in {}: there is nothing to roll back",
            target.stack, target.region
        )));
    };
    let place = format!("s3://{}/{}/", history.bucket, history.folder);
    let chosen = choose(&history.deployments, history.live_at(), timestamp, &place)?;
    let bucket = &history.bucket;
    let at = format!("the deployment of {} ({})", chosen.time, chosen.timestamp);
    let key = format!("{}/{TEMPLATE_FILE}", chosen.folder);
    let body = bucket::get(aws, bucket, &key)
        .await
        .map_err(Error::Failed)?
        .ok_or_else(|| Error::Problem(format!("{at} has no template (s3://{bucket}/{key})")))?;
    let template: Value = serde_json::from_slice(&body)
        .map_err(|e| Error::Problem(format!("the template of {at} is not JSON ({e}): s3://{bucket}/{key}")))?;
    let mut keys = match &chosen.record {
        Some(record) => record.artifacts.clone(),
        None => Vec::new(),
    };
    s3_keys(&template, &mut keys);
    keys.sort();
    keys.dedup();
    let missing = bucket::missing(aws, bucket, &keys).await.map_err(Error::Failed)?;
    if !missing.is_empty() {
        return Err(Error::Problem(format!(
            "cannot roll back to {at}: {} it uses {} gone from s3://{bucket}: {}; nothing was changed",
            output::plural(missing.len(), "artifact"),
            if missing.len() == 1 { "is" } else { "are" },
            missing.join(", ")
        )));
    }
    output::step(&format!("rolling back stack `{}` to {at}", target.stack));
    Ok(Plan { template, uploads: Vec::new() })
}

/// The deployment at `timestamp`, else the one before the live one (at
/// `live_at`).
fn choose<'a>(
    deployments: &'a [Deployment],
    live_at: Option<usize>,
    timestamp: Option<i64>,
    place: &str,
) -> Result<&'a Deployment> {
    if deployments.is_empty() {
        return Err(Error::Problem(format!(
            "no deployment is recorded in {place}: svc records each deploy from its first, and can only roll back to one of those"
        )));
    }
    if let Some(timestamp) = timestamp {
        return deployments.iter().find(|d| d.timestamp == timestamp).ok_or_else(|| {
            let recorded: Vec<String> =
                deployments.iter().take(10).map(|d| format!("{} ({})", d.timestamp, d.time)).collect();
            let more =
                if deployments.len() > 10 { format!(", and {} older", deployments.len() - 10) } else { String::new() };
            Error::Problem(format!(
                "no deployment has the timestamp {timestamp}; recorded, newest first: {}{more} (`svc deploy list`)",
                recorded.join(", ")
            ))
        });
    }
    let Some(live_at) = live_at else {
        return Err(Error::Problem(
            "the stack runs none of the recorded deployments, so there is no previous one: name one with --timestamp (`svc deploy list`)"
                .to_owned(),
        ));
    };
    deployments.get(live_at + 1).ok_or_else(|| {
        Error::Problem(format!(
            "the stack runs the oldest recorded deployment ({}): there is none before it",
            deployments[live_at].timestamp
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment(timestamp: i64, digest: &str) -> Deployment {
        Deployment {
            timestamp,
            time: format!("t{timestamp}"),
            folder: format!("f/{timestamp}"),
            files: Vec::new(),
            record: None,
            template_digest: Some(digest.to_owned()),
        }
    }

    #[test]
    fn the_default_is_the_deployment_before_the_live_one() {
        let deployments = [deployment(3, "c"), deployment(2, "b"), deployment(1, "a")];
        assert_eq!(choose(&deployments, Some(0), None, "here").map(|d| d.timestamp).ok(), Some(2));
        assert_eq!(choose(&deployments, Some(1), None, "here").map(|d| d.timestamp).ok(), Some(1));
        let oldest =
            choose(&deployments, Some(2), None, "here").map(|d| d.timestamp).expect_err("an error").to_string();
        assert!(oldest.contains("oldest"), "{oldest}");
        let none = choose(&deployments, None, None, "here").map(|d| d.timestamp).expect_err("an error").to_string();
        assert!(none.contains("--timestamp"), "{none}");
    }

    #[test]
    fn a_timestamp_that_does_not_exist_lists_those_that_do() {
        let deployments = [deployment(3, "c"), deployment(2, "b")];
        assert_eq!(choose(&deployments, Some(0), Some(2), "here").map(|d| d.timestamp).ok(), Some(2));
        let error =
            choose(&deployments, Some(0), Some(7), "here").map(|d| d.timestamp).expect_err("an error").to_string();
        assert!(error.contains("no deployment has the timestamp 7") && error.contains("3 (t3), 2 (t2)"), "{error}");
    }
}
