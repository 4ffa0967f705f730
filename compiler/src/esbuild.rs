//! esbuild bundling of Node.js functions: `build { esbuild = … }`
//! (Serverless v4) or `custom.esbuild` (the serverless-esbuild plugin, also
//! on when `plugins` lists it). Read once here: packaging gives each
//! bundled function its own zip, the handler check accepts TypeScript
//! sources, and the CLI runs esbuild.

use crate::span::Span;
use crate::tree::{Entry, Node, NodeKind};

/// The plugin's npm name, as `plugins` lists it.
pub const PLUGIN: &str = "serverless-esbuild";

/// Source files esbuild reads besides JavaScript, in the order a handler's
/// module is looked for after `.js`, `.mjs`, `.cjs`.
pub const SOURCE_EXTENSIONS: [&str; 4] = [".ts", ".mts", ".cts", ".tsx"];

/// Where a source map goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceMap {
    /// A `.js.map` file, named at the end of the bundle.
    Linked,
    /// A `.js.map` file, not named in the bundle.
    External,
    /// Inside the bundle.
    Inline,
    /// Inside the bundle and as a file.
    Both,
}

/// The esbuild settings of a service.
#[derive(Clone, Debug, PartialEq)]
pub struct Esbuild {
    /// Where the settings are written (for problems of a bundle).
    pub span: Span,
    /// `bundle`.
    pub bundle: bool,
    /// `minify`.
    pub minify: bool,
    /// `sourcemap`.
    pub sourcemap: Option<SourceMap>,
    /// `target`, when set.
    pub target: Option<String>,
    /// `external`: left out of the bundle, installed into `node_modules`.
    pub external: Vec<String>,
    /// `exclude`: left out of the bundle and of the zip.
    pub exclude: Vec<String>,
    /// `format = "esm"`.
    pub esm: bool,
    /// `keepNames`.
    pub keep_names: bool,
}

impl Esbuild {
    /// The settings of the checked `service`, when bundling is on.
    pub fn of(service: &Node) -> Option<Esbuild> {
        let (span, settings) = written(service)?;
        let own = |key: &str| settings.and_then(|s| s.get(key));
        let flag = |key: &str, default: bool| match own(key).map(|n| &n.kind) {
            Some(NodeKind::Bool(b)) => *b,
            _ => default,
        };
        let strings = |key: &str| -> Vec<String> {
            own(key)
                .and_then(Node::as_list)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect()
        };
        Some(Esbuild {
            span,
            bundle: flag("bundle", true),
            minify: flag("minify", false),
            sourcemap: own("sourcemap").and_then(sourcemap),
            target: own("target").and_then(Node::as_str).map(str::to_owned),
            external: strings("external"),
            exclude: strings("exclude"),
            esm: own("format").and_then(Node::as_str) == Some("esm"),
            keep_names: flag("keepNames", false),
        })
    }

    /// Whether `function` of `service` is bundled: bundling is on, and it
    /// is a Node.js function packaged from source (no image, no prebuilt
    /// artifact). Reads a few keys and allocates nothing: lowering asks
    /// it of every function.
    pub fn bundles(service: &Node, function: &Entry) -> bool {
        let own = |key: &str| function.value.at_address(key);
        let runtime = own("runtime").or_else(|| service.at_address("provider.runtime")).and_then(Node::as_str);
        runtime.is_some_and(|r| r.starts_with("nodejs"))
            && own("image").is_none()
            && own("package.artifact").is_none()
            && service.at_address("package.artifact").is_none()
            && written(service).is_some()
    }
}

/// Where bundling is asked for and its settings: `build.esbuild` (unless
/// `false`), else `custom.esbuild`, else the plugin in `plugins` (no
/// settings).
fn written(service: &Node) -> Option<(Span, Option<&crate::tree::Object>)> {
    let build = service.at_address("build").and_then(|b| b.as_object()?.entry("esbuild"));
    let build = build.filter(|e| !matches!(e.value.kind, NodeKind::Bool(false) | NodeKind::Null));
    let custom = service.at_address("custom").and_then(|c| c.as_object()?.entry("esbuild"));
    match (build, custom) {
        (Some(entry), _) | (None, Some(entry)) => Some((entry.key_span, entry.value.as_object())),
        (None, None) => Some((crate::plugins::listed(service, PLUGIN)?, None)),
    }
}

/// The file a bundled handler module becomes in the zip: `src/api` →
/// `src/api.js` (`.mjs` for ES modules).
pub fn output_file(module: &str, esm: bool) -> String {
    format!("{module}.{}", if esm { "mjs" } else { "js" })
}

fn sourcemap(node: &Node) -> Option<SourceMap> {
    match &node.kind {
        NodeKind::Bool(true) => Some(SourceMap::Linked),
        NodeKind::String(kind) => match kind.as_str() {
            "inline" => Some(SourceMap::Inline),
            "external" => Some(SourceMap::External),
            "both" => Some(SourceMap::Both),
            _ => Some(SourceMap::Linked),
        },
        NodeKind::Object(object) => sourcemap(object.get("type")?).or(Some(SourceMap::Linked)),
        _ => None,
    }
}
