//! The whole front of the pipeline in one call, and the one place that
//! sequences the compiler's stages: parse, build the value tree, resolve
//! variables, check against the schema, work out the settings, lower for
//! names (the resources svc generates, and what only lowering refuses),
//! check references and rules, and check what a build needs (handler
//! files). `svc check`, `svc print`, `svc build` and the language server
//! all start here; no stage calls a later one, so `svc check` reports
//! everything `svc build` would refuse but for what needs the packaged
//! code.

use std::sync::Arc;

use crate::check::{self, Generated, Known, KnownCache};
use crate::diagnostic::{self, Diagnostic};
use crate::files::FileSystem;
use crate::lower::{self, Context, Purpose};
use crate::resolve::{self, Options};
use crate::settings::Settings;
use crate::syntax::Parse;
use crate::tree::{self, Node};

/// A service, analysed.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The syntax tree.
    pub parse: Parse,
    /// The value tree as written, before variables are resolved (the
    /// spans of keys, for the editor's names, references and rename).
    pub tree: Node,
    /// The resolved, checked and coerced value tree.
    pub service: Node,
    /// What the service resolved to: stage, region, stack name, …
    pub settings: Settings,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The resources of its template (declared and generated) and the
    /// problems lowering found, shared with the [`KnownCache`] if given.
    pub generated: Arc<Generated>,
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
/// a build needs (a runtime, handler files, what lowering refuses): what
/// `svc print` shows, as `serverless print` does.
pub fn analyse_configuration(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, false)
}

fn run(src: &str, options: &Options, files: &dyn FileSystem, cache: Option<&KnownCache>, build: bool) -> Analysis {
    let parse = crate::parse(src);
    let (tree, tree_diagnostics) = tree::from_syntax(&parse.file);
    let (resolved, resolve_diagnostics) = resolve::resolve(&tree, options, files);
    let (service, check_diagnostics) = check::check(&resolved);
    let settings = Settings::new(&service, options);
    let generated = match cache {
        Some(cache) => cache.get_or(&service, &settings, || lower_for_names(&service, &settings)),
        None => Arc::new(lower_for_names(&service, &settings)),
    };
    let reference_diagnostics = check::check_references(&service, &generated.resources);
    let mut diagnostics = parse.diagnostics.clone();
    diagnostics.extend(tree_diagnostics);
    diagnostics.extend(resolve_diagnostics);
    diagnostics.extend(check_diagnostics);
    if build {
        diagnostics.extend(generated.diagnostics.iter().cloned());
        diagnostics.extend(check::check_buildable(&service, &options.base_dir, files));
    }
    diagnostics.extend(reference_diagnostics);
    diagnostics.extend(check::check_rules(&service));
    diagnostics.extend(check::check_sub_text(&parse.file));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis { parse, tree, service, settings, diagnostics, generated }
}

impl Analysis {
    /// The resources of the service's template, declared or generated.
    pub fn resources(&self) -> &Known {
        &self.generated.resources
    }
}

/// The resources of the template of the checked `service` (logical ID →
/// type, declared or generated) and the problems lowering finds: a
/// lowering for names only.
pub fn lower_for_names(service: &Node, settings: &Settings) -> Generated {
    let context = Context { settings: settings.clone(), purpose: Purpose::Names, ..Context::default() };
    let (template, diagnostics) = lower::lower(service, &context);
    let resources = template.resource_types().map(|(id, kind)| (id.to_owned(), kind.to_owned())).collect();
    Generated { resources, diagnostics }
}
