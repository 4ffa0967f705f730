//! `svc print`: the resolved service as the Serverless Framework's data
//! model, with the defaults `serverless print` fills in, as JSON, YAML or
//! canonical svc.

mod normalise;
mod svc;

pub use crate::tree::to_json;
pub use normalise::normalise;
pub use svc::{to_svc, value_to_svc};

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::tree::{Node, NodeKind, Path, Segment};

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

/// The analysed service, normalised: `analysis` is what
/// [`crate::analysis::analyse_configuration`] made of it.
pub fn service(analysis: Analysis) -> Printed {
    let normalised = normalise(analysis.service, &analysis.settings);
    let diagnostics = analysis.diagnostics;
    let mut deferred = Vec::new();
    if has_deferred(&normalised) {
        collect_deferred(&normalised, &mut Path::default(), &mut deferred);
    }
    Printed { tree: normalised, diagnostics, deferred }
}

/// Pushes the path and text of every deploy-time value in `node` (at
/// `path`, which grows and shrinks in place: only a find is copied).
fn collect_deferred(node: &Node, path: &mut Path, out: &mut Vec<(Path, String)>) {
    match &node.kind {
        NodeKind::Deferred(deferred) => out.push((path.clone(), deferred.to_string())),
        NodeKind::Object(object) => {
            for entry in object.entries() {
                path.push(Segment::Key(entry.key.clone()));
                collect_deferred(&entry.value, path, out);
                path.pop();
            }
        }
        NodeKind::List(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                collect_deferred(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// True when `node` holds a deploy-time value (most services have none:
/// this looks without allocating).
fn has_deferred(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Deferred(_) => true,
        NodeKind::Object(object) => object.entries().iter().any(|e| has_deferred(&e.value)),
        NodeKind::List(items) => items.iter().any(has_deferred),
        _ => false,
    }
}
