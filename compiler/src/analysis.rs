//! The whole front of the pipeline in one call: parse, build the value
//! tree, resolve variables, check against the schema. `svc check`,
//! `svc print` and the language server all start here.

use crate::diagnostic::{self, Diagnostic};
use crate::files::FileSystem;
use crate::resolve::{self, Options};
use crate::syntax::Parse;
use crate::tree::{self, Node};

/// A service, analysed.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The syntax tree.
    pub parse: Parse,
    /// The resolved, checked and coerced value tree.
    pub service: Node,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses the service source `src`.
pub fn analyse(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    let parse = crate::parse(src);
    let (tree, tree_diagnostics) = tree::from_syntax(&parse.file);
    let (resolved, resolve_diagnostics) = resolve::resolve(&tree, options, files);
    let (service, check_diagnostics) = crate::check::check(&resolved);
    let mut diagnostics = parse.diagnostics.clone();
    diagnostics.extend(tree_diagnostics);
    diagnostics.extend(resolve_diagnostics);
    diagnostics.extend(check_diagnostics);
    diagnostics.extend(crate::check::check_sub_text(&parse.file));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis { parse, service, diagnostics }
}
