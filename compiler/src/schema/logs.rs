//! `provider.logs`: logs of the APIs Serverless creates, and advanced
//! logging of the functions.

use super::common::ARN;
use super::types::{Key, Object, Ty};

const fn object(name: &'static str, keys: &'static [Key]) -> Object {
    Object { name, keys, open: false, exactly_one: false }
}

/// `provider.logs`.
pub static LOGS: Object = object(
    "provider logs",
    &[
        Key::new(
            "httpApi",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&HTTP_API_LOGS)]),
            "Access logs of the HTTP API in CloudWatch Logs: `true` for the default format, or `{ format }`.",
        ),
        Key::new(
            "restApi",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&REST_API_LOGS)]),
            "Access and execution logs of the REST API: `true` for the defaults, or the settings. Needs an account-level CloudWatch role, which Serverless sets up unless told otherwise.",
        ),
        Key::new(
            "websocket",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&WEBSOCKET_LOGS)]),
            "Access and execution logs of the WebSocket API: `true` for the defaults, or the settings.",
        ),
        Key::new(
            "lambda",
            Ty::Object(&LAMBDA_LOGS),
            "Advanced logging of every function: JSON or text format, log levels, and a shared log group.",
        ),
        Key::new(
            "frameworkLambda",
            Ty::Bool,
            "Let the helper functions Serverless adds for custom resources write CloudWatch logs, to debug them. Default: `false`.",
        )
        .default("false"),
    ],
);

static HTTP_API_LOGS: Object = object(
    "httpApi logs",
    &[Key::new("format", Ty::String, "Access log format, with `$context` variables such as `$context.requestId`.")],
);

const ACCESS_LOGGING: Key =
    Key::new("accessLogging", Ty::Bool, "Write access logs (one line per request). Default: `true`.").default("true");
const EXECUTION_LOGGING: Key =
    Key::new("executionLogging", Ty::Bool, "Write execution logs (API Gateway's own processing). Default: `true`.")
        .default("true");
const FORMAT: Key = Key::new("format", Ty::String, "Access log format, with `$context` variables.");
const FULL_DATA: Key = Key::new(
    "fullExecutionData",
    Ty::Bool,
    "Log full requests and responses in execution logs; may expose sensitive data. Default: `true`.",
)
.default("true");
const LEVEL: Key =
    Key::new("level", Ty::Enum(&["INFO", "ERROR"]), "Execution log level. Default: `INFO`.").default("\"INFO\"");

static REST_API_LOGS: Object = object(
    "restApi logs",
    &[
        ACCESS_LOGGING,
        EXECUTION_LOGGING,
        FORMAT,
        FULL_DATA,
        LEVEL,
        Key::new(
            "role",
            ARN,
            "ARN of an existing role API Gateway uses to write logs. Default: created by Serverless.",
        ),
        Key::new(
            "roleManagedExternally",
            Ty::Bool,
            "Leave the account's API Gateway CloudWatch role alone. Default: `false`.",
        ),
    ],
);

static WEBSOCKET_LOGS: Object =
    object("websocket logs", &[ACCESS_LOGGING, EXECUTION_LOGGING, FORMAT, FULL_DATA, LEVEL]);

static LAMBDA_LOGS: Object = object(
    "lambda logs",
    &[
        Key::new(
            "logFormat",
            Ty::Enum(&["Text", "JSON"]),
            "Format of the functions' logs. Default: `Text`. Log levels need `JSON`.",
        )
        .default("\"Text\""),
        Key::new(
            "applicationLogLevel",
            Ty::Enum(&["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]),
            "Lowest level of the functions' own log lines that is kept (JSON format only). Default: `INFO`.",
        ),
        Key::new(
            "systemLogLevel",
            Ty::Enum(&["DEBUG", "INFO", "WARN"]),
            "Lowest level of Lambda's own log lines (START, END, REPORT) that is kept (JSON format only). Default: `INFO`.",
        ),
        Key::new("logGroup", Ty::String, "Log group all functions write to instead of one per function."),
    ],
);
