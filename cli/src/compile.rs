//! What `svc build` writes and `svc deploy` sends: the service packaged and
//! lowered to a template, and written into a folder.

use std::path::Path;
use std::time::SystemTime;

use svc_compiler::analysis::Analysis;
use svc_compiler::lower;

use crate::package::{self, Package, Packaged};
use crate::replace_file::{replace_file, replace_file_with};

/// The template's file name, as the Serverless Framework names it.
pub const TEMPLATE_FILE: &str = "cloudformation-template-update-stack.json";

/// Packages the code of the analysed service (unless `template_only`)
/// and lowers it to a template for its settings, built at the current time
/// (for `forceDeploy`): what `svc build` writes and `svc deploy` sends,
/// with the problems packaging and lowering find that the analysis has not
/// reported already. `Err` for an I/O problem.
pub fn compile(
    analysis: &Analysis,
    base: &Path,
    template_only: bool,
    output: Option<&Path>,
) -> Result<(lower::Template, Vec<svc_compiler::Diagnostic>, Vec<Package>), String> {
    let (service, settings) = (&analysis.service, &analysis.settings);
    let mut packaged =
        if template_only { Packaged::empty(settings) } else { package::package(service, base, settings, output)? };
    packaged.context.now = Some(SystemTime::now());
    let (template, mut diagnostics) = lower::lower(service, &packaged.context);
    diagnostics.extend(packaged.check(service, &template));
    diagnostics.retain(|d| !analysis.diagnostics.contains(d));
    Ok((template, diagnostics, packaged.packages))
}

/// The template of the analysed service without its code packaged, as
/// lowered at `now`: what `svc import --check` compares, both sides at
/// the same time.
pub fn template_only(analysis: &Analysis, now: SystemTime) -> serde_json::Value {
    let mut packaged = Packaged::empty(&analysis.settings);
    packaged.context.now = Some(now);
    lower::lower(&analysis.service, &packaged.context).0.to_json()
}

/// Writes the zips, then the template, into `out`, each through a
/// temporary file (see [`replace_file`]): a template on disk means its
/// zips are there too.
pub fn write(out: &Path, template: &lower::Template, packages: &[Package]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| {
        if out.is_dir() || !out.exists() {
            format!("{}: {e}", out.display())
        } else {
            format!("cannot write into {}: it is a file, not a folder (`-o` names the output folder)", out.display())
        }
    })?;
    for package in packages {
        replace_file(&out.join(&package.file_name), &package.bytes)?;
    }
    replace_file_with(&out.join(TEMPLATE_FILE), |file| template.write_pretty(file))
}
