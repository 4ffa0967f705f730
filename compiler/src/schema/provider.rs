//! `provider`: the AWS provider, its defaults for every function, and the
//! settings of the stack, APIs and roles Serverless creates.

use super::apis::{ALB, API_GATEWAY, CLOUD_FRONT, HTTP_API};
use super::common::{
    ARCHITECTURE, ARN, ARN_OR_REF, ENVIRONMENT, KMS_ARN, LAMBDA_TRACING, LAYERS, LOG_DATA_PROTECTION, LOG_RETENTION,
    MEMORY_SIZE, ROLE, RUNTIME, RUNTIME_MANAGEMENT, TAGS, TIMEOUT, VPC,
};
use super::deployment::{DEPLOYMENT_BUCKET, ECR, ROLLBACK, S3_BUCKETS, STACK_PARAMETERS};
use super::iam::{IAM, STATEMENTS};
use super::logs::LOGS;
use super::patterns as p;
use super::regions::REGIONS;
use super::types::{Key, Object, Ty};

const fn object(name: &'static str, keys: &'static [Key]) -> Object {
    Object { name, keys, open: false, exactly_one: false }
}

/// `provider`.
pub static PROVIDER: Object = object(
    "provider",
    &[
        Key::new("name", Ty::Enum(&["aws"]), "The cloud provider. svc supports AWS only, so this is always `aws`.").required(),
        Key::new(
            "runtime",
            RUNTIME,
            "Default Lambda runtime of the functions, such as `nodejs22.x`, `python3.13` or `provided.al2023`; a function's own `runtime` wins. Always set it: Serverless v3 falls back to `nodejs16.x`, which Lambda no longer accepts.",
        ),
        Key::new(
            "runtimeManagement",
            RUNTIME_MANAGEMENT,
            "When functions move to new runtime versions: `auto` (AWS patches them as releases come), `onFunctionUpdate` (at the next deployment), or `{ mode = \"manual\", arn }`. Default: `auto`.",
        ),
        Key::new(
            "region",
            Ty::Enum(REGIONS),
            "AWS region the service is deployed to, such as `eu-west-1`. The `--region` option overrides it. Default: `us-east-1`.",
        )
        .default("\"us-east-1\""),
        Key::new(
            "profile",
            Ty::String,
            "Named profile of the AWS credentials file used to deploy. Default: the `default` profile, or the `AWS_PROFILE` environment variable. Leave it out in CI and use environment credentials there.",
        ),
        Key::new(
            "stage",
            Ty::Pattern { expected: "a stage name", check: p::stage_name },
            "Stage (environment) name, such as `dev` or `prod`: part of resource names, so one account can hold several stages. The `--stage` option overrides it. Default: `dev`.",
        )
        .default("\"dev\""),
        Key::new(
            "memorySize",
            MEMORY_SIZE,
            "Default memory of the functions in MB, 128 to 10240; CPU grows in proportion (a full vCPU at 1769 MB). Default: 1024.",
        )
        .default("1024"),
        Key::new(
            "timeout",
            TIMEOUT,
            "Default timeout of the functions in seconds, 1 to 900. Default: 6. HTTP API integrations give up after 30 seconds whatever the function timeout.",
        )
        .default("6"),
        Key::new(
            "architecture",
            ARCHITECTURE,
            "Default instruction set of the functions: `x86_64` or `arm64` (Graviton, cheaper per GB-second). Native dependencies must be built for it. Default: `x86_64`.",
        )
        .default("\"x86_64\""),
        Key::new(
            "environment",
            ENVIRONMENT,
            "Environment variables of every function: name → value. A function's own `environment` is merged over these. At most 4 KB per function in total.",
        ),
        Key::new("layers", LAYERS, "Lambda layer version ARNs added to every function (at most 5), unless a function sets its own `layers`."),
        Key::new("vpc", VPC, "Run every function in a VPC: `securityGroupIds` and `subnetIds`. A function's own `vpc` wins."),
        Key::new("vpcEndpointIds", Ty::List(&Ty::StringOrIntrinsic), "VPC endpoint IDs allowed to call a REST API whose `endpointType` is `PRIVATE`."),
        Key::new(
            "versionFunctions",
            Ty::Bool,
            "Publish a new Lambda version of each function on every deployment (needed for provisioned concurrency and aliases). Old versions accumulate. Default: `true`.",
        )
        .default("true"),
        Key::new("kmsKeyArn", KMS_ARN, "KMS key that encrypts every function's environment variables at rest. Default: an AWS managed key."),
        Key::new(
            "logRetentionInDays",
            LOG_RETENTION,
            "Days CloudWatch Logs keeps the functions' logs: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653. Default: never expire, which is billed forever.",
        ),
        Key::new("logDataProtectionPolicy", LOG_DATA_PROTECTION, "Data protection policy applied to every function's log group, masking sensitive data such as email addresses."),
        Key::new("logs", Ty::Object(&LOGS), "Logging of the APIs Serverless creates, and advanced logging settings of the functions."),
        Key::new("tracing", Ty::Object(&TRACING), "AWS X-Ray tracing of the functions (`lambda`) and of the REST API (`apiGateway`)."),
        Key::new(
            "tags",
            TAGS,
            "Tags applied to the functions and the APIs, as key → value (keys up to 128 characters, values up to 256). Useful for cost allocation.",
        ),
        Key::new("stackTags", TAGS, "Tags on the CloudFormation stack; CloudFormation propagates them to every resource that supports tags."),
        Key::new("iam", Ty::Object(&IAM), "The role the functions run with (`role`) and the role CloudFormation deploys with (`deploymentRole`)."),
        Key::new("httpApi", Ty::Object(&HTTP_API), "Settings of the API Gateway HTTP API that `httpApi` events create: CORS, authorizers, payload format, an existing API."),
        Key::new("apiGateway", Ty::Object(&API_GATEWAY), "Settings of the API Gateway REST API that `http` events create: API keys, usage plans, compression, an existing API."),
        Key::new("apiName", Ty::String, "Name of the REST API. Default: `STAGE-SERVICE`."),
        Key::new(
            "endpointType",
            Ty::Enum(&["EDGE", "REGIONAL", "PRIVATE", "edge", "regional", "private"]),
            "Endpoint type of the REST API: `EDGE` (through CloudFront), `REGIONAL` (clients in the region, or your own CDN) or `PRIVATE` (only from VPC endpoints). Default: `EDGE`.",
        )
        .default("\"EDGE\""),
        Key::new("websocketsApiName", Ty::String, "Name of the WebSocket API. Default: `STAGE-SERVICE-websockets`."),
        Key::new(
            "websocketsApiRouteSelectionExpression",
            Ty::String,
            "Where the WebSocket API reads a message's route key. Default: `$request.body.action` (the `action` field of a JSON message).",
        )
        .default("\"$request.body.action\""),
        Key::new("websocketsDescription", Ty::String, "Description of the WebSocket API."),
        Key::new("websocket", Ty::Object(&WEBSOCKET), "Other settings of the WebSocket API."),
        Key::new("alb", Ty::Object(&ALB), "Settings of `alb` events: target group name prefix and authenticators."),
        Key::new("cloudFront", Ty::Object(&CLOUD_FRONT), "Settings of the CloudFront distribution of `cloudFront` events: cache policies."),
        Key::new("eventBridge", Ty::Object(&EVENT_BRIDGE), "How `eventBridge` events are deployed."),
        Key::new("s3", S3_BUCKETS, "Settings of the buckets `s3` events create, by bucket key: any AWS::S3::Bucket property in camelCase."),
        Key::new("ecr", ECR, "Container images Serverless builds and pushes to ECR for image functions."),
        Key::new("kinesis", Ty::Object(&KINESIS), "How `stream` event consumers are named."),
        Key::new(
            "deploymentBucket",
            DEPLOYMENT_BUCKET,
            "Bucket holding deployment artifacts: the name of an existing bucket, or settings of it. Default: a bucket the stack creates.",
        ),
        Key::new(
            "deploymentPrefix",
            Ty::String,
            "Key prefix of the artifacts in the deployment bucket. Default: `serverless`.",
        )
        .default("\"serverless\""),
        Key::new(
            "deploymentMethod",
            Ty::Enum(&["changesets", "direct"]),
            "How the stack is updated: through a CloudFormation change set, or by a direct update (faster). Default: `changesets`.",
        )
        .default("\"changesets\""),
        Key::new(
            "stackName",
            Ty::Pattern { expected: "a stack name", check: p::stack_name },
            "Name of the CloudFormation stack, at most 128 letters, digits and `-`. Default: `SERVICE-STAGE`. Renaming it deploys a new stack.",
        ),
        Key::new("stackParameters", STACK_PARAMETERS, "Values of the stack's CloudFormation parameters (`resources.Parameters`)."),
        Key::new(
            "stackPolicy",
            STATEMENTS,
            "Stack policy: which resources updates may replace or delete, such as denying `Update:Replace` on a database. Applies to change set deployments.",
        ),
        Key::new("notificationArns", Ty::List(&ARN), "SNS topic ARNs (in the stack's region) notified of stack events."),
        Key::new(
            "disableRollback",
            Ty::Bool,
            "Leave a failed deployment's resources in place instead of rolling back, to debug it. Not for production. Default: `false`.",
        )
        .default("false"),
        Key::new("rollbackConfiguration", ROLLBACK, "CloudWatch alarms that roll a deployment back when they fire while it runs."),
        Key::new(
            "role",
            ROLE,
            "Deprecated since Serverless v3: use `iam.role`. Name or ARN of an existing execution role for every function.",
        ),
        Key::new(
            "rolePermissionsBoundary",
            ARN,
            "Deprecated since Serverless v3: use `iam.role.permissionsBoundary`. ARN of the permissions boundary of the created role.",
        ),
        Key::new("iamRoleStatements", STATEMENTS, "Deprecated since Serverless v3: use `iam.role.statements`. Statements added to the created role."),
        Key::new(
            "iamManagedPolicies",
            Ty::List(&ARN_OR_REF),
            "Deprecated since Serverless v3: use `iam.role.managedPolicies`. Managed policies attached to the created role.",
        ),
        Key::new("cfnRole", ARN_OR_REF, "Deprecated since Serverless v3: use `iam.deploymentRole`. Role CloudFormation deploys the stack with."),
        Key::new(
            "lambdaHashingVersion",
            Ty::Enum(&["20200924", "20201221"]),
            "Deprecated: Serverless v3 always uses the `20201221` way of hashing function code; remove the key.",
        ),
    ],
);

static TRACING: Object = object(
    "tracing",
    &[
        Key::new(
            "lambda",
            LAMBDA_TRACING,
            "X-Ray tracing of every function: `true` or `Active` (sample and trace), `PassThrough` (trace only when the caller does). Tracing is billed per trace.",
        ),
        Key::new(
            "apiGateway",
            Ty::Bool,
            "X-Ray tracing of the REST API stage (not available for HTTP APIs). Default: `false`.",
        ),
    ],
);

static WEBSOCKET: Object = object(
    "provider websocket",
    &[Key::new("useProviderTags", Ty::Bool, "Apply `provider.tags` to the WebSocket API as well.")],
);

static EVENT_BRIDGE: Object = object(
    "provider eventBridge",
    &[Key::new(
        "useCloudFormation",
        Ty::Bool,
        "Deprecated: v3 deploys `eventBridge` rules as native CloudFormation resources by default; `false` keeps the legacy custom resource. Remove the key.",
    )],
);

static KINESIS: Object = object(
    "provider kinesis",
    &[Key::new(
        "consumerNamingMode",
        Ty::Enum(&["serviceSpecific"]),
        "Name enhanced fan-out consumers after the service and stage too, so several services can read the same stream.",
    )],
);
