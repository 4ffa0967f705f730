//! `svc import` through the real binary: a serverless.yml with anchors,
//! merge keys, short and long CloudFormation tags, variables and comments
//! becomes formatted svc that `svc check` accepts and `--check` proves
//! equal; the file is never overwritten without `--force`; and bad input
//! (invalid YAML, a YAML bomb, a root that is not a mapping, code instead
//! of YAML, a BOM and CRLF) gets one clear message, never a panic.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;

const YAML: &str = r#"# Orders: an API and a worker.
service: orders
frameworkVersion: '3'

custom:
  defaults: &defaults
    memorySize: 512
    timeout: 10
  table: orders-${sls:stage}   # one table per stage

provider:
  name: aws
  runtime: python3.12
  stage: ${opt:stage, 'dev'}
  environment:
    TABLE: ${self:custom.table}
    QUEUE: !Ref Jobs

functions:
  api:
    <<: *defaults
    handler: handler.api
    events:
      - httpApi: 'GET /orders'
  worker:
    handler: handler.worker
    events:
      # Ten at a time.
      - sqs:
          arn:
            Fn::GetAtt: [Jobs, Arn]
          batchSize: 10

resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: !Sub '${AWS::StackName}-jobs-${sls:stage}'
        Tags:
          - Key: region
            Value: !Join ['-', [!Ref 'AWS::Region', x]]
"#;

