//! `svc deploy`, `svc diff`, `svc info` and `svc remove` against a real
//! local AWS: a moto server on a free loopback port (installed into
//! `.venv-peers` by `scripts/test`), driven through the `svc` binary with dummy
//! credentials. The service uses what moto models (a function with a
//! schedule, SQS, SNS, DynamoDB); nothing here asserts what moto skips
//! (see `shared/reference/peers.md`).

mod support;

use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use support::moto::Moto;
use support::{shown, svc, tags, write_service};

const STACK: &str = "svc-moto-dev";
const FUNCTION: &str = "svc-moto-dev-worker";

const SERVICE: &str = r#"service = "svc-moto"

provider aws {
  runtime = "python3.12"
  region  = "us-east-1"
}

function worker {
  handler    = "handler.handle"
  memorySize = 256
  environment {
    QUEUE = ref(JobsQueue)
  }
  schedule {
    rate = "rate(1 hour)"
  }
}

resource JobsQueue "AWS::SQS::Queue" {
  VisibilityTimeout = 60
}

resource EventsTopic "AWS::SNS::Topic" {
  TopicName = "svc-moto-events"
}

resource UsersTable "AWS::DynamoDB::Table" {
  BillingMode          = "PAY_PER_REQUEST"
  AttributeDefinitions = [{ AttributeName = "id", AttributeType = "S" }]
  KeySchema            = [{ AttributeName = "id", KeyType = "HASH" }]
}

output QueueUrl {
  value = ref(JobsQueue)
}
"#;

