//! `svc print`: the fully resolved service, as `serverless print` shows it.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use svc_compiler::analysis::analyse_configuration;
use svc_compiler::print::{self, Printed};
use svc_compiler::tree::{Path, to_json};
use svc_lsp::Disk;

use crate::args::ResolveArgs;
use crate::error::Error;
use crate::{Outcome, Result, input, output};

/// Arguments of `svc print`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service file, or a folder holding `service.svc` [default: ./service.svc]
    path: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Svc)]
    format: Format,
    /// Print only the value at this dotted path, such as `provider.stage`
    /// or `functions.hello.events.0`.
    #[arg(long = "path", value_name = "PATH")]
    at: Option<String>,
    #[command(flatten)]
    options: ResolveArgs,
}

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Canonical svc.
    Svc,
    /// JSON.
    Json,
    /// YAML, shaped like serverless.yml.
    Yaml,
}

/// Runs `svc print`.
pub fn run(args: &Args) -> Result {
    let path = input::service_path(args.path.as_deref());
    let file = input::read(&path).map_err(Error::Failed)?;
    let base_dir = input::service_dir(&path);
    let options = args.options.options(base_dir);
    let printed = print::service(analyse_configuration(&file.decoded.text, &options, &Disk));
    let mut diagnostics = file.decoded.diagnostics.clone();
    diagnostics.extend(printed.diagnostics.iter().cloned());
    output::human(&file.path, &file.decoded.text, &diagnostics);
    if output::count(diagnostics.iter()).0 > 0 {
        return Err(Error::Problem(format!("{} cannot be printed: fix the errors above", file.path.display())));
    }
    let text = render(&printed, args).map_err(Error::Problem)?;
    let _ = anstream::stdout().write_all(text.as_bytes());
    note_deferred(&printed);
    Ok(Outcome::Clean)
}

/// The text to print: the whole service or the value at `--path`.
fn render(printed: &Printed, args: &Args) -> Result<String, String> {
    let path = args.at.as_deref().map(Path::from).unwrap_or_default();
    let node = printed.tree.at(&path).ok_or_else(|| not_found(printed, &path))?;
    let whole = path.is_empty();
    Ok(match args.format {
        Format::Svc if whole => print::to_svc(node),
        Format::Svc => format!("{}\n", print::value_to_svc(node)),
        Format::Json => format!("{:#}\n", to_json(node)),
        Format::Yaml => serde_norway::to_string(&to_json(node)).map_err(|e| e.to_string())?,
    })
}

fn not_found(printed: &Printed, path: &Path) -> String {
    let mut found = Path::default();
    for segment in path {
        let mut next = found.clone();
        next.push(segment.clone());
        if printed.tree.at(&next).is_none() {
            let keys: Vec<&str> = printed
                .tree
                .at(&found)
                .and_then(|n| n.as_object())
                .map(|o| o.entries().iter().map(|e| e.key.as_str()).collect())
                .unwrap_or_default();
            let wanted = segment.to_string();
            let hint = match svc_compiler::suggest::closest(&wanted, keys.iter().copied()) {
                Some(best) => format!(" (did you mean `{}`?)", found.key(best)),
                None if keys.is_empty() => String::new(),
                None => format!(
                    " (`{}` has {})",
                    if found.is_empty() { "the service".to_owned() } else { found.to_string() },
                    keys.join(", ")
                ),
            };
            return format!("no value at `{path}`: `{next}` does not exist{hint}");
        }
        found = next;
    }
    format!("no value at `{path}`")
}

/// Says on stderr which values are only known at deploy time.
fn note_deferred(printed: &Printed) {
    if printed.deferred.is_empty() {
        return;
    }
    output::note(&format!(
        "{} resolved at deploy time, shown as written:",
        output::plural(printed.deferred.len(), "value is").replace("values is", "values are")
    ));
    let mut stderr = anstream::stderr();
    for (path, text) in &printed.deferred {
        let _ = writeln!(stderr, "  {path} = {text}");
    }
}
