//! Events from queues, topics, streams and buckets: `sqs`, `sns`, `stream`,
//! `s3`, `msk`, `kafka`, `activemq`, `rabbitmq`.

use crate::schema::common::{
    ANY_MAP, ARN, ARN_OR_REF, BUCKET_NAME, FILTER_PATTERNS, SQS_ARN, STARTING_POSITION, STRINGS,
};
use crate::schema::patterns as p;
use crate::schema::types::{Key, Object, Ty};

const BATCH_WINDOW: Ty = Ty::Integer { min: 0, max: 300, unit: "seconds" };
const BATCH_SIZE: Ty = Ty::Integer { min: 1, max: 10000, unit: "records" };

const ENABLED: Key = Key::new(
    "enabled",
    Ty::Bool,
    "Whether the event source mapping is active; `false` pauses delivery without deleting it. Default: `true`.",
)
.default("true");

const FILTERS: Key = Key::new(
    "filterPatterns",
    FILTER_PATTERNS,
    "Event filtering: at most 10 patterns in EventBridge pattern syntax; records matching none of them are dropped before the function is invoked (and are not retried).",
);

/// `sqs`: poll an SQS queue.
pub const SQS: Ty =
    Ty::OneOf(&[Ty::Pattern { expected: "an SQS queue ARN", check: p::sqs_arn }, Ty::Object(&SQS_EVENT)]);

