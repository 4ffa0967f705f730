//! `svc import`: a Serverless Framework service (serverless.yml) written
//! as svc, next to it, formatted, comments kept; with `--check`, both
//! compiled and compared.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;
use svc_compiler::analysis::{Analysis, analyse, analyse_for_build, analyse_tree_for_build};
use svc_compiler::import;
use svc_compiler::print;
use svc_compiler::tree::to_json;
use svc_lsp::Disk;

use crate::args::ResolveArgs;
use crate::error::Error;
use crate::present::template_diff;
use crate::replace_file::replace_file;
use crate::style::{self, paint};
use crate::{Outcome, Result, compile, input, output};

/// The files `svc import` looks for, in order, when given none.
const SERVERLESS_FILES: &[&str] = &["serverless.yml", "serverless.yaml", "serverless.json"];

/// The most differences `--check` lists.
const SHOWN: usize = 20;

/// Arguments of `svc import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Serverless service: serverless.yml, serverless.yaml or
    /// serverless.json (default: the one in this folder).
    path: Option<PathBuf>,
    /// Where to write the svc service (default: service.svc next to it).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite the output if it exists.
    #[arg(long)]
    force: bool,
    /// Also compile the YAML and the svc written and compare them (the
    /// resolved service and the template): exit 1 on any difference.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    options: ResolveArgs,
}

/// Runs `svc import`.
pub fn run(args: &Args) -> Result {
    let yaml_path = find(args.path.as_deref())?;
    let file = input::read(&yaml_path).map_err(Error::Failed)?;
    let shown = file.path.display().to_string();
    let imported = import::import(&file.decoded.text)
        .map_err(|e| Error::Problem(format!("{shown}:{}:{}: {} (not imported)", e.line, e.column, e.message)))?;
    let base = input::service_dir(&yaml_path);
    let out = args.output.clone().unwrap_or_else(|| base.join(input::DEFAULT_FILE));
    if out.exists() && !args.force {
        return Err(Error::Failed(format!(
            "{} exists: `svc import --force` overwrites it, or `-o FILE` writes elsewhere",
            out.display()
        )));
    }
    replace_file(&out, imported.svc.as_bytes()).map_err(Error::Failed)?;
    for (line, warning) in &imported.warnings {
        let at = if *line > 0 { format!("{shown}:{line}: ") } else { format!("{shown}: ") };
        output::warning(&format!("{at}{warning}"));
    }
    let options = args.options.options(base.clone());
    // What `svc check` says of the file written, less the variables with
    // no value here: they wait for the stage's options or environment.
    let checked = analyse(&imported.svc, &options, &Disk);
    let (waiting, diagnostics): (Vec<_>, Vec<_>) =
        checked.diagnostics.into_iter().partition(|d| d.code == svc_compiler::diagnostic::Code::E0212);
    output::human(&out, &imported.svc, &diagnostics);
    if !waiting.is_empty() {
        output::note(&format!(
            "{} no value here (options or environment it reads are not set); `svc check` with them set resolves {}",
            if waiting.len() == 1 { "1 variable has".to_owned() } else { format!("{} variables have", waiting.len()) },
            if waiting.len() == 1 { "it" } else { "them" }
        ));
    }
    let functions = imported.tree.at_address("functions").and_then(|f| f.as_object()).map_or(0, |f| f.entries().len());
    let _ = writeln!(
        anstream::stdout(),
        "{} Imported {shown} into {} ({}, {} lines)",
        paint(style::SUCCESS, "✔"),
        out.display(),
        output::plural(functions, "function"),
        imported.svc.lines().count()
    );
    let mut outcome = Outcome::Clean;
    if args.check {
        let yaml = analyse_tree_for_build(imported.tree.clone(), &options, &Disk);
        let svc = analyse_for_build(&imported.svc, &options, &Disk);
        if compare(&shown, &out, &yaml, &svc) {
            outcome = Outcome::Problems;
        }
    }
    Ok(outcome)
}

