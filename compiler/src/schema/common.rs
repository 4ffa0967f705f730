//! Types shared by several tables: limits, ARNs, tags, VPC settings.

use super::patterns as p;
use super::runtimes::{DEPRECATED_RUNTIMES, RUNTIMES};
use super::types::{Key, Object, Ty};

/// No upper limit for an [`Ty::Integer`] (the checker says "at least MIN").
pub const NO_MAX: i64 = i64::MAX;

/// A whole number ≥ 0 with no unit.
pub const NON_NEGATIVE: Ty = Ty::Integer { min: 0, max: NO_MAX, unit: "" };

/// A list of strings.
pub const STRINGS: Ty = Ty::List(&Ty::String);

/// A string, or a list of strings (Serverless accepts one value for a list).
pub const STRING_OR_LIST: Ty = Ty::OneOf(&[Ty::String, STRINGS]);

/// A string or intrinsic, or a list of them.
pub const REFS_OR_LIST: Ty = Ty::OneOf(&[Ty::StringOrIntrinsic, Ty::List(&Ty::StringOrIntrinsic)]);

/// Free-form data, such as a CloudFormation property or an event pattern.
pub const ANY_MAP: Ty = Ty::Map(&Ty::Any);

/// Any ARN, literal.
pub const ARN: Ty = Ty::Pattern { expected: "an ARN", check: p::arn };

/// An ARN, or an intrinsic that yields one (`getAtt(Queue.Arn)`).
pub const ARN_OR_REF: Ty = Ty::OneOf(&[ARN, Ty::Intrinsic]);

/// A KMS key ARN, or an intrinsic that yields one.
pub const KMS_ARN: Ty = Ty::OneOf(&[Ty::Pattern { expected: "a KMS key ARN", check: p::kms_arn }, Ty::Intrinsic]);

/// An SQS queue ARN, or an intrinsic that yields one.
pub const SQS_ARN: Ty = Ty::OneOf(&[Ty::Pattern { expected: "an SQS queue ARN", check: p::sqs_arn }, Ty::Intrinsic]);

/// An S3 bucket name.
pub const BUCKET_NAME: Ty = Ty::Pattern { expected: "an S3 bucket name", check: p::s3_bucket_name };

/// A CloudWatch Logs log group name.
pub const LOG_GROUP: Ty = Ty::Pattern { expected: "a log group name", check: p::log_group_name };

/// Lambda memory, 128 MB to 10,240 MB (10 GB), in 1 MB steps.
pub const MEMORY_SIZE: Ty = Ty::Integer { min: 128, max: 10240, unit: "MB" };

/// Lambda timeout, 1 to 900 seconds (15 minutes).
pub const TIMEOUT: Ty = Ty::Integer { min: 1, max: 900, unit: "seconds" };

/// Lambda `/tmp` storage, 512 MB to 10,240 MB.
pub const EPHEMERAL_STORAGE: Ty = Ty::Integer { min: 512, max: 10240, unit: "MB" };

/// Instruction set of the Lambda execution environment.
pub const ARCHITECTURE: Ty = Ty::Enum(&["x86_64", "arm64"]);

/// A Lambda runtime: a supported one, or a recently deprecated one (the
/// checker warns about those; see [`DEPRECATED_RUNTIMES`]).
pub const RUNTIME: Ty = Ty::OneOf(&[Ty::Enum(RUNTIMES), Ty::Enum(DEPRECATED_RUNTIMES)]);

