//! The generated events: what a handler reads comes from the function's
//! declaration, and each event has the keys (and value types) of the AWS
//! sample it follows, kept in `cli/tests/events/`.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::files::MemoryFiles;
use svc_compiler::resolve::Options;

use super::{Clock, Kind, sample_at};

const SERVICE: &str = r#"
service = "shop"

provider aws {
  runtime = "python3.12"
  region  = "eu-west-1"

  httpApi {
    authorizers {
      users {
        identitySource = "$request.header.Authorization"
        issuerUrl      = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"
        audience       = ["client-1"]
      }
    }
  }
}

function me {
  handler = "handler.me"
  httpApi {
    method = "GET"
    path   = "/me"
    authorizer {
      name   = "users"
      scopes = ["profile"]
    }
  }
}

function signed {
  handler = "handler.me"
  httpApi {
    method = "GET"
    path   = "/signed"
    authorizer {
      type = "aws_iam"
    }
  }
}

function users {
  handler = "handler.users"
  httpApi = "GET /users/{id}"
}

function home {
  handler = "handler.home"
  httpApi {
    method = "GET"
    path   = "/"
  }
  schedule = "rate(1 hour)"
}

function upload {
  handler = "handler.upload"
  httpApi = "POST /files/{proxy+}"
}

function catchAll {
  handler = "handler.any"
  httpApi = "*"
}

function legacy {
  handler = "handler.legacy"
  http    = "GET users/{id}"
}

function legacyRoot {
  handler = "handler.legacy"
  http {
    method = "get"
    path   = "/"
  }
}

function worker {
  handler = "handler.worker"
  sqs {
    arn       = getAtt(JobsQueue.Arn)
    batchSize = 5
  }
}

function unnamedQueue {
  handler = "handler.worker"
  sqs {
    arn       = getAtt(UnnamedQueue.Arn)
    batchSize = 1
    filterPatterns = [{ body = { kind = ["order"] } }]
  }
}

function fifo {
  handler = "handler.worker"
  sqs     = "arn:aws:sqs:eu-west-1:111122223333:orders.fifo"
}

function notify {
  handler = "handler.notify"
  sns     = "order-events"
}

function audit {
  handler = "handler.notify"
  sns {
    arn       = ref(NotificationsTopic)
    topicName = "notifications"
    filterPolicy {
      severity = ["high", "critical"]
    }
  }
}

function photos {
  handler = "handler.photos"
  s3      = "photos"
}

function cleanup {
  handler = "handler.photos"
  s3 {
    bucket = "uploads"
    event  = "s3:ObjectRemoved:*"
    rules  = [{ prefix = "incoming/" }, { suffix = ".png" }]
  }
}

function nightly {
  handler = "handler.nightly"
  schedule {
    rate = "cron(0 3 * * ? *)"
    name = "nightly-report"
  }
}

function seeded {
  handler = "handler.nightly"
  schedule {
    rate  = "rate(1 day)"
    input {
      mode = "full"
    }
  }
}

function instances {
  handler = "handler.bus"
  eventBridge {
    pattern {
      source      = ["aws.ec2"]
      detail-type = ["EC2 Instance State-change Notification"]
      resources   = ["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"]
      detail {
        state = ["running", "stopped"]
      }
    }
  }
}

function builds {
  handler = "handler.bus"
  cloudwatchEvent {
    event {
      source      = ["aws.codebuild"]
      detail-type = ["CodeBuild Build State Change"]
    }
  }
}

function changes {
  handler = "handler.changes"
  stream {
    type = "dynamodb"
    arn  = getAtt(UsersTable.StreamArn)
  }
}

function clicks {
  handler = "handler.clicks"
  stream {
    type = "kinesis"
    arn  = getAtt(ClicksStream.Arn)
  }
}

function written {
  handler = "handler.clicks"
  stream  = "arn:aws:kinesis:eu-west-1:111122223333:stream/views"
}