/// Runs `svc` and checks its exit code; returns stdout, and records how long it took.
fn run(dir: &Path, moto: &Moto, args: &[&str], code: i32, timings: &mut Vec<(String, f64)>) -> String {
    let started = Instant::now();
    let output = svc(dir, &moto.url(), args);
    timings.push((args.join(" "), started.elapsed().as_secs_f64()));
    assert_eq!(output.status.code(), Some(code), "svc {}: {}", args.join(" "), shown(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stack_status(moto: &Moto) -> Option<String> {
    let response = moto.cloudformation("DescribeStacks", &[("StackName", STACK)]);
    tags(&response.body, "StackStatus").into_iter().next()
}

fn stack_events(moto: &Moto) -> usize {
    tags(&moto.cloudformation("DescribeStackEvents", &[("StackName", STACK)]).body, "EventId").len()
}

fn change_sets(moto: &Moto) -> usize {
    tags(&moto.cloudformation("ListChangeSets", &[("StackName", STACK)]).body, "ChangeSetId").len()
}

fn configuration(moto: &Moto, function: &str) -> Value {
    let response = moto.lambda(&format!("/2015-03-31/functions/{function}/configuration"));
    serde_json::from_str(&response.body).expect("function configuration")
}

fn memory(moto: &Moto) -> u64 {
    configuration(moto, FUNCTION)["MemorySize"].as_u64().expect("MemorySize")
}

/// A second service that reads the first one's output and an S3 object
/// at deploy time.
fn consumer(output: &str, bucket: &str) -> String {
    format!(
        r#"service = "svc-consumer"

provider aws {{
  runtime = "python3.12"
}}

function reader {{
  handler = "handler.handle"
  environment {{
    QUEUE_URL = "${{cf:svc-moto-dev.{output}}}"
    SETTING   = "v-${{s3:{bucket}/config/setting.txt}}"
    LITERAL   = "\${{cf:svc-moto-dev.{output}}}-${{cf:svc-moto-dev.{output}}}"
    FALLBACK  = ${{cf:svc-moto-dev.Missing, ${{cf:no-such-stack.Out}}, "fallback"}}
  }}
}}
"#
    )
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn deploy_diff_info_remove_against_moto() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, SERVICE);
    let mut timings = Vec::new();

    // First deploy: the stack exists and the code is in its bucket.
    let out = run(dir, &moto, &["deploy"], 0, &mut timings);
    assert!(out.contains(&format!("Deployed stack `{STACK}`")), "{out}");
    assert!(out.contains(&format!("worker: {FUNCTION}")), "{out}");
    assert!(stack_status(&moto).is_some_and(|s| s.ends_with("_COMPLETE")), "{:?}", stack_status(&moto));
    let template: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(".svc/cloudformation-template-update-stack.json")).expect("template"),
    )
    .expect("JSON");
    let key = template["Resources"]["WorkerLambdaFunction"]["Properties"]["Code"]["S3Key"].as_str().expect("key");
    let bucket = moto.deployment_bucket(STACK);
    assert!(moto.objects(&bucket).is_some_and(|o| o.iter().any(|k| k == key)), "{key} not in {bucket}");
    assert_eq!(memory(&moto), 256);

    // The same service again: "No changes", and the stack is not touched.
    let (events, sets) = (stack_events(&moto), change_sets(&moto));
    let out = run(dir, &moto, &["deploy"], 0, &mut timings);
    assert!(out.contains("No changes"), "{out}");
    assert_eq!((stack_events(&moto), change_sets(&moto)), (events, sets), "the no-change deploy updated the stack");

    // A memory change: `svc diff` shows it and changes nothing (exit 1) …
    std::fs::write(dir.join("service.svc"), SERVICE.replace("memorySize = 256", "memorySize = 512")).expect("write");
    let out = run(dir, &moto, &["diff"], 1, &mut timings);
    assert!(
        out.lines().any(|l| l.contains("Modify") && l.contains("WorkerLambdaFunction") && l.contains("MemorySize")),
        "{out}"
    );
    assert!(out.contains("MemorySize: 256 → 512"), "{out}");
    assert_eq!(memory(&moto), 256, "svc diff changed the function");
    assert_eq!(
        (stack_events(&moto), change_sets(&moto)),
        (events, sets),
        "svc diff left a change set or updated the stack"
    );

    // … and `svc deploy` deploys it.
    let out = run(dir, &moto, &["deploy"], 0, &mut timings);
    assert!(out.contains("Deployed"), "{out}");
    assert_eq!(memory(&moto), 512);
    let out = run(dir, &moto, &["diff"], 0, &mut timings);
    assert!(out.contains("No changes"), "{out}");

    // `--method direct` (UpdateStack); moto refreshes outputs after it (not
    // after a change set), so `svc info` then shows the user's output.
    let changed = SERVICE
        .replace("memorySize = 256", "memorySize = 512")
        .replace("VisibilityTimeout = 60", "VisibilityTimeout = 90");
    std::fs::write(dir.join("service.svc"), changed).expect("write");
    let out = run(dir, &moto, &["deploy", "--method", "direct"], 0, &mut timings);
    assert!(
        out.lines().any(|l| l.contains("Modify") && l.contains("JobsQueue") && l.contains("VisibilityTimeout")),
        "{out}"
    );
    let out = run(dir, &moto, &["info"], 0, &mut timings);
    for expected in [
        "service: svc-moto".to_owned(),
        "stage: dev".to_owned(),
        "region: us-east-1".to_owned(),
        format!("stack: {STACK} (UPDATE_COMPLETE)"),
        format!("worker: {FUNCTION}"),
        format!("ServerlessDeploymentBucketName: {bucket}"),
    ] {
        assert!(out.contains(&expected), "no `{expected}` in:\n{out}");
    }
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("QueueUrl: ") && l.contains("svc-moto-dev-JobsQueue")),
        "{out}"
    );

    // Deploy-time variables: `${cf:stack.Output}` and `${s3:bucket/key}`
    // are read through the SDK (with fallbacks); a wrong one points at its line.
    let queue_url =
        out.lines().find_map(|l| l.trim_start().strip_prefix("QueueUrl: ")).expect("QueueUrl output").to_owned();
    assert_eq!(moto.s3_put(&format!("/{bucket}/config/setting.txt"), "blue").status, 200);
    let other = tempfile::tempdir().expect("tmp");
    write_service(other.path(), &consumer("QueueUrll", &bucket));
    let output = svc(other.path(), &moto.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("has no output `QueueUrll` (did you mean `QueueUrl`?)"), "{}", shown(&output));
    assert!(text.contains("service.svc:10:"), "the error does not point at the variable: {}", shown(&output));
    write_service(other.path(), &consumer("QueueUrl", &bucket));
    run(other.path(), &moto, &["deploy"], 0, &mut timings);
    let environment = &configuration(&moto, "svc-consumer-dev-reader")["Environment"]["Variables"];
    assert_eq!(environment["QUEUE_URL"], queue_url.as_str());
    assert_eq!(environment["SETTING"], "v-blue");
    // A literal `\${` is text, even beside a variable; fallbacks are read in order.
    assert_eq!(environment["LITERAL"], format!("${{cf:svc-moto-dev.QueueUrl}}-{queue_url}"));
    assert_eq!(environment["FALLBACK"], "fallback");
    run(other.path(), &moto, &["remove"], 0, &mut timings);

    // `svc remove`: no stack, and no object left.
    let out = run(dir, &moto, &["remove"], 0, &mut timings);
    assert!(out.contains(&format!("Removed stack `{STACK}`")), "{out}");
    assert_eq!(stack_status(&moto), None, "the stack is still there");
    let left = moto.objects(&bucket).unwrap_or_default();
    // (the object the consumer read was put by the test, and is removed too)
    assert!(left.is_empty(), "objects left in {bucket}: {left:?}");
    let output = svc(dir, &moto.url(), &["remove"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"), "{}", shown(&output));

    eprintln!("svc against moto (whole processes, debug build):");
    for (command, seconds) in &timings {
        eprintln!("  svc {command:<28} {:>7.0} ms", seconds * 1000.0);
    }
}
