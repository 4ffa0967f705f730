//! `svc invoke local --event KIND`: a sample event built from the
//! function's own declaration — the route of its `httpApi`, the ARN of the
//! queue of its `sqs` event, the bucket and event of its `s3` event, … —
//! shaped as AWS documents the event (each kind's file names the page).
//!
//! Which declaration is used:
//!
//! - the function has an event of the kind: the first one, as written;
//! - it has events that give other kinds but none of this one: an error
//!   naming the kinds it has (`--event sqs` on an HTTP function is a
//!   mistake);
//! - it has no event that gives any kind (no events, or only `websocket`,
//!   `cognitoUserPool`, …): a sample of the kind anyway, its resources
//!   named after the service and function (someone trying a bare
//!   function).
//!
//! Names the declaration does not fix are made up the same way every time:
//! the account is AWS's documentation account `123456789012`; a resource
//! of the template named by `ref`/`getAtt` without its name property
//! (`QueueName`, `TopicName`, …) is named `<stack>-<logical id>`, the
//! prefix CloudFormation gives the names it generates; request and message
//! ids are derived from the clock and the function, so that the same
//! instant gives the same event.

mod alb;
mod arn;
mod clock;
mod cloudwatch_log;
mod dynamodb;
mod eventbridge;
mod http;
mod ids;
mod kinesis;
mod pattern;
mod rest;
mod route;
mod s3;
mod schedule;
mod sns;
mod sqs;
mod stream;

use std::time::SystemTime;

use serde_json::Value;
use svc_compiler::Settings;
use svc_compiler::tree::{Node, Path, to_json};

pub use clock::Clock;
pub use schedule::{constant_input, scheduled};

/// The account in generated ARNs: the one AWS's documentation uses.
const ACCOUNT: &str = "123456789012";

/// The kinds of event `--event` generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// An HTTP API request (payload 2.0), from `httpApi`.
    Http,
    /// A REST API proxy request (payload 1.0), from `http`.
    Rest,
    /// An SQS batch, from `sqs`.
    Sqs,
    /// An SNS notification, from `sns`.
    Sns,
    /// An S3 notification, from `s3`.
    S3,
    /// A scheduled event, from `schedule`.
    Schedule,
    /// An EventBridge event, from `eventBridge` (or `cloudwatchEvent`).
    #[value(name = "eventbridge")]
    EventBridge,
    /// DynamoDB stream records, from a DynamoDB `stream`.
    Dynamodb,
    /// Kinesis stream records, from a Kinesis `stream`.
    Kinesis,
    /// An Application Load Balancer request, from `alb`.
    Alb,
    /// CloudWatch Logs events, from `cloudwatchLog`.
    #[value(name = "cloudwatchLog")]
    CloudwatchLog,
}

impl Kind {
    /// Every kind, in the order `--help` lists them.
    const ALL: [Kind; 11] = [
        Kind::Http,
        Kind::Rest,
        Kind::Sqs,
        Kind::Sns,
        Kind::S3,
        Kind::Schedule,
        Kind::EventBridge,
        Kind::Dynamodb,
        Kind::Kinesis,
        Kind::Alb,
        Kind::CloudwatchLog,
    ];

    /// The name written after `--event`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Http => "http",
            Kind::Rest => "rest",
            Kind::Sqs => "sqs",
            Kind::Sns => "sns",
            Kind::S3 => "s3",
            Kind::Schedule => "schedule",
            Kind::EventBridge => "eventbridge",
            Kind::Dynamodb => "dynamodb",
            Kind::Kinesis => "kinesis",
            Kind::Alb => "alb",
            Kind::CloudwatchLog => "cloudwatchLog",
        }
    }

    /// Whether the declared event `key = value` gives this kind.
    fn gives(self, key: &str, value: &Value, context: &Context<'_>) -> bool {
        match self {
            Kind::Http => key == "httpApi",
            Kind::Rest => key == "http",
            Kind::Sqs => key == "sqs",
            Kind::Sns => key == "sns",
            Kind::S3 => key == "s3",
            Kind::Schedule => key == "schedule",
            Kind::EventBridge => key == "eventBridge" || key == "cloudwatchEvent",
            Kind::Dynamodb => key == "stream" && stream::source(context, value) == stream::Source::Dynamodb,
            Kind::Kinesis => key == "stream" && stream::source(context, value) == stream::Source::Kinesis,
            Kind::Alb => key == "alb",
            Kind::CloudwatchLog => key == "cloudwatchLog",
        }
    }
}

