//! What `svc build` writes and `svc deploy` sends: the service packaged and
//! lowered to a template, and written into a folder.

use std::path::Path;

use svc_compiler::analysis::Analysis;
use svc_compiler::lower;

use crate::package::{self, Package, Packaged};

/// The template's file name, as the Serverless Framework names it.
pub const TEMPLATE_FILE: &str = "cloudformation-template-update-stack.json";

/// Packages the code of the analysed service (unless `template_only`)
/// and lowers it to a template for its settings: what `svc build` writes
/// and `svc deploy` sends, with the problems packaging and lowering find
/// that the analysis has not reported already. `Err` for an I/O problem.
pub fn compile(
    analysis: &Analysis,
    base: &Path,
    template_only: bool,
    output: Option<&Path>,
) -> Result<(lower::Template, Vec<svc_compiler::Diagnostic>, Vec<Package>), String> {
    let (service, settings) = (&analysis.service, &analysis.settings);
    let packaged =
        if template_only { Packaged::empty(settings) } else { package::package(service, base, settings, output)? };
    let (template, mut diagnostics) = lower::lower(service, &packaged.context);
    diagnostics.extend(packaged.check(service, &template));
    diagnostics.retain(|d| !analysis.diagnostics.contains(d));
    Ok((template, diagnostics, packaged.packages))
}

/// Writes the template and the zips into `out`.
pub fn write(out: &Path, template: &str, packages: &[Package]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let path = out.join(TEMPLATE_FILE);
    std::fs::write(&path, template).map_err(|e| format!("{}: {e}", path.display()))?;
    for package in packages {
        let path = out.join(&package.file_name);
        std::fs::write(&path, &package.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
