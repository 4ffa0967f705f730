//! Scheduled, rule-based and service-specific events: `schedule`,
//! `eventBridge`, `cloudwatchEvent`, `cloudwatchLog`, `cognitoUserPool`,
//! `iot`, `iotFleetProvisioning`, `alexaSkill`, `alexaSmartHome`, `cloudFront`.

use crate::schema::common::{ANY_MAP, ARN_OR_REF, KMS_ARN, LOG_GROUP};
use crate::schema::patterns as p;
use crate::schema::types::{Key, Object, Ty};

const SCHEDULE_EXPR: Ty = Ty::Pattern { expected: "a rate(…) or cron(…) expression", check: p::schedule };

const ENABLED: Key = Key::new(
    "enabled",
    Ty::Bool,
    "Whether the trigger is active; `false` keeps it deployed but disabled. Default: `true`.",
)
.default("true");

const RULE_NAME: Key = Key::new(
    "name",
    Ty::String,
    "Name of the created rule, 1–64 letters, digits and `.-_`. Default: generated from the stack and function names.",
);

const RULE_DESCRIPTION: Key =
    Key::new("description", Ty::String, "Description of the created rule, at most 512 characters.");

const INPUT: Key = Key::new(
    "input",
    Ty::OneOf(&[Ty::String, ANY_MAP]),
    "Constant JSON passed to the function instead of the event. Use only one of `input`, `inputPath` and `inputTransformer`.",
);

const INPUT_PATH: Key = Key::new(
    "inputPath",
    Ty::String,
    "JSONPath selecting the part of the event passed to the function, such as `$.detail`.",
);

const INPUT_TRANSFORMER: Key = Key::new(
    "inputTransformer",
    Ty::Object(&INPUT_TRANSFORMER_OBJECT),
    "Build the function's input from parts of the event: `inputPathsMap` names JSONPaths, `inputTemplate` places them with `<name>`.",
);

static INPUT_TRANSFORMER_OBJECT: Object = Object {
    name: "inputTransformer",
    keys: &[
        Key::new(
            "inputPathsMap",
            Ty::Map(&Ty::String),
            "Variables for the template: name → JSONPath into the event, such as `$.time`.",
        ),
        Key::new(
            "inputTemplate",
            Ty::String,
            "The input sent to the function, with `<name>` placeholders; at most 8192 characters.",
        )
        .required(),
    ],
    open: false,
    exactly_one: false,
};

/// `schedule`: run on a timer.
pub const SCHEDULE: Ty = Ty::OneOf(&[SCHEDULE_EXPR, Ty::Object(&SCHEDULE_EVENT)]);

