//! What `svc build` needs beyond a valid configuration, so that
//! `svc check` (and the editor) refuse what the build would: each function
//! has a runtime (unless it is an image) and a VPC when it mounts a file
//! system, and its handler file exists (see [`super::handler_files`]).
//! Lowering asks the same question of each function ([`function_problem`])
//! and leaves out one it cannot build. `svc print` does not check these,
//! as `serverless print` does not.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::files::FileSystem;
use crate::tree::{Entry, Node, NodeKind};

/// What a build of `service` (in `folder`) would refuse that the schema
/// cannot say: E0401, E0407, E0408, and E0411 (a missing requirements
/// file).
pub fn check_buildable(service: &Node, folder: &Path, files: &dyn FileSystem) -> Vec<Diagnostic> {
    let mut diagnostics = check_functions(service);
    diagnostics.extend(super::handler_files::check_handler_files(service, folder, files));
    diagnostics.extend(crate::python_requirements::check(service, folder, files));
    diagnostics
}

/// Why `function` cannot be built, given the service's `provider`: E0401
/// with no runtime and no image, E0407 for a file system outside a VPC.
pub fn function_problem(function: &Entry, provider: Option<&Node>) -> Option<Diagnostic> {
    let own = |key: &str| get(Some(&function.value), key).filter(|v| set(v));
    let inherited = |key: &str| own(key).or_else(|| get(provider, key).filter(|v| set(v)));
    if own("image").is_none() && inherited("runtime").is_none() {
        return Some(no_runtime(function));
    }
    own("fileSystemConfig")?;
    // The function's `vpc` keys, each falling back to the provider's.
    let vpc = |key: &str| {
        let own = get(get(Some(&function.value), "vpc"), key).filter(|v| set(v));
        own.or_else(|| get(get(provider, "vpc"), key)).filter(|v| set(v))
    };
    let in_vpc = vpc("securityGroupIds").is_some() && vpc("subnetIds").is_some();
    (!in_vpc).then(|| file_system_without_vpc(function))
}

/// The value of `key` in the object `node`.
fn get<'a>(node: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    node?.as_object()?.get(key)
}

/// E0401 and E0407 for every function of `service`.
fn check_functions(service: &Node) -> Vec<Diagnostic> {
    let provider = service.at_address("provider");
    let functions = service.at_address("functions").and_then(Node::as_object);
    functions.map(|f| f.entries()).unwrap_or_default().iter().filter_map(|f| function_problem(f, provider)).collect()
}

/// Whether a value counts as set, as JavaScript's `if (value)` (not
/// `null`, `false`, `0` or `""`); a value not known yet (a variable that
/// failed, a deploy-time value) counts as set.
fn set(value: &Node) -> bool {
    match &value.kind {
        NodeKind::Null => false,
        NodeKind::Bool(b) => *b,
        NodeKind::Number(n) => n.parse::<f64>() != Ok(0.0),
        NodeKind::String(s) => !s.is_empty(),
        _ => true,
    }
}

fn no_runtime(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0401,
        format!("function `{}` has no runtime", function.key),
        function.key_span,
        "no `runtime` here or in `provider`",
    )
    .with_help("set `runtime` in `provider aws { … }` for every function, such as `runtime = \"python3.12\"`")
}

fn file_system_without_vpc(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` mounts a file system but is not in a VPC", function.key),
        function.key_span,
        "`fileSystemConfig` without `vpc`",
    )
    .with_help("set `vpc { securityGroupIds = […], subnetIds = […] }` on the function or in `provider`")
}
