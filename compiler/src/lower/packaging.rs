//! Which code package each function runs, decided as the Serverless
//! Framework v3 decides it (`packageService` and `packageFunction` of its
//! package plugin):
//!
//! 1. a function with an `image` has no package;
//! 2. a function's own `package.artifact` is used as is;
//! 3. with `package.individually` (the service's or the function's) the
//!    function gets its own zip, `<function>.zip`, from the service's
//!    `package.patterns` followed by its own, unless the service has a
//!    `package.artifact` and the function itself is not `individually`;
//! 4. a Node.js function bundled by esbuild (`build.esbuild`,
//!    `custom.esbuild`) gets its own zip, `<function>.zip`, holding its
//!    bundle;
//! 5. every other function shares the service's `package.artifact`, or
//!    else the service zip `<service>.zip`; its own `package.patterns` are
//!    ignored (with a warning, as serverless warns).
//!
//! Pure: the CLI builds the zips this names, lowering names their keys.

use crate::diagnostic::{Code, Diagnostic};
use crate::esbuild::Esbuild;
use crate::tree::{Entry, Node, NodeKind};

/// The code a function runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Packaging<'a> {
    /// A container image: nothing to package.
    Image,
    /// A prebuilt zip, used as is: the `package.artifact` node (the
    /// function's, or the service's), a path relative to the service folder.
    Artifact(&'a Node),
    /// Its own zip, `<function>.zip`.
    Individual,
    /// The service's zip, `<service>.zip`.
    Service,
}

/// How `function` of the service `root` is packaged.
pub fn packaging<'a>(root: &'a Node, function: &'a Entry) -> Packaging<'a> {
    let own = |key: &str| function.value.at_address(key);
    if own("image").is_some() {
        return Packaging::Image;
    }
    if let Some(artifact) = own("package.artifact") {
        return Packaging::Artifact(artifact);
    }
    let service_artifact = service_artifact(root);
    if Esbuild::bundles(root, function) {
        return Packaging::Individual;
    }
    let individually = is_true(own("package.individually"));
    match service_artifact {
        Some(artifact) if !individually => Packaging::Artifact(artifact),
        _ if individually || is_true(root.at_address("package.individually")) => Packaging::Individual,
        _ => Packaging::Service,
    }
}

/// The service's `package.artifact`, if set.
pub fn service_artifact(root: &Node) -> Option<&Node> {
    root.at_address("package.artifact")
}

/// The file name of the zip a function runs (the last segment of its S3
/// key): `<function>.zip`, `<service>.zip`, or the artifact's file name.
pub fn file_name(packaging: Packaging<'_>, service: &str, function: &str) -> String {
    match packaging {
        Packaging::Individual => format!("{function}.zip"),
        Packaging::Artifact(node) => node.as_str().map_or_else(|| format!("{service}.zip"), artifact_file_name),
        Packaging::Image | Packaging::Service => format!("{service}.zip"),
    }
}

/// The last segment of an artifact path (`dist/api.zip` → `api.zip`).
pub fn artifact_file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned()
}

/// Whether an artifact is a URL (`s3://bucket/key`, `https://…`) rather than
/// a local file.
pub fn is_remote(path: &str) -> bool {
    path.contains("://")
}

/// W0401: function-level `package.patterns` on a function that shares the
/// service zip are ignored, as the Serverless Framework ignores them.
pub fn ignored_patterns(root: &Node, function: &Entry) -> Option<Diagnostic> {
    let patterns = function.value.as_object()?.get("package")?.as_object()?.entry("patterns")?;
    if !matches!(packaging(root, function), Packaging::Service | Packaging::Artifact(_)) {
        return None;
    }
    Some(
        Diagnostic::warning(
            Code::W0401,
            format!("the `package.patterns` of function `{}` are ignored", function.key),
            patterns.key_span,
            "only used when the function is packaged individually",
        )
        .with_help(
            "set `individually = true` in this `package` block (or the service's) to give the function its own zip",
        ),
    )
}

fn is_true(node: Option<&Node>) -> bool {
    node.is_some_and(|n| matches!(n.kind, NodeKind::Bool(true)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::files::MemoryFiles;
    use crate::resolve::Options;

    fn service(text: &str) -> Node {
        let analysis = analyse(text, &Options::default(), &MemoryFiles::default());
        assert!(analysis.diagnostics.iter().all(|d| !d.is_error()), "{:?}", analysis.diagnostics);
        analysis.service
    }

    fn packagings(root: &Node) -> Vec<(String, String)> {
        let functions = root.at_address("functions").and_then(Node::as_object).expect("functions");
        functions
            .entries()
            .iter()
            .map(|f| (f.key.as_str().to_owned(), file_name(packaging(root, f), "svc", &f.key)))
            .collect()
    }

    const FUNCTIONS: &str = "function a {\n  handler = \"a.h\"\n}\nfunction b {\n  handler = \"b.h\"\n  package {\n    individually = true\n  }\n}\nfunction c {\n  handler = \"c.h\"\n  package {\n    artifact = \"dist/c.zip\"\n  }\n}\n";

    #[test]
    fn functions_share_the_service_zip_unless_individual_or_prebuilt() {
        let root = service(&format!("service = \"svc\"\nprovider aws {{\n  runtime = \"python3.12\"\n}}\n{FUNCTIONS}"));
        let names = packagings(&root);
        assert_eq!(names, [("a", "svc.zip"), ("b", "b.zip"), ("c", "c.zip")].map(|(a, b)| (a.into(), b.into())));
    }

    #[test]
    fn a_service_artifact_wins_over_service_individually_only() {
        let root = service(&format!(
            "service = \"svc\"\nprovider aws {{\n  runtime = \"python3.12\"\n}}\npackage {{\n  individually = true\n  artifact = \"all.zip\"\n}}\n{FUNCTIONS}"
        ));
        let names = packagings(&root);
        assert_eq!(names, [("a", "all.zip"), ("b", "b.zip"), ("c", "c.zip")].map(|(a, b)| (a.into(), b.into())));
    }
}
