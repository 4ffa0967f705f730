//! What a local run of one function needs, read from the service's
//! template (the function's `AWS::Lambda::Function` as `svc deploy` would
//! create it): so the handler, runtime, memory, timeout and the provider's
//! environment merged with the function's are the deployed ones.

use std::path::{Path, PathBuf};

use serde_json::Value;
use svc_compiler::analysis::Analysis;

use crate::install_cache;
use crate::python_requirements::{self, Platform};
use svc_compiler::esbuild::Esbuild;
use svc_compiler::lower::{self, Context, Template};
use svc_compiler::naming;
use svc_compiler::python_requirements::PythonRequirements;
use svc_compiler::tree::{Node, NodeKind, Path as TreePath};

/// The languages svc runs locally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// `python3.X`
    Python,
    /// `nodejsN.x`
    Node,
}

/// One function, ready to run on this machine.
#[derive(Clone, Debug)]
pub struct LocalFunction {
    /// Its name in the service (`hello`).
    pub name: String,
    /// Its name in AWS: `<service>-<stage>-<function>`, or its own `name`.
    pub deployed_name: String,
    /// `handler`, such as `handler.hello`.
    pub handler: String,
    /// The Lambda runtime, such as `python3.12`.
    pub runtime: String,
    /// The language of the runtime.
    pub language: Language,
    /// `memorySize` in MB.
    pub memory: u64,
    /// `timeout` in seconds.
    pub timeout: u64,
    /// The environment as the template has it: text, or a CloudFormation
    /// reference (`{"Ref": "UsersTable"}`) to read from the stack.
    pub environment: Vec<(String, Value)>,
    /// The variables whose value is read from AWS at deploy time
    /// (`${cf:stack.Output}`, `${s3:bucket/key}`), not in `environment`.
    pub deferred: Vec<(String, Node)>,
    /// The local folders of the function's layers, in order.
    pub layers: Vec<PathBuf>,
    /// The layers that are not in this service (an ARN), as written.
    pub remote_layers: Vec<String>,
    /// The Python requirements installed into the function's zip (without
    /// `pythonRequirements.layer`): imported as if beside its code.
    pub requirements: Option<PathBuf>,
    /// The task root (absolute): the service folder, or for a function
    /// esbuild bundles, the folder its bundle was written to.
    pub folder: PathBuf,
    /// For a bundled function, the service's `node_modules` (where its
    /// `external` packages are found).
    pub node_modules: Option<PathBuf>,
}

impl LocalFunction {
    /// Function `name` of the analysed service in `folder`, or why it
    /// cannot run here (one sentence).
    pub fn read(analysis: &Analysis, folder: &Path, name: &str) -> Result<LocalFunction, String> {
        LocalFunction::of(analysis, folder, name, &template(analysis))
    }

    /// [`Self::read`] with the service's `template` already lowered
    /// ([`template`]): for a caller that reads every function.
    pub fn of(analysis: &Analysis, folder: &Path, name: &str, template: &Template) -> Result<LocalFunction, String> {
        let folder = &std::path::absolute(folder).map_err(|e| format!("cannot find the service folder: {e}"))?;
        let id = naming::lambda_function(name);
        let resource = template.get(&id).ok_or_else(|| format!("function `{name}` could not be built"))?;
        let properties = &resource["Properties"];
        if properties.get("PackageType").and_then(Value::as_str) == Some("Image") {
            return Err(format!(
                "function `{name}` is a container image: svc runs {SUPPORTED} handlers locally, not images"
            ));
        }
        let runtime = text(properties, "Runtime")
            .ok_or_else(|| format!("function `{name}` has no runtime: set `runtime` on it or on the provider"))?;
        let language = language(&runtime)
            .ok_or_else(|| format!("function `{name}` runs `{runtime}`: svc runs {SUPPORTED} handlers locally"))?;
        let handler = text(properties, "Handler").ok_or_else(|| format!("function `{name}` has no handler"))?;
        let deferred = deferred(&analysis.service, name);
        let environment = properties
            .pointer("/Environment/Variables")
            .and_then(Value::as_object)
            .map(|vars| {
                let plain = vars.iter().filter(|(k, _)| !deferred.iter().any(|(d, _)| d == *k));
                plain.map(|(k, v)| (k.clone(), v.clone())).collect()
            })
            .unwrap_or_default();
        let platform = Platform::of(&runtime, properties.pointer("/Architectures/0").and_then(Value::as_str));
        let installed = |platform: &Platform, requirements: &PythonRequirements| {
            let installed = python_requirements::install(requirements, folder, platform)
                .map_err(|reason| format!("the Python requirements cannot be installed for {platform}: {reason}"))?;
            if !installed.cached {
                crate::output::step(&installed.summary());
            }
            Ok::<_, String>(installed.folder)
        };
        let requirements = PythonRequirements::of(&analysis.service);
        let requirements_layer = match (&requirements, &platform) {
            (Some(r), Some(p)) if r.layer.is_some() && uses_requirements_layer(properties.get("Layers")) => {
                Some(installed(p, r)?)
            }
            _ => None,
        };
        let inline = match (&requirements, &platform) {
            (Some(r), Some(p)) if r.layer.is_none() => Some(installed(p, r)?.join("python")),
            _ => None,
        };
        let (layers, remote_layers) =
            layers(&analysis.service, folder, properties.get("Layers"), requirements_layer.as_deref());
        let bundle = bundled(&analysis.service, folder, name, &handler_of(properties), &runtime)?;
        Ok(LocalFunction {
            name: name.to_owned(),
            deployed_name: text(properties, "FunctionName").unwrap_or_else(|| name.to_owned()),
            handler,
            runtime,
            language,
            memory: number(properties, "MemorySize").unwrap_or(1024),
            timeout: number(properties, "Timeout").unwrap_or(6),
            environment,
            deferred,
            layers,
            remote_layers,
            requirements: inline,
            node_modules: bundle.as_ref().map(|_| folder.join("node_modules")),
            folder: bundle.unwrap_or_else(|| folder.to_owned()),
        })
    }
}

