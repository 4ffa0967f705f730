//! Packaging a whole service: a zip per layer, then the code of each
//! function as [`packaging`] decides (its own zip, a prebuilt artifact, or
//! the shared service zip), each zip once. Size limits are checked from
//! file sizes before zipping; the handler files and the limit of code and
//! layers together once the template says which layers a function uses.

use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;

use serde_json::Value;
use svc_compiler::esbuild::Esbuild;
use svc_compiler::lower::packaging::{self, Packaging};
use svc_compiler::lower::{Context, Template};
use svc_compiler::python_requirements::PythonRequirements;
use svc_compiler::tree::{Entry, Node, NodeKind};
use svc_compiler::{Code, Diagnostic, Settings, Span, naming};

use super::limits::{UNZIPPED_LIMIT, ZIPPED_LIMIT, large_zip, largest, too_large};
use super::{Files, Package, Patterns, Prebuilt, collect, handler, prebuilt, zip};
use crate::install_cache;
use crate::node_dependencies;
use crate::python_requirements::{self, Installed, Platform};

/// A packaged service: what lowering needs, the zips, and which zip each
/// function runs.
pub struct Packaged {
    /// The keys and hashes of the zips, for lowering.
    pub context: Context,
    /// Every zip, each once.
    pub packages: Vec<Package>,
    /// The package each function runs, by function name.
    functions: BTreeMap<String, usize>,
    /// The package of each layer, by layer name.
    layers: BTreeMap<String, usize>,
    /// Problems found while packaging.
    diagnostics: Vec<Diagnostic>,
}

