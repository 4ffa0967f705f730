//! Lambda's size limits. Unzipped, a function's code and all its layers
//! together may hold 250 MB: over it, an error. Zipped, 50 MB is the limit
//! of a direct upload only; svc uploads through the deployment bucket,
//! where it does not apply, so over it is a warning.

use svc_compiler::{Code, Diagnostic, Span};

/// Lambda's limit on a function's code and layers, unzipped (bytes).
pub const UNZIPPED_LIMIT: u64 = 250 * 1024 * 1024;

/// Lambda's limit on a zip uploaded directly, not through S3 (bytes).
pub const ZIPPED_LIMIT: u64 = 50 * 1024 * 1024;

/// E0409: `what` holds `unzipped` bytes, over the limit.
pub fn too_large(what: &str, unzipped: u64, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::E0409,
        format!("{what} is {} unzipped, over Lambda's 250 MB limit", megabytes(unzipped)),
        span,
        format!("{} unzipped", megabytes(unzipped)),
    )
    .with_help("leave out what the code does not need with `package.patterns` (`\"!tests/**\"`)")
}

/// W0402: the zip `file` is `zipped` bytes, over the direct-upload limit.
pub fn large_zip(file: &str, zipped: u64, span: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::W0402,
        format!("{file} is {} zipped, over the 50 MB Lambda accepts in a direct upload", megabytes(zipped)),
        span,
        format!("{} zipped", megabytes(zipped)),
    )
    .with_help(
        "svc deploys it through the deployment bucket, which works; the console and `--zip-file` uploads would not",
    )
}

/// Bytes in MB with one decimal (MB of 2^20 bytes, as Lambda counts).
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// The five largest packages of `files` (`six`, `node_modules/@aws/x`'s
/// `@aws/x`, a layer's `python/numpy`'s `numpy`), with their sizes: for an
/// error over Lambda's limit.
pub fn largest(files: &super::Files) -> String {
    let mut sizes: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for (name, path) in &files.list {
        let inner = name.strip_prefix("node_modules/").or_else(|| name.strip_prefix("python/")).unwrap_or(name);
        let mut parts = inner.split('/');
        let first = parts.next().unwrap_or(inner);
        let package = match parts.next() {
            Some(second) if first.starts_with('@') => format!("{first}/{second}"),
            _ => first.to_owned(),
        };
        *sizes.entry(package).or_default() += std::fs::metadata(path).map_or(0, |m| m.len());
    }
    let mut sizes: Vec<(String, u64)> = sizes.into_iter().collect();
    sizes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let listed: Vec<String> = sizes.iter().take(5).map(|(name, size)| format!("{name} {}", megabytes(*size))).collect();
    format!("the largest: {}", listed.join(", "))
}