function members {
  handler = "handler.members"
  alb {
    listenerArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2"
    priority    = 2
    conditions {
      path   = ["/members/*", "/users/*"]
      method = ["POST", "GET"]
      host   = "api.example.com"
      header {
        name   = "X-Client"
        values = ["mobile"]
      }
      query {
        verbose = "true"
      }
    }
  }
}

function health {
  handler = "handler.members"
  alb {
    listenerArn       = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2"
    priority          = 3
    multiValueHeaders = true
    conditions {
      path = "/health"
    }
  }
}

function logs {
  handler = "handler.logs"
  cloudwatchLog {
    logGroup = "/aws/lambda/shop-dev-users"
    filter   = "ERROR"
  }
}

function bare {
  handler = "handler.bare"
}

resource JobsQueue "AWS::SQS::Queue" {
  QueueName = "jobs"
}

resource UnnamedQueue "AWS::SQS::Queue" {
  VisibilityTimeout = 60
}

resource NotificationsTopic "AWS::SNS::Topic" {
  TopicName = "notifications"
}

resource ClicksStream "AWS::Kinesis::Stream" {
  Name       = "clicks"
  ShardCount = 1
}

resource UsersTable "AWS::DynamoDB::Table" {
  TableName            = "users"
  BillingMode          = "PAY_PER_REQUEST"
  AttributeDefinitions = [{ AttributeName = "email", AttributeType = "S" }, { AttributeName = "joined", AttributeType = "N" }]
  KeySchema            = [{ AttributeName = "email", KeyType = "HASH" }, { AttributeName = "joined", KeyType = "RANGE" }]
  StreamSpecification  = { StreamViewType = "NEW_AND_OLD_IMAGES" }
}
"#;

/// 2018-12-17T21:37:29.183Z, the first `SentTimestamp` of AWS's SQS sample.
const NOW: u64 = 1_545_082_649_183;

fn analysed() -> Analysis {
    let analysis = analyse(SERVICE, &Options::default(), &MemoryFiles::default());
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.severity == svc_compiler::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    analysis
}

fn event(function: &str, kind: Kind) -> Value {
    let analysis = analysed();
    match sample_at(&analysis.service, &analysis.settings, function, kind, Clock::from_millis(NOW)) {
        Ok(event) => event,
        Err(message) => panic!("{function} --event {}: {message}", kind.name()),
    }
}

fn failure(function: &str, kind: Kind) -> String {
    let analysis = analysed();
    match sample_at(&analysis.service, &analysis.settings, function, kind, Clock::from_millis(NOW)) {
        Ok(event) => panic!("{function} --event {} gave {event:#}", kind.name()),
        Err(message) => message,
    }
}

#[test]
fn an_http_api_request_is_for_the_route_with_its_parameters_filled_in() {
    let request = event("users", Kind::Http);
    assert_eq!(request["version"], "2.0");
    assert_eq!(request["routeKey"], "GET /users/{id}");
    assert_eq!(request["rawPath"], "/users/id-1");
    assert_eq!(request["pathParameters"], json!({ "id": "id-1" }));
    assert_eq!(request["requestContext"]["http"]["method"], "GET");
    assert_eq!(request["requestContext"]["http"]["path"], "/users/id-1");
    assert_eq!(request["requestContext"]["routeKey"], "GET /users/{id}");
    assert_eq!(request["requestContext"]["timeEpoch"], NOW);
    assert_eq!(request["requestContext"]["time"], "17/Dec/2018:21:37:29 +0000");
    let host = request["headers"]["host"].as_str().unwrap_or_default();
    assert!(host.ends_with(".execute-api.eu-west-1.amazonaws.com"), "{host}");
    assert!(request.get("body").is_none(), "a GET has no body: {request:#}");

    let upload = event("upload", Kind::Http);
    assert_eq!(upload["requestContext"]["http"]["method"], "POST");
    assert_eq!(upload["pathParameters"], json!({ "proxy": "proxy-1/proxy-2" }));
    let body: Value = serde_json::from_str(upload["body"].as_str().unwrap_or_default()).unwrap_or_default();
    assert!(body.is_object(), "a POST carries a JSON body: {upload:#}");
    assert_eq!(upload["headers"]["content-type"], "application/json");

    let any = event("catchAll", Kind::Http);
    assert_eq!((&any["routeKey"], &any["rawPath"]), (&json!("$default"), &json!("/")));
}

