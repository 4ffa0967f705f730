//! `svc check`: parse, resolve and type-check a service; print every problem.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use svc_compiler::Diagnostic;

use crate::args::ResolveArgs;
use crate::error::Error;
use crate::style::{self, paint};
use crate::{Outcome, Result, input, output};

/// Arguments of `svc check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service file, or a folder holding `service.svc` [default: ./service.svc]
    path: Option<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    options: ResolveArgs,
}

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Rendered for a person, on stderr.
    Human,
    /// One JSON document on stdout, for tools.
    Json,
}

/// Runs `svc check`.
pub fn run(args: &Args) -> Result {
    let path = input::service_path(args.path.as_deref());
    let file = input::read(&path).map_err(Error::Failed)?;
    let base_dir = input::service_dir(&path);
    let options = args.options.options(base_dir);
    let diagnostics = diagnose(&file.decoded, &options);
    let text = &file.decoded.text;
    match args.format {
        Format::Json => {
            let report = output::json(&file.path, text, &diagnostics);
            let mut stdout = anstream::stdout();
            let _ = serde_json::to_writer_pretty(&mut stdout, &report);
            let _ = writeln!(stdout);
        }
        Format::Human => {
            output::human(&file.path, text, &diagnostics);
            summary(&file.path, &diagnostics);
        }
    }
    let (errors, _) = output::count(diagnostics.iter());
    Ok(if errors > 0 { Outcome::Problems } else { Outcome::Clean })
}

/// Every diagnostic for a decoded file: decoding, syntax, variables, types.
fn diagnose(decoded: &svc_compiler::source::Decoded, options: &svc_compiler::resolve::Options) -> Vec<Diagnostic> {
    let mut diagnostics = decoded.diagnostics.clone();
    diagnostics.extend(svc_compiler::analysis::analyse(&decoded.text, options, &svc_lsp::Disk).diagnostics);
    diagnostics
}

fn summary(path: &std::path::Path, diagnostics: &[Diagnostic]) {
    let (errors, warnings) = output::count(diagnostics.iter());
    let mut stderr = anstream::stderr();
    let _ = if errors + warnings == 0 {
        writeln!(stderr, "{}: {} has no problems", paint(style::SUCCESS, "ok"), path.display())
    } else {
        writeln!(
            stderr,
            "{}: {}, {} in {}",
            if errors > 0 { paint(style::ERROR, "failed") } else { paint(style::WARNING, "ok") },
            output::plural(errors, "error"),
            output::plural(warnings, "warning"),
            path.display()
        )
    };
}
