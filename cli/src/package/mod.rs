//! Packaging: the service's code (or each function's, or a layer's) as a
//! deterministic zip whose S3 key derives from its content hash, or a
//! prebuilt zip used as is.

mod archive;
mod files;
mod handler;
mod limits;
mod patterns;
mod prebuilt;
mod service;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use svc_compiler::lower::Artifact;

pub use files::{Files, collect, everything};
pub use limits::{UNZIPPED_LIMIT, largest, megabytes};
pub use patterns::Patterns;
pub use prebuilt::{Prebuilt, prebuilt};
pub use service::{Packaged, package};

/// A package, built or read.
pub struct Package {
    /// The zip's file name, such as `my-service.zip`.
    pub file_name: String,
    /// The zip.
    pub bytes: Vec<u8>,
    /// Its S3 key and hash, for the template.
    pub artifact: Artifact,
    /// The names of the files it holds, sorted.
    pub entries: Vec<String>,
    /// Their total size before compression.
    pub unzipped: u64,
}

impl Package {
    /// A package of `bytes`, to be uploaded as
    /// `<dirname>/<sha256 hex>/<file_name>`.
    pub fn new(file_name: &str, bytes: Vec<u8>, dirname: &str, entries: Vec<String>, unzipped: u64) -> Self {
        let digest = Sha256::digest(&bytes);
        let artifact = Artifact {
            s3_key: format!("{dirname}/{}/{file_name}", hex::encode(digest)),
            sha256: base64::engine::general_purpose::STANDARD.encode(digest),
        };
        Package { file_name: file_name.to_owned(), bytes, artifact, entries, unzipped }
    }
}

/// Zips `files` as `file_name`, to be uploaded under `dirname`.
pub fn zip(files: &Files, dirname: &str, file_name: &str) -> Result<Package, String> {
    let bytes = archive::zip(&files.list)?;
    let entries = files.list.iter().map(|(name, _)| name.clone()).collect();
    Ok(Package::new(file_name, bytes, dirname, entries, files.unzipped))
}
