//! Whether the file a function's `handler` names is in the zip it runs,
//! looked up as each runtime looks it up. Runtimes whose handler names a
//! class or a binary (Java, .NET, Go, `provided.*`) have no file to check.

use svc_compiler::tree::Entry;
use svc_compiler::{Code, Diagnostic};

/// The files, any one of which holds the module `handler` names for
/// `runtime`; `None` when the runtime names no file.
pub fn candidates(runtime: &str, handler: &str) -> Option<Vec<String>> {
    if runtime.starts_with("python") {
        // `src/app.main` and `src.app.main`: the module is all before the
        // last dot, dots as folders (Python's import system).
        let module = handler.rsplit_once('.')?.0.replace('.', "/");
        Some(vec![format!("{module}.py"), format!("{module}.pyc"), format!("{module}/__init__.py")])
    } else if runtime.starts_with("nodejs") {
        let module = first_dot_module(handler)?;
        let files = ["", ".js", ".mjs", ".cjs", "/index.js", "/index.mjs", "/index.cjs"];
        Some(files.iter().map(|suffix| format!("{module}{suffix}")).collect())
    } else if runtime.starts_with("ruby") {
        Some(vec![format!("{}.rb", first_dot_module(handler)?)])
    } else {
        None
    }
}

/// The module of a Node.js or Ruby handler: folders, then the file name up
/// to its first dot (`src/app.handlers.main` → `src/app`).
fn first_dot_module(handler: &str) -> Option<String> {
    let (folder, file) = handler.rsplit_once('/').map_or(("", handler), |(d, f)| (d, f));
    let (module, _) = file.split_once('.')?;
    Some(if folder.is_empty() { module.to_owned() } else { format!("{folder}/{module}") })
}

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

    fn files(runtime: &str, handler: &str) -> Option<Vec<String>> {
        candidates(runtime, handler)
    }

    #[test]
    fn python_modules_are_files_or_packages() {
        let found = files("python3.12", "src/app.main").expect("python names a file");
        assert_eq!(found[0], "src/app.py");
        assert!(found.contains(&"src/app/__init__.py".to_owned()));
        assert_eq!(files("python3.12", "src.app.main").expect("dotted")[0], "src/app.py");
    }

    #[test]
    fn node_modules_end_at_the_first_dot_of_the_file_name() {
        let found = files("nodejs20.x", "lib.v2/app.handlers.main").expect("node names a file");
        assert!(found.contains(&"lib.v2/app.js".to_owned()));
        assert!(found.contains(&"lib.v2/app.mjs".to_owned()));
    }

    #[test]
    fn compiled_runtimes_name_no_file() {
        assert_eq!(files("java21", "com.example.Handler::handleRequest"), None);
        assert_eq!(files("provided.al2023", "bootstrap"), None);
        assert_eq!(files("python3.12", "nodot"), None);
    }

    #[test]
    fn a_file_in_a_layer_counts() {
        let candidates = files("python3.12", "shared.main").expect("python");
        let layer = vec!["python/shared.py".to_owned()];
        assert!(found(&candidates, &[], &[&layer]));
        assert!(!found(&candidates, &["other.py".to_owned()], &[]));
    }
}
