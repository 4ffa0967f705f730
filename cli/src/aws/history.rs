//! The deployment history in the deployment bucket, in the Serverless
//! Framework's layout, so a stack taken over from it keeps its history
//! readable: each successful deploy is a folder
//! `<prefix>/<service>/<stage>/<milliseconds>-<ISO time>/` holding the
//! template as deployed (`compiled-cloudformation-template.json`) and, for
//! svc's deploys, `svc-deployment.json` ([`Record`]). The code stays where
//! it is, under its content-addressed keys.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::task::JoinSet;

use super::bucket::{self, Upload};
use super::error::describe as explain;
use super::{Aws, flow, stack};
use crate::target::Target;

/// The template's file in a deployment's folder (the Serverless
/// Framework's name).
pub const TEMPLATE_FILE: &str = "compiled-cloudformation-template.json";

/// svc's record in a deployment's folder.
pub const RECORD_FILE: &str = "svc-deployment.json";

/// How many deployments' records are read at once.
const PARALLEL: usize = 32;

/// What svc records of a deployment beside its template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// The svc that deployed it.
    pub svc_version: String,
    /// When, as an ISO 8601 time in UTC.
    pub time: String,
    /// SHA-256 of the service source, in hex.
    pub source_digest: String,
    /// [`template_digest`] of the template.
    pub template_digest: String,
    /// The keys of the artifacts in the bucket that the template uses.
    pub artifacts: Vec<String>,
}

/// One recorded deployment.
#[derive(Clone, Debug)]
pub struct Deployment {
    /// Milliseconds since the epoch: what `--timestamp` names.
    pub timestamp: i64,
    /// Its time, as written in its folder's name.
    pub time: String,
    /// Its folder in the bucket, `…/<timestamp>-<time>`.
    pub folder: String,
    /// The names of the files in its folder.
    pub files: Vec<String>,
    /// svc's record, for a deployment svc made.
    pub record: Option<Record>,
    /// [`template_digest`] of its template, when it could be read.
    pub template_digest: Option<String>,
}

/// A stack's history: where it is, what it holds, and which template
/// the stack runs.
#[derive(Debug)]
pub struct History {
    /// The deployment bucket.
    pub bucket: String,
    /// The service's and stage's folder in it.
    pub folder: String,
    /// The recorded deployments, newest first.
    pub deployments: Vec<Deployment>,
    /// [`template_digest`] of the template the stack runs.
    pub live: Option<String>,
}

impl History {
    /// The history of `target`'s stack; `None` when there is no stack.
    pub async fn of(aws: &Aws, target: &Target) -> Result<Option<History>, String> {
        let Some(info) = stack::describe(aws, &target.stack).await? else { return Ok(None) };
        let bucket = flow::deployment_bucket(aws, target, Some(&info)).await.map_err(|e| e.to_string())?;
        let folder = target.bucket_folder();
        let (deployments, running) = tokio::join!(list(aws, &bucket, &folder), stack::template(aws, &info.id));
        let live = running?.map(|t| template_digest(&t));
        Ok(Some(History { bucket, folder, deployments: deployments?, live }))
    }

    /// Where in `deployments` the stack's template is.
    pub fn live_at(&self) -> Option<usize> {
        self.deployments.iter().position(|d| d.template_digest.is_some() && d.template_digest == self.live)
    }
}

/// SHA-256 of `template` written compactly, in hex: the same for the
/// template svc sent and for the one CloudFormation gives back, whatever
/// their spacing.
pub fn template_digest(template: &Value) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(template).unwrap_or_default()))
}

/// SHA-256 of `text`, in hex.
pub fn digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The name of the folder of a deployment made at `now`,
/// `<milliseconds>-<ISO time>`, as the Serverless Framework names it.
pub fn folder_name(now: jiff::Timestamp) -> String {
    format!("{}-{}", now.as_millisecond(), iso_time(now))
}

/// `now` as JavaScript's `toISOString` writes it: UTC, milliseconds, `Z`.
pub fn iso_time(now: jiff::Timestamp) -> String {
    let millis = now.as_millisecond();
    let whole = jiff::Timestamp::from_second(millis.div_euclid(1000)).unwrap_or(now);
    format!("{}.{:03}Z", whole.strftime("%Y-%m-%dT%H:%M:%S"), millis.rem_euclid(1000))
}

/// The timestamp and time of a deployment folder's name; `None` for a
/// folder that is not one (`code-artifacts`, `templates`).
fn parse_name(name: &str) -> Option<(i64, String)> {
    let (millis, time) = name.split_once('-')?;
    let timestamp = millis.parse::<i64>().ok().filter(|_| millis.bytes().all(|b| b.is_ascii_digit()))?;
    time.parse::<jiff::Timestamp>().ok()?;
    Some((timestamp, time.to_owned()))
}

/// Records a deployment made at `now` into `folder` of `bucket`: its
/// template, as sent to CloudFormation, and its [`Record`].
pub async fn record(
    aws: &Aws,
    bucket: &str,
    folder: &str,
    now: jiff::Timestamp,
    template: String,
    record: &Record,
) -> Result<String, String> {
    let at = format!("{folder}/{}", folder_name(now));
    let record = serde_json::to_vec_pretty(record).map_err(|e| e.to_string())?;
    let uploads = [
        Upload { key: format!("{at}/{TEMPLATE_FILE}"), bytes: template.into_bytes() },
        Upload { key: format!("{at}/{RECORD_FILE}"), bytes: record },
    ];
    bucket::upload(aws, bucket, &uploads.iter().collect::<Vec<_>>(), &|| {}).await?;
    Ok(at)
}

