//! What a deploy sends (the template and the zips), built here or read
//! from `svc build`'s folder.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};
use svc_compiler::analysis::Analysis;
use svc_compiler::naming;
use svc_compiler::tree::Node;

use crate::aws::bucket::Upload;
use crate::compile::{self, TEMPLATE_FILE};
use crate::error::Error;
use crate::loaded::{Loaded, function_names};
use crate::output;
use crate::present::summary::Function;

/// What a deploy sends: the template and the objects it points at.
#[derive(Debug)]
pub struct Plan {
    /// The template.
    pub template: Value,
    /// The zips, under their content-addressed keys.
    pub uploads: Vec<Upload>,
}

impl Plan {
    /// Packages and lowers the analysed service (its deploy-time values
    /// resolved); writes the result into `out` when given. Lowering
    /// problems are printed; errors among them stop here.
    pub fn build(loaded: &Loaded, analysis: &Analysis, out: Option<&Path>) -> Result<Plan, Error> {
        let (template, diagnostics, packages) =
            compile::compile(analysis, &loaded.base, false, None).map_err(Error::Failed)?;
        loaded.report(&diagnostics);
        if output::count(diagnostics.iter()).0 > 0 {
            return Err(Error::Problem(format!("{} was not built: fix the errors above", loaded.file_name())));
        }
        if let Some(out) = out {
            compile::write(out, &template, &packages).map_err(Error::Failed)?;
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

/// Every string `S3Key` in the template (code of functions and layers).
pub fn s3_keys(value: &Value, keys: &mut Vec<String>) {
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
