//! `svc build`: check the service, package its code, write the
//! CloudFormation template. Same input, same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use svc_compiler::analysis::{Analysis, analyse_for_build};
use svc_compiler::tree::{Node, NodeKind};
use svc_lsp::Disk;

use crate::args::ResolveArgs;
use crate::compile::{self, TEMPLATE_FILE};
use crate::error::Error;
use crate::package::Package;
use crate::style::{self, paint};
use crate::timing::Timings;
use crate::{Outcome, Result, input, output};

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
    options: ResolveArgs,
}

/// Runs `svc build`.
pub fn run(args: &Args) -> Result {
    let mut timings = Timings::new();
    let path = input::service_path(args.path.as_deref());
    let file = input::read(&path).map_err(Error::Failed)?;
    let base = input::service_dir(&path);
    let analysis = analyse_for_build(&file.decoded.text, &args.options.options(base.clone()), &Disk);
    timings.mark("check");
    let mut diagnostics = file.decoded.diagnostics.clone();
    diagnostics.extend(analysis.diagnostics.iter().cloned());
    if output::count(diagnostics.iter()).0 > 0 {
        output::human(&file.path, &file.decoded.text, &diagnostics);
        return Err(Error::Problem(format!("{} was not built: fix the errors above", file.path.display())));
    }
    let out = args.out.clone().unwrap_or_else(|| base.join(".svc"));
    let built = build(&analysis, &base, &out, args, &mut timings);
    if let Ok((template_diagnostics, _)) = &built {
        diagnostics.extend(template_diagnostics.iter().cloned());
    }
    output::human(&file.path, &file.decoded.text, &diagnostics);
    let (_, packages) = built.map_err(Error::Failed)?;
    if output::count(diagnostics.iter()).0 > 0 {
        return Ok(Outcome::Problems);
    }
    summary(&analysis.service, &out, &packages);
    Ok(Outcome::Clean)
}

/// Packages, lowers and writes (nothing when there are errors): the
/// problems of packaging and lowering, and the packages; `Err` for an I/O
/// problem.
fn build(
    analysis: &Analysis,
    base: &Path,
    out: &Path,
    args: &Args,
    timings: &mut Timings,
) -> Result<(Vec<svc_compiler::Diagnostic>, Vec<Package>), String> {
    let (template, diagnostics, packages) = compile::compile(analysis, base, args.template_only, Some(out))?;
    timings.mark("package and lower");
    if output::count(diagnostics.iter()).0 == 0 {
        compile::write(out, &template, &packages)?;
        timings.mark("write");
    }
    Ok((diagnostics, packages))
}

fn summary(service: &Node, out: &Path, packages: &[Package]) {
    let functions = service.at(&svc_compiler::tree::Path::keys(&["functions"])).and_then(Node::as_object);
    let count = functions.map_or(0, |f| f.entries().len());
    let events: usize = functions
        .map(|f| {
            f.entries()
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
        "{} {}, {} into {}",
        paint(style::SUCCESS, "built"),
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
