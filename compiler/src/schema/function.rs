//! One entry of `functions`: a Lambda function and its events.

use super::common::{
    ARCHITECTURE, ARN_OR_REF, ENVIRONMENT, EPHEMERAL_STORAGE, KMS_ARN, LAMBDA_TRACING, LAYERS, LOG_DATA_PROTECTION,
    LOG_RETENTION, MEMORY_SIZE, NO_MAX, PAYLOAD, ROLE, RUNTIME, RUNTIME_MANAGEMENT, STRINGS, TAGS, TIMEOUT, VPC,
};
use super::events::EVENTS;
use super::patterns as p;
use super::types::{Key, Object, Ty};

/// A function (`functions.NAME`).
pub static FUNCTION: Object = Object {
    name: "function",
    keys: &[
        Key::new(
            "handler",
            Ty::String,
            "Entry point, as the runtime expects it: `FILE.FUNCTION` for Node.js and Python (`src/handler.main`), `package.Class::method` for Java, `bootstrap` for OS-only runtimes. Required unless `image` is set; the two exclude each other.",
        ),
        Key::new(
            "image",
            Ty::OneOf(&[Ty::Pattern { expected: "an ECR image URI or image name", check: p::function_image }, Ty::Object(&IMAGE)]),
            "Deploy a container image instead of a zip: an ECR image URI, the name of an image in `provider.ecr.images`, or `{ name | uri, command, entryPoint, workingDirectory }`. Image functions have no `handler`, `runtime` or `layers`.",
        ),
        Key::new(
            "runtime",
            RUNTIME,
            "Language runtime of this function, such as `nodejs22.x` or `python3.13`; overrides `provider.runtime`. Deprecated runtimes are accepted with a warning until AWS blocks updates to them.",
        ),
        Key::new("runtimeManagement", RUNTIME_MANAGEMENT, "When this function moves to new runtime versions; overrides `provider.runtimeManagement`."),
        Key::new(
            "name",
            Ty::String,
            "Name of the deployed Lambda function, at most 64 characters. Default: `SERVICE-STAGE-KEY`. Names are unique per account and region, so keep the stage in a custom name.",
        ),
        Key::new("description", Ty::String, "Description of the function shown in the console, at most 256 characters."),
        Key::new(
            "memorySize",
            MEMORY_SIZE,
            "Memory in MB, 128 to 10240; CPU grows with it (a full vCPU at 1769 MB). Overrides `provider.memorySize`. Default: 1024.",
        )
        .default("1024"),
        Key::new(
            "timeout",
            TIMEOUT,
            "Longest an invocation may run, in seconds, 1 to 900. Overrides `provider.timeout`. Default: 6. Behind an HTTP API, responses after 30 seconds are lost whatever this says.",
        )
        .default("6"),
        Key::new(
            "ephemeralStorageSize",
            EPHEMERAL_STORAGE,
            "Size of `/tmp` in MB, 512 to 10240. Default: 512. Storage beyond 512 MB is billed.",
        )
        .default("512"),
        Key::new(
            "environment",
            ENVIRONMENT,
            "Environment variables of this function, merged over `provider.environment` (this function's value wins). All variables together may hold at most 4 KB.",
        ),
        Key::new("layers", LAYERS, "Lambda layer version ARNs, at most 5; replaces `provider.layers` for this function."),
        Key::new(
            "reservedConcurrency",
            Ty::OneOf(&[Ty::Integer { min: 0, max: NO_MAX, unit: "" }, Ty::Intrinsic]),
            "Concurrency reserved for this function out of the account's pool, and also its ceiling. 0 stops all invocations. Default: none (shares the unreserved pool).",
        ),
        Key::new(
            "provisionedConcurrency",
            Ty::OneOf(&[Ty::Integer { min: 0, max: NO_MAX, unit: "" }, Ty::Intrinsic]),
            "Execution environments kept initialized, on a `provisioned` alias Serverless publishes, to avoid cold starts; billed while configured. Cannot be combined with `snapStart`. Default: 0.",
        ),
        Key::new(
            "snapStart",
            Ty::Bool,
            "Lambda SnapStart: snapshot the initialized function on publish and resume from it, cutting cold starts. Java 11+, Python 3.12+ and .NET 8+ runtimes. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "url",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&URL)]),
            "A Lambda function URL (an HTTPS endpoint without API Gateway): `true` for a public URL, or `{ authorizer, cors, invokeMode }`. Function URLs allow the full function timeout.",
        ),
        Key::new(
            "vpc",
            VPC,
            "Run this function in a VPC (`securityGroupIds` and `subnetIds`); overrides `provider.vpc`. The function then reaches the internet only through a NAT gateway.",
        ),
        Key::new(
            "tracing",
            LAMBDA_TRACING,
            "AWS X-Ray tracing of this function: `Active` (sample and trace), `PassThrough` (trace only when the caller does), or a boolean. Overrides `provider.tracing.lambda`.",
        ),
        Key::new(
            "destinations",
            Ty::Object(&DESTINATIONS),
            "Where results of asynchronous invocations go: `onSuccess` and `onFailure`, each a function name or the ARN of a function, queue, topic or event bus.",
        ),
        Key::new("package", Ty::Object(&PACKAGE), "Packaging of this function: extra patterns, or its own artifact."),
        Key::new(
            "role",
            ROLE,
            "Execution role of this function instead of the service's: a role name, ARN or reference. The function then gets none of `provider.iam.role` permissions.",
        ),
        Key::new(
            "architecture",
            ARCHITECTURE,
            "Instruction set: `x86_64` or `arm64` (Graviton, about 20% cheaper per GB-second). Native dependencies must be built for it. Overrides `provider.architecture`. Default: `x86_64`.",
        )
        .default("\"x86_64\""),
        Key::new("kmsKeyArn", KMS_ARN, "KMS key encrypting this function's environment variables at rest; overrides `provider.kmsKeyArn`. Default: an AWS managed key."),
        Key::new(
            "maximumEventAge",
            Ty::Integer { min: 60, max: 21600, unit: "seconds" },
            "Drop asynchronous events older than this, 60 to 21600 seconds (6 hours). Default: 21600.",
        ),
        Key::new(
            "maximumRetryAttempts",
            Ty::Integer { min: 0, max: 2, unit: "" },
            "Retries after an asynchronous invocation fails, 0 to 2. Default: 2.",
        ),
        Key::new(
            "disableLogs",
            Ty::Bool,
            "Do not create a CloudWatch log group for the function; its logs are then written only if the group exists. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "logRetentionInDays",
            LOG_RETENTION,
            "Days CloudWatch Logs keeps this function's logs: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. Overrides the provider setting. Default: never expire.",
        ),
        Key::new("logDataProtectionPolicy", LOG_DATA_PROTECTION, "Data protection policy of this function's log group; overrides the provider setting."),
        Key::new("tags", TAGS, "Tags on this function, merged over `provider.tags`; at most 50 per function."),
        Key::new("condition", Ty::String, "Name of a CloudFormation condition (in `resources.Conditions`); the function is created only when it holds."),
        Key::new("dependsOn", STRINGS, "Logical IDs of resources CloudFormation creates before this function (`DependsOn`)."),
        Key::new(
            "fileSystemConfig",
            Ty::Object(&FILE_SYSTEM),
            "Mount an Amazon EFS access point (`arn`) at `localMountPath`. The function must also be in a VPC that reaches the file system.",
        ),
        Key::new(
            "onError",
            Ty::OneOf(&[Ty::Pattern { expected: "an SNS topic ARN", check: p::sns_arn }, Ty::Intrinsic]),
            "SNS topic that receives asynchronous events that failed every retry (dead-letter queue). Prefer `destinations.onFailure`, which carries more detail.",
        ),
        Key::new(
            "httpApi",
            Ty::Object(&FUNCTION_HTTP_API),
            "HTTP API settings of this function's routes, such as their `payload` format.",
        ),
        Key::new(
            "versionFunction",
            Ty::Bool,
            "Publish a new version of this function on each deployment; overrides `provider.versionFunctions`.",
        ),
        Key::new(
            "events",
            EVENTS,
            "What invokes the function: HTTP routes, schedules, queues, streams, buckets, … one event kind per entry, in order.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static IMAGE: Object = Object {
    name: "function image",
    keys: &[
        Key::new("name", Ty::String, "Name of an image in `provider.ecr.images`."),
        Key::new("uri", Ty::String, "ECR image URI, with a tag or a `@sha256:` digest."),
        Key::new("command", STRINGS, "Overrides the image's CMD, such as `[\"app.handler\"]`."),
        Key::new("entryPoint", STRINGS, "Overrides the image's ENTRYPOINT."),
        Key::new("workingDirectory", Ty::String, "Overrides the image's WORKDIR."),
    ],
    open: false,
    exactly_one: false,
};

static URL: Object = Object {
    name: "function url",
    keys: &[
        Key::new(
            "authorizer",
            Ty::Enum(&["aws_iam"]),
            "`aws_iam` makes callers sign requests with IAM credentials (SigV4). Without it the URL is public.",
        ),
        Key::new(
            "cors",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&URL_CORS)]),
            "CORS of the URL, answered by Lambda: `true` for permissive defaults, or the settings.",
        ),
        Key::new(
            "invokeMode",
            Ty::Enum(&["BUFFERED", "RESPONSE_STREAM"]),
            "`BUFFERED` returns the whole response at once (at most 6 MB); `RESPONSE_STREAM` streams it as it is produced (Node.js response streaming, up to 200 MB). Default: `BUFFERED`.",
        )
        .default("\"BUFFERED\""),
    ],
    open: false,
    exactly_one: false,
};

