//! A function's handler file must exist in the service folder: the file
//! its `handler` names for its runtime ([`crate::handler::candidates`]), or
//! a module of that name in `node_modules`. One existence query per
//! candidate through the [`FileSystem`], so `svc check` and the language
//! server find a misspelt handler without packaging anything.
//!
//! Not looked up (left to `svc build`, which looks in the zip): functions
//! of an image or a prebuilt `package.artifact`, functions with layers
//! (the file may come from one), and runtimes whose handler names no file.
//! Nor when the service folder is unknown to the file system (a service
//! analysed on its own, in memory).

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::esbuild::Esbuild;
use crate::files::FileSystem;
use crate::tree::{Entry, Node};

/// E0408 for each function whose handler file is not in `folder`.
pub fn check_handler_files(service: &Node, folder: &Path, files: &dyn FileSystem) -> Vec<Diagnostic> {
    let functions = service.at_address("functions").and_then(Node::as_object);
    if functions.is_none() || !files.is_dir(folder) {
        return Vec::new();
    }
    let provider = |key: &str| service.at_address("provider")?.at_address(key);
    let service_artifact = service.at_address("package.artifact").is_some();
    let mut diagnostics = Vec::new();
    for function in functions.map(|f| f.entries()).unwrap_or_default() {
        let own = |key: &str| function.value.at_address(key);
        let packaged_elsewhere = own("image").is_some() || own("package.artifact").is_some() || service_artifact;
        let has_layers = own("layers").or_else(|| provider("layers")).is_some();
        if packaged_elsewhere || has_layers {
            continue;
        }
        let runtime = own("runtime").or_else(|| provider("runtime")).and_then(Node::as_str);
        let Some(handler) = function.value.as_object().and_then(|f| f.entry("handler")) else { continue };
        let (Some(runtime), Some(name)) = (runtime, handler.value.as_str()) else { continue };
        let Some(mut candidates) = crate::handler::candidates(runtime, name) else { continue };
        if Esbuild::bundles(service, function) {
            candidates.extend(crate::handler::typescript_candidates(name));
        }
        let exists = |candidate: &String| {
            files.is_file(&folder.join(candidate)) || files.is_file(&folder.join("node_modules").join(candidate))
        };
        if !candidates.iter().any(exists) {
            diagnostics.push(missing(function, handler, &candidates[0]));
        }
    }
    diagnostics
}

fn missing(function: &Entry, handler: &Entry, file: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0408,
        format!("the handler file of function `{}` does not exist: no `{file}` in the service folder", function.key),
        handler.value.span,
        format!("no `{file}`"),
    )
    .with_help("check the file name in `handler`; it is relative to the folder of the service file")
}