/// What every kind's builder reads: the target, the function, the
/// service's resources and the instant of the event.
pub(crate) struct Context<'a> {
    /// The target's service, stage and region.
    pub settings: &'a Settings,
    /// The function's key under `functions`.
    pub function: &'a str,
    /// The function's declaration as template JSON.
    pub declaration: Value,
    /// `resources.Resources` as template JSON (`Null` when absent).
    pub resources: Value,
    /// `provider` as template JSON (`Null` when absent).
    pub provider: Value,
    /// When the event happens.
    pub clock: Clock,
}

impl Context<'_> {
    /// The account in ARNs.
    pub fn account(&self) -> &'static str {
        ACCOUNT
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.settings.region
    }

    /// The name Lambda knows the function by: its `name`, else
    /// `<service>-<stage>-<function>`.
    pub fn function_name(&self) -> String {
        match self.declaration.get("name").and_then(Value::as_str) {
            Some(name) => name.to_owned(),
            None => format!("{}-{}-{}", self.settings.service, self.settings.stage, self.function),
        }
    }

    /// The name of a resource the function declares none of:
    /// `<stack>-<function>`.
    pub fn generic_name(&self) -> String {
        format!("{}-{}", self.settings.stack_name, self.function)
    }

    /// An id that stays the same for the same function, instant and `what`.
    pub fn uuid(&self, what: &str) -> String {
        ids::uuid(&self.seed(what))
    }

    /// `length` lower-case letters and digits, fixed for the same function,
    /// instant and `what`.
    pub fn token(&self, what: &str, length: usize) -> String {
        ids::token(&self.seed(what), length)
    }

    fn seed(&self, what: &str) -> String {
        format!("{}/{}/{}/{}", self.settings.stack_name, self.function, self.clock.millis(), what)
    }
}

/// The sample event of `kind` for `function` of the analysed `service`,
/// happening now.
pub fn sample(service: &Node, settings: &Settings, function: &str, kind: Kind) -> Result<Value, String> {
    sample_at(service, settings, function, kind, Clock::at(SystemTime::now()))
}

/// [`sample`] at the instant `clock`.
pub fn sample_at(
    service: &Node,
    settings: &Settings,
    function: &str,
    kind: Kind,
    clock: Clock,
) -> Result<Value, String> {
    let Some(node) = service.at(&Path::keys(&["functions", function])) else {
        return Err(unknown_function(service, function));
    };
    let context = Context {
        settings,
        function,
        declaration: to_json(node),
        resources: service.at(&Path::keys(&["resources", "Resources"])).map_or(Value::Null, to_json),
        provider: service.at(&Path::keys(&["provider"])).map_or(Value::Null, to_json),
        clock,
    };
    let events: Vec<(&str, &Value)> = context
        .declaration
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|event| event.as_object()?.iter().next().map(|(key, value)| (key.as_str(), value)))
        .collect();
    let event = events.iter().find(|(key, value)| kind.gives(key, value, &context)).map(|(_, value)| *value);
    if event.is_none() {
        let kinds: Vec<&str> = Kind::ALL
            .into_iter()
            .filter(|k| events.iter().any(|(key, value)| k.gives(key, value, &context)))
            .map(Kind::name)
            .collect();
        if !kinds.is_empty() {
            return Err(format!(
                "function `{function}` has no event that gives `--event {}`; its events give: {}",
                kind.name(),
                kinds.join(", ")
            ));
        }
    }
    let event = event.unwrap_or(&Value::Null);
    Ok(match kind {
        Kind::Http => http::event(&context, event),
        Kind::Rest => rest::event(&context, event),
        Kind::Sqs => sqs::event(&context, event),
        Kind::Sns => sns::event(&context, event),
        Kind::S3 => s3::event(&context, event),
        Kind::Schedule => schedule::event(&context, event),
        Kind::EventBridge => eventbridge::event(&context, event),
        Kind::Dynamodb => dynamodb::event(&context, event),
        Kind::Kinesis => kinesis::event(&context, event),
        Kind::Alb => alb::event(&context, event),
        Kind::CloudwatchLog => cloudwatch_log::event(&context, event),
    })
}

/// The records in a batch of a queue or stream event: two, as in AWS's
/// samples, or one when the event's `batchSize` is 1.
fn batch_size(declaration: &Value) -> u64 {
    if declaration.get("batchSize").and_then(Value::as_u64) == Some(1) { 1 } else { 2 }
}

/// "no function `helo` (did you mean `hello`?)".
fn unknown_function(service: &Node, function: &str) -> String {
    let names = crate::loaded::function_names(service);
    match svc_compiler::suggest::closest(function, names.iter().map(String::as_str)) {
        Some(close) => format!("the service has no function `{function}` (did you mean `{close}`?)"),
        None if names.is_empty() => format!("the service has no function `{function}`: it declares none"),
        None => format!("the service has no function `{function}`; its functions: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests;
