//! Packaging: the service's code (or each function's, or a layer's) as a
//! deterministic zip whose S3 key derives from its content hash.

mod archive;
mod patterns;

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};
use svc_compiler::lower::Artifact;

pub use patterns::Patterns;

/// Lambda's limit on a function's code and layers, unzipped.
pub const UNZIPPED_LIMIT: u64 = 250 * 1024 * 1024;

/// A package, built.
pub struct Package {
    /// The zip's file name, such as `my-service.zip`.
    pub file_name: String,
    /// The zip.
    pub bytes: Vec<u8>,
    /// Its S3 key and hash, for the template.
    pub artifact: Artifact,
    /// How many files it holds.
    pub files: usize,
    /// Their total size before compression.
    pub unzipped: u64,
}

/// Zips the files under `root` that `patterns` includes. The S3 key is
/// `<dirname>/<sha256 hex>/<file_name>`.
pub fn build(root: &Path, patterns: &Patterns, dirname: &str, file_name: &str) -> Result<Package, String> {
    let files = collect(root, patterns)?;
    let unzipped = files.iter().map(|(_, p)| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    let bytes = archive::zip(&files)?;
    let digest = Sha256::digest(&bytes);
    let artifact = Artifact {
        s3_key: format!("{dirname}/{}/{file_name}", hex::encode(digest)),
        sha256: base64::engine::general_purpose::STANDARD.encode(digest),
    };
    Ok(Package { file_name: file_name.to_owned(), bytes, artifact, files: files.len(), unzipped })
}

/// The files under `root` to package, as (relative name, full path).
fn collect(root: &Path, patterns: &Patterns) -> Result<Vec<(String, PathBuf)>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).map_err(|e| e.to_string())?;
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if patterns.includes(&name) {
            files.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(files)
}
