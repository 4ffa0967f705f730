//! The files a function's `handler` names, as each runtime looks them up:
//! what `svc check` looks for in the service folder and `svc build` in the
//! package. Runtimes whose handler names a class or a binary (Java, .NET,
//! Go, `provided.*`) name no file.

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

/// The TypeScript (and JSX) sources esbuild bundles for a Node.js
/// `handler`: `src/api.handler` → `src/api.ts`, `.mts`, `.cts`, `.tsx`,
/// `.jsx` and `src/api/index.ts`.
pub fn typescript_candidates(handler: &str) -> Vec<String> {
    let Some(module) = first_dot_module(handler) else { return Vec::new() };
    let mut files: Vec<String> = crate::esbuild::SOURCE_EXTENSIONS.iter().map(|e| format!("{module}{e}")).collect();
    files.push(format!("{module}/index.ts"));
    files
}

/// The module of a Node.js handler (what esbuild bundles).
pub fn node_module(handler: &str) -> Option<String> {
    first_dot_module(handler)
}

/// The module of a Node.js or Ruby handler: folders, then the file name up
/// to its first dot (`src/app.handlers.main` → `src/app`).
fn first_dot_module(handler: &str) -> Option<String> {
    let (folder, file) = handler.rsplit_once('/').map_or(("", handler), |(d, f)| (d, f));
    let (module, _) = file.split_once('.')?;
    Some(if folder.is_empty() { module.to_owned() } else { format!("{folder}/{module}") })
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn python_modules_are_files_or_packages() {
        let found = candidates("python3.12", "src/app.main").expect("python names a file");
        assert_eq!(found[0], "src/app.py");
        assert!(found.contains(&"src/app/__init__.py".to_owned()));
        assert_eq!(candidates("python3.12", "src.app.main").expect("dotted")[0], "src/app.py");
    }

    #[test]
    fn node_modules_end_at_the_first_dot_of_the_file_name() {
        let found = candidates("nodejs20.x", "lib.v2/app.handlers.main").expect("node names a file");
        assert!(found.contains(&"lib.v2/app.js".to_owned()));
        assert!(found.contains(&"lib.v2/app.mjs".to_owned()));
    }

    #[test]
    fn compiled_runtimes_name_no_file() {
        assert_eq!(candidates("java21", "com.example.Handler::handleRequest"), None);
        assert_eq!(candidates("provided.al2023", "bootstrap"), None);
        assert_eq!(candidates("python3.12", "nodot"), None);
    }
}
