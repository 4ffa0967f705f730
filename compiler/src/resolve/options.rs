//! What the command line and the environment give the resolver.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The inputs of variable resolution besides the service itself.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--stage`
    pub stage: Option<String>,
    /// `--region`
    pub region: Option<String>,
    /// `--aws-profile`
    pub aws_profile: Option<String>,
    /// `--param k=v`, in the order given (a later one wins).
    pub params: Vec<(String, String)>,
    /// Any other `--name value` option, for `${opt:name}`.
    pub other: BTreeMap<String, String>,
    /// The environment, for `${env:NAME}`.
    pub env: HashMap<String, String>,
    /// The service's folder: `${file(...)}` paths are relative to it.
    pub base_dir: PathBuf,
    /// The folder `${file(...)}` may read in, as a real path (see
    /// [`crate::files::FileSystem::canonical`]): a file whose real path is
    /// outside it is refused (E0220) before it is read. The front ends set
    /// it to the project (the nearest folder above the service holding
    /// `.git`, else the service's folder) or to the user's `--file-root`;
    /// `None` reads anywhere (tests).
    pub file_root: Option<PathBuf>,
}

impl Options {
    /// The value of `${opt:name}`.
    pub fn option(&self, name: &str) -> Option<&str> {
        match name {
            "stage" => self.stage.as_deref(),
            "region" => self.region.as_deref(),
            "aws-profile" => self.aws_profile.as_deref(),
            "param" => self.params.last().map(|(k, _)| k.as_str()),
            _ => self.other.get(name).map(String::as_str),
        }
    }

    /// The value of `--param name=…`, the last one given.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}
