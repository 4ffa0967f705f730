//! `svc print`: the fully resolved service, as `serverless print` shows it.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use svc_compiler::print::{self, Printed};
use svc_compiler::resolve::Options;
use svc_compiler::tree::Path;
use svc_lsp::Disk;

use crate::{Outcome, input, output};

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

/// The options variables can read: `${opt:stage}`, `${param:x}`, …
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The stage (`${opt:stage}`, `${sls:stage}`).
    #[arg(long, short = 's')]
    stage: Option<String>,
    /// The region (`${opt:region}`, `${aws:region}`).
    #[arg(long, short = 'r')]
    region: Option<String>,
    /// The AWS profile (`${opt:aws-profile}`).
    #[arg(long = "aws-profile")]
    aws_profile: Option<String>,
    /// A parameter, `name=value` (`${param:name}`); repeatable, overrides
    /// the `params` block.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = name_value)]
    params: Vec<(String, String)>,
    /// Any other option for `${opt:name}`, `name=value`; repeatable.
    #[arg(long = "opt", value_name = "NAME=VALUE", value_parser = name_value)]
    other: Vec<(String, String)>,
}

impl ResolveArgs {
    /// `--stage`, if given.
    pub fn stage(&self) -> Option<String> {
        self.stage.clone()
    }

    /// `--region`, if given.
    pub fn region(&self) -> Option<String> {
        self.region.clone()
    }

    /// `--aws-profile`, if given.
    pub fn aws_profile(&self) -> Option<String> {
        self.aws_profile.clone()
    }

    /// The resolver's options for a service in `base_dir`.
    pub fn options(&self, base_dir: PathBuf) -> Options {
        Options {
            stage: self.stage.clone(),
            region: self.region.clone(),
            aws_profile: self.aws_profile.clone(),
            params: self.params.clone(),
            other: self.other.iter().cloned().collect(),
            env: std::env::vars().collect::<HashMap<_, _>>(),
            base_dir,
        }
    }
}

fn name_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got `{text}`")),
    }
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
pub fn run(args: &Args) -> Outcome {
    let path = input::service_path(args.path.as_deref());
    let file = match input::read(&path) {
        Ok(file) => file,
        Err(message) => {
            output::error(&message);
            return Outcome::Failed;
        }
    };
    let base_dir = input::service_dir(&path);
    let options = args.options.options(base_dir);
    let printed = print::service(&file.decoded.text, &options, &Disk);
    let mut diagnostics = file.decoded.diagnostics.clone();
    diagnostics.extend(printed.diagnostics.iter().cloned());
    output::human(&file.path, &file.decoded.text, &diagnostics);
    if output::count(diagnostics.iter()).0 > 0 {
        output::error(&format!("{} cannot be printed: fix the errors above", file.path.display()));
        return Outcome::Problems;
    }
    match render(&printed, args) {
        Ok(text) => {
            let mut stdout = anstream::stdout();
            let _ = stdout.write_all(text.as_bytes());
            note_deferred(&printed);
            Outcome::Clean
        }
        Err(message) => {
            output::error(&message);
            Outcome::Problems
        }
    }
}

/// The text to print: the whole service or the value at `--path`.
fn render(printed: &Printed, args: &Args) -> Result<String, String> {
    let path = args.at.as_deref().map(Path::parse).unwrap_or_default();
    let node = printed.tree.at(&path.0).ok_or_else(|| not_found(printed, &path))?;
    let whole = path.0.is_empty();
    Ok(match args.format {
        Format::Svc if whole => print::to_svc(node),
        Format::Svc => format!("{}\n", print::value_to_svc(node)),
        Format::Json => format!("{:#}\n", print::to_json(node)),
        Format::Yaml => serde_norway::to_string(&print::to_json(node)).map_err(|e| e.to_string())?,
    })
}

fn not_found(printed: &Printed, path: &Path) -> String {
    let mut found = Path::default();
    for segment in &path.0 {
        let next = found.key("");
        let mut next = next;
        next.0.pop();
        next.0.push(segment.clone());
        if printed.tree.at(&next.0).is_none() {
            let keys: Vec<&str> = printed
                .tree
                .at(&found.0)
                .and_then(|n| n.as_object())
                .map(|o| o.entries.iter().map(|e| e.key.as_str()).collect())
                .unwrap_or_default();
            let wanted = next.0.last().map(|s| Path(vec![s.clone()]).to_string()).unwrap_or_default();
            let hint = match svc_compiler::suggest::closest(&wanted, keys.iter().copied()) {
                Some(best) => format!(" (did you mean `{}`?)", found.key(best)),
                None if keys.is_empty() => String::new(),
                None => format!(
                    " (`{}` has {})",
                    if found.0.is_empty() { "the service".to_owned() } else { found.to_string() },
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
    let mut stderr = anstream::stderr();
    let _ = writeln!(
        stderr,
        "\x1b[1;36mnote\x1b[0m: {} resolved at deploy time, shown as written:",
        output::plural(printed.deferred.len(), "value is").replace("values is", "values are")
    );
    for (path, text) in &printed.deferred {
        let _ = writeln!(stderr, "  {path} = {text}");
    }
}