/// The template of the analysed service, as `svc deploy` would create it.
pub fn template(analysis: &Analysis) -> Template {
    let context = Context { settings: analysis.settings.clone(), ..Context::default() };
    lower::lower(&analysis.service, &context).0
}

/// What the error for another runtime names.
const SUPPORTED: &str = "Python (`python3.X`) and Node.js (`nodejsN.x`)";

fn language(runtime: &str) -> Option<Language> {
    if runtime.starts_with("python3") {
        Some(Language::Python)
    } else if runtime.starts_with("nodejs") {
        Some(Language::Node)
    } else {
        None
    }
}

fn text(properties: &Value, key: &str) -> Option<String> {
    properties.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_owned)
}

fn number(properties: &Value, key: &str) -> Option<u64> {
    let value = properties.get(key)?;
    value.as_u64().or_else(|| value.as_str()?.parse().ok())
}

/// The environment variables of function `name` (its own over the
/// provider's) whose value is a deploy-time value.
fn deferred(service: &Node, name: &str) -> Vec<(String, Node)> {
    let mut found: Vec<(String, Node)> = Vec::new();
    let places = [TreePath::keys(&["provider", "environment"]), TreePath::keys(&["functions", name, "environment"])];
    for place in places {
        for entry in service.at(&place).and_then(Node::as_object).map(|o| o.entries()).unwrap_or_default() {
            found.retain(|(k, _)| k != entry.key.as_str());
            if matches!(entry.value.kind, NodeKind::Deferred(_)) {
                found.push((entry.key.to_string(), entry.value.clone()));
            }
        }
    }
    found
}

/// The handler of the function's template resource (empty when it has
/// none: the caller reports that).
fn handler_of(properties: &Value) -> String {
    text(properties, "Handler").unwrap_or_default()
}

/// The folder the function's esbuild bundle is written to, when esbuild
/// bundles it (`build.esbuild`, `custom.esbuild`): it runs as Lambda runs
/// it, from the bundle. Bundled again at every run (esbuild takes
/// milliseconds), into `svc/bundles/local-<hash>` of the cache folder.
fn bundled(service: &Node, folder: &Path, name: &str, handler: &str, runtime: &str) -> Result<Option<PathBuf>, String> {
    let Some(esbuild) = Esbuild::of(service) else { return Ok(None) };
    let functions = service.at_address("functions").and_then(Node::as_object);
    let Some(function) = functions.and_then(|f| f.entries().iter().find(|e| e.key == name)) else { return Ok(None) };
    if !Esbuild::bundles(service, function) {
        return Ok(None);
    }
    let root = install_cache::root(None, folder, "bundles")?;
    let key = install_cache::key(&[folder.as_os_str().as_encoded_bytes(), name.as_bytes()]);
    let out = root.join(format!("local-{key}"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let handlers = [crate::bundle::Handler { handler, runtime }];
    let bundled = crate::bundle::bundle(&esbuild, folder, &handlers, &out).pop();
    bundled
        .unwrap_or_else(|| Err("not bundled".to_owned()))
        .map_err(|reason| format!("function `{name}` cannot be bundled: {reason}"))?;
    Ok(Some(out))
}

/// Whether the function's `Layers` use the layer of the Python requirements.
fn uses_requirements_layer(layers: Option<&Value>) -> bool {
    let id = naming::lambda_layer(svc_compiler::python_requirements::LAYER);
    layers.and_then(Value::as_array).into_iter().flatten().any(|l| l.get("Ref").and_then(Value::as_str) == Some(&id))
}

/// The folders of the service's own layers that `layers` names (by
/// `ref(XLambdaLayer)`; `requirements` is the Python requirements layer's,
/// when installed), and the others as written.
fn layers(
    service: &Node,
    folder: &Path,
    layers: Option<&Value>,
    requirements: Option<&Path>,
) -> (Vec<PathBuf>, Vec<String>) {
    let own = service.at_address("layers").and_then(Node::as_object);
    let requirements_id = naming::lambda_layer(svc_compiler::python_requirements::LAYER);
    let (mut local, mut remote) = (Vec::new(), Vec::new());
    for layer in layers.and_then(Value::as_array).into_iter().flatten() {
        let id = layer.get("Ref").and_then(Value::as_str);
        let requirements = requirements.filter(|_| id == Some(requirements_id.as_str())).map(Path::to_path_buf);
        let path = requirements.or_else(|| {
            own.and_then(|own| {
                let entry = own.entries().iter().find(|e| Some(naming::lambda_layer(&e.key).as_str()) == id)?;
                entry.value.at_address("path")?.as_str().map(|p| folder.join(p))
            })
        });
        match path {
            Some(path) => local.push(path),
            None => remote.push(layer.as_str().map_or_else(|| layer.to_string(), str::to_owned)),
        }
    }
    (local, remote)
}