/// The serverless file: `path`, the one in the folder `path` names, or
/// the one in this folder; a TypeScript or JavaScript one is refused.
fn find(path: Option<&Path>) -> Result<PathBuf> {
    let folder = match path {
        Some(path) if !path.is_dir() => {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            if matches!(extension, "ts" | "js" | "cjs" | "mjs") {
                return Err(Error::Failed(format!(
                    "{} is code, which svc does not run: `serverless print > serverless.yml` writes the configuration it makes as YAML, to import (its variables resolved)",
                    path.display()
                )));
            }
            return Ok(path.to_path_buf());
        }
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    };
    if let Some(found) = SERVERLESS_FILES.iter().map(|f| folder.join(f)).find(|p| p.is_file()) {
        return Ok(found);
    }
    let code = ["serverless.ts", "serverless.js"].iter().map(|f| folder.join(f)).find(|p| p.is_file());
    Err(Error::Failed(match code {
        Some(code) => format!(
            "{} is code, which svc does not run: `serverless print > serverless.yml` writes the configuration it makes as YAML, to import (its variables resolved)",
            code.display()
        ),
        None => format!("no serverless.yml, serverless.yaml or serverless.json in {}", folder.display()),
    }))
}

/// Compares what the YAML means with what the svc means: the resolved
/// service (as `svc print --format json` prints it) and the template (as
/// `svc build --template-only` writes it). Prints the differences by path;
/// true when there is one.
fn compare(yaml_name: &str, svc_path: &Path, yaml: &Analysis, svc: &Analysis) -> bool {
    let now = SystemTime::now();
    let sides = [
        ("the resolved service", resolved(yaml), resolved(svc)),
        ("the template", compile::template_only(yaml, now), compile::template_only(svc, now)),
    ];
    let mut stdout = anstream::stdout();
    let mut differs = false;
    for (what, left, right) in sides {
        let changes = template_diff::changes(&left, &right);
        if changes.is_empty() {
            let _ = writeln!(stdout, "{} {what} is the same", paint(style::SUCCESS, "✔"));
            continue;
        }
        differs = true;
        let _ = writeln!(
            stdout,
            "{} {what} differs at {} ({yaml_name} then {}):",
            paint(style::ERROR, "✘"),
            output::plural(changes.len(), "path"),
            svc_path.display()
        );
        for change in changes.iter().take(SHOWN) {
            let path = if change.path.is_empty() { "(root)" } else { change.path.as_str() };
            let _ = writeln!(
                stdout,
                "  {path}: {} / {}",
                template_diff::short(change.before.as_ref()),
                template_diff::short(change.after.as_ref())
            );
        }
        if changes.len() > SHOWN {
            let _ = writeln!(stdout, "  … and {} more", changes.len() - SHOWN);
        }
    }
    differs
}

/// The service as `svc print --format json` prints it.
fn resolved(analysis: &Analysis) -> Value {
    to_json(&print::service(analysis.clone()).tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(memory: u32) -> Analysis {
        let src = format!(
            "service = \"a\"\n\nprovider aws {{\n  runtime = \"python3.12\"\n}}\n\nfunction f {{\n  handler    = \"h.f\"\n  memorySize = {memory}\n}}\n"
        );
        analyse_for_build(&src, &svc_compiler::resolve::Options::default(), &Disk)
    }

    #[test]
    fn check_finds_a_difference_in_the_service_and_the_template() {
        let (left, right) = (analysed(256), analysed(512));
        assert!(!compare("serverless.yml", Path::new("service.svc"), &left, &analysed(256)));
        assert!(compare("serverless.yml", Path::new("service.svc"), &left, &right));
        let changes = template_diff::changes(&resolved(&left), &resolved(&right));
        assert_eq!(changes.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(), ["functions.f.memorySize"]);
    }
}
