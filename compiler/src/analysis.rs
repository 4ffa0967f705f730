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
    /// problems lowering found, shared with the [`KnownCache`] if given:
    /// always there after [`analyse`], and after the other analyses when a
    /// reference named a resource the service does not declare.
    pub generated: Option<Arc<Generated>>,
}

/// How much an analysis checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Depth {
    /// The configuration: syntax, variables, schema, references, rules
    /// (`svc print`, as `serverless print`).
    Configuration,
    /// The configuration and what a build needs that lowering does not
    /// check itself (a runtime, handler files): for `svc build` and the
    /// AWS commands, which lower the service themselves and report what
    /// lowering finds.
    Build,
    /// Everything `svc build` refuses but for what needs the packaged
    /// code: the configuration, the build's needs and what lowering
    /// refuses (`svc check`, the editor).
    Everything,
}

/// Analyses the service source `src`, checking everything `svc build`
/// would refuse but for what needs the packaged code: what `svc check`
/// reports.
pub fn analyse(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    analyse_with(src, options, files, None)
}

/// [`analyse`], with the resources svc generates from `cache` when given:
/// for an editor, which analyses the same service after every change.
pub fn analyse_with(src: &str, options: &Options, files: &dyn FileSystem, cache: Option<&KnownCache>) -> Analysis {
    run(src, options, files, cache, Depth::Everything)
}

/// [`analyse`] for a caller that lowers the service itself and reports
/// what lowering finds (`svc build`, `svc deploy`, `svc diff`): lowering
/// for names happens only when a reference needs the generated resources.
pub fn analyse_for_build(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, Depth::Build)
}

/// [`analyse`] of the service as configuration only, not checked for what
/// a build needs (a runtime, handler files, what lowering refuses): what
/// `svc print` shows, as `serverless print` does.
pub fn analyse_configuration(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, Depth::Configuration)
}

fn run(src: &str, options: &Options, files: &dyn FileSystem, cache: Option<&KnownCache>, depth: Depth) -> Analysis {
    let parse = crate::parse(src);
    let (tree, tree_diagnostics) = tree::from_syntax(&parse.file);
    let (resolved, resolve_diagnostics) = resolve::resolve(&tree, options, files);
    let (service, check_diagnostics) = check::check(&resolved);
    // The checked service replaces the resolved tree: lowering a large
    // service must not hold both.
    drop(resolved);
    let settings = Settings::new(&service, options);
    let lowered = || match cache {
        Some(cache) => cache.get_or(&service, &settings, || lower_for_names(&service, &settings)),
        None => Arc::new(lower_for_names(&service, &settings)),
    };
    // Lowering for names is most of what an analysis can cost: only
    // `Everything` needs it whatever the service says.
    let mut generated = (depth == Depth::Everything).then(lowered);
    let reference_diagnostics =
        check::check_references(&service, &mut || Arc::clone(generated.get_or_insert_with(lowered)));
    let mut diagnostics = parse.diagnostics.clone();
    diagnostics.extend(tree_diagnostics);
    diagnostics.extend(resolve_diagnostics);
    diagnostics.extend(check_diagnostics);
    if depth != Depth::Configuration {
        diagnostics.extend(check::check_buildable(&service, &options.base_dir, files));
    }
    if let Some(generated) = generated.as_ref().filter(|_| depth == Depth::Everything) {
        diagnostics.extend(generated.diagnostics.iter().cloned());
    }
    diagnostics.extend(reference_diagnostics);
    diagnostics.extend(check::check_rules(&service));
    diagnostics.extend(check::check_secure_strings(&service));
    diagnostics.extend(check::check_sub_text(&parse.file));
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis { parse, tree, service, settings, diagnostics, generated }
}

impl Analysis {
    /// The resources of the service's template, declared or generated,
    /// when the analysis lowered it (always after [`analyse`]).
    pub fn resources(&self) -> Option<&Known> {
        self.generated.as_ref().map(|g| &g.resources)
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