static URL_CORS: Object = Object {
    name: "function url cors",
    keys: &[
        Key::new("allowedOrigins", STRINGS, "Allowed origins, such as `https://example.com`, or `*`; at most 100."),
        Key::new("allowedHeaders", STRINGS, "Request headers allowed, at most 100."),
        Key::new("allowedMethods", STRINGS, "Methods allowed, such as `GET` or `*`; at most 6."),
        Key::new("allowCredentials", Ty::Bool, "Allow cookies and credentials in CORS requests."),
        Key::new("exposedResponseHeaders", STRINGS, "Response headers browsers may read, at most 100."),
        Key::new(
            "maxAge",
            Ty::Integer { min: 0, max: 86400, unit: "seconds" },
            "Seconds browsers may cache the preflight answer, 0 to 86400.",
        ),
    ],
    open: false,
    exactly_one: false,
};

const DESTINATION: Ty = Ty::OneOf(&[Ty::String, Ty::Object(&DESTINATION_OBJECT)]);

static DESTINATIONS: Object = Object {
    name: "destinations",
    keys: &[
        Key::new(
            "onSuccess",
            DESTINATION,
            "Receives the result of successful asynchronous invocations: a function name in this service or an ARN.",
        ),
        Key::new(
            "onFailure",
            DESTINATION,
            "Receives events whose asynchronous invocation failed every retry: a function name in this service or an ARN.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static DESTINATION_OBJECT: Object = Object {
    name: "destination",
    keys: &[
        Key::new("arn", Ty::Intrinsic, "Reference to the destination, such as `getAtt(Queue.Arn)`.").required(),
        Key::new(
            "type",
            Ty::Enum(&["function", "sns", "sqs", "eventBus"]),
            "Kind of destination the reference points to.",
        )
        .required(),
    ],
    open: false,
    exactly_one: false,
};

/// `package` of a function.
static PACKAGE: Object = Object {
    name: "function package",
    keys: &[
        Key::new(
            "patterns",
            STRINGS,
            "Glob patterns added to the service's `package.patterns` for this function; a leading `!` excludes, and later patterns win.",
        ),
        Key::new(
            "individually",
            Ty::Bool,
            "Package this function in its own zip even when the service packages all functions together.",
        ),
        Key::new(
            "artifact",
            Ty::String,
            "Path (or S3 URL) of a prebuilt zip to deploy as this function's code; skips packaging.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static FILE_SYSTEM: Object = Object {
    name: "fileSystemConfig",
    keys: &[
        Key::new(
            "arn",
            ARN_OR_REF,
            "ARN of the EFS access point, such as `arn:aws:elasticfilesystem:…:access-point/fsap-…`.",
        )
        .required(),
        Key::new(
            "localMountPath",
            Ty::Pattern { expected: "a path /mnt/NAME", check: p::efs_mount_path },
            "Where the file system appears in the function: `/mnt/` followed by a name.",
        )
        .required(),
    ],
    open: false,
    exactly_one: false,
};

static FUNCTION_HTTP_API: Object = Object {
    name: "function httpApi",
    keys: &[Key::new(
        "payload",
        PAYLOAD,
        "Payload format of this function's HTTP API routes, `1.0` or `2.0`; overrides `provider.httpApi.payload`.",
    )],
    open: false,
    exactly_one: false,
};