#[test]
fn a_route_with_an_authorizer_has_its_claims_or_caller() {
    let request = event("me", Kind::Http);
    let jwt = &request["requestContext"]["authorizer"]["jwt"];
    assert_eq!(jwt["claims"]["iss"], "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc");
    assert_eq!(jwt["claims"]["aud"], "client-1");
    assert!(jwt["claims"]["sub"].is_string(), "{jwt:#}");
    assert_eq!(jwt["scopes"], json!(["profile"]));
    let iam = &event("signed", Kind::Http)["requestContext"]["authorizer"]["iam"];
    assert_eq!(iam["accountId"], "123456789012");
    assert!(event("users", Kind::Http)["requestContext"].get("authorizer").is_none());
}

#[test]
fn each_kind_is_written_as_its_name() {
    for kind in Kind::ALL {
        assert_eq!(<Kind as clap::ValueEnum>::from_str(kind.name(), false), Ok(kind));
    }
}

#[test]
fn a_rest_request_is_on_the_stage_for_the_endpoint() {
    let request = event("legacy", Kind::Rest);
    assert_eq!(request["resource"], "/users/{id}");
    assert_eq!(request["path"], "/users/id-1");
    assert_eq!(request["httpMethod"], "GET");
    assert_eq!(request["pathParameters"], json!({ "id": "id-1" }));
    assert_eq!(request["requestContext"]["stage"], "dev");
    assert_eq!(request["requestContext"]["path"], "/dev/users/id-1");
    assert_eq!(request["multiValueHeaders"]["Host"][0], request["headers"]["Host"]);
    assert_eq!(event("legacyRoot", Kind::Rest)["pathParameters"], Value::Null);
}

