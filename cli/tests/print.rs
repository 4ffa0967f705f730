//! `svc print` as a user runs it: formats, `--path`, options, deploy-time
//! values, secrets, and errors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn svc() -> Command {
    let mut cmd = Command::cargo_bin("svc").expect("svc binary");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/aws-python-http-api/service.svc")
}

/// Writes `src` as `service.svc` in a fresh folder.
fn service(src: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("service.svc");
    std::fs::write(&path, src).expect("write");
    (dir, path)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("JSON on stdout")
}

const SERVICE: &str = r#"
service = "demo"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
}

params {
  default { domain = "dev.example.com" }
  prod { domain = "example.com" }
}

custom {
  off       = false
  zero      = 0
  domain    = ${param:domain}
  secret    = ${ssm:/demo/db-password~true}
  plain     = ${ssm:/demo/flag}
  account   = ${aws:accountId}
  bucketArn = "arn:aws:s3:::demo-${aws:accountId}"
  queueUrl  = ${cf:other-stack.QueueUrl}
}

function hello {
  handler = "handler.hello"
}
"#;

#[test]
fn path_prints_falsy_values_as_values() {
    let (_dir, path) = service(SERVICE);
    for (at, want) in [("custom.off", json!(false)), ("custom.zero", json!(0))] {
        let value = json_of(svc().arg("print").arg(&path).args(["--format", "json", "--path", at]));
        assert_eq!(value, want, "{at}");
    }
}

#[test]
fn path_that_does_not_exist_says_what_does() {
    let (_dir, path) = service(SERVICE);
    let out = svc().arg("print").arg(&path).args(["--path", "custom.domian"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`custom.domian` does not exist"), "{stderr}");
    assert!(stderr.contains("did you mean `custom.domain`"), "{stderr}");
}

#[test]
fn stage_and_param_options_choose_the_values() {
    let (_dir, path) = service(SERVICE);
    let dev = json_of(svc().arg("print").arg(&path).args(["--format", "json"]));
    assert_eq!(dev["custom"]["domain"], "dev.example.com");
    assert_eq!(dev["functions"]["hello"]["name"], "demo-dev-hello");
    let prod = json_of(svc().arg("print").arg(&path).args(["--format", "json", "--stage", "prod"]));
    assert_eq!(prod["custom"]["domain"], "example.com");
    assert_eq!(prod["functions"]["hello"]["name"], "demo-prod-hello");
    let cli =
        json_of(svc().arg("print").arg(&path).args(["--format", "json", "--stage", "prod", "--param", "domain=x.io"]));
    assert_eq!(cli["custom"]["domain"], "x.io");
}

#[test]
fn secrets_and_the_account_stay_references() {
    let (_dir, path) = service(SERVICE);
    let custom = json_of(svc().arg("print").arg(&path).args(["--format", "json", "--path", "custom"]));
    assert_eq!(custom["secret"], "{{resolve:ssm-secure:/demo/db-password}}");
    assert_eq!(custom["plain"], "{{resolve:ssm:/demo/flag}}");
    assert_eq!(custom["account"], json!({ "Ref": "AWS::AccountId" }));
    assert_eq!(custom["bucketArn"], json!({ "Fn::Sub": "arn:aws:s3:::demo-${AWS::AccountId}" }));
}

#[test]
fn deploy_time_values_are_shown_as_written_and_noted() {
    let (_dir, path) = service(SERVICE);
    let out = svc().arg("print").arg(&path).args(["--format", "yaml"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("queueUrl: ${cf:other-stack.QueueUrl}"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("resolved at deploy time"), "{stderr}");
    assert!(stderr.contains("custom.queueUrl = ${cf:other-stack.QueueUrl}"), "{stderr}");
}

#[test]
fn yaml_and_json_are_the_same_data() {
    let json = json_of(svc().arg("print").arg(example()).args(["--format", "json"]));
    let yaml = stdout(svc().arg("print").arg(example()).args(["--format", "yaml"]));
    let yaml: Value = serde_norway::from_str(&yaml).expect("YAML");
    assert_eq!(json, yaml);
}

#[test]
fn svc_format_prints_a_service_that_prints_the_same() {
    let direct = json_of(svc().arg("print").arg(example()).args(["--format", "json"]));
    let text = stdout(svc().arg("print").arg(example()));
    let (_dir, path) = service(&text);
    let again = json_of(svc().arg("print").arg(&path).args(["--format", "json"]));
    assert_eq!(direct, again, "svc print output:\n{text}");
    let check = svc().arg("fmt").arg("--check").arg(&path).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "svc print output is formatted");
}

#[test]
fn errors_print_nothing_and_exit_1() {
    let (_dir, path) = service("service = \"demo\"\nprovider aws {\n  memorySize = ${opt:memory}\n}\n");
    let out = svc().arg("print").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("E0212"));
}

#[test]
fn a_cycle_is_reported_with_its_chain() {
    let (_dir, path) = service(
        "service = \"demo\"\nprovider aws {\n  runtime = \"python3.12\"\n}\ncustom {\n  a = ${self:custom.b}\n  b = ${self:custom.a}\n}\n",
    );
    let out = svc().arg("check").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("custom.a → custom.b → custom.a"), "{stderr}");
}