/// The retention periods CloudWatch Logs accepts (`PutRetentionPolicy`).
pub const LOG_RETENTION: Ty = Ty::IntEnum {
    values: &[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
    unit: "days",
};

/// Resource tags: key → value (keys up to 128 characters, values up to 256,
/// keys may not start with `aws:`).
pub const TAGS: Ty = Ty::Map(&Ty::String);

/// Environment variables: name → value.
pub const ENVIRONMENT: Ty = Ty::Map(&Ty::StringOrIntrinsic);

/// Lambda layer version ARNs (at most five per function).
pub const LAYERS: Ty =
    Ty::List(&Ty::OneOf(&[Ty::Pattern { expected: "a Lambda layer version ARN", check: p::layer_arn }, Ty::Intrinsic]));

/// X-Ray tracing for Lambda: `Active`, `PassThrough`, or a boolean.
pub const LAMBDA_TRACING: Ty = Ty::OneOf(&[Ty::Enum(&["Active", "PassThrough"]), Ty::Bool]);

/// An IAM role: its name or ARN, or an intrinsic.
pub const ROLE: Ty = Ty::StringOrIntrinsic;

/// Lambda event filter patterns (at most 10; each is an event pattern).
pub const FILTER_PATTERNS: Ty = Ty::List(&ANY_MAP);

/// HTTP API payload format versions.
pub const PAYLOAD: Ty = Ty::Enum(&["1.0", "2.0"]);

/// Position in a stream or topic where a new event source mapping starts reading.
pub const STARTING_POSITION: Ty = Ty::Enum(&["LATEST", "TRIM_HORIZON", "AT_TIMESTAMP"]);

/// Runtime version updates: a mode, or `{ mode, arn }` for manual.
pub const RUNTIME_MANAGEMENT: Ty =
    Ty::OneOf(&[Ty::Enum(&["auto", "onFunctionUpdate"]), Ty::Object(&RUNTIME_MANAGEMENT_OBJECT)]);

static RUNTIME_MANAGEMENT_OBJECT: Object = Object {
    name: "runtimeManagement",
    keys: &[
        Key::new(
            "mode",
            Ty::Enum(&["auto", "onFunctionUpdate", "manual"]),
            "When Lambda moves the function to a new runtime version: `auto` (as soon as AWS releases one), `onFunctionUpdate` (at the next deployment) or `manual` (only the version pinned in `arn`). Default: `auto`.",
        )
        .default("\"auto\""),
        Key::new(
            "arn",
            ARN_OR_REF,
            "Runtime version ARN to pin when `mode` is `manual`. Find it in the INIT_START line of the function's logs; pinned versions get no security patches.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// VPC settings for Lambda functions.
pub const VPC: Ty = Ty::Object(&VPC_OBJECT);

static VPC_OBJECT: Object = Object {
    name: "vpc",
    keys: &[
        Key::new(
            "securityGroupIds",
            Ty::OneOf(&[Ty::List(&Ty::StringOrIntrinsic), Ty::Intrinsic]),
            "Security group IDs (`sg-…`) attached to the function's network interfaces, at most 5. Required together with `subnetIds`; the security groups decide what the function may reach.",
        )
        .required(),
        Key::new(
            "subnetIds",
            Ty::OneOf(&[Ty::List(&Ty::StringOrIntrinsic), Ty::Intrinsic]),
            "Subnet IDs (`subnet-…`) the function runs in, at most 16. Use private subnets in at least two Availability Zones; reaching the internet from them needs a NAT gateway or VPC endpoints.",
        )
        .required(),
    ],
    open: false,
    exactly_one: false,
};

/// A CloudWatch Logs data protection policy (masks sensitive data in logs).
pub const LOG_DATA_PROTECTION: Ty = Ty::Object(&LOG_DATA_PROTECTION_OBJECT);

static LOG_DATA_PROTECTION_OBJECT: Object = Object {
    name: "logDataProtectionPolicy",
    keys: &[
        Key::new("Name", Ty::String, "Name of the data protection policy.").required(),
        Key::new("Description", Ty::String, "Free-text description of the policy."),
        Key::new("Version", Ty::String, "Policy language version; CloudWatch Logs uses `2021-06-01`.").required(),
        Key::new(
            "Statement",
            Ty::List(&ANY_MAP),
            "The policy's statements: typically one that audits and one that de-identifies the chosen data identifiers (such as email addresses). See the CloudWatch Logs data protection documentation for the format.",
        )
        .required(),
    ],
    open: false,
    exactly_one: false,
};
