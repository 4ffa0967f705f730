//! `svc invoke -f NAME`: calls the deployed function (Lambda Invoke) and
//! prints what it returned; `--log` shows the end of its log.

use std::io::Write;
use std::path::PathBuf;

use aws_sdk_lambda::types::InvocationType;
use clap::ValueEnum;
use serde_json::Value;

use crate::args::ServiceArgs;
use crate::aws::{Aws, lambda};
use crate::deployed;
use crate::error::Error;
use crate::interrupt::Interrupt;
use crate::loaded::Loaded;
use crate::present::log_line;
use crate::target::Target;
use crate::{Outcome, Result, output, payload, runtime};

/// Arguments of `svc invoke` (the deployed function).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The function to call, by its name in the service. (Required; an
    /// `Option` because `svc invoke local` leaves it out.)
    #[arg(long, short = 'f', value_name = "NAME", required = true)]
    function: Option<String>,
    /// The event, as JSON.
    #[arg(long, short = 'd', value_name = "JSON", conflicts_with = "event_path")]
    data: Option<String>,
    /// A file holding the event (JSON, or YAML for `.yml`/`.yaml`).
    #[arg(long = "path", short = 'p', value_name = "FILE")]
    event_path: Option<PathBuf>,
    /// How Lambda runs it: wait for the answer, queue it, or only check
    /// that it may be called.
    #[arg(long = "type", short = 't', value_enum, default_value_t = Kind::RequestResponse)]
    kind: Kind,
    /// A version or alias to call.
    #[arg(long, short = 'q', value_name = "QUALIFIER")]
    qualifier: Option<String>,
    /// Show the end of the function's log (its last 4 KB) on stderr.
    #[arg(long, short = 'l')]
    log: bool,
    #[command(flatten)]
    service: ServiceArgs,
}

/// Lambda's invocation types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// Wait for the function's answer.
    #[value(name = "RequestResponse")]
    RequestResponse,
    /// Queue the event; Lambda runs the function later.
    #[value(name = "Event")]
    Event,
    /// Only check that the function may be called.
    #[value(name = "DryRun")]
    DryRun,
}

impl Kind {
    fn sdk(self) -> InvocationType {
        match self {
            Kind::RequestResponse => InvocationType::RequestResponse,
            Kind::Event => InvocationType::Event,
            Kind::DryRun => InvocationType::DryRun,
        }
    }
}

/// Runs `svc invoke` on the deployed function.
pub fn run(args: &Args) -> Result {
    let Some(function) = args.function.as_deref() else {
        return Err(Error::Failed("svc invoke needs the function: -f NAME".to_owned()));
    };
    let loaded = Loaded::load(&args.service, false)?;
    let names = deployed::pick(&loaded, Some(function))?;
    let event = payload::read(args.data.as_deref(), args.event_path.as_deref()).map_err(Error::Failed)?;
    let bytes = event.map(|e| e.to_string().into_bytes()).unwrap_or_default();
    let target = loaded.target(&args.service);
    runtime::block_on(invoke(args, &target, names, bytes))
}

async fn invoke(args: &Args, target: &Target, names: Vec<String>, event: Vec<u8>) -> Result {
    let aws = Aws::connect(target).await.map_err(Error::Failed)?;
    let wanted = names.join(", ");
    let functions = deployed::resolve(&aws, target, names, true).await?;
    let Some(function) = functions.first() else {
        return Err(Error::Failed(format!("`{wanted}` is not deployed")));
    };
    let tail = args.log && args.kind == Kind::RequestResponse;
    let interrupt = Interrupt::install();
    let call = lambda::invoke(&aws, &function.aws, event, args.kind.sdk(), args.qualifier.as_deref(), tail);
    let answer = tokio::select! {
        answer = call => answer.map_err(Error::Failed)?,
        () = interrupt.wait() => {
            return Err(Error::Interrupted(format!(
                "stopped waiting (Ctrl-C); an invocation that reached Lambda goes on there: `svc logs -f {}` shows it",
                function.name
            )));
        }
    };
    if let Some(log) = &answer.log {
        let mut text = String::new();
        for line in log.lines() {
            text.push_str(&log_line::paint_message(line));
            text.push('\n');
        }
        let _ = anstream::stderr().write_all(text.as_bytes());
    } else if tail {
        output::note("Lambda sent no log tail with the answer");
    }
    match args.kind {
        Kind::Event => output::note(&format!(
            "queued (HTTP {}): Lambda runs `{}` by itself; `svc logs -f {}` shows how it went",
            answer.status, function.aws, function.name
        )),
        Kind::DryRun => output::note(&format!("`{}` may be called (HTTP {})", function.aws, answer.status)),
        Kind::RequestResponse => print_payload(&answer.payload),
    }
    match &answer.function_error {
        Some(kind) => Err(Error::Problem(failure(&function.aws, kind, &answer.payload))),
        None => Ok(Outcome::Clean),
    }
}

/// The answer on stdout: pretty JSON, or the text as it came.
fn print_payload(payload: &[u8]) {
    let text = match serde_json::from_slice::<Value>(payload) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
        Err(_) => String::from_utf8_lossy(payload).into_owned(),
    };
    if !text.is_empty() {
        let _ = writeln!(std::io::stdout(), "{text}");
    }
}

/// `function `x` failed (Unhandled): KeyError: 'id'`
fn failure(function: &str, kind: &str, payload: &[u8]) -> String {
    let document = serde_json::from_slice::<Value>(payload).unwrap_or(Value::Null);
    let field = |name: &str| document.get(name).and_then(Value::as_str).map(str::to_owned);
    let what = match (field("errorType"), field("errorMessage")) {
        (Some(kind), Some(message)) => format!("{kind}: {message}"),
        (Some(kind), None) => kind,
        (None, Some(message)) => message,
        (None, None) => String::from_utf8_lossy(payload).split_whitespace().collect::<Vec<_>>().join(" "),
    };
    format!("function `{function}` failed ({kind}): {what}")
}

#[cfg(test)]
mod tests {
    use super::failure;

    #[test]
    fn a_function_error_names_its_type_and_message() {
        let payload = br#"{"errorMessage": "'id'", "errorType": "KeyError", "stackTrace": []}"#;
        assert_eq!(
            failure("app-dev-hello", "Unhandled", payload),
            "function `app-dev-hello` failed (Unhandled): KeyError: 'id'"
        );
        assert_eq!(
            failure("f", "Handled", b"error running\n docker"),
            "function `f` failed (Handled): error running docker"
        );
    }
}
