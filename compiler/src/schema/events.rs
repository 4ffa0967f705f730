//! Function events: one entry of a function's `events` list is an object
//! with exactly one key, the event kind, whose value is the event's short
//! form (a string) or its long form (an object).

mod api;
mod other;
mod queues;
mod rest;

use super::types::{Key, Object, Ty};

/// A function's `events`.
pub const EVENTS: Ty = Ty::List(&Ty::Object(&EVENT));

/// One entry of `events`.
pub static EVENT: Object = Object {
    name: "event",
    keys: &[
        Key::new(
            "httpApi",
            api::HTTP_API,
            "A route on the service's API Gateway HTTP API: `\"GET /items/{id}\"`, `\"*\"` for every request, or `{ method, path, authorizer }`. HTTP APIs end integrations after 30 seconds, whatever the function timeout.",
        ),
        Key::new(
            "http",
            rest::HTTP,
            "An endpoint on the service's API Gateway REST API: `\"GET users/{id}\"` or `{ path, method, cors, authorizer, … }`. REST APIs end integrations after 29 seconds by default.",
        ),
        Key::new(
            "websocket",
            api::WEBSOCKET,
            "A route on the service's API Gateway WebSocket API: `\"$connect\"`, `\"$disconnect\"`, `\"$default\"`, a custom route key, or `{ route, authorizer }`.",
        ),
        Key::new(
            "alb",
            api::ALB,
            "A rule on an existing Application Load Balancer listener that forwards matching requests to the function.",
        ),
        Key::new(
            "schedule",
            other::SCHEDULE,
            "Run on a timer: `\"rate(5 minutes)\"`, `\"cron(0 12 * * ? *)\"` (UTC), or `{ rate, input, … }`. Delivery is at least once: make the function idempotent.",
        ),
        Key::new(
            "s3",
            queues::S3,
            "Run when objects change in a bucket: the bucket name (created by Serverless, on `s3:ObjectCreated:*`) or `{ bucket, event, rules, existing }`.",
        ),
        Key::new(
            "sqs",
            queues::SQS,
            "Poll an SQS queue and invoke the function with batches of messages: the queue ARN or `{ arn, batchSize, … }`. Messages are deleted when the invocation succeeds.",
        ),
        Key::new(
            "sns",
            queues::SNS,
            "Subscribe to an SNS topic: a topic name (Serverless creates the topic), a topic ARN, or `{ arn | topicName, filterPolicy, … }`.",
        ),
        Key::new(
            "stream",
            queues::STREAM,
            "Read a Kinesis data stream or a DynamoDB stream in batches: the stream ARN or `{ arn, batchSize, startingPosition, … }`.",
        ),
        Key::new(
            "eventBridge",
            other::EVENT_BRIDGE,
            "Run on EventBridge events matching `pattern` on a bus, or on a `schedule`; `{ eventBus, pattern, … }`.",
        ),
        Key::new(
            "cloudwatchEvent",
            other::CLOUDWATCH_EVENT,
            "Run on events matching `event` on the default EventBridge bus (CloudWatch Events, the older name; prefer `eventBridge`).",
        ),
        Key::new(
            "cloudwatchLog",
            other::CLOUDWATCH_LOG,
            "Receive the entries of a CloudWatch Logs log group: the log group name or `{ logGroup, filter }`.",
        ),
        Key::new(
            "cognitoUserPool",
            other::COGNITO_USER_POOL,
            "A Cognito user pool trigger, such as `PreSignUp`: `{ pool, trigger, existing }`.",
        ),
        Key::new(
            "iot",
            other::IOT,
            "An AWS IoT rule that sends matching MQTT messages to the function: `{ sql, sqlVersion, … }`.",
        ),
        Key::new(
            "iotFleetProvisioning",
            other::IOT_FLEET_PROVISIONING,
            "A pre-provisioning hook that approves devices registering through an AWS IoT fleet provisioning template.",
        ),
        Key::new(
            "alexaSkill",
            other::ALEXA_SKILL,
            "Let an Alexa skill invoke the function: the skill ID (`\"amzn1.ask.skill.…\"`) or `{ appId, enabled }`.",
        ),
        Key::new(
            "alexaSmartHome",
            other::ALEXA_SMART_HOME,
            "Let an Alexa smart home skill invoke the function: the skill ID or `{ appId, enabled }`.",
        ),
        Key::new(
            "cloudFront",
            other::CLOUD_FRONT,
            "Run the function at CloudFront edge locations (Lambda@Edge) on a distribution Serverless creates: `{ eventType, origin, pathPattern, … }`.",
        ),
        Key::new("msk", queues::MSK, "Consume a topic of an Amazon MSK (managed Kafka) cluster: `{ arn, topic, … }`."),
        Key::new(
            "kafka",
            queues::KAFKA,
            "Consume a topic of a self-managed Apache Kafka cluster: `{ bootstrapServers, topic, accessConfigurations, … }`.",
        ),
        Key::new(
            "activemq",
            queues::ACTIVEMQ,
            "Consume a queue of an Amazon MQ for ActiveMQ broker: `{ arn, queue, basicAuthArn, … }`.",
        ),
        Key::new(
            "rabbitmq",
            queues::RABBITMQ,
            "Consume a queue of an Amazon MQ for RabbitMQ broker: `{ arn, queue, basicAuthArn, … }`.",
        ),
    ],
    open: false,
    exactly_one: true,
};
