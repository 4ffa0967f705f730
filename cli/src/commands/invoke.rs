//! `svc invoke local -f NAME`: runs a function's handler on this machine
//! as Lambda would call it, and prints what it returns.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Map, Value};

use super::invoke_remote;
use crate::args::ServiceArgs;
use crate::error::Error;
use crate::events;
use crate::loaded::Loaded;
use crate::local::context::context;
use crate::local::environment::{self, Identity};
use crate::local::function::LocalFunction;
use crate::local::process::{Ended, Process, Started};
use crate::local::protocol::{Answer, Missing};
use crate::{Outcome, Result, deployed, output, payload, runtime};

/// Arguments of `svc invoke`: the deployed function (`svc invoke -f
/// NAME`), or `svc invoke local -f NAME`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
// No argument group of its own: the flattened remote arguments' group is
// also named `Args`, and clap refuses two groups of one name.
#[group(skip)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Invoke>,
    #[command(flatten)]
    remote: invoke_remote::Args,
}

/// How a function is invoked.
#[derive(Debug, clap::Subcommand)]
enum Invoke {
    /// Run a function's handler on this machine, as Lambda would, and print what it returns.
    Local(LocalArgs),
}

/// Arguments of `svc invoke local`.
#[derive(Debug, clap::Args)]
pub struct LocalArgs {
    /// The function to run.
    #[arg(long, short = 'f', value_name = "NAME")]
    function: String,
    /// The event, as JSON [default: standard input when it is not a terminal, else `{}`].
    #[arg(long, short = 'd', value_name = "JSON", conflicts_with_all = ["event_path", "event"])]
    data: Option<String>,
    /// A file holding the event, JSON or YAML (`.yml`, `.yaml`).
    #[arg(long = "path", short = 'p', value_name = "FILE", conflicts_with = "event")]
    event_path: Option<PathBuf>,
    /// A sample event of this kind, built from the function's own event
    /// declaration (its route, queue, bucket, …); see docs/sample-events.md.
    #[arg(long, value_enum, value_name = "KIND")]
    event: Option<events::Kind>,
    /// Context fields over Lambda's, as a JSON object (`{"awsRequestId": "x"}`).
    #[arg(long, value_name = "JSON")]
    context: Option<String>,
    /// An environment variable for the handler, over the function's; repeatable.
    #[arg(long = "env", short = 'e', value_name = "NAME=VALUE", value_parser = crate::args::name_value)]
    env: Vec<(String, String)>,
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc invoke`.
pub fn run(args: &Args) -> Result {
    match &args.command {
        Some(Invoke::Local(local)) => run_local(local),
        None => invoke_remote::run(&args.remote),
    }
}

fn run_local(args: &LocalArgs) -> Result {
    // A given event is read (and its JSON checked) before the service.
    let given = match args.event {
        Some(kind) => Err(kind),
        None => Ok(payload::read(args.data.as_deref(), args.event_path.as_deref())
            .map_err(Error::Failed)?
            .unwrap_or_else(|| Value::Object(Map::new()))),
    };
    let overrides = match &args.context {
        Some(text) => match payload::parse_json(text, "--context").map_err(Error::Failed)? {
            Value::Object(fields) => fields,
            _ => return Err(Error::Failed("`--context` must be a JSON object".to_owned())),
        },
        None => Map::new(),
    };
    let loaded = Loaded::load(&args.service, true).map_err(Error::into_failed)?;
    deployed::pick(&loaded, Some(&args.function))?;
    let event = match given {
        Ok(event) => event,
        Err(kind) => {
            let analysis = &loaded.analysis;
            events::sample(&analysis.service, &analysis.settings, &args.function, kind).map_err(Error::Failed)?
        }
    };
    let function = LocalFunction::read(&loaded.analysis, &loaded.base, &args.function).map_err(Error::Failed)?;
    for layer in &function.remote_layers {
        output::warning(&format!("layer {layer} is not part of this service: its content is not importable locally"));
    }
    let target = loaded.target(&args.service);
    let identity = Identity::new(&function);
    let context = context(&function, &target.region, &identity, &overrides);
    let ended = runtime::block_on(async {
        let environment = environment::environment(&function, &target, &identity, &args.env).await;
        let warn = |note: &str| output::warning(note);
        let mut process = match Process::start(&function, &environment, &warn).await.map_err(Error::Failed)? {
            Started::Ready(process) => process,
            Started::Failed { error, missing: Some(missing) } => {
                return Err(Error::Failed(not_found(&function, missing, &error)));
            }
            Started::Failed { error, missing: None } => return Err(failed(&function, &error)),
        };
        let ended = process.invoke(&event, &context, Duration::from_secs(function.timeout)).await;
        process.stop().await;
        Ok(ended)
    })?;
    match ended.map_err(Error::Failed)? {
        Ended::Answered(Answer::Ok(value)) => {
            print(&value);
            Ok(Outcome::Clean)
        }
        Ended::Answered(Answer::Error(error)) => Err(failed(&function, &error)),
        Ended::TimedOut => {
            let message = format!("Task timed out after {}.00 seconds", function.timeout);
            let request = context.get("awsRequestId").and_then(Value::as_str).unwrap_or_default();
            print(&serde_json::json!({
                "errorType": "Sandbox.Timedout",
                "errorMessage": format!("RequestId: {request} Error: {message}"),
            }));
            Err(Error::Problem(format!("function `{}`: {message}", function.name)))
        }
    }
}

/// The one line for a handler whose module or function is not there.
fn not_found(function: &LocalFunction, missing: Missing, error: &Value) -> String {
    let folder = function.folder.display();
    let lambda = error.get("errorMessage").and_then(Value::as_str).unwrap_or_default();
    match missing {
        Missing::Module => {
            let files = svc_compiler::handler::candidates(&function.runtime, &function.handler).unwrap_or_default();
            let file = files.first().map_or("", String::as_str);
            format!(
                "the handler file of function `{}` is missing: no `{file}` in {folder} or its layers (handler `{}`; Lambda says: {lambda})",
                function.name, function.handler
            )
        }
        Missing::Handler => {
            let name = function.handler.rsplit('.').next().unwrap_or_default();
            let module = function.handler.rsplit_once('.').map_or("", |(m, _)| m);
            format!(
                "the handler file of function `{}` has no function `{name}`: `{module}` was loaded, but does not define `{name}` (Lambda says: {lambda})",
                function.name
            )
        }
    }
}

/// The function's error: Lambda's error object on stdout, and one line on
/// stderr; exit 1.
fn failed(function: &LocalFunction, error: &Value) -> Error {
    print(error);
    let kind = error.get("errorType").and_then(Value::as_str).unwrap_or("Error");
    let message = error.get("errorMessage").and_then(Value::as_str).unwrap_or_default();
    Error::Problem(format!("function `{}` failed: {kind}: {message}", function.name))
}

fn print(value: &Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
    let _ = stdout.flush();
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Args, Invoke};
    use crate::{Cli, Command};

    fn invoke(args: &[&str]) -> Option<Args> {
        match Cli::try_parse_from(args.iter().copied()).map(|cli| cli.command) {
            Ok(Command::Invoke(args)) => Some(*args),
            _ => None,
        }
    }

    #[test]
    fn the_remote_form_sits_beside_local() {
        let remote = invoke(&["svc", "invoke", "-f", "hello", "-d", "{}"]).expect("remote form");
        assert!(remote.command.is_none());
        let local = invoke(&["svc", "invoke", "local", "-f", "hello", "-d", "{}"]).expect("local form");
        assert!(matches!(local.command, Some(Invoke::Local(ref args)) if args.function == "hello"));
        assert!(invoke(&["svc", "invoke"]).is_none(), "the remote form needs -f");
    }
}
