//! Whether the file a function's `handler` names is in the zip it runs,
//! looked up as each runtime looks it up
//! ([`svc_compiler::handler::candidates`]). `svc check` has already found
//! the file in the service folder; this finds what `package.patterns` or a
//! prebuilt zip leave out.

use svc_compiler::tree::Entry;
use svc_compiler::{Code, Diagnostic};

/// Whether a file named by `candidates` is in the package (`entries`,
/// sorted), in `node_modules` (Node.js resolves a bare module there), or at
/// the end of a path in one of the function's layers (`python/…`,
/// `nodejs/node_modules/…`).
pub fn found(candidates: &[String], entries: &[String], layers: &[&[String]]) -> bool {
    candidates.iter().any(|candidate| {
        let suffix = format!("/{candidate}");
        entries.binary_search(candidate).is_ok()
            || entries.iter().any(|e| e.strip_prefix("node_modules").is_some_and(|rest| rest.starts_with(&suffix)))
            || layers.iter().any(|layer| layer.iter().any(|e| e.ends_with(&suffix)))
    })
}

/// E0408 at the function's `handler`: `candidates[0]` is not in `zip`.
pub fn missing(function: &Entry, candidates: &[String], zip: &str) -> Diagnostic {
    let handler = function.value.as_object().and_then(|f| f.entry("handler"));
    let span = handler.map_or(function.key_span, |h| h.value.span);
    let file = candidates.first().map_or("", String::as_str);
    Diagnostic::error(
        Code::E0408,
        format!("the handler of function `{}` is not in its package: no `{file}` in {zip}", function.key),
        span,
        format!("`{file}` is not packaged"),
    )
    .with_help("check the file name in `handler`, and that `package.patterns` do not leave the file out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_a_layer_counts() {
        let candidates = svc_compiler::handler::candidates("python3.12", "shared.main").expect("python");
        let layer = vec!["python/shared.py".to_owned()];
        assert!(found(&candidates, &[], &[&layer]));
        assert!(!found(&candidates, &["other.py".to_owned()], &[]));
    }
}
