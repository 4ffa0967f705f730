//! The arguments several commands share: the options variables read, and
//! what every AWS command takes.

use std::collections::HashMap;
use std::path::PathBuf;

use svc_compiler::resolve::Options;

/// The arguments every AWS command takes.
#[derive(Clone, Debug, clap::Args)]
pub struct ServiceArgs {
    /// The service file, or a folder holding `service.svc` [default: ./service.svc]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub options: ResolveArgs,
    /// Send AWS requests here (a local AWS) instead of to AWS; the SDK's
    /// `AWS_ENDPOINT_URL` does the same.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// The options variables can read: `${opt:stage}`, `${param:x}`, …
#[derive(Clone, Debug, clap::Args)]
pub struct ResolveArgs {
    /// The stage (`${opt:stage}`, `${sls:stage}`).
    #[arg(long, short = 's')]
    stage: Option<String>,
    /// The region (`${opt:region}`, `${aws:region}`).
    #[arg(long, short = 'r', value_parser = region)]
    region: Option<String>,
    /// The AWS profile (`${opt:aws-profile}`).
    #[arg(long = "aws-profile")]
    aws_profile: Option<String>,
    /// A parameter, `name=value` (`${param:name}`); repeatable, overrides
    /// the `params` block.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = name_value)]
    params: Vec<(String, String)>,
    /// Any other option for `${opt:name}`, `name=value`; repeatable.
    #[arg(long = "opt", value_name = "NAME=VALUE", value_parser = name_value)]
    other: Vec<(String, String)>,
    /// Let `${file(...)}` read inside DIR [default: the project: the
    /// nearest folder above the service holding `.git`, else the
    /// service's folder].
    #[arg(long = "file-root", value_name = "DIR", value_parser = folder)]
    file_root: Option<PathBuf>,
}

impl ResolveArgs {
    /// The resolver's options for a service in `base_dir`.
    pub fn options(&self, base_dir: PathBuf) -> Options {
        Options {
            stage: self.stage.clone(),
            region: self.region.clone(),
            aws_profile: self.aws_profile.clone(),
            params: self.params.clone(),
            other: self.other.iter().cloned().collect(),
            env: std::env::vars().collect::<HashMap<_, _>>(),
            file_root: Some(svc_lsp::file_root(&base_dir, self.file_root.as_deref())),
            base_dir,
        }
    }
}

/// An AWS region svc knows, as `provider.region` must be (E0305): a typo
/// on the command line is refused with the closest region, not sent to AWS.
fn region(text: &str) -> Result<String, String> {
    if svc_compiler::schema::REGIONS.contains(&text) {
        return Ok(text.to_owned());
    }
    let hint = match svc_compiler::suggest::closest(text, svc_compiler::schema::REGIONS.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "a region is written as AWS names it, such as `eu-west-1`".to_owned(),
    };
    Err(format!("`{text}` is not an AWS region; {hint}"))
}

/// A folder that exists, as its real path (links resolved): what
/// `--file-root` widens `${file(...)}`'s root to.
fn folder(text: &str) -> Result<PathBuf, String> {
    match std::fs::canonicalize(text) {
        Ok(path) if path.is_dir() => Ok(path),
        Ok(_) => Err(format!("`{text}` is not a folder")),
        Err(error) => Err(format!("`{text}`: {error}")),
    }
}

/// `NAME=VALUE` as a pair (the value may be empty or hold `=`).
pub fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got `{text}`")),
    }
}
