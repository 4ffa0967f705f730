//! The service as the AWS commands (`deploy`, `diff`, `remove`, `info`)
//! read it: the file analysed, its target, and what a deploy sends (the
//! template and the zips, built here or read from `svc build`'s folder).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};
use svc_compiler::Diagnostic;
use svc_compiler::analysis::analyse;
use svc_compiler::naming;
use svc_compiler::tree::Node;
use svc_lsp::Disk;

use crate::aws::bucket::Upload;
use crate::aws::summary::Function;
use crate::aws::target::{Overrides, Target};
use crate::commands::build::{self, TEMPLATE_FILE};
use crate::commands::print::ResolveArgs;
use crate::input::{self, SourceFile};
use crate::{Outcome, output};

/// The arguments every AWS command takes.
#[derive(Debug, clap::Args)]
pub struct ServiceArgs {
    /// The service file, or a folder holding `service.svc` [default: ./service.svc]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub options: ResolveArgs,
    /// Send AWS requests here (a local AWS) instead of to AWS; the SDK's
    /// `AWS_ENDPOINT_URL` does the same.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// A service file, analysed.
pub struct Loaded {
    /// The file.
    pub file: SourceFile,
    /// Its folder.
    pub base: PathBuf,
    /// The resolved and checked service.
    pub service: Node,
}

impl Loaded {
    /// Reads and analyses the service, printing its problems. With
    /// `strict`, any error stops here (deploy, diff); otherwise only a
    /// service without a name does (remove, info).
    pub fn load(args: &ServiceArgs, strict: bool) -> Result<Loaded, Outcome> {
        let path = input::service_path(args.path.as_deref());
        let file = input::read(&path).map_err(|message| {
            output::error(&message);
            Outcome::Failed
        })?;
        let base = input::service_dir(&path);
        let analysis = analyse(&file.decoded.text, &args.options.options(base.clone()), &Disk);
        let mut diagnostics = file.decoded.diagnostics.clone();
        diagnostics.extend(analysis.diagnostics.iter().cloned());
        output::human(&file.path, &file.decoded.text, &diagnostics);
        let loaded = Loaded { file, base, service: analysis.service };
        let errors = output::count(diagnostics.iter()).0 > 0;
        if errors && (strict || loaded.target(args).service.is_empty()) {
            output::error(&format!("{}: fix the errors above first", loaded.file.path.display()));
            return Err(Outcome::Problems);
        }
        Ok(loaded)
    }

    /// Where the service goes.
    pub fn target(&self, args: &ServiceArgs) -> Target {
        Target::new(
            &self.service,
            Overrides {
                stage: args.options.stage(),
                region: args.options.region(),
                profile: args.options.aws_profile(),
                endpoint: args.endpoint_url.clone(),
            },
        )
    }

    /// Prints diagnostics found after loading (deploy-time variables,
    /// lowering).
    pub fn report(&self, diagnostics: &[Diagnostic]) {
        output::human(&self.file.path, &self.file.decoded.text, diagnostics);
    }

    /// The file name as the user should see it.
    pub fn file_name(&self) -> String {
        self.file.path.display().to_string()
    }
}

/// What a deploy sends: the template and the objects it points at.
#[derive(Debug)]
pub struct Plan {
    /// The template.
    pub template: Value,
    /// The zips, under their content-addressed keys.
    pub uploads: Vec<Upload>,
}

impl Plan {
    /// Packages and lowers `service` (its deploy-time values resolved);
    /// writes the result into `out` when given. Lowering problems are
    /// printed; errors among them stop here.
    pub fn build(loaded: &Loaded, service: &Node, stage: &str, out: Option<&Path>) -> Result<Plan, Outcome> {
        let (template, diagnostics, packages) = build::compile(service, &loaded.base, stage.to_owned(), false, None)
            .map_err(|message| {
                output::error(&message);
                Outcome::Failed
            })?;
        loaded.report(&diagnostics);
        if output::count(diagnostics.iter()).0 > 0 {
            output::error(&format!("{} was not built: fix the errors above", loaded.file_name()));
            return Err(Outcome::Problems);
        }
        if let Some(out) = out {
            build::write(out, &template.to_string_pretty(), &packages).map_err(|message| {
                output::error(&message);
                Outcome::Failed
            })?;
        }
        let uploads = packages.into_iter().map(|p| Upload { key: p.artifact.s3_key, bytes: p.bytes }).collect();
        Ok(Plan { template: template.to_json(), uploads })
    }

    /// Reads what `svc build` wrote into `dir`: the template, and each zip
    /// its `S3Key`s name, checked against the hash in the key.
    pub fn read(dir: &Path) -> Result<Plan, String> {
        let path = dir.join(TEMPLATE_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let template: Value =
            serde_json::from_str(&text).map_err(|e| format!("{} is not a template: {e}", path.display()))?;
        let mut keys = Vec::new();
        s3_keys(&template, &mut keys);
        keys.sort();
        keys.dedup();
        let mut uploads = Vec::new();
        for key in keys {
            let mut segments = key.rsplit('/');
            let (Some(file), Some(hash)) = (segments.next(), segments.next()) else { continue };
            let zip = dir.join(file);
            let bytes = std::fs::read(&zip).map_err(|e| format!("cannot read {}: {e}", zip.display()))?;
            if hex::encode(Sha256::digest(&bytes)) != hash {
                return Err(format!("{} does not match the template beside it: run `svc build` again", zip.display()));
            }
            uploads.push(Upload { key, bytes });
        }
        Ok(Plan { template, uploads })
    }

    /// The template as sent: compact JSON.
    pub fn body(&self) -> String {
        self.template.to_string()
    }

    /// Each function of `service` with its name in AWS and zip size.
    pub fn functions(&self, service: &Node) -> Vec<Function> {
        let sizes: BTreeMap<&str, u64> = self.uploads.iter().map(|u| (u.key.as_str(), u.bytes.len() as u64)).collect();
        function_names(service)
            .into_iter()
            .map(|name| {
                let properties =
                    self.template.pointer(&format!("/Resources/{}/Properties", naming::lambda_function(&name)));
                let deployed =
                    properties.and_then(|p| p.get("FunctionName")).and_then(Value::as_str).map(str::to_owned);
                let key = properties.and_then(|p| p.pointer("/Code/S3Key")).and_then(Value::as_str);
                Function { name, deployed, size: key.and_then(|k| sizes.get(k).copied()) }
            })
            .collect()
    }
}

/// The names of the service's functions, in order.
pub fn function_names(service: &Node) -> Vec<String> {
    service
        .at(&svc_compiler::tree::Path::parse("functions").0)
        .and_then(Node::as_object)
        .map(|f| f.entries.iter().map(|e| e.key.as_str().to_owned()).collect())
        .unwrap_or_default()
}

/// Every string `S3Key` in the template (code of functions and layers).
fn s3_keys(value: &Value, keys: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                match (key.as_str(), value) {
                    ("S3Key", Value::String(s3_key)) => keys.push(s3_key.clone()),
                    _ => s3_keys(value, keys),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| s3_keys(i, keys)),
        _ => {}
    }
}
