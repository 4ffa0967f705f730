//! Stage, region and the other settings are worked out once, from the
//! command line first: each one given as a flag reaches the template and
//! the check that guards it.

mod support;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `svc <command> <dir> <flags…>` in `dir`, with its exit code and stderr.
fn svc(command: &str, dir: &Path, flags: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::cargo_bin("svc").expect("svc binary");
    cmd.arg(command).arg(dir).args(flags).env("NO_COLOR", "1");
    if command == "build" {
        cmd.arg("--template-only").arg("-o").arg(dir.join("out"));
    }
    let output = cmd.output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A service folder holding `source` and an empty handler file.
fn service(source: &str, handler: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("service.svc"), source).expect("write");
    std::fs::write(dir.path().join(handler), "").expect("write");
    dir
}

fn template(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("out/cloudformation-template-update-stack.json")).expect("template");
    serde_json::from_str(&text).expect("JSON")
}

const STREAM: &str = r#"service = "clicks"

provider aws {
  runtime = "python3.12"

  kinesis {
    consumerNamingMode = "serviceSpecific"
  }
}

function hello {
  handler = "handler.hello"

  stream {
    type     = "kinesis"
    arn      = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
    consumer = true
  }
}

output Consumer {
  value = ref(CONSUMER)
}
"#;

#[test]
fn a_stream_consumer_is_named_for_the_stage_given_on_the_command_line() {
    // The consumer svc generates for `--stage prod`: a reference to it
    // checks and builds.
    let dir = service(&STREAM.replace("CONSUMER", "HelloclicksclicksprodConsumerStreamConsumer"), "handler.py");
    let (code, stderr) = svc("build", dir.path(), &["--stage", "prod"]);
    assert_eq!(code, Some(0), "{stderr}");
    let resources = &template(dir.path())["Resources"];
    assert_eq!(resources["HelloclicksclicksprodConsumerStreamConsumer"]["Type"], "AWS::Kinesis::StreamConsumer");
    assert_eq!(svc("check", dir.path(), &["--stage", "prod"]).0, Some(0));

    // The `dev` one does not exist under `--stage prod`: E0308, with the
    // right name offered.
    let dir = service(&STREAM.replace("CONSUMER", "HelloclicksclicksdevConsumerStreamConsumer"), "handler.py");
    for command in ["check", "build"] {
        let (code, stderr) = svc(command, dir.path(), &["--stage", "prod"]);
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(stderr.contains("E0308"), "{command}: {stderr}");
        assert!(stderr.contains("HelloclicksclicksprodConsumerStreamConsumer"), "{command}: {stderr}");
    }
    assert!(!dir.path().join("out").exists(), "nothing is written for a service with errors");
}

const EDGE: &str = r#"service = "edge"

provider aws {
  runtime = "nodejs22.x"
}

function rewrite {
  handler = "handler.rewrite"

  cloudFront {
    eventType = "viewer-request"
    origin    = "s3://bucket.s3.amazonaws.com/files"
  }
}
"#;

#[test]
fn cloud_front_events_are_refused_outside_us_east_1_given_on_the_command_line() {
    let dir = service(EDGE, "handler.js");
    assert_eq!(svc("build", dir.path(), &[]).0, Some(0), "us-east-1 by default");
    for command in ["check", "build"] {
        let (code, stderr) = svc(command, dir.path(), &["--region", "eu-west-1"]);
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(stderr.contains("E0407") && stderr.contains("outside us-east-1"), "{command}: {stderr}");
    }
}

#[test]
fn every_setting_given_as_a_flag_reaches_the_template() {
    let source = r#"service = "flags"

provider aws {
  runtime = "python3.12"
  stage   = "dev"
  region  = "us-east-1"
}

function hello {
  handler = "handler.hello"

  sns {
    arn = "arn:aws:sns:us-east-1:123456789012:alerts"
  }
}
"#;
    let dir = service(source, "handler.py");
    let (code, stderr) = svc("build", dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let written = template(dir.path());
    let (code, stderr) = svc("build", dir.path(), &["--stage", "prod", "--region", "eu-west-1"]);
    assert_eq!(code, Some(0), "{stderr}");
    let flagged = template(dir.path());

    let function = |t: &Value| t["Resources"]["HelloLambdaFunction"]["Properties"].clone();
    assert_eq!(function(&written)["FunctionName"], "flags-dev-hello");
    assert_eq!(function(&flagged)["FunctionName"], "flags-prod-hello", "--stage names the function");
    let key = |t: &Value| function(t)["Code"]["S3Key"].as_str().unwrap_or_default().to_owned();
    assert!(key(&written).starts_with("serverless/flags/dev/code-artifacts/"), "{}", key(&written));
    assert!(
        key(&flagged).starts_with("serverless/flags/prod/code-artifacts/"),
        "--stage places the code: {}",
        key(&flagged)
    );
    // A topic in another region than the stack's is subscribed with its
    // region: none in us-east-1, `us-east-1` from eu-west-1.
    let region = |t: &Value| t["Resources"]["HelloSnsSubscriptionAlerts"]["Properties"]["Region"].clone();
    assert_eq!(region(&written), Value::Null);
    assert_eq!(region(&flagged), "us-east-1", "--region is the stack's region");
}