fn svc(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::cargo_bin("svc").expect("svc");
    command.current_dir(dir).env_clear().args(args).timeout(Duration::from_secs(20));
    command.output().expect("svc runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn folder(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("serverless.yml"), yaml).expect("write");
    std::fs::write(dir.path().join("handler.py"), "def api(e, c):\n    return 1\n\ndef worker(e, c):\n    return 1\n")
        .expect("write handler");
    dir
}

#[test]
fn a_serverless_yml_becomes_formatted_svc_that_means_the_same() {
    let dir = folder(YAML);
    let output = svc(dir.path(), &["import", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let out = text(&output);
    assert!(out.contains("Imported ./serverless.yml into ./service.svc (2 functions"), "{out}");
    assert!(out.contains("the resolved service is the same") && out.contains("the template is the same"), "{out}");
    let written = std::fs::read_to_string(dir.path().join("service.svc")).expect("service.svc");
    for expected in [
        "# Orders: an API and a worker.\nservice          = \"orders\"",
        "table = \"orders-${sls:stage}\" # one table per stage",
        "stage   = ${opt:stage, \"dev\"}",
        "QUEUE = ref(Jobs)",
        "httpApi    = \"GET /orders\"",
        "  # Ten at a time.\n  sqs {",
        "arn       = getAtt(Jobs.Arn)",
        "QueueName = sub(\"${AWS::StackName}-jobs-${sls:stage}\")",
        "join(\"-\", [ref(AWS::Region), \"x\"])",
        "resource Jobs \"AWS::SQS::Queue\" {",
    ] {
        assert!(written.contains(expected), "no `{expected}` in:\n{written}");
    }
    // The merge key's values are in the function.
    let api = &written[written.find("function api").expect("function api")..];
    assert!(api.contains("memorySize = 512") && api.contains("timeout    = 10"), "{written}");
    // Canonical and clean: `svc fmt --check` and `svc check` have nothing to say.
    let output = svc(dir.path(), &["fmt", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}\n{written}", text(&output));
    let output = svc(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}\n{written}", text(&output));
}

#[test]
fn the_svc_file_is_never_overwritten_without_force() {
    let dir = folder(YAML);
    assert_eq!(svc(dir.path(), &["import"]).status.code(), Some(0));
    std::fs::write(dir.path().join("service.svc"), "# mine\n").expect("write");
    let output = svc(dir.path(), &["import"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("service.svc exists: `svc import --force` overwrites it"), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(dir.path().join("service.svc")).expect("read"), "# mine\n");
    let output = svc(dir.path(), &["import", "-o", "other.svc"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(std::fs::read_to_string(dir.path().join("other.svc")).expect("other").contains("service "));
    assert_eq!(svc(dir.path(), &["import", "--force"]).status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("service.svc")).expect("read").contains("function worker"));
}

#[test]
fn plugins_and_unknown_keys_are_named_and_kept() {
    let yaml = "service: p\nprovider:\n  name: aws\n  runtime: python3.12\nplugins:\n  - serverless-offline\n  - serverless-domain-manager\ncustom:\n  customDomain:\n    domainName: api.example.com\nunknownTopLevel: 1\n";
    let dir = folder(yaml);
    let output = svc(dir.path(), &["import"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let out = text(&output);
    assert!(out.contains("plugin `serverless-offline` is not needed: `svc offline`"), "{out}");
    assert!(out.contains("plugin `serverless-domain-manager` is not run by svc"), "{out}");
    assert!(out.contains("unknownTopLevel"), "svc check's word on the unknown key: {out}");
    let written = std::fs::read_to_string(dir.path().join("service.svc")).expect("service.svc");
    assert!(written.contains("domainName = \"api.example.com\"") && written.contains("unknownTopLevel"), "{written}");
}

#[test]
fn bad_input_gets_one_clear_message() {
    let cases: [(&str, &str, &str); 3] = [
        ("service: a\nprovider: [1, 2\nfunctions: {}\n", "serverless.yml:", "(not imported)"),
        ("- a\n- b\n", "not a mapping of settings", "(not imported)"),
        ("service: a\nservice: b\n", "given twice", "(not imported)"),
    ];
    for (yaml, says, also) in cases {
        let dir = folder(yaml);
        let output = svc(dir.path(), &["import"]);
        assert_eq!(output.status.code(), Some(1), "{yaml}: {}", text(&output));
        let out = text(&output);
        assert!(out.contains(says) && out.contains(also) && !out.contains("panicked"), "{yaml}: {out}");
        assert!(!dir.path().join("service.svc").exists(), "{yaml}: wrote a file");
    }
    // Invalid YAML says where: line and column.
    let dir = folder("service: a\nprovider:\n  name: aws\n   runtime: x\n");
    let out = text(&svc(dir.path(), &["import"]));
    assert!(out.contains("serverless.yml:4:"), "{out}");

    // A billion laughs is refused at once, not expanded.
    let mut bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
    for i in 1..10 {
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
    }
    let dir = folder(&bomb);
    let started = Instant::now();
    let output = svc(dir.path(), &["import"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("expands to more than"), "{}", text(&output));
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());

    // Code, not YAML.
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("serverless.ts"), "export default {}\n").expect("write");
    let output = svc(dir.path(), &["import"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("serverless.ts is code, which svc does not run: `serverless print"),
        "{}",
        text(&output)
    );
    let output = svc(dir.path(), &["import", "serverless.ts"]);
    assert!(text(&output).contains("is code"), "{}", text(&output));
    let empty = tempfile::tempdir().expect("tmp");
    let output = svc(empty.path(), &["import"]);
    assert!(text(&output).contains("no serverless.yml, serverless.yaml or serverless.json in"), "{}", text(&output));
}

#[test]
fn a_bom_and_crlf_and_json_import_alike() {
    let plain = folder("service: a\nprovider:\n  name: aws\n  runtime: python3.12\n");
    assert_eq!(svc(plain.path(), &["import"]).status.code(), Some(0));
    let expected = std::fs::read_to_string(plain.path().join("service.svc")).expect("svc");
    let crlf = folder("\u{feff}service: a\r\nprovider:\r\n  name: aws\r\n  runtime: python3.12\r\n");
    let output = svc(crlf.path(), &["import"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(crlf.path().join("service.svc")).expect("svc"), expected);
    let json = tempfile::tempdir().expect("tmp");
    std::fs::write(
        json.path().join("serverless.json"),
        r#"{"service": "a", "provider": {"name": "aws", "runtime": "python3.12"}}"#,
    )
    .expect("write");
    let output = svc(json.path(), &["import"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(json.path().join("service.svc")).expect("svc"), expected);
}
