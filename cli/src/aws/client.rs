//! The SDK clients: the standard credential chain of aws-config, a profile,
//! a region and an optional endpoint override (`--endpoint-url` or the
//! SDK's own `AWS_ENDPOINT_URL`) so that a local AWS can stand in.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::future::ProvideCredentials as ProvideFuture;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use crate::target::Target;

/// Attempts for each call unless `AWS_MAX_ATTEMPTS` or `AWS_RETRY_MODE`
/// say otherwise: throttling is retried with backoff, not fatal (and
/// polls that still fail are tried again by the next poll).
const MAX_ATTEMPTS: u32 = 4;

/// The longest wait for a TCP (and TLS) connection: AWS connects in
/// milliseconds; a black-holed route never does.
pub const CONNECT: Duration = Duration::from_secs(5);

/// How long svc waits for AWS to answer one request unless
/// `SVC_AWS_TIMEOUT` says otherwise. CloudFormation and S3 answer
/// ordinary calls in well under a second (a change set of a big template
/// in a few); 30 s leaves room for a slow line or a busy local AWS and
/// still ends a dead connection (a stalled proxy, a half-dead VPN) instead
/// of hanging. Uploads get more: see [`SLOWEST_UPLOAD`].
const DEFAULT_ANSWER: Duration = Duration::from_secs(30);

/// The slowest upload svc waits for, in bytes per second (100 kB/s): an
/// upload's limit is the wait for an answer plus its size at this speed.
pub const SLOWEST_UPLOAD: u64 = 100_000;

/// The environment variable that sets the wait for an answer, in seconds.
pub const TIMEOUT_VARIABLE: &str = "SVC_AWS_TIMEOUT";

/// The wait for an answer and the endpoint, as `connect` found them.
static LIMIT: OnceLock<(Duration, String)> = OnceLock::new();

/// How long svc waits for AWS to answer one request.
pub fn answer_limit() -> Duration {
    LIMIT.get().map_or(DEFAULT_ANSWER, |(limit, _)| *limit)
}

/// How long one call may take with its retries: see [`timeouts`].
pub fn call_limit() -> Duration {
    answer_limit() * (MAX_ATTEMPTS + 1)
}

/// The endpoint svc talks to, for messages ("AWS", or the override).
pub fn endpoint_name() -> &'static str {
    LIMIT.get().map_or("AWS", |(_, endpoint)| endpoint.as_str())
}

/// The wait for an answer: `SVC_AWS_TIMEOUT` (whole seconds, 1 or more),
/// else [`DEFAULT_ANSWER`].
fn read_limit() -> Result<Duration, String> {
    let Some(value) = std::env::var_os(TIMEOUT_VARIABLE) else { return Ok(DEFAULT_ANSWER) };
    let text = value.to_string_lossy();
    match text.trim().parse::<u64>() {
        Ok(seconds) if seconds > 0 => Ok(Duration::from_secs(seconds)),
        _ => {
            Err(format!("{TIMEOUT_VARIABLE} is the wait for an AWS answer in whole seconds (1 or more), not `{text}`"))
        }
    }
}

/// The limits of every call but uploads: `limit` for the first byte of an
/// answer and for each attempt, and all attempts (with the SDK's backoff
/// between them) within `limit` times one more than the attempts.
fn timeouts(limit: Duration) -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT)
        .read_timeout(limit)
        .operation_attempt_timeout(limit)
        .operation_timeout(limit * (MAX_ATTEMPTS + 1))
        .build()
}

/// Connected clients for one region.
#[derive(Clone, Debug)]
pub struct Aws {
    /// CloudFormation.
    pub cfn: aws_sdk_cloudformation::Client,
    /// S3 (path-style addressing when an endpoint override is set).
    pub s3: aws_sdk_s3::Client,
    /// Lambda (`svc invoke`).
    pub lambda: aws_sdk_lambda::Client,
    /// CloudWatch Logs (`svc logs`).
    pub logs: aws_sdk_cloudwatchlogs::Client,
    /// CloudWatch metrics (`svc metrics`).
    pub metrics: aws_sdk_cloudwatch::Client,
    /// The region the clients talk to.
    pub region: String,
    /// The endpoint override, if any.
    pub endpoint: Option<String>,
    config: SdkConfig,
}

