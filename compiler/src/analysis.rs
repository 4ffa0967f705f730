//! The whole front of the pipeline in one call: parse, build the value
//! tree, resolve variables, check against the schema, and check what a
//! build needs. `svc check`, `svc print` and the language server all start
//! here.

use std::sync::Arc;

use crate::check::{Known, KnownCache};
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
    /// The resources svc generates (with the declared ones), when a
    /// [`KnownCache`] was given and the check needed them.
    pub generated: Option<Arc<Known>>,
}

/// Analyses the service source `src`, checking too that it can be built
/// (see [`crate::check::check_buildable`]): what `svc check` reports.
pub fn analyse(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    analyse_with(src, options, files, None)
}

/// [`analyse`], with the resources svc generates from `cache` when given:
/// for an editor, which analyses the same service after every change.
pub fn analyse_with(src: &str, options: &Options, files: &dyn FileSystem, cache: Option<&KnownCache>) -> Analysis {
    run(src, options, files, cache, true)
}

/// [`analyse`] of the service as configuration only, not checked for what
/// a build needs (a runtime, handler files): what `svc print` shows, as
/// `serverless print` does.
pub fn analyse_configuration(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, false)
}

fn run(src: &str, options: &Options, files: &dyn FileSystem, cache: Option<&KnownCache>, build: bool) -> Analysis {
    let parse = crate::parse(src);
    let (tree, tree_diagnostics) = tree::from_syntax(&parse.file);
    let (resolved, resolve_diagnostics) = resolve::resolve(&tree, options, files);
    let (service, check_diagnostics, generated) = crate::check::check_with(&resolved, cache);
    let mut diagnostics = parse.diagnostics.clone();
    diagnostics.extend(tree_diagnostics);
    diagnostics.extend(resolve_diagnostics);
    diagnostics.extend(check_diagnostics);
    if build {
        diagnostics.extend(crate::check::check_buildable(&service, &options.base_dir, files));
    }
    diagnostics.extend(crate::check::check_sub_text(&parse.file));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis { parse, service, diagnostics, generated }
}