static SQS_EVENT: Object = Object {
    name: "sqs event",
    keys: &[
        Key::new("arn", SQS_ARN, "ARN of the queue, such as `getAtt(Jobs.Arn)`. The role gets permission to receive and delete its messages.")
            .required(),
        Key::new(
            "batchSize",
            BATCH_SIZE,
            "Most messages per invocation, 1 to 10000 (above 10 only with `maximumBatchingWindow`). Default: 10. Keep the queue's visibility timeout at least six times the function timeout.",
        )
        .default("10"),
        Key::new(
            "maximumBatchingWindow",
            BATCH_WINDOW,
            "Seconds Lambda gathers messages before invoking, 0 to 300. Default: 0 (invoke as soon as messages arrive).",
        ),
        ENABLED,
        Key::new(
            "functionResponseType",
            Ty::Enum(&["ReportBatchItemFailures"]),
            "Let the function return the IDs of the failed messages (`batchItemFailures`) so only those are retried, not the whole batch.",
        ),
        FILTERS,
        Key::new(
            "maximumConcurrency",
            Ty::Integer { min: 2, max: 1000, unit: "" },
            "Most concurrent invocations this queue may drive, 2 to 1000. Default: no limit beyond the function's concurrency.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `sns`: subscribe to an SNS topic.
pub const SNS: Ty =
    Ty::OneOf(&[Ty::Pattern { expected: "an SNS topic name or ARN", check: p::sns_topic }, Ty::Object(&SNS_EVENT)]);

static SNS_EVENT: Object = Object {
    name: "sns event",
    keys: &[
        Key::new(
            "arn",
            ARN_OR_REF,
            "ARN of an existing topic to subscribe to (not created by Serverless). Give `arn` or `topicName`.",
        ),
        Key::new(
            "topicName",
            Ty::Pattern { expected: "an SNS topic name", check: p::sns_topic },
            "Name of the topic; Serverless creates it unless `arn` is also given. Letters, digits, `-` and `_`, at most 256.",
        ),
        Key::new(
            "displayName",
            Ty::String,
            "Display name of a topic Serverless creates (shown as the sender of SMS messages).",
        ),
        Key::new(
            "filterPolicy",
            ANY_MAP,
            "Subscription filter policy: only messages whose attributes (or body) match are delivered, such as `{ pet = [\"dog\", \"cat\"] }`.",
        ),
        Key::new(
            "filterPolicyScope",
            Ty::Enum(&["MessageAttributes", "MessageBody"]),
            "What `filterPolicy` is applied to. Default: `MessageAttributes`.",
        )
        .default("\"MessageAttributes\""),
        Key::new(
            "redrivePolicy",
            Ty::Object(&SNS_REDRIVE),
            "Dead-letter queue for messages SNS fails to deliver to the function after its retries.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static SNS_REDRIVE: Object = Object {
    name: "sns redrivePolicy",
    keys: &[
        Key::new("deadLetterTargetArn", ARN, "ARN of the SQS dead-letter queue."),
        Key::new("deadLetterTargetRef", Ty::String, "Logical ID of an SQS queue defined in `resources`."),
        Key::new(
            "deadLetterTargetImport",
            Ty::Object(&SNS_DLQ_IMPORT),
            "ARN and URL of a queue exported by another stack.",
        ),
    ],
    open: false,
    exactly_one: true,
};

static SNS_DLQ_IMPORT: Object = Object {
    name: "deadLetterTargetImport",
    keys: &[
        Key::new("arn", Ty::String, "Export name of the queue's ARN.").required(),
        Key::new("url", Ty::String, "Export name of the queue's URL.").required(),
    ],
    open: false,
    exactly_one: false,
};

const STREAM_ARN: Ty = Ty::Pattern { expected: "a Kinesis or DynamoDB stream ARN", check: p::stream_arn };

/// `stream`: read a Kinesis data stream or a DynamoDB stream.
pub const STREAM: Ty = Ty::OneOf(&[STREAM_ARN, Ty::Object(&STREAM_EVENT)]);

static STREAM_EVENT: Object = Object {
    name: "stream event",
    keys: &[
        Key::new(
            "arn",
            Ty::OneOf(&[STREAM_ARN, Ty::Intrinsic]),
            "ARN of the Kinesis stream or DynamoDB stream (`getAtt(Table.StreamArn)`). With a reference, also set `type`.",
        )
        .required(),
        Key::new("type", Ty::Enum(&["dynamodb", "kinesis"]), "Kind of stream; needed when `arn` is a reference, read from the ARN otherwise."),
        Key::new("batchSize", BATCH_SIZE, "Most records per invocation, 1 to 10000. Default: 10.").default("10"),
        Key::new("batchWindow", BATCH_WINDOW, "Seconds Lambda gathers records before invoking, 0 to 300. Default: 0."),
        Key::new(
            "startingPosition",
            STARTING_POSITION,
            "Where a new mapping starts reading: `TRIM_HORIZON` (oldest record), `LATEST` (new records only) or `AT_TIMESTAMP` (Kinesis only, with `startingPositionTimestamp`). Default: `TRIM_HORIZON`.",
        )
        .default("\"TRIM_HORIZON\""),
        Key::new(
            "startingPositionTimestamp",
            Ty::Integer { min: 0, max: i64::MAX, unit: "seconds" },
            "Unix time in seconds to start reading from, with `startingPosition = \"AT_TIMESTAMP\"`.",
        ),
        ENABLED,
        Key::new(
            "parallelizationFactor",
            Ty::Integer { min: 1, max: 10, unit: "" },
            "Concurrent batches per shard, 1 to 10; records with the same partition key stay in order. Default: 1.",
        ),
        Key::new(
            "consumer",
            Ty::OneOf(&[Ty::Bool, ARN_OR_REF]),
            "Kinesis enhanced fan-out: `true` creates a dedicated consumer (its own 2 MB/s per shard), or the ARN of an existing one.",
        ),
        Key::new(
            "maximumRetryAttempts",
            Ty::Integer { min: -1, max: 10000, unit: "" },
            "Retries of a failed batch, 0 to 10000, or -1 to retry until the record expires. Default: -1. A failing batch blocks its shard while it is retried.",
        ),
        Key::new(
            "maximumRecordAgeInSeconds",
            Ty::OneOf(&[Ty::IntEnum { values: &[-1], unit: "" }, Ty::Integer { min: 60, max: 604800, unit: "seconds" }]),
            "Skip records older than this, 60 to 604800 seconds (7 days), or -1 for no limit. Default: -1.",
        ),
        Key::new(
            "bisectBatchOnFunctionError",
            Ty::Bool,
            "On a failure, split the batch in two and retry the halves, to isolate a bad record. Default: `false`.",
        ),
        Key::new(
            "functionResponseType",
            Ty::Enum(&["ReportBatchItemFailures"]),
            "Let the function report the first failed record (`batchItemFailures`), so processing resumes from it.",
        ),
        Key::new(
            "destinations",
            Ty::Object(&STREAM_DESTINATIONS),
            "Where to send details of batches that exhausted their retries.",
        ),
        Key::new(
            "tumblingWindowInSeconds",
            Ty::Integer { min: 0, max: 900, unit: "seconds" },
            "Length of tumbling windows for aggregations that carry state between invocations, 0 to 900 seconds.",
        ),
        FILTERS,
    ],
    open: false,
    exactly_one: false,
};

static STREAM_DESTINATIONS: Object = Object {
    name: "stream destinations",
    keys: &[Key::new(
        "onFailure",
        Ty::OneOf(&[ARN, Ty::Object(&STREAM_ON_FAILURE)]),
        "SQS queue or SNS topic receiving a record of each discarded batch: its ARN, or `{ arn, type }` with a reference.",
    )
    .required()],
    open: false,
    exactly_one: false,
};

static STREAM_ON_FAILURE: Object = Object {
    name: "stream onFailure",
    keys: &[
        Key::new("arn", ARN_OR_REF, "ARN of the SQS queue or SNS topic, or a reference to it.").required(),
        Key::new("type", Ty::Enum(&["sns", "sqs"]), "Kind of destination; required when `arn` is a reference."),
    ],
    open: false,
    exactly_one: false,
};

/// `s3`: run on object events in a bucket.
pub const S3: Ty = Ty::OneOf(&[BUCKET_NAME, Ty::Object(&S3_EVENT)]);

static S3_EVENT: Object = Object {
    name: "s3 event",
    keys: &[
        Key::new(
            "bucket",
            Ty::OneOf(&[BUCKET_NAME, Ty::Intrinsic]),
            "Name of the bucket. Serverless creates it (bucket names are global: include the stage) unless `existing` is true.",
        )
        .required(),
        Key::new(
            "event",
            Ty::Pattern { expected: "an S3 event type such as s3:ObjectCreated:*", check: p::s3_event },
            "The object event, such as `s3:ObjectCreated:*` or `s3:ObjectRemoved:Delete`. Default: `s3:ObjectCreated:*`.",
        )
        .default("\"s3:ObjectCreated:*\""),
        Key::new(
            "rules",
            Ty::List(&Ty::Object(&S3_RULE)),
            "Key filters: at most one `prefix` and one `suffix`, each in its own entry, such as `[{ prefix = \"uploads/\" }, { suffix = \".jpg\" }]`.",
        ),
        Key::new(
            "existing",
            Ty::Bool,
            "The bucket already exists: Serverless adds the notification with a custom resource instead of creating the bucket. Default: `false`.",
        )
        .default("false"),
        Key::new("forceDeploy", Ty::Bool, "Re-apply the notification of an `existing` bucket on every deployment, even when unchanged."),
    ],
    open: false,
    exactly_one: false,
};

static S3_RULE: Object = Object {
    name: "s3 rule",
    keys: &[
        Key::new("prefix", Ty::StringOrIntrinsic, "Only keys starting with this, such as `uploads/`."),
        Key::new("suffix", Ty::StringOrIntrinsic, "Only keys ending with this, such as `.jpg`."),
    ],
    open: false,
    exactly_one: true,
};

/// `msk`: consume a topic of an Amazon MSK cluster.
pub const MSK: Ty = Ty::Object(&MSK_EVENT);

static MSK_EVENT: Object = Object {
    name: "msk event",
    keys: &[
        Key::new("arn", ARN_OR_REF, "ARN of the MSK cluster.").required(),
        Key::new("topic", Ty::String, "Kafka topic to consume.").required(),
        Key::new("batchSize", BATCH_SIZE, "Most records per invocation, 1 to 10000. Default: 100."),
        Key::new("maximumBatchingWindow", BATCH_WINDOW, "Seconds Lambda gathers records before invoking, 0 to 300."),
        Key::new("startingPosition", STARTING_POSITION, "Where a new mapping starts reading. Default: `TRIM_HORIZON`.")
            .default("\"TRIM_HORIZON\""),
        Key::new(
            "startingPositionTimestamp",
            Ty::Integer { min: 0, max: i64::MAX, unit: "seconds" },
            "Unix time in seconds, with `AT_TIMESTAMP`.",
        ),
        ENABLED,
        Key::new(
            "saslScram512",
            ARN,
            "ARN of the Secrets Manager secret with SASL/SCRAM-512 credentials for the brokers.",
        ),
        Key::new(
            "consumerGroupId",
            Ty::String,
            "Kafka consumer group ID, at most 200 characters. Default: a random UUID.",
        ),
        FILTERS,
    ],
    open: false,
    exactly_one: false,
};

/// `kafka`: consume a topic of a self-managed Apache Kafka cluster.
pub const KAFKA: Ty = Ty::Object(&KAFKA_EVENT);

static KAFKA_EVENT: Object = Object {
    name: "kafka event",
    keys: &[
        Key::new(
            "accessConfigurations",
            Ty::Object(&KAFKA_ACCESS),
            "How Lambda reaches and authenticates to the brokers: VPC subnets and security groups, and Secrets Manager ARNs for SASL or TLS.",
        )
        .required(),
        Key::new("bootstrapServers", STRINGS, "Broker addresses, such as `broker1.example.com:9092`.").required(),
        Key::new("topic", Ty::String, "Kafka topic to consume.").required(),
        Key::new("batchSize", BATCH_SIZE, "Most records per invocation, 1 to 10000. Default: 100."),
        Key::new("maximumBatchingWindow", BATCH_WINDOW, "Seconds Lambda gathers records before invoking, 0 to 300."),
        Key::new("startingPosition", STARTING_POSITION, "Where a new mapping starts reading. Default: `TRIM_HORIZON`.")
            .default("\"TRIM_HORIZON\""),
        Key::new("startingPositionTimestamp", Ty::Integer { min: 0, max: i64::MAX, unit: "seconds" }, "Unix time in seconds, with `AT_TIMESTAMP`."),
        ENABLED,
        Key::new("consumerGroupId", Ty::String, "Kafka consumer group ID, at most 200 characters. Default: a random UUID."),
        FILTERS,
    ],
    open: false,
    exactly_one: false,
};

static KAFKA_ACCESS: Object = Object {
    name: "kafka accessConfigurations",
    keys: &[
        Key::new("vpcSubnet", STRINGS, "Subnet IDs (`subnet-…`) for brokers inside a VPC."),
        Key::new("vpcSecurityGroup", STRINGS, "Security group IDs (`sg-…`) for brokers inside a VPC."),
        Key::new("saslPlainAuth", STRINGS, "Secrets Manager ARNs with SASL/PLAIN credentials."),
        Key::new("saslScram256Auth", STRINGS, "Secrets Manager ARNs with SASL/SCRAM-256 credentials."),
        Key::new("saslScram512Auth", STRINGS, "Secrets Manager ARNs with SASL/SCRAM-512 credentials."),
        Key::new("clientCertificateTlsAuth", STRINGS, "Secrets Manager ARNs with a client certificate for mutual TLS."),
        Key::new(
            "serverRootCaCertificate",
            STRINGS,
            "Secrets Manager ARNs with the root CA certificate of the brokers.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `activemq`: consume a queue of an Amazon MQ for ActiveMQ broker.
pub const ACTIVEMQ: Ty = Ty::Object(&ACTIVEMQ_EVENT);

static ACTIVEMQ_EVENT: Object = Object {
    name: "activemq event",
    keys: &[
        Key::new("arn", ARN_OR_REF, "ARN of the Amazon MQ broker.").required(),
        Key::new("queue", Ty::String, "Name of the queue to consume.").required(),
        Key::new(
            "basicAuthArn",
            ARN_OR_REF,
            "ARN of the Secrets Manager secret with the broker's user name and password.",
        )
        .required(),
        Key::new("batchSize", BATCH_SIZE, "Most messages per invocation, 1 to 10000. Default: 100."),
        Key::new("maximumBatchingWindow", BATCH_WINDOW, "Seconds Lambda gathers messages before invoking, 0 to 300."),
        ENABLED,
        FILTERS,
    ],
    open: false,
    exactly_one: false,
};

/// `rabbitmq`: consume a queue of an Amazon MQ for RabbitMQ broker.
pub const RABBITMQ: Ty = Ty::Object(&RABBITMQ_EVENT);

static RABBITMQ_EVENT: Object = Object {
    name: "rabbitmq event",
    keys: &[
        Key::new("arn", ARN_OR_REF, "ARN of the Amazon MQ broker.").required(),
        Key::new("queue", Ty::String, "Name of the queue to consume.").required(),
        Key::new("virtualHost", Ty::String, "Virtual host of the queue. Default: `/`."),
        Key::new(
            "basicAuthArn",
            ARN_OR_REF,
            "ARN of the Secrets Manager secret with the broker's user name and password.",
        )
        .required(),
        Key::new("batchSize", BATCH_SIZE, "Most messages per invocation, 1 to 10000. Default: 100."),
        Key::new("maximumBatchingWindow", BATCH_WINDOW, "Seconds Lambda gathers messages before invoking, 0 to 300."),
        ENABLED,
        FILTERS,
    ],
    open: false,
    exactly_one: false,
};
