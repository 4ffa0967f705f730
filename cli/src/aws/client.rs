//! The SDK clients: the standard credential chain of aws-config, a profile,
//! a region and an optional endpoint override (`--endpoint-url` or the
//! SDK's own `AWS_ENDPOINT_URL`) so that a local AWS can stand in.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_config::retry::RetryConfig;
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
    pub async fn connect(target: &Target) -> Result<Aws, String> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).region(Region::new(target.region.clone()));
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