#[test]
fn an_sqs_batch_comes_from_the_declared_queue() {
    let batch = event("worker", Kind::Sqs);
    let records = batch["Records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2);
    for record in &records {
        assert_eq!(record["eventSourceARN"], "arn:aws:sqs:eu-west-1:123456789012:jobs");
        assert_eq!(record["awsRegion"], "eu-west-1");
        assert_eq!(record["eventSource"], "aws:sqs");
        let body = record["body"].as_str().unwrap_or_default();
        assert_eq!(record["md5OfBody"], hex::encode(<md5::Md5 as md5::Digest>::digest(body.as_bytes())));
    }
    assert_ne!(records[0]["messageId"], records[1]["messageId"]);
    assert_eq!(records[0]["attributes"]["SentTimestamp"], NOW.to_string());

    // No QueueName: the name CloudFormation gives starts `<stack>-<id>`.
    let unnamed = event("unnamedQueue", Kind::Sqs);
    let records = unnamed["Records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 1, "batchSize = 1");
    assert_eq!(records[0]["eventSourceARN"], "arn:aws:sqs:eu-west-1:123456789012:shop-dev-UnnamedQueue");
    assert_eq!(records[0]["body"], r#"{"kind":"order"}"#, "the body its filter lets through");

    let fifo = event("fifo", Kind::Sqs);
    assert_eq!(fifo["Records"][0]["eventSourceARN"], "arn:aws:sqs:eu-west-1:111122223333:orders.fifo");
    assert_eq!(fifo["Records"][0]["attributes"]["MessageGroupId"], "1");
}

#[test]
fn an_sns_notification_comes_from_the_declared_topic() {
    let notification = event("notify", Kind::Sns);
    let record = &notification["Records"][0];
    assert_eq!(record["Sns"]["TopicArn"], "arn:aws:sns:eu-west-1:123456789012:order-events");
    let subscription = record["EventSubscriptionArn"].as_str().unwrap_or_default();
    assert!(subscription.starts_with("arn:aws:sns:eu-west-1:123456789012:order-events:"), "{subscription}");
    assert_eq!(record["Sns"]["Timestamp"], "2018-12-17T21:37:29.183Z");

    let filtered = event("audit", Kind::Sns);
    assert_eq!(filtered["Records"][0]["Sns"]["TopicArn"], "arn:aws:sns:eu-west-1:123456789012:notifications");
    assert_eq!(
        filtered["Records"][0]["Sns"]["MessageAttributes"],
        json!({ "severity": { "Type": "String", "Value": "high" } }),
        "attributes its filter policy lets through"
    );
}

#[test]
fn an_s3_notification_is_for_the_declared_bucket_event_and_rules() {
    let created = event("photos", Kind::S3);
    let record = &created["Records"][0];
    assert_eq!(record["eventName"], "ObjectCreated:Put");
    assert_eq!(record["s3"]["bucket"]["name"], "photos");
    assert_eq!(record["s3"]["bucket"]["arn"], "arn:aws:s3:::photos");
    assert_eq!(record["awsRegion"], "eu-west-1");

    let removed = event("cleanup", Kind::S3);
    let record = &removed["Records"][0];
    assert_eq!(record["eventName"], "ObjectRemoved:Delete");
    assert_eq!(record["s3"]["bucket"]["name"], "uploads");
    assert_eq!(record["s3"]["object"]["key"], "incoming/sample.png");
    assert!(record["s3"]["object"].get("size").is_none(), "a deleted object has no size");
}

#[test]
fn a_scheduled_event_names_the_rule_or_is_its_input() {
    let scheduled = event("nightly", Kind::Schedule);
    assert_eq!(scheduled["detail-type"], "Scheduled Event");
    assert_eq!(scheduled["source"], "aws.events");
    assert_eq!(scheduled["resources"], json!(["arn:aws:events:eu-west-1:123456789012:rule/nightly-report"]));
    assert_eq!(scheduled["time"], "2018-12-17T21:37:29Z");
    let unnamed = event("home", Kind::Schedule);
    assert_eq!(
        unnamed["resources"],
        json!(["arn:aws:events:eu-west-1:123456789012:rule/shop-dev-HomeEventsRuleSchedule1"])
    );
    assert_eq!(event("seeded", Kind::Schedule), json!({ "mode": "full" }));
}

#[test]
fn an_eventbridge_event_matches_the_rule_pattern() {
    let matched = event("instances", Kind::EventBridge);
    assert_eq!(matched["source"], "aws.ec2");
    assert_eq!(matched["detail-type"], "EC2 Instance State-change Notification");
    assert_eq!(matched["detail"], json!({ "state": "running" }));
    assert_eq!(matched["region"], "eu-west-1");
    assert_eq!(matched["resources"], json!(["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc"]));
    let legacy = event("builds", Kind::EventBridge);
    assert_eq!(legacy["source"], "aws.codebuild");
    assert_eq!(legacy["resources"], json!([]), "a pattern without resources");
}

#[test]
fn dynamodb_records_have_the_table_stream_and_key() {
    let records = event("changes", Kind::Dynamodb);
    let records = records["Records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2);
    let arn = records[0]["eventSourceARN"].as_str().unwrap_or_default();
    assert_eq!(arn, "arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2018-12-17T21:37:29.183");
    assert_eq!(records[0]["dynamodb"]["Keys"], json!({ "email": { "S": "email-1" }, "joined": { "N": "101" } }));
    assert_eq!(records[0]["eventName"], "INSERT");
    assert_eq!(records[1]["eventName"], "MODIFY");
    assert!(records[0]["dynamodb"].get("OldImage").is_none());
    assert_eq!(records[1]["dynamodb"]["OldImage"]["email"], json!({ "S": "email-1" }));
    assert_eq!(records[1]["dynamodb"]["NewImage"]["joined"], json!({ "N": "101" }));
}

#[test]
fn kinesis_records_come_from_the_declared_stream() {
    let records = event("clicks", Kind::Kinesis);
    assert_eq!(records["Records"][0]["eventSourceARN"], "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks");
    assert_eq!(records["Records"][0]["kinesis"]["approximateArrivalTimestamp"], json!(1_545_082_649.183));
    let data = records["Records"][0]["kinesis"]["data"].as_str().unwrap_or_default();
    let decoded = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&decoded), "Hello from Kinesis!");
    let written = event("written", Kind::Kinesis);
    assert_eq!(written["Records"][1]["eventSourceARN"], "arn:aws:kinesis:eu-west-1:111122223333:stream/views");
}

#[test]
fn an_alb_request_passes_the_listener_conditions() {
    let request = event("members", Kind::Alb);
    assert_eq!(request["path"], "/members/sample");
    assert_eq!(request["httpMethod"], "POST");
    assert_eq!(request["headers"]["host"], "api.example.com");
    assert_eq!(request["headers"]["x-client"], "mobile");
    assert_eq!(request["queryStringParameters"], json!({ "verbose": "true" }));
    let group = request["requestContext"]["elb"]["targetGroupArn"].as_str().unwrap_or_default();
    assert!(group.starts_with("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/members-"), "{group}");

    let multi = event("health", Kind::Alb);
    assert_eq!(multi["path"], "/health");
    assert!(multi["multiValueHeaders"]["host"][0].is_string(), "{multi:#}");
    assert_eq!(multi["multiValueQueryStringParameters"], json!({}));
    assert!(multi.get("headers").is_none());
}

/// The log data of a `cloudwatchLog` event, unpacked.
fn log_data(event: &Value) -> Value {
    use std::io::Read;
    let data = event["awslogs"]["data"].as_str().unwrap_or_default();
    let compressed = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).unwrap_or_default();
    let mut text = String::new();
    let read = flate2::read::GzDecoder::new(compressed.as_slice()).read_to_string(&mut text);
    assert!(read.is_ok(), "{read:?}: {event:#}");
    serde_json::from_str(&text).unwrap_or_default()
}

#[test]
fn cloudwatch_log_events_come_from_the_log_group_through_the_filter() {
    let data = log_data(&event("logs", Kind::CloudwatchLog));
    assert_eq!(data["logGroup"], "/aws/lambda/shop-dev-users");
    assert_eq!(data["messageType"], "DATA_MESSAGE");
    assert_eq!(data["logEvents"][0]["timestamp"], NOW);
    let message = data["logEvents"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("ERROR"), "the filter lets it through: {message}");
    let (extra, missing) = differences(&data, &aws_sample("cloudwatch-log-data"));
    assert!(extra.is_empty() && missing.is_empty(), "extra {extra:?}, missing {missing:?}");
}

#[test]
fn a_kind_the_function_does_not_declare_is_refused_with_the_kinds_it_has() {
    let message = failure("home", Kind::Sqs);
    assert_eq!(message, "function `home` has no event that gives `--event sqs`; its events give: http, schedule");
    let message = failure("changes", Kind::Kinesis);
    assert!(message.ends_with("its events give: dynamodb"), "{message}");
}

#[test]
fn a_function_without_events_gets_any_kind() {
    let queue = event("bare", Kind::Sqs);
    assert_eq!(queue["Records"][0]["eventSourceARN"], "arn:aws:sqs:eu-west-1:123456789012:shop-dev-bare");
    let request = event("bare", Kind::Http);
    assert_eq!(request["rawPath"], "/");
}

#[test]
fn an_unknown_function_is_named_with_the_closest_one() {
    assert_eq!(failure("user", Kind::Http), "the service has no function `user` (did you mean `users`?)");
}

#[test]
fn the_same_instant_gives_the_same_event_and_another_one_new_ids() {
    let analysis = analysed();
    let at = |millis| sample_at(&analysis.service, &analysis.settings, "worker", Kind::Sqs, Clock::from_millis(millis));
    assert_eq!(at(NOW), at(NOW));
    let (first, later) = (at(NOW).unwrap_or_default(), at(NOW + 1).unwrap_or_default());
    assert_ne!(first["Records"][0]["messageId"], later["Records"][0]["messageId"]);
}

/// Objects whose keys are data (headers, attributes, item attributes),
/// compared as objects, not key by key.
const MAPS: &[&str] = &[
    "headers",
    "multiValueHeaders",
    "pathParameters",
    "stageVariables",
    "queryStringParameters",
    "messageAttributes",
    "MessageAttributes",
    "detail",
    "Keys",
    "NewImage",
    "OldImage",
];

/// Every key path of `value` with the type of its value (`Records[].body:
/// string`); an array's items are merged.
fn shape(value: &Value, path: &str, into: &mut BTreeSet<String>) {
    let last = path.rsplit(['.', ']']).next().unwrap_or(path);
    match value {
        Value::Object(_) if MAPS.contains(&last) => {
            into.insert(format!("{path}:map"));
        }
        Value::Object(object) => {
            for (key, value) in object {
                shape(value, &if path.is_empty() { key.clone() } else { format!("{path}.{key}") }, into);
            }
        }
        Value::Array(items) => {
            into.insert(format!("{path}:array"));
            for item in items {
                shape(item, &format!("{path}[]"), into);
            }
        }
        Value::String(_) => _ = into.insert(format!("{path}:string")),
        Value::Number(_) => _ = into.insert(format!("{path}:number")),
        Value::Bool(_) => _ = into.insert(format!("{path}:bool")),
        Value::Null => _ = into.insert(format!("{path}:null")),
    }
}

fn shape_of(value: &Value) -> BTreeSet<String> {
    let mut into = BTreeSet::new();
    shape(value, "", &mut into);
    into
}

/// AWS's sample event `name`, from `cli/tests/events/`.
fn aws_sample(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/events").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys the event has and the sample has not, and those the sample
/// has and the event has not.
fn differences(event: &Value, sample: &Value) -> (Vec<String>, Vec<String>) {
    let (ours, theirs) = (shape_of(event), shape_of(sample));
    (ours.difference(&theirs).cloned().collect(), theirs.difference(&ours).cloned().collect())
}

/// What the HTTP API sample has that a generated request leaves out:
/// API Gateway sends `cookies` only for a request that has some.
const NO_COOKIES: &[&str] = &["cookies:array", "cookies[]:string"];

#[test]
fn each_event_has_the_shape_of_the_aws_sample() {
    let cases: [(&str, Kind, &str, &[&str]); 11] = [
        ("home", Kind::Http, "http", NO_COOKIES),
        ("legacyRoot", Kind::Rest, "rest", &[]),
        ("worker", Kind::Sqs, "sqs", &[]),
        ("notify", Kind::Sns, "sns", &[]),
        ("photos", Kind::S3, "s3", &[]),
        ("nightly", Kind::Schedule, "schedule", &[]),
        ("instances", Kind::EventBridge, "eventbridge", &[]),
        ("changes", Kind::Dynamodb, "dynamodb", &[]),
        ("written", Kind::Kinesis, "kinesis", &[]),
        ("members", Kind::Alb, "alb", &[]),
        ("logs", Kind::CloudwatchLog, "cloudwatch-log", &[]),
    ];
    for (function, kind, sample, absent) in cases {
        let (extra, missing) = differences(&event(function, kind), &aws_sample(sample));
        assert!(
            extra.is_empty() && missing == absent,
            "{function} --event {}: extra {extra:?}, missing {missing:?}",
            kind.name()
        );
    }
}

#[test]
fn a_request_with_parameters_and_a_body_adds_only_those_to_the_sample_shape() {
    // The sample is a GET to a route without parameters; API Gateway adds
    // `pathParameters` and `body` when the request has them.
    let (extra, missing) = differences(&event("upload", Kind::Http), &aws_sample("http"));
    assert_eq!(extra, ["body:string", "pathParameters:map"]);
    assert_eq!(missing, NO_COOKIES);
}