impl Packaged {
    /// Nothing packaged (`svc build --template-only`).
    pub fn empty(settings: &Settings) -> Self {
        Packaged {
            context: Context { settings: settings.clone(), ..Context::default() },
            packages: Vec::new(),
            functions: BTreeMap::new(),
            layers: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The problems of packaging, and those the lowered `template` shows:
    /// a handler file missing from the package (or the function's layers),
    /// code and layers together over Lambda's limit.
    pub fn check(&self, service: &Node, template: &Template) -> Vec<Diagnostic> {
        let mut diagnostics = self.diagnostics.clone();
        for function in functions(service) {
            let Some(&index) = self.functions.get(function.key.as_str()) else { continue };
            let layers = self.layers_of(template, &function.key);
            diagnostics.extend(self.handler_problem(service, function, index, layers.as_deref()));
            let unzipped = self.packages[index].unzipped
                + layers.iter().flatten().map(|&l| self.packages[l].unzipped).sum::<u64>();
            if unzipped > UNZIPPED_LIMIT && self.packages[index].unzipped <= UNZIPPED_LIMIT {
                let what = format!("function `{}` with its layers", function.key);
                diagnostics.push(too_large(&what, unzipped, function.key_span));
            }
        }
        diagnostics
    }

    /// The packages of the layers the function's template resource uses;
    /// `None` when one of them is not a layer of this service.
    fn layers_of(&self, template: &Template, function: &str) -> Option<Vec<usize>> {
        let resource = template.get(&naming::lambda_function(function));
        let Some(Value::Array(layers)) = resource.as_ref().and_then(|r| r.pointer("/Properties/Layers")) else {
            return Some(Vec::new());
        };
        layers
            .iter()
            .map(|layer| {
                let id = layer.get("Ref")?.as_str()?;
                self.layers.iter().find(|(name, _)| naming::lambda_layer(name) == id).map(|(_, &index)| index)
            })
            .collect()
    }

    /// E0408 when the function's handler file is in neither its package nor
    /// its layers. Not checked when a layer is not this service's.
    fn handler_problem(
        &self,
        service: &Node,
        function: &Entry,
        index: usize,
        layers: Option<&[usize]>,
    ) -> Option<Diagnostic> {
        let layers: Vec<&[String]> = layers?.iter().map(|&l| self.packages[l].entries.as_slice()).collect();
        let own = |key: &str| function.value.at_address(key).and_then(Node::as_str);
        let runtime = own("runtime").or_else(|| string(service, "provider.runtime"))?;
        let candidates = svc_compiler::handler::candidates(runtime, own("handler")?)?;
        let package = &self.packages[index];
        (!handler::found(&candidates, &package.entries, &layers))
            .then(|| handler::missing(function, &candidates, &package.file_name))
    }

    /// Adds `package` (W0402 at `span` when its zip is large), or finds the
    /// same one already added; its index.
    fn add(&mut self, package: Package, span: Span) -> Result<usize, String> {
        if let Some(index) = self.packages.iter().position(|p| p.artifact.s3_key == package.artifact.s3_key) {
            return Ok(index);
        }
        if self.packages.iter().any(|p| p.file_name == package.file_name) {
            return Err(format!(
                "two different packages are both named {}: rename a function or an artifact",
                package.file_name
            ));
        }
        if package.bytes.len() as u64 > ZIPPED_LIMIT {
            self.diagnostics.push(large_zip(&package.file_name, package.bytes.len() as u64, span));
        }
        self.packages.push(package);
        Ok(self.packages.len() - 1)
    }
}

/// `path` relative to `base` (`/`-separated) when it is inside it (and
/// not `base` itself); both must exist to be compared.
fn inside(base: &Path, path: &Path) -> Option<String> {
    let (base, path) = (base.canonicalize().ok()?, path.canonicalize().ok()?);
    let relative = path.strip_prefix(&base).ok().filter(|r| !r.as_os_str().is_empty())?;
    Some(relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// Packages the code of `service` (its folder is `base`) as it resolved
/// to `settings`,
/// leaving out `output` (where the build writes) when it is in the
/// service folder. An I/O problem is an `Err` of one line; problems in the
/// source are diagnostics of the result.
pub fn package(service: &Node, base: &Path, settings: &Settings, output: Option<&Path>) -> Result<Packaged, String> {
    let output = output.and_then(|output| inside(base, output));
    let packaged = Packaged::empty(settings);
    let requirements = PythonRequirements::of(service);
    let mut packer = Packer {
        service,
        base,
        output,
        dirname: settings.artifact_folder.clone(),
        packaged,
        requirements,
        installs: BTreeMap::new(),
        node_lock: node_lock(service, base),
        node_installs: BTreeMap::new(),
        esbuild: Esbuild::of(service),
        bundles: BTreeMap::new(),
        bundle_folder: None,
    };
    packer.layers()?;
    packer.requirements_layer()?;
    packer.bundle_all()?;
    let mut shared = Vec::new();
    for function in functions(service) {
        match packaging::packaging(service, function) {
            Packaging::Image => {}
            Packaging::Artifact(node) => packer.artifact(function, node)?,
            Packaging::Individual => packer.individual(function)?,
            Packaging::Service => shared.push(function),
        }
    }
    packer.shared(&shared)?;
    if let Some(folder) = &packer.bundle_folder {
        let _ = std::fs::remove_dir_all(folder);
    }
    Ok(packer.packaged)
}

/// What packaging a service needs at hand.
struct Packer<'a> {
    service: &'a Node,
    base: &'a Path,
    /// The build's output folder, relative to `base`, when it is inside.
    output: Option<String>,
    /// `<prefix>/<service>/<stage>/code-artifacts`, the keys' folder.
    dirname: String,
    packaged: Packaged,
    /// `custom.pythonRequirements`, when set.
    requirements: Option<PythonRequirements>,
    /// The installs of the requirements made so far, by platform (`None`:
    /// it failed, and E0412 says why).
    installs: BTreeMap<String, Option<Rc<Installed>>>,
    /// The lock file of the service's production Node.js dependencies,
    /// when `package.json` has some (and `excludeDevDependencies` is not
    /// `false`).
    node_lock: Option<node_dependencies::Lock>,
    /// The installs of the Node.js dependencies made so far, by platform
    /// (`None`: it failed, and E0413 says why).
    node_installs: BTreeMap<String, Option<Rc<node_dependencies::Installed>>>,
    /// `build.esbuild` or `custom.esbuild`, when set.
    esbuild: Option<Esbuild>,
    /// The esbuild bundle of each bundled function, made up front (one
    /// esbuild run for all), or why not.
    bundles: BTreeMap<String, Result<crate::bundle::Bundle, String>>,
    /// The folder the bundles are written to, removed once zipped.
    bundle_folder: Option<std::path::PathBuf>,
}

impl Packer<'_> {
    /// A zip per layer, of the files of its `path` folder that its
    /// `package.patterns` choose.
    fn layers(&mut self) -> Result<(), String> {
        let Some(layers) = self.service.at_address("layers").and_then(Node::as_object) else {
            return Ok(());
        };
        for layer in layers.entries() {
            if let Some(artifact) = layer.value.at_address("package.artifact") {
                self.packaged.diagnostics.push(
                    Diagnostic::error(
                        Code::E0410,
                        format!("layer `{}`: a prebuilt layer zip is not supported yet", layer.key),
                        artifact.span,
                        "not used",
                    )
                    .with_help("remove `artifact` and give the layer's folder in `path`: svc zips it"),
                );
                continue;
            }
            let Some(folder) = layer.value.at_address("path").and_then(Node::as_str) else { continue };
            let root = self.base.join(folder.trim_end_matches('/'));
            let patterns = Patterns::new(&strings(&layer.value, "package.patterns"), &[])?;
            let files = collect(&root, &patterns).map_err(|e| format!("layer `{}`: {e}", layer.key))?;
            if files.unzipped > UNZIPPED_LIMIT {
                let what = format!("layer `{}`", layer.key);
                self.packaged.diagnostics.push(too_large(&what, files.unzipped, layer.key_span));
                continue;
            }
            let package = zip(&files, &self.dirname, &format!("{}.zip", layer.key))?;
            let index = self.packaged.add(package, layer.key_span)?;
            self.packaged
                .context
                .layers
                .insert(layer.key.as_str().to_owned(), self.packaged.packages[index].artifact.clone());
            self.packaged.layers.insert(layer.key.as_str().to_owned(), index);
        }
        Ok(())
    }

    /// The layer `pythonRequirements`, with `custom.pythonRequirements.layer`:
    /// the requirements installed for the layer's runtime and architecture.
    fn requirements_layer(&mut self) -> Result<(), String> {
        let Some(requirements) = self.requirements.clone().filter(|r| r.layer.is_some()) else { return Ok(()) };
        let Some(platform) = self.layer_platform(&requirements) else {
            let message = "the layer `pythonRequirements` has no Python runtime";
            let diagnostic = Diagnostic::error(
                Code::E0412,
                message,
                requirements.span,
                "Python requirements asked for here",
            )
            .with_help(
                "set `runtime = \"python3.12\"` in `provider aws { … }`, or `compatibleRuntimes` in `layer { … }`",
            );
            self.packaged.diagnostics.push(diagnostic);
            return Ok(());
        };
        let Some(installed) = self.install(&requirements, &platform) else { return Ok(()) };
        let package = match prebuilt(&installed.layer_zip(), &self.dirname) {
            Ok(package) => package,
            Err(_) => return Err(format!("{}: cannot read the cached layer", installed.layer_zip().display())),
        };
        let index = self.packaged.add(package, requirements.span)?;
        let name = svc_compiler::python_requirements::LAYER.to_owned();
        self.packaged.context.layers.insert(name.clone(), self.packaged.packages[index].artifact.clone());
        self.packaged.layers.insert(name, index);
        Ok(())
    }

    /// The platform of the requirements layer: its first compatible
    /// runtime and architecture, else the provider's (else the first
    /// Python function's runtime).
    fn layer_platform(&self, requirements: &PythonRequirements) -> Option<Platform> {
        let first = |key: &str| requirements.layer_setting(key).and_then(Node::as_list)?.first()?.as_str();
        let runtime = first("compatibleRuntimes")
            .or_else(|| string(self.service, "provider.runtime"))
            .filter(|r| r.starts_with("python"))
            .or_else(|| {
                functions(self.service)
                    .iter()
                    .find_map(|f| runtime(self.service, f).filter(|r| r.starts_with("python")))
            })?;
        let architecture = first("compatibleArchitectures").or_else(|| string(self.service, "provider.architecture"));
        Platform::of(runtime, architecture)
    }

    /// Adds the requirements to `files`, a zip of `functions` (without
    /// `layer`: the plugin puts them into every Python function's zip),
    /// installed for the first Python function's platform; the function's
    /// own files win over installed ones of the same name. `false` when
    /// they cannot be added (a diagnostic says why).
    fn add_requirements(&mut self, files: &mut Files, functions: &[&Entry], what: &str) -> Result<bool, String> {
        let Some(requirements) = self.requirements.clone().filter(|r| r.layer.is_none()) else { return Ok(true) };
        let service = self.service;
        let platform = functions.iter().find_map(|f| Platform::of(runtime(service, f)?, architecture(service, f)));
        let Some(platform) = platform else { return Ok(true) };
        let Some(installed) = self.install(&requirements, &platform) else { return Ok(false) };
        files.merge(installed.files()?);
        if files.unzipped > UNZIPPED_LIMIT {
            let diagnostic =
                too_large(&format!("{what} with its Python requirements"), files.unzipped, requirements.span);
            let help = format!("{}; {}", largest(&installed.files()?), python_requirements::NARROWER);
            self.packaged.diagnostics.push(diagnostic.with_help(help));
            return Ok(false);
        }
        Ok(true)
    }

    /// Puts the service's production Node.js dependencies, installed from
    /// its lock file for the first Node.js function's platform, in place of
    /// the folder's own `node_modules` in `files`, a zip of `functions`.
    /// `false` when they cannot be installed (E0413 says why).
    fn add_node_modules(&mut self, files: &mut Files, functions: &[&Entry]) -> Result<bool, String> {
        let Some(lock) = self.node_lock.clone() else { return Ok(true) };
        let service = self.service;
        let first = functions
            .iter()
            .find_map(|f| Some((f, node_dependencies::Platform::of(runtime(service, f)?, architecture(service, f))?)));
        let Some((function, platform)) = first else { return Ok(true) };
        let span = function.key_span;
        let installed = once(
            &mut self.node_installs,
            &mut self.packaged.diagnostics,
            &platform.to_string(),
            || node_dependencies::install(self.base, &lock, &platform).map(|i| (i.summary(), i)),
            |reason| {
                let message = format!("the Node.js dependencies cannot be installed for {platform}");
                Diagnostic::error(Code::E0413, message, span, "its package.json dependencies are installed for its zip")
                    .with_help(reason)
            },
        );
        let Some(installed) = installed else { return Ok(false) };
        files.retain(|name| !name.starts_with("node_modules/"));
        files.merge(installed.files()?);
        if files.unzipped > UNZIPPED_LIMIT {
            let what = format!("function `{}` with its Node.js dependencies", function.key);
            let diagnostic = too_large(&what, files.unzipped, function.key_span);
            let help =
                format!("{}; leave some out of `dependencies`, or bundle with esbuild", largest(&installed.files()?));
            self.packaged.diagnostics.push(diagnostic.with_help(help));
            return Ok(false);
        }
        Ok(true)
    }

    /// The requirements installed for `platform` (once per build, said on
    /// stderr); `None` when the install failed (E0412 says why, once).
    fn install(&mut self, requirements: &PythonRequirements, platform: &Platform) -> Option<Rc<Installed>> {
        once(
            &mut self.installs,
            &mut self.packaged.diagnostics,
            &platform.to_string(),
            || python_requirements::install(requirements, self.base, platform).map(|i| (i.summary(), i)),
            |reason| {
                let message = format!("the Python requirements cannot be installed for {platform}");
                Diagnostic::error(Code::E0412, message, requirements.file_span, "Python requirements asked for here")
                    .with_help(reason)
            },
        )
    }

    /// The function's own zip: the service's patterns, then its own.
    fn individual(&mut self, function: &Entry) -> Result<(), String> {
        if Esbuild::bundles(self.service, function) {
            return self.bundled(function);
        }
        let mut patterns = strings(self.service, "package.patterns");
        patterns.extend(strings(&function.value, "package.patterns"));
        let Some(mut files) = self.files(&patterns, &format!("function `{}`", function.key), function.key_span)? else {
            return Ok(());
        };
        let what = format!("function `{}`", function.key);
        if !self.add_requirements(&mut files, &[function], &what)? || !self.add_node_modules(&mut files, &[function])? {
            return Ok(());
        }
        let package = zip(&files, &self.dirname, &format!("{}.zip", function.key))?;
        self.uses(&[function], package, function.key_span)
    }

    /// Bundles every function esbuild bundles, in one esbuild run per
    /// target, into a folder of the cache.
    fn bundle_all(&mut self) -> Result<(), String> {
        let Some(esbuild) = &self.esbuild else { return Ok(()) };
        let service = self.service;
        let bundled: Vec<(&Entry, &str, &str)> = functions(service)
            .iter()
            .filter(|f| Esbuild::bundles(service, f))
            .filter_map(|f| Some((f, f.value.at_address("handler")?.as_str()?, runtime(service, f)?)))
            .collect();
        if bundled.is_empty() {
            return Ok(());
        }
        let folder = install_cache::staging(&install_cache::root(None, self.base, "bundles")?)?;
        let handlers: Vec<crate::bundle::Handler<'_>> =
            bundled.iter().map(|(_, handler, runtime)| crate::bundle::Handler { handler, runtime }).collect();
        let results = crate::bundle::bundle(esbuild, self.base, &handlers, &folder);
        for ((function, _, _), result) in bundled.iter().zip(results) {
            self.bundles.insert(function.key.as_str().to_owned(), result);
        }
        self.bundle_folder = Some(folder);
        Ok(())
    }

    /// The function's own zip holding its esbuild bundle (and, with
    /// `external` packages, the production `node_modules`); E0414 at its
    /// `handler` when esbuild fails.
    fn bundled(&mut self, function: &Entry) -> Result<(), String> {
        let Some(handler) = function.value.as_object().and_then(|f| f.entry("handler")) else { return Ok(()) };
        match self.bundles.remove(function.key.as_str()) {
            Some(Ok(bundle)) => {
                let name = handler.value.as_str().and_then(|h| h.rsplit_once('.')).map_or("", |(_, name)| name);
                if bundle.exports.as_ref().is_some_and(|exports| !exports.iter().any(|e| e == name)) {
                    self.packaged.diagnostics.push(not_exported(function, handler, &bundle.source, name));
                    return Ok(());
                }
                let mut files = bundle.files;
                let external = self.esbuild.as_ref().is_some_and(|e| !e.external.is_empty());
                if !external || self.add_node_modules(&mut files, &[function])? {
                    let package = zip(&files, &self.dirname, &format!("{}.zip", function.key))?;
                    return self.uses(&[function], package, function.key_span);
                }
                Ok(())
            }
            Some(Err(reason)) => {
                let diagnostic = Diagnostic::error(
                    Code::E0414,
                    format!("function `{}` cannot be bundled", function.key),
                    handler.value.span,
                    "esbuild bundles this handler",
                )
                .with_help(reason);
                self.packaged.diagnostics.push(diagnostic);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// One zip shared by `functions`, of the service's patterns.
    fn shared(&mut self, functions: &[&Entry]) -> Result<(), String> {
        if functions.is_empty() {
            return Ok(());
        }
        let root = self.service.as_object().map(|o| o.entries()).unwrap_or_default();
        let span = ["package", "service"].iter().find_map(|k| root.iter().find(|e| e.key == *k)).map(|e| e.key_span);
        let patterns = strings(self.service, "package.patterns");
        let span = span.unwrap_or(functions[0].key_span);
        let Some(mut files) = self.files(&patterns, "the service package", span)? else { return Ok(()) };
        if !self.add_requirements(&mut files, functions, "the service package")?
            || !self.add_node_modules(&mut files, functions)?
        {
            return Ok(());
        }
        let name = string(self.service, "service").unwrap_or_default();
        let package = zip(&files, &self.dirname, &format!("{name}.zip"))?;
        self.packaged.context.package = Some(package.artifact.clone());
        self.uses(functions, package, span)
    }

    /// A prebuilt zip, used as is; E0410 when it is missing, not a zip, or
    /// in S3.
    fn artifact(&mut self, function: &Entry, node: &Node) -> Result<(), String> {
        let Some(path) = node.as_str() else { return Ok(()) };
        let problem = if packaging::is_remote(path) {
            "is a URL: svc build uploads local zips only; download it and name the file".to_owned()
        } else {
            match prebuilt(&self.base.join(path), &self.dirname) {
                Ok(package) => return self.uses(&[function], package, node.span),
                Err(Prebuilt::Unreadable(message)) => return Err(message),
                Err(Prebuilt::Missing) => "does not exist".to_owned(),
                Err(Prebuilt::Refused(reason)) => format!("is {reason}"),
                Err(Prebuilt::NotZip(reason)) => format!("is not a zip archive ({reason})"),
            }
        };
        let diagnostic = Diagnostic::error(
            Code::E0410,
            format!("the package artifact `{path}` {problem}"),
            node.span,
            format!("used by function `{}`", function.key),
        );
        if !self.packaged.diagnostics.iter().any(|d| d.code == Code::E0410 && d.primary.span == node.span) {
            self.packaged.diagnostics.push(diagnostic);
        }
        Ok(())
    }

    /// The files `patterns` choose from the service folder, or `None` (and
    /// E0409 at `span`) when they are over Lambda's limit.
    fn files(&mut self, patterns: &[String], what: &str, span: Span) -> Result<Option<Files>, String> {
        let files = collect(self.base, &Patterns::new(patterns, &self.excludes())?)?;
        if files.unzipped > UNZIPPED_LIMIT {
            self.packaged.diagnostics.push(too_large(what, files.unzipped, span));
            return Ok(None);
        }
        Ok(Some(files))
    }

    /// Layer folders, the build's output folder and the requirements'
    /// `cacheLocation` are not part of function packages (a zip of an
    /// earlier build would be packaged again, and grow on every build).
    fn excludes(&self) -> Vec<String> {
        let layers = self.service.at_address("layers").and_then(Node::as_object);
        let folders = layers
            .map(|l| l.entries())
            .unwrap_or_default()
            .iter()
            .filter_map(|l| l.value.at_address("path").and_then(Node::as_str))
            .chain(self.output.as_deref())
            .chain(self.requirements.as_ref().and_then(|r| r.cache_location.as_deref()));
        folders.map(|folder| format!("{}/**", folder.trim_end_matches('/'))).collect()
    }

    /// Records that `functions` run `package` (written at `span`).
    fn uses(&mut self, functions: &[&Entry], package: Package, span: Span) -> Result<(), String> {
        let artifact = package.artifact.clone();
        let index = self.packaged.add(package, span)?;
        for function in functions {
            self.packaged.functions.insert(function.key.as_str().to_owned(), index);
            self.packaged.context.functions.insert(function.key.as_str().to_owned(), artifact.clone());
        }
        Ok(())
    }
}

/// E0408: the handler's source, bundled, does not export the function
/// `name` the handler names.
fn not_exported(function: &Entry, handler: &Entry, source: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0408,
        format!("the handler of function `{}` is not exported: `{source}` exports no `{name}`", function.key),
        handler.value.span,
        format!("no export `{name}` in {source}"),
    )
    .with_help(format!(
        "export it from {source} (`export const {name} = async (event) => …`), or fix the name after the last `.`"
    ))
}

/// The install `key` of this build, made once: `install` the first time
/// (its line said on stderr), or the diagnostic `problem` makes of why it
/// failed; `None` when it failed.
fn once<T>(
    done: &mut BTreeMap<String, Option<Rc<T>>>,
    diagnostics: &mut Vec<Diagnostic>,
    key: &str,
    install: impl FnOnce() -> Result<(String, T), String>,
    problem: impl FnOnce(String) -> Diagnostic,
) -> Option<Rc<T>> {
    if let Some(earlier) = done.get(key) {
        return earlier.clone();
    }
    let made = match install() {
        Ok((line, installed)) => {
            crate::output::step(&line);
            Some(Rc::new(installed))
        }
        Err(reason) => {
            diagnostics.push(problem(reason));
            None
        }
    };
    done.insert(key.to_owned(), made.clone());
    made
}

/// The lock file of the service's production Node.js dependencies, unless
/// `package.excludeDevDependencies = false` (then `node_modules` is zipped
/// as it is).
fn node_lock(service: &Node, base: &Path) -> Option<node_dependencies::Lock> {
    let keep_dev =
        service.at_address("package.excludeDevDependencies").is_some_and(|n| matches!(n.kind, NodeKind::Bool(false)));
    if keep_dev { None } else { node_dependencies::lock_file(base) }
}

/// The architecture of `function`: its own, else the provider's.
fn architecture<'a>(service: &'a Node, function: &'a Entry) -> Option<&'a str> {
    function
        .value
        .at_address("architecture")
        .and_then(Node::as_str)
        .or_else(|| string(service, "provider.architecture"))
}

/// The runtime of `function`: its own, else the provider's.
fn runtime<'a>(service: &'a Node, function: &'a Entry) -> Option<&'a str> {
    function.value.at_address("runtime").and_then(Node::as_str).or_else(|| string(service, "provider.runtime"))
}

fn functions(service: &Node) -> &[Entry] {
    service.at_address("functions").and_then(Node::as_object).map_or(&[], |o| o.entries())
}

fn string<'a>(node: &'a Node, path: &str) -> Option<&'a str> {
    node.at_address(path).and_then(Node::as_str)
}

fn strings(node: &Node, path: &str) -> Vec<String> {
    match node.at_address(path).map(|n| &n.kind) {
        Some(NodeKind::List(items)) => items.iter().filter_map(Node::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(name: &str, size: u64) -> Package {
        let bytes = vec![0; usize::try_from(size).expect("fits")];
        Package::new(name, bytes, "serverless/s/dev/code-artifacts", Vec::new(), size)
    }

    #[test]
    fn a_zip_over_50_mb_is_a_warning_at_its_place() {
        let mut packaged = Packaged::empty(&Settings::default());
        let span = Span::new(10, 14);
        packaged.add(package("small.zip", ZIPPED_LIMIT), span).expect("added");
        assert!(packaged.diagnostics.is_empty(), "50 MB exactly is allowed");
        packaged.add(package("big.zip", ZIPPED_LIMIT + 1), span).expect("added");
        let codes: Vec<(Code, Span, bool)> =
            packaged.diagnostics.iter().map(|d| (d.code, d.primary.span, d.is_error())).collect();
        assert_eq!(codes, [(Code::W0402, span, false)]);
    }

    #[test]
    fn the_same_zip_is_added_once_and_two_zips_cannot_share_a_name() {
        let mut packaged = Packaged::empty(&Settings::default());
        let span = Span::new(0, 1);
        assert_eq!(packaged.add(package("a.zip", 1), span), Ok(0));
        assert_eq!(packaged.add(package("a.zip", 1), span), Ok(0));
        assert!(packaged.add(package("a.zip", 2), span).is_err(), "other bytes under the same file name");
    }
}
