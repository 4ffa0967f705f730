//! The environment of a local run, as Lambda sets it: its own variables
//! (`AWS_REGION`, `AWS_LAMBDA_FUNCTION_NAME`, …, `IS_LOCAL=true`), the
//! function's resolved environment (references read from the deployed
//! stack), the profile's credentials, then the `--env` overrides.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_cloudformation::primitives::{DateTime, DateTimeFormat};

use super::function::LocalFunction;
use super::references;
use crate::output;
use crate::target::Target;

/// How long resolving the profile's credentials may take.
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(5);

/// What identifies one run: the log stream and the request ID.
#[derive(Clone, Debug)]
pub struct Identity {
    /// `AWS_LAMBDA_LOG_GROUP_NAME`: `/aws/lambda/<deployed name>`.
    pub log_group: String,
    /// `AWS_LAMBDA_LOG_STREAM_NAME`: `YYYY/MM/DD/[$LATEST]<hex>`.
    pub log_stream: String,
}

impl Identity {
    /// A fresh identity for `function`.
    pub fn new(function: &LocalFunction) -> Identity {
        let now = DateTime::from(SystemTime::now()).fmt(DateTimeFormat::DateTime).unwrap_or_default();
        let day = now.get(..10).unwrap_or("1970-01-01").replace('-', "/");
        Identity {
            log_group: format!("/aws/lambda/{}", function.deployed_name),
            log_stream: format!("{day}/[$LATEST]{:016x}{:016x}", random(), random()),
        }
    }
}

/// 64 random bits (from the standard library's hash seeds).
pub fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.finish()
}

/// A request ID shaped like Lambda's (a UUID).
pub fn request_id() -> String {
    let (a, b) = (random(), random());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// The variables Lambda sets itself.
pub fn lambda(function: &LocalFunction, region: &str, identity: &Identity) -> Vec<(String, String)> {
    let folder = function.folder.display().to_string();
    let execution = format!("AWS_Lambda_{}", function.runtime);
    [
        ("AWS_REGION", region.to_owned()),
        ("AWS_DEFAULT_REGION", region.to_owned()),
        ("AWS_EXECUTION_ENV", execution),
        ("AWS_LAMBDA_FUNCTION_NAME", function.deployed_name.clone()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", function.memory.to_string()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", identity.log_group.clone()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", identity.log_stream.clone()),
        ("LAMBDA_TASK_ROOT", folder.clone()),
        ("LAMBDA_RUNTIME_DIR", folder),
        ("_HANDLER", function.handler.clone()),
        ("TZ", ":UTC".to_owned()),
        ("IS_LOCAL", "true".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The whole environment of the run: Lambda's variables, the function's
/// (references read from the stack when one is deployed; else left unset,
/// with one warning each), the credentials of the target's profile, and
/// `overrides` last. Warnings go to stderr.
pub async fn environment(
    function: &LocalFunction,
    target: &Target,
    identity: &Identity,
    overrides: &[(String, String)],
) -> BTreeMap<String, String> {
    let mut variables: BTreeMap<String, String> = BTreeMap::new();
    let (plain, referenced): (Vec<_>, Vec<_>) =
        function.environment.iter().partition(|(_, value)| references::plain(value).is_some());
    for (name, value) in &plain {
        variables.insert(name.clone(), references::plain(value).unwrap_or_default());
    }
    let overridden = |name: &str| overrides.iter().any(|(k, _)| k == name);
    let needed: Vec<_> = referenced.into_iter().filter(|(name, _)| !overridden(name)).collect();
    let lookup = async { if needed.is_empty() { None } else { Some(references::deployed(target).await) } };
    let deferred: Vec<_> = function.deferred.iter().filter(|(name, _)| !overridden(name)).cloned().collect();
    let deploy_time =
        async { if deferred.is_empty() { None } else { Some(references::deploy_time(target, &deferred).await) } };
    let (deployed, read, credentials) = tokio::join!(lookup, deploy_time, credentials(target));
    for (index, (name, node)) in deferred.iter().enumerate() {
        let written = match &node.kind {
            svc_compiler::tree::NodeKind::Deferred(value) => value.to_string(),
            _ => String::new(),
        };
        match read.as_ref().map(|r| r.as_ref().map(|texts| texts.get(index))) {
            Some(Ok(Some(Ok(text)))) => drop(variables.insert(name.clone(), text.clone())),
            Some(Ok(Some(Err(why)))) | Some(Err(why)) => {
                output::warning(&format!(
                    "environment variable `{name}` is left unset: its value `{written}` is read from AWS, and {why}; set it with --env {name}=…"
                ));
            }
            _ => {}
        }
    }
    match deployed {
        Some(Ok(stack)) => {
            for (name, value) in needed {
                match references::evaluate(value, &stack) {
                    Ok(text) => drop(variables.insert(name.clone(), text)),
                    Err(why) => unset(name, value, &why),
                }
            }
        }
        Some(Err(why)) => needed.into_iter().for_each(|(name, value)| unset(name, value, &why)),
        None => {}
    }
    variables.extend(credentials);
    variables.extend(lambda(function, &target.region, identity));
    variables.extend(overrides.iter().cloned());
    variables
}

fn unset(name: &str, value: &serde_json::Value, why: &str) {
    output::warning(&format!(
        "environment variable `{name}` is left unset: its value `{}` is read from the deployed stack, and {why}; set it with --env {name}=…",
        references::written(value)
    ));
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` of
/// the target's profile, read from the profile files only (no instance
/// metadata to wait for). As for `svc deploy`, credentials in the
/// environment come first: the run keeps them, as it does without a
/// profile. A profile that gives none is a warning.
async fn credentials(target: &Target) -> Vec<(String, String)> {
    let Some(profile) = &target.profile else { return Vec::new() };
    if std::env::var_os("AWS_ACCESS_KEY_ID").is_some() {
        return Vec::new();
    }
    let provider = aws_config::profile::ProfileFileCredentialsProvider::builder().profile_name(profile).build();
    let found = tokio::time::timeout(CREDENTIALS_TIMEOUT, provider.provide_credentials()).await;
    match found {
        Ok(Ok(credentials)) => {
            let mut variables = vec![
                ("AWS_ACCESS_KEY_ID".to_owned(), credentials.access_key_id().to_owned()),
                ("AWS_SECRET_ACCESS_KEY".to_owned(), credentials.secret_access_key().to_owned()),
            ];
            if let Some(token) = credentials.session_token() {
                variables.push(("AWS_SESSION_TOKEN".to_owned(), token.to_owned()));
            }
            variables
        }
        Ok(Err(CredentialsError::CredentialsNotLoaded(_))) => {
            output::warning(&format!(
                "profile `{profile}` is not in ~/.aws/credentials or ~/.aws/config: the handler's AWS calls have no credentials"
            ));
            Vec::new()
        }
        Ok(Err(error)) => {
            let why = crate::aws::error::innermost(&error);
            output::warning(&format!(
                "the credentials of profile `{profile}` could not be loaded ({why}): the handler's AWS calls have none"
            ));
            Vec::new()
        }
        Err(_) => {
            output::warning(&format!(
                "the credentials of profile `{profile}` took longer than {} s: the handler's AWS calls have none",
                CREDENTIALS_TIMEOUT.as_secs()
            ));
            Vec::new()
        }
    }
}
