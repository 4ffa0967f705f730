//! The deployment bucket: uploads under content-addressed keys (an object
//! already there is the same bytes, so it is skipped) and emptying it, all
//! versions, before the stack goes.

use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use tokio::task::JoinSet;

use super::error::{code, describe as explain, is_timeout, status};
use super::{Aws, client};

/// How many requests to S3 run at once.
const PARALLEL: usize = 8;

/// An object to put in the deployment bucket.
#[derive(Clone, Debug)]
pub struct Upload {
    /// Its key: the content hash is part of it.
    pub key: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Which of `keys` are not in `bucket`, in the same order.
pub async fn missing(aws: &Aws, bucket: &str, keys: &[String]) -> Result<Vec<String>, String> {
    let mut missing = Vec::new();
    for chunk in keys.chunks(PARALLEL) {
        let mut tasks = JoinSet::new();
        for (i, key) in chunk.iter().enumerate() {
            let (s3, bucket, key) = (aws.s3.clone(), bucket.to_owned(), key.clone());
            tasks.spawn(async move {
                let found = match s3.head_object().bucket(&bucket).key(&key).send().await {
                    Ok(_) => Ok(true),
                    Err(error) if status(&error) == Some(404) => Ok(false),
                    Err(error) => Err(explain(&error, &format!("cannot look for `{key}` in bucket `{bucket}`"))),
                };
                (i, found)
            });
        }
        let mut found = vec![true; chunk.len()];
        while let Some(joined) = tasks.join_next().await {
            let (i, result) = joined.map_err(|e| format!("a check of the deployment bucket stopped: {e}"))?;
            found[i] = result?;
        }
        missing.extend(chunk.iter().zip(found).filter(|(_, f)| !f).map(|(k, _)| k.clone()));
    }
    Ok(missing)
}

/// The bytes of the object `key` in `bucket`; `None` when there is no
/// such object.
pub async fn get(aws: &Aws, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, String> {
    let object = match aws.s3.get_object().bucket(bucket).key(key).send().await {
        Ok(object) => object,
        Err(error) if code(&error) == Some("NoSuchBucket") => return Err(format!("bucket `{bucket}` does not exist")),
        Err(error) if code(&error) == Some("NoSuchKey") || status(&error) == Some(404) => return Ok(None),
        Err(error) => return Err(explain(&error, &format!("cannot read `{key}` from bucket `{bucket}`"))),
    };
    let body = object.body.collect().await.map_err(|e| format!("cannot read `{key}` from bucket `{bucket}`: {e}"))?;
    Ok(Some(body.into_bytes().to_vec()))
}

/// Puts `uploads` into `bucket`, calling `uploaded` after each one.
pub async fn upload(aws: &Aws, bucket: &str, uploads: &[&Upload], uploaded: &dyn Fn()) -> Result<(), String> {
    for chunk in uploads.chunks(PARALLEL) {
        let mut tasks = JoinSet::new();
        for upload in chunk {
            let (s3, bucket, key, bytes) =
                (aws.s3.clone(), bucket.to_owned(), upload.key.clone(), upload.bytes.clone());
            let (timeouts, size) = (upload_timeouts(bytes.len()), bytes.len());
            tasks.spawn(async move {
                s3.put_object()
                    .bucket(&bucket)
                    .key(&key)
                    .body(ByteStream::from(bytes))
                    .customize()
                    .config_override(aws_sdk_s3::config::Builder::default().timeout_config(timeouts))
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| match code(&e) {
                        Some("NoSuchBucket") => no_such_bucket(&bucket),
                        _ if is_timeout(&e) => format!(
                            "cannot upload `{key}` ({} kB) to bucket `{bucket}`: {} did not answer in {} s: check the network (a VPN, a proxy), or wait longer with {}=SECONDS",
                            size / 1000,
                            client::endpoint_name(),
                            upload_timeouts(size).operation_attempt_timeout().map_or(0, |d| d.as_secs()),
                            client::TIMEOUT_VARIABLE
                        ),
                        _ => explain(&e, &format!("cannot upload `{key}` to bucket `{bucket}`")),
                    })
            });
        }
        while let Some(joined) = tasks.join_next().await {
            joined.map_err(|e| format!("an upload to the deployment bucket stopped: {e}"))??;
            uploaded();
        }
    }
    Ok(())
}

/// The limits of one upload of `size` bytes: no answer within
/// [`client::answer_limit`] plus the time the bytes take at
/// [`client::SLOWEST_UPLOAD`] bytes per second (a 250 MB artifact gets
/// about 42 minutes), so a big upload on a slow line is never cut, and a
/// silent endpoint still ends it.
fn upload_timeouts(size: usize) -> TimeoutConfig {
    let limit = client::answer_limit() + Duration::from_secs((size as u64) / client::SLOWEST_UPLOAD);
    TimeoutConfig::builder()
        .connect_timeout(client::CONNECT)
        .read_timeout(limit)
        .operation_attempt_timeout(limit)
        .disable_operation_timeout()
        .build()
}

/// The sentence for a deployment bucket that is gone.
pub fn no_such_bucket(bucket: &str) -> String {
    format!(
        "the deployment bucket `{bucket}` no longer exists (NoSuchBucket): if it was the stack's own, create it again (`aws s3 mb s3://{bucket}`) and deploy, or run `svc remove` and deploy again; if it is provider.deploymentBucket, name a bucket that exists"
    )
}

/// Deletes every object version (and delete marker) under `prefix` (the
/// whole bucket for `""`), calling `deleted` with each batch's count;
/// returns how many were deleted. A bucket that does not exist is empty.
pub async fn empty(aws: &Aws, bucket: &str, prefix: &str, counted: &dyn Fn(usize)) -> Result<usize, String> {
    let mut deleted = 0;
    // Each round deletes what one listing shows; a bucket that keeps
    // listing objects after they were deleted is not emptied forever.
    for _ in 0..10_000 {
        let listed = match aws.s3.list_object_versions().bucket(bucket).prefix(prefix).send().await {
            Ok(listed) => listed,
            Err(error) if code(&error) == Some("NoSuchBucket") || status(&error) == Some(404) => return Ok(deleted),
            Err(error) => return Err(explain(&error, &format!("cannot list the objects of bucket `{bucket}`"))),
        };
        let versions = listed.versions().iter().map(|v| (v.key(), v.version_id()));
        let markers = listed.delete_markers().iter().map(|m| (m.key(), m.version_id()));
        let objects: Vec<ObjectIdentifier> = versions
            .chain(markers)
            .filter_map(|(key, version)| {
                ObjectIdentifier::builder().key(key?).set_version_id(version.map(str::to_owned)).build().ok()
            })
            .collect();
        if objects.is_empty() {
            return Ok(deleted);
        }
        for chunk in objects.chunks(1000) {
            let delete = Delete::builder()
                .set_objects(Some(chunk.to_vec()))
                .quiet(true)
                .build()
                .map_err(|e| format!("cannot empty bucket `{bucket}`: {e}"))?;
            let result = aws
                .s3
                .delete_objects()
                .bucket(bucket)
                .delete(delete)
                .send()
                .await
                .map_err(|e| explain(&e, &format!("cannot empty bucket `{bucket}`")))?;
            if let Some(error) = result.errors().first() {
                return Err(format!(
                    "cannot delete `{}` from bucket `{bucket}`: {}",
                    error.key().unwrap_or_default(),
                    error.message().or(error.code()).unwrap_or("unknown error")
                ));
            }
            deleted += chunk.len();
            counted(chunk.len());
        }
    }
    Err(format!("bucket `{bucket}` still lists objects after deleting {deleted}: empty it by hand"))
}