impl Aws {
    /// Loads the configuration and checks that credentials can be found,
    /// so that missing or broken credentials are one sentence up front.
    /// Each call is bounded in time (see [`answer_limit`]), and so is
    /// finding the credentials (a credential_process, SSO or the instance
    /// metadata service that never answers).
    pub async fn connect(target: &Target) -> Result<Aws, String> {
        let limit = read_limit()?;
        let endpoint = target.endpoint.clone().or_else(|| std::env::var("AWS_ENDPOINT_URL").ok());
        let _ = LIMIT.set((limit, endpoint.map_or_else(|| "AWS".to_owned(), |e| format!("AWS at {e}"))));
        match tokio::time::timeout(limit, Aws::load(target, limit)).await {
            Ok(loaded) => loaded,
            Err(_) => Err(format!(
                "the AWS configuration and credentials{} could not be loaded in {} s (a credential_process, SSO or the instance metadata service did not answer); {TIMEOUT_VARIABLE}=SECONDS waits longer",
                profile_note(target),
                limit.as_secs()
            )),
        }
    }

    async fn load(target: &Target, limit: Duration) -> Result<Aws, String> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(target.region.clone()))
            .timeout_config(timeouts(limit));
        if let Some(profile) = &target.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(endpoint) = &target.endpoint {
            loader = loader.endpoint_url(endpoint);
        }
        if std::env::var_os("AWS_MAX_ATTEMPTS").is_none() && std::env::var_os("AWS_RETRY_MODE").is_none() {
            loader = loader.retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS));
        }
        let config = loader.load().await;
        let provider = config.credentials_provider().ok_or_else(|| no_credentials(target))?;
        let credentials = provider.provide_credentials().await.map_err(|e| credentials_error(&e, target))?;
        let provider = SharedCredentialsProvider::new(FirstThen {
            first: Arc::new(Mutex::new(Some(credentials))),
            then: provider,
        });
        let config = config.into_builder().credentials_provider(provider).build();
        let endpoint = config.endpoint_url().map(str::to_owned);
        Ok(Aws::from_config(config, target.region.clone(), endpoint))
    }

    fn from_config(config: SdkConfig, region: String, endpoint: Option<String>) -> Aws {
        let path_style = endpoint.is_some() || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some();
        let s3 = aws_sdk_s3::config::Builder::from(&config).force_path_style(path_style).build();
        Aws {
            cfn: aws_sdk_cloudformation::Client::new(&config),
            s3: aws_sdk_s3::Client::from_conf(s3),
            lambda: aws_sdk_lambda::Client::new(&config),
            logs: aws_sdk_cloudwatchlogs::Client::new(&config),
            metrics: aws_sdk_cloudwatch::Client::new(&config),
            region,
            endpoint,
            config,
        }
    }

    /// The same clients making at most `attempts` attempts per call: for
    /// lookups that are a convenience and must not keep the user waiting.
    pub fn with_attempts(&self, attempts: u32) -> Aws {
        let retry = RetryConfig::standard().with_max_attempts(attempts);
        let config = self.config.clone().into_builder().retry_config(retry).build();
        Aws::from_config(config, self.region.clone(), self.endpoint.clone())
    }

    /// The same credentials and endpoint in another region (for
    /// `${cf(region):stack.Output}`).
    pub fn in_region(&self, region: &str) -> Aws {
        if region == self.region {
            return self.clone();
        }
        let config = self.config.clone().into_builder().region(Region::new(region.to_owned())).build();
        Aws::from_config(config, region.to_owned(), self.endpoint.clone())
    }
}

/// Hands out the credentials resolved by [`Aws::connect`] while they are
/// valid, then asks the chain again: one resolution, and refresh still works.
#[derive(Debug)]
struct FirstThen {
    first: Arc<Mutex<Option<Credentials>>>,
    then: SharedCredentialsProvider,
}

impl ProvideCredentials for FirstThen {
    fn provide_credentials<'a>(&'a self) -> ProvideFuture<'a>
    where
        Self: 'a,
    {
        let fresh = self.first.lock().ok().and_then(|mut first| {
            let valid = first
                .as_ref()
                .is_some_and(|c| c.expiry().is_none_or(|at| at > SystemTime::now() + Duration::from_secs(5 * 60)));
            if !valid {
                *first = None;
            }
            first.clone()
        });
        match fresh {
            Some(credentials) => ProvideFuture::ready(Ok(credentials)),
            None => self.then.provide_credentials(),
        }
    }
}

fn profile_note(target: &Target) -> String {
    target.profile.as_ref().map(|p| format!(" for profile `{p}`")).unwrap_or_default()
}

fn no_credentials(target: &Target) -> String {
    match &target.profile {
        Some(profile) => format!(
            "no AWS credentials found for profile `{profile}`: define it in ~/.aws/credentials or ~/.aws/config, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        ),
        None => "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --aws-profile or provider.profile".to_owned(),
    }
}

fn credentials_error(error: &CredentialsError, target: &Target) -> String {
    match error {
        CredentialsError::CredentialsNotLoaded(_) => no_credentials(target),
        _ => format!(
            "the AWS credentials{} could not be loaded: {}",
            profile_note(target),
            super::error::innermost(error)
        ),
    }
}