/// The deployments recorded in `folder` of `bucket`, newest first: one
/// listing of the folder (its deployments' files; the code beside them is
/// skipped), then each deployment's record read, many at once.
pub async fn list(aws: &Aws, bucket: &str, folder: &str) -> Result<Vec<Deployment>, String> {
    let prefix = format!("{folder}/");
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for key in keys(aws, bucket, &prefix).await? {
        if let Some((name, file)) = key.strip_prefix(&prefix).and_then(|rest| rest.split_once('/')) {
            files.entry(name.to_owned()).or_default().push(file.to_owned());
        }
    }
    let mut found: Vec<Deployment> = files
        .into_iter()
        .filter_map(|(name, files)| {
            let (timestamp, time) = parse_name(&name)?;
            Some(Deployment {
                timestamp,
                time,
                folder: format!("{prefix}{name}"),
                files,
                record: None,
                template_digest: None,
            })
        })
        .collect();
    found.sort_by(|a, b| b.timestamp.cmp(&a.timestamp).then_with(|| b.folder.cmp(&a.folder)));
    let mut deployments = Vec::with_capacity(found.len());
    for chunk in found.chunks(PARALLEL) {
        let mut tasks = JoinSet::new();
        for (i, deployment) in chunk.iter().cloned().enumerate() {
            let (aws, bucket) = (aws.clone(), bucket.to_owned());
            tasks.spawn(async move { (i, read(&aws, &bucket, deployment).await) });
        }
        let mut read = vec![None; chunk.len()];
        while let Some(joined) = tasks.join_next().await {
            let (i, deployment) = joined.map_err(|e| format!("reading the deployment history stopped: {e}"))?;
            read[i] = Some(deployment?);
        }
        deployments.extend(read.into_iter().flatten());
    }
    Ok(deployments)
}

/// The keys of every object under `prefix`.
async fn keys(aws: &Aws, bucket: &str, prefix: &str) -> Result<Vec<String>, String> {
    let mut keys = Vec::new();
    let mut token = None;
    loop {
        let page = aws
            .s3
            .list_objects_v2()
            .bucket(bucket)
            .prefix(prefix)
            .set_continuation_token(token)
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot list the deployments in s3://{bucket}/{prefix}")))?;
        keys.extend(page.contents().iter().filter_map(|o| o.key().map(str::to_owned)));
        token = page.next_continuation_token().map(str::to_owned);
        if token.is_none() {
            return Ok(keys);
        }
    }
}

/// `deployment` with its record and its template's digest read.
async fn read(aws: &Aws, bucket: &str, mut deployment: Deployment) -> Result<Deployment, String> {
    let has = |file: &str| deployment.files.iter().any(|f| f == file);
    let folder = &deployment.folder;
    deployment.record = match has(RECORD_FILE) {
        true => bucket::get(aws, bucket, &format!("{folder}/{RECORD_FILE}"))
            .await?
            .and_then(|b| serde_json::from_slice(&b).ok()),
        false => None,
    };
    // A deployment the Serverless Framework made has no record: its
    // template is read to know whether it is the one deployed.
    deployment.template_digest = match &deployment.record {
        Some(Record { template_digest, .. }) => Some(template_digest.clone()),
        None if has(TEMPLATE_FILE) => bucket::get(aws, bucket, &format!("{folder}/{TEMPLATE_FILE}"))
            .await?
            .and_then(|body| serde_json::from_slice::<Value>(&body).ok())
            .map(|template| template_digest(&template)),
        None => None,
    };
    Ok(deployment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_named_as_the_serverless_framework_names_it() {
        let now: jiff::Timestamp = "2026-12-07T22:40:00.123Z".parse().expect("time");
        assert_eq!(folder_name(now), "1796683200123-2026-12-07T22:40:00.123Z");
        assert_eq!(
            parse_name("1796683200123-2026-12-07T22:40:00.123Z"),
            Some((1796683200123, "2026-12-07T22:40:00.123Z".to_owned()))
        );
    }

    #[test]
    fn other_folders_are_not_deployments() {
        for name in [
            "code-artifacts",
            "templates",
            "123-not-a-time",
            "-2026-12-07T22:40:00.123Z",
            "+1-2026-12-07T22:40:00.123Z",
        ] {
            assert_eq!(parse_name(name), None, "{name}");
        }
    }

    #[test]
    fn the_template_digest_ignores_spacing() {
        let sent: Value = serde_json::from_str("{\n  \"Resources\": {\"A\": {\"Type\": \"T\"}}\n}").expect("json");
        let returned: Value = serde_json::from_str("{\"Resources\":{\"A\":{\"Type\":\"T\"}}}").expect("json");
        assert_eq!(template_digest(&sent), template_digest(&returned));
        assert_ne!(template_digest(&sent), template_digest(&Value::Null));
    }
}
