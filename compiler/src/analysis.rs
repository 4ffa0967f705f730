//! The whole front of the pipeline in one call, and the one place that
//! sequences the compiler's stages: parse, build the value tree, resolve
//! variables, check against the schema, work out the settings, lower for
//! names (the resources svc generates, and what only lowering refuses),
//! check references and rules, and check what a build needs (handler
//! files). `svc check`, `svc print`, `svc build` and the language server
//! all start here; no stage calls a later one, so `svc check` reports
//! everything `svc build` would refuse but for what needs the packaged
//! code.

use std::sync::{Arc, OnceLock};

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

/// The service as written, which an editor maps positions to: what an
/// analysis lets go of as soon as it has read it, unless asked to keep it
/// ([`analyse_with`]). The syntax tree is the largest thing an analysis
/// builds (about eight times the source), so a command that only reports
/// never holds it beside the trees built after it.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The syntax tree.
    pub parse: Parse,
    /// The value tree as written, built from the syntax tree when first
    /// asked for ([`Written::tree`]).
    tree: OnceLock<Node>,
}

impl Written {
    /// The value tree as written, before variables are resolved (the
    /// spans of keys, for the editor's names, references and rename):
    /// built the first time it is asked for, as few edits need it and the
    /// analysis resolves its own copy in place.
    pub fn tree(&self) -> &Node {
        self.tree.get_or_init(|| tree::from_syntax(&self.parse.file).0)
    }
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
    run(src, options, files, None, Depth::Everything, Keep::Nothing).0
}

/// [`analyse`] for an editor, which analyses the same service after every
/// change: with the resources svc generates from `cache`, and keeping the
/// service as written.
pub fn analyse_with(src: &str, options: &Options, files: &dyn FileSystem, cache: &KnownCache) -> (Written, Analysis) {
    let (analysis, written) = run(src, options, files, Some(cache), Depth::Everything, Keep::Written);
    (written.unwrap_or_default(), analysis)
}

/// [`analyse`] for a caller that lowers the service itself and reports
/// what lowering finds (`svc build`, `svc deploy`, `svc diff`): lowering
/// for names happens only when a reference needs the generated resources.
pub fn analyse_for_build(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, Depth::Build, Keep::Nothing).0
}

/// [`analyse`] of the service as configuration only, not checked for what
/// a build needs (a runtime, handler files, what lowering refuses): what
/// `svc print` shows, as `serverless print` does.
pub fn analyse_configuration(src: &str, options: &Options, files: &dyn FileSystem) -> Analysis {
    run(src, options, files, None, Depth::Configuration, Keep::Nothing).0
}

/// [`analyse_for_build`] of a value tree built by other means than svc
/// source: a serverless.yml `svc import` read, so that `svc import
/// --check` compares what the YAML means with what the svc it wrote means.
pub fn analyse_tree_for_build(tree: Node, options: &Options, files: &dyn FileSystem) -> Analysis {
    stages(tree, Vec::new(), options, files, None, Depth::Build)
}

/// Whether an analysis keeps the service as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    /// Keep it, for an editor.
    Written,
    /// Let each tree go once the next is built.
    Nothing,
}

fn run(
    src: &str,
    options: &Options,
    files: &dyn FileSystem,
    cache: Option<&KnownCache>,
    depth: Depth,
    keep: Keep,
) -> (Analysis, Option<Written>) {
    let parse = crate::parse(src);
    let (tree, tree_diagnostics) = tree::from_syntax(&parse.file);
    let mut diagnostics = parse.diagnostics.clone();
    diagnostics.extend(check::check_sub_text(&parse.file));
    diagnostics.extend(tree_diagnostics);
    let parse = kept(keep, parse);
    let analysis = stages(tree, diagnostics, options, files, cache, depth);
    let written = parse.map(|parse| Written { parse, tree: OnceLock::new() });
    (analysis, written)
}

/// The stages after the value tree is built: resolve, check, settings,
/// lowering for names and the checks beside it; `diagnostics` are the
/// earlier stages'.
fn stages(
    tree: Node,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
    files: &dyn FileSystem,
    cache: Option<&KnownCache>,
    depth: Depth,
) -> Analysis {
    let (resolved, resolve_diagnostics) = resolve::resolve(tree, options, files);
    let (service, check_diagnostics) = check::check(resolved);
    diagnostics.extend(resolve_diagnostics);
    diagnostics.extend(check_diagnostics);
    let settings = Settings::new(&service, options);
    let lowered = || match cache {
        Some(cache) => cache.get_or(&service, &settings, || lower_for_names(&service, &settings)),
        None => Arc::new(lower_for_names(&service, &settings)),
    };
    let mut generated = std::thread::scope(|scope| {
        // Lowering for names is most of what an analysis can cost: only
        // `Everything` needs it whatever the service says, and it runs
        // beside the checks that do not need it.
        let lowering = (depth == Depth::Everything).then(|| scope.spawn(lowered));
        if depth != Depth::Configuration {
            diagnostics.extend(check::check_buildable(&service, &options.base_dir, files));
        }
        diagnostics.extend(check::check_rules(&service));
        diagnostics.extend(check::check_cycles(&service));
        diagnostics.extend(check::check_dynamodb_keys(&service));
        diagnostics.extend(check::check_resource_rules(&service));
        diagnostics.extend(check::check_secure_strings(&service));
        lowering.map(|lowering| lowering.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let reference_diagnostics =
        check::check_references(&service, &mut || Arc::clone(generated.get_or_insert_with(lowered)));
    if let Some(generated) = generated.as_ref().filter(|_| depth == Depth::Everything) {
        diagnostics.extend(generated.diagnostics.iter().cloned());
        diagnostics.extend(check::check_stack_limits(&service, generated));
    }
    diagnostics.extend(reference_diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Analysis { service, settings, diagnostics, generated }
}

/// `value` if the analysis keeps what is written; otherwise it is let go.
fn kept<T: Send + 'static>(keep: Keep, value: T) -> Option<T> {
    match keep {
        Keep::Written => Some(value),
        Keep::Nothing => {
            drop_aside(value);
            None
        }
    }
}

/// Drops `value` on a thread of its own: freeing a tree of a large service
/// takes tens of milliseconds the next stage need not wait for. (Where no
/// thread can be started, it is dropped here.)
fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
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
    let outputs = template.output_ids().map(str::to_owned).collect();
    let (types, rest) = template.into_resource_types();
    drop_aside(rest);
    Generated { resources: types.into_iter().collect(), outputs, diagnostics }
}
