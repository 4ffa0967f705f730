//! `svc build`: check the service, package its code, write the
//! CloudFormation template. Same input, same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::lower;
use svc_compiler::tree::{Node, NodeKind};
use svc_lsp::Disk;

use crate::package::{self, Package, Packaged};
use crate::{Outcome, input, output};

/// The template's file name, as the Serverless Framework names it.
pub const TEMPLATE_FILE: &str = "cloudformation-template-update-stack.json";

/// Arguments of `svc build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service file, or a folder holding `service.svc` [default: ./service.svc]
    path: Option<PathBuf>,
    /// Where to write the template and the zips [default: .svc/ beside the service]
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write the template only; do not zip the code.
    #[arg(long)]
    template_only: bool,
    #[command(flatten)]
    options: super::print::ResolveArgs,
}

/// Runs `svc build`.
pub fn run(args: &Args) -> Outcome {
    let path = input::service_path(args.path.as_deref());
    let file = match input::read(&path) {
        Ok(file) => file,
        Err(message) => {
            output::error(&message);
            return Outcome::Failed;
        }
    };
    let base = input::service_dir(&path);
    let analysis = analyse(&file.decoded.text, &args.options.options(base.clone()), &Disk);
    let mut diagnostics = file.decoded.diagnostics.clone();
    diagnostics.extend(analysis.diagnostics.iter().cloned());
    let out = args.out.clone().unwrap_or_else(|| base.join(".svc"));
    let built = if output::count(diagnostics.iter()).0 > 0 { Err(None) } else { build(&analysis, &base, &out, args) };
    match built {
        Ok((template_diagnostics, packages)) => {
            diagnostics.extend(template_diagnostics);
            output::human(&file.path, &file.decoded.text, &diagnostics);
            if output::count(diagnostics.iter()).0 > 0 {
                return Outcome::Problems;
            }
            summary(&analysis.service, &out, &packages);
            Outcome::Clean
        }
        Err(message) => {
            output::human(&file.path, &file.decoded.text, &diagnostics);
            match message {
                Some(message) => {
                    output::error(&message);
                    Outcome::Failed
                }
                None => {
                    output::error(&format!("{} was not built: fix the errors above", file.path.display()));
                    Outcome::Problems
                }
            }
        }
    }
}

type Built = (Vec<svc_compiler::Diagnostic>, Vec<Package>);

/// Packages, lowers and writes (nothing when there are errors);
/// `Err(Some(message))` for an I/O problem.
fn build(analysis: &Analysis, base: &Path, out: &Path, args: &Args) -> Result<Built, Option<String>> {
    let service = &analysis.service;
    let stage = args.options.stage().or_else(|| string(service, "provider.stage")).unwrap_or_else(|| "dev".to_owned());
    let (template, diagnostics, packages) =
        compile(service, base, stage, args.template_only, Some(out)).map_err(Some)?;
    if output::count(diagnostics.iter()).0 == 0 {
        write(out, &template.to_string_pretty(), &packages).map_err(Some)?;
    }
    Ok((diagnostics, packages))
}

/// Packages the code of `service` (unless `template_only`) and lowers it
/// to a template for `stage`, built at the current time (for
/// `forceDeploy`): what `svc build` writes and `svc deploy` sends, with the
/// problems of packaging and lowering. `Err` for an I/O problem.
pub fn compile(
    service: &Node,
    base: &Path,
    stage: String,
    template_only: bool,
    output: Option<&Path>,
) -> Result<(lower::Template, Vec<svc_compiler::Diagnostic>, Vec<Package>), String> {
    let mut packaged =
        if template_only { Packaged::empty(&stage) } else { package::package(service, base, &stage, output)? };
    packaged.context.now = Some(SystemTime::now());
    let (template, mut diagnostics) = lower::lower(service, &packaged.context);
    diagnostics.extend(packaged.check(service, &template));
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

fn summary(service: &Node, out: &Path, packages: &[Package]) {
    let functions = service.at(&svc_compiler::tree::Path::parse("functions").0).and_then(Node::as_object);
    let count = functions.map_or(0, |f| f.entries.len());
    let events: usize = functions
        .map(|f| {
            f.entries
                .iter()
                .filter_map(|e| match e.value.as_object()?.get("events").map(|n| &n.kind) {
                    Some(NodeKind::List(items)) => Some(items.len()),
                    _ => None,
                })
                .sum()
        })
        .unwrap_or(0);
    let mut stderr = anstream::stderr();
    let _ = writeln!(
        stderr,
        "\x1b[1;32mbuilt\x1b[0m {}, {} into {}",
        output::plural(count, "function"),
        output::plural(events, "event"),
        out.display()
    );
    let _ = writeln!(stderr, "  {TEMPLATE_FILE}");
    for package in packages {
        let _ = writeln!(
            stderr,
            "  {}  {}, {} KB",
            package.file_name,
            output::plural(package.entries.len(), "file"),
            package.bytes.len().div_ceil(1024)
        );
    }
}

fn string(service: &Node, path: &str) -> Option<String> {
    service.at(&svc_compiler::tree::Path::parse(path).0).and_then(Node::as_str).map(str::to_owned)
}
