//! `svc print`: the resolved service as the Serverless Framework's data
//! model, with the defaults `serverless print` fills in, as JSON, YAML or
//! canonical svc.

mod json;
mod normalise;
mod svc;

pub use json::to_json;
pub use normalise::normalise;
pub use svc::{to_svc, value_to_svc};

use crate::diagnostic::Diagnostic;
use crate::files::FileSystem;
use crate::resolve::Options;
use crate::tree::{Node, NodeKind, Path};

/// A service, resolved and normalised, ready to print.
#[derive(Clone, Debug)]
pub struct Printed {
    /// The resolved, normalised value tree.
    pub tree: Node,
    /// Every problem found on the way (syntax, tree, variables).
    pub diagnostics: Vec<Diagnostic>,
    /// Values only known at deploy time (`${cf:…}`, `${s3:…}`): where they
    /// are, and their source text.
    pub deferred: Vec<(Path, String)>,
}

/// Analyses `src` (see [`crate::analysis`]) and normalises the result.
pub fn service(src: &str, options: &Options, files: &dyn FileSystem) -> Printed {
    let analysis = crate::analysis::analyse(src, options, files);
    let normalised = normalise(analysis.service, options);
    let diagnostics = analysis.diagnostics;
    let mut deferred = Vec::new();
    collect_deferred(&normalised, &Path::default(), &mut deferred);
    Printed { tree: normalised, diagnostics, deferred }
}

fn collect_deferred(node: &Node, path: &Path, out: &mut Vec<(Path, String)>) {
    match &node.kind {
        NodeKind::Deferred(text) => out.push((path.clone(), text.clone())),
        NodeKind::Object(object) => {
            for entry in &object.entries {
                collect_deferred(&entry.value, &path.key(&entry.key), out);
            }
        }
        NodeKind::List(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_deferred(item, &path.index(i), out);
            }
        }
        _ => {}
    }
}