static SCHEDULE_EVENT: Object = Object {
    name: "schedule event",
    keys: &[
        Key::new(
            "rate",
            // A list; one expression is a list of one, as serverless coerces it.
            Ty::List(&Ty::OneOf(&[SCHEDULE_EXPR, Ty::Intrinsic])),
            "When to run: `rate(5 minutes)` (singular for 1: `rate(1 hour)`), or `cron(MIN HOUR DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)` in UTC with `?` in one day field, such as `cron(0 12 * * ? *)`. A list creates one rule per expression.",
        )
        .required(),
        ENABLED,
        RULE_NAME,
        RULE_DESCRIPTION,
        INPUT,
        INPUT_PATH,
        INPUT_TRANSFORMER,
        Key::new(
            "method",
            Ty::Enum(&["eventBus", "scheduler"]),
            "Service that runs the schedule: `eventBus` (an EventBridge rule) or `scheduler` (EventBridge Scheduler, which supports `timezone`). Default: `eventBus`.",
        )
        .default("\"eventBus\""),
        Key::new(
            "timezone",
            Ty::String,
            "IANA time zone for cron expressions, such as `Europe/Paris`; only with `method = \"scheduler\"`. Default: UTC.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `eventBridge`: run on events matching a pattern (or a schedule) on an event bus.
pub const EVENT_BRIDGE: Ty = Ty::Object(&EVENT_BRIDGE_EVENT);

static EVENT_BRIDGE_EVENT: Object = Object {
    name: "eventBridge event",
    keys: &[
        Key::new(
            "eventBus",
            Ty::StringOrIntrinsic,
            "Event bus: a name (Serverless creates the bus), an ARN of an existing bus, or a reference. Default: the account's default bus.",
        ),
        Key::new(
            "pattern",
            ANY_MAP,
            "Event pattern the rule matches, on `source`, `detail-type`, `detail`, `account`, `region`, `resources`, … such as `{ source = [\"aws.ec2\"] }`. Give `pattern` or `schedule`.",
        ),
        Key::new(
            "schedule",
            SCHEDULE_EXPR,
            "Run on a timer instead of a pattern: `rate(…)` or `cron(…)`, only on the default bus.",
        ),
        RULE_NAME,
        RULE_DESCRIPTION,
        ENABLED,
        INPUT,
        INPUT_PATH,
        INPUT_TRANSFORMER,
        Key::new(
            "retryPolicy",
            Ty::Object(&RETRY_POLICY),
            "How long and how often EventBridge retries delivering an event to the function.",
        ),
        Key::new("deadLetterQueueArn", ARN_OR_REF, "ARN of an SQS queue receiving events that could not be delivered."),
    ],
    open: false,
    exactly_one: false,
};

static RETRY_POLICY: Object = Object {
    name: "retryPolicy",
    keys: &[
        Key::new(
            "maximumEventAge",
            Ty::Integer { min: 60, max: 86400, unit: "seconds" },
            "Give up on an event older than this, 60 to 86400 seconds (24 hours). Default: 86400.",
        ),
        Key::new(
            "maximumRetryAttempts",
            Ty::Integer { min: 0, max: 185, unit: "" },
            "Most delivery retries, 0 to 185. Default: 185.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `cloudwatchEvent`: an EventBridge rule on the default bus (the older name).
pub const CLOUDWATCH_EVENT: Ty = Ty::Object(&CLOUDWATCH_EVENT_EVENT);

static CLOUDWATCH_EVENT_EVENT: Object = Object {
    name: "cloudwatchEvent event",
    keys: &[
        Key::new("event", ANY_MAP, "Event pattern the rule matches, such as `{ source = [\"aws.ec2\"] }`."),
        INPUT,
        INPUT_PATH,
        INPUT_TRANSFORMER,
        RULE_DESCRIPTION,
        RULE_NAME,
        ENABLED,
    ],
    open: false,
    exactly_one: false,
};

/// `cloudwatchLog`: receive the entries of a log group through a subscription filter.
pub const CLOUDWATCH_LOG: Ty = Ty::OneOf(&[LOG_GROUP, Ty::Object(&CLOUDWATCH_LOG_EVENT)]);

static CLOUDWATCH_LOG_EVENT: Object = Object {
    name: "cloudwatchLog event",
    keys: &[
        Key::new(
            "logGroup",
            LOG_GROUP,
            "Name of the log group, such as `/aws/lambda/other-function`. A log group takes at most two subscription filters.",
        )
        .required(),
        Key::new(
            "filter",
            Ty::String,
            "Filter pattern selecting the entries sent, such as `ERROR` or `{ $.level = \"error\" }`. Default: every entry.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `cognitoUserPool`: a Cognito user pool trigger.
pub const COGNITO_USER_POOL: Ty = Ty::Object(&COGNITO_EVENT);

static COGNITO_EVENT: Object = Object {
    name: "cognitoUserPool event",
    keys: &[
        Key::new(
            "pool",
            Ty::String,
            "Name of the user pool; Serverless creates it unless `existing` is true. At most 128 characters.",
        )
        .required(),
        Key::new(
            "trigger",
            Ty::Enum(&[
                "PreSignUp",
                "PostConfirmation",
                "PreAuthentication",
                "PostAuthentication",
                "PreTokenGeneration",
                "CustomMessage",
                "DefineAuthChallenge",
                "CreateAuthChallenge",
                "VerifyAuthChallengeResponse",
                "UserMigration",
                "CustomSMSSender",
                "CustomEmailSender",
            ]),
            "The user pool event that invokes the function. Cognito waits at most 5 seconds for a trigger's answer.",
        )
        .required(),
        Key::new(
            "existing",
            Ty::Bool,
            "The pool already exists: attach the trigger with a custom resource. Default: `false`.",
        )
        .default("false"),
        Key::new("forceDeploy", Ty::Bool, "Re-apply the trigger of an `existing` pool on every deployment."),
        Key::new(
            "kmsKeyId",
            KMS_ARN,
            "KMS key ARN used to encrypt codes; required for `CustomSMSSender` and `CustomEmailSender`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `iot`: an AWS IoT topic rule.
pub const IOT: Ty = Ty::Object(&IOT_EVENT);

static IOT_EVENT: Object = Object {
    name: "iot event",
    keys: &[
        Key::new(
            "sql",
            Ty::String,
            "IoT SQL statement selecting the messages, such as `SELECT * FROM 'sensors/+/data'`.",
        )
        .required(),
        Key::new(
            "sqlVersion",
            Ty::Enum(&["2015-10-08", "2016-03-23", "beta"]),
            "Version of the IoT SQL rules engine. Default: `2015-10-08`; `2016-03-23` is the latest stable version.",
        ),
        Key::new("name", Ty::String, "Name of the topic rule (letters, digits and `_`)."),
        Key::new("description", Ty::String, "Description of the topic rule."),
        ENABLED,
    ],
    open: false,
    exactly_one: false,
};

/// `iotFleetProvisioning`: a pre-provisioning hook of an IoT fleet provisioning template.
pub const IOT_FLEET_PROVISIONING: Ty = Ty::Object(&IOT_FLEET_EVENT);

static IOT_FLEET_EVENT: Object = Object {
    name: "iotFleetProvisioning event",
    keys: &[
        Key::new("templateBody", ANY_MAP, "The provisioning template (JSON document).").required(),
        Key::new("provisioningRoleArn", ARN_OR_REF, "ARN of the role AWS IoT assumes to provision devices.").required(),
        Key::new("templateName", Ty::String, "Name of the provisioning template."),
        ENABLED,
    ],
    open: false,
    exactly_one: false,
};

const SKILL_ID: Ty = Ty::Pattern { expected: "an Alexa skill ID", check: p::alexa_skill_id };

/// `alexaSkill`: invoked by an Alexa skill.
pub const ALEXA_SKILL: Ty = Ty::OneOf(&[SKILL_ID, Ty::Object(&ALEXA_EVENT)]);

/// `alexaSmartHome`: invoked by an Alexa smart home skill.
pub const ALEXA_SMART_HOME: Ty = Ty::OneOf(&[SKILL_ID, Ty::Object(&ALEXA_EVENT)]);

static ALEXA_EVENT: Object = Object {
    name: "alexa event",
    keys: &[
        Key::new(
            "appId",
            SKILL_ID,
            "Skill ID from the Alexa developer console, such as `amzn1.ask.skill.…`; only this skill may invoke the function.",
        )
        .required(),
        ENABLED,
    ],
    open: false,
    exactly_one: false,
};

/// `cloudFront`: Lambda@Edge on a CloudFront distribution Serverless creates.
pub const CLOUD_FRONT: Ty = Ty::Object(&CLOUD_FRONT_EVENT);

static CLOUD_FRONT_EVENT: Object = Object {
    name: "cloudFront event",
    keys: &[
        Key::new(
            "eventType",
            Ty::Enum(&["viewer-request", "origin-request", "origin-response", "viewer-response"]),
            "Where in the request flow the function runs. Lambda@Edge functions deploy from us-east-1 and have lower limits (viewer events: 128 MB, 5 seconds).",
        ),
        Key::new(
            "origin",
            Ty::OneOf(&[Ty::String, ANY_MAP]),
            "The origin: a URL, or a CloudFront origin object (`DomainName`, `OriginPath`, …).",
        ),
        Key::new(
            "pathPattern",
            Ty::String,
            "Path pattern of the cache behavior, such as `/images/*`. Default: the default behavior.",
        ),
        Key::new("includeBody", Ty::Bool, "Pass the request body to the function (request events only)."),
        Key::new("isDefaultOrigin", Ty::Bool, "Use this origin for the default cache behavior."),
        Key::new(
            "cachePolicy",
            Ty::Object(&CACHE_POLICY),
            "Cache policy of the behavior: `name` of one in `provider.cloudFront.cachePolicies`, or an `id`.",
        ),
        Key::new("behavior", ANY_MAP, "Other CloudFront cache behavior settings, such as `ViewerProtocolPolicy`."),
    ],
    open: false,
    exactly_one: false,
};

static CACHE_POLICY: Object = Object {
    name: "cachePolicy",
    keys: &[
        Key::new("name", Ty::String, "Name of a cache policy defined in `provider.cloudFront.cachePolicies`."),
        Key::new("id", Ty::StringOrIntrinsic, "ID of an existing (or managed) cache policy."),
    ],
    open: false,
    exactly_one: true,
};
