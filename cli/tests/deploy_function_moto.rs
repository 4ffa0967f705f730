//! `svc deploy function` against moto, through the real SDK: one
//! function's code (and with `--update-config`, its configuration) changed
//! through Lambda's API, the stack left as it was.

mod support;

use std::path::Path;

use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};
use support::moto::Moto;
use support::write_service;

const STACK: &str = "svc-fn-dev";
const FUNCTION: &str = "svc-fn-dev-worker";

const SERVICE: &str = r#"service = "svc-fn"

provider aws {
  runtime = "python3.12"
  region  = "us-east-1"
}

function worker {
  handler    = "handler.handle"
  memorySize = 256
  environment {
    QUEUE = ref(Jobs)
    MODE  = "a"
  }
}

resource Jobs "AWS::SQS::Queue" {
  VisibilityTimeout = 60
}
"#;

fn configuration(moto: &Moto) -> Value {
    moto.function_configuration(FUNCTION)
}

fn stack_template(moto: &Moto) -> String {
    moto.stack_template(STACK)
}

fn stack_events(moto: &Moto) -> usize {
    moto.stack_events(STACK)
}

/// Lambda's `CodeSha256` of the zip `svc` built into `.svc/`.
fn built_code(dir: &Path) -> String {
    let zip = std::fs::read(dir.join(".svc/svc-fn.zip")).expect("the built zip");
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&zip))
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn deploy_function_updates_code_and_configuration_without_a_stack_update() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, SERVICE);

    let out = moto.svc(dir, &["deploy", "function", "-f", "worker"], 2);
    assert!(out.contains(&format!("stack `{STACK}` does not exist")), "{out}");
    moto.svc(dir, &["deploy"], 0);
    let (template, events) = (stack_template(&moto), stack_events(&moto));
    let first = configuration(&moto);

    // The same code: nothing is sent.
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker"], 0);
    assert!(out.contains("is unchanged: nothing to update"), "{out}");
    assert_eq!(configuration(&moto)["CodeSha256"], first["CodeSha256"]);

    // New code: Lambda runs it (by CodeSha256), the configuration and the
    // stack stay as they were, and svc says the stack does not know.
    std::fs::write(dir.join("handler.py"), "def handle(event, context):\n    return {\"ok\": 2}\n").expect("write");
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker"], 0);
    assert!(out.contains(&format!("Updated the code of `worker` ({FUNCTION})")), "{out}");
    assert!(out.contains("does not know of this change") && out.contains("until the next `svc deploy`"), "{out}");
    let second = configuration(&moto);
    assert_ne!(second["CodeSha256"], first["CodeSha256"]);
    assert_eq!(second["CodeSha256"], built_code(dir).as_str());
    assert_eq!(second["MemorySize"], 256);
    assert_eq!((stack_template(&moto), stack_events(&moto)), (template.clone(), events), "the stack was updated");

    // Without --update-config a configuration change is not sent; with it,
    // memory and environment are, `ref(Jobs)` read from the stack.
    let changed = SERVICE.replace("memorySize = 256", "memorySize = 512").replace("MODE  = \"a\"", "MODE  = \"b\"");
    std::fs::write(dir.join("service.svc"), &changed).expect("write");
    moto.svc(dir, &["deploy", "function", "-f", "worker"], 0);
    assert_eq!(configuration(&moto)["MemorySize"], 256);
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker", "--update-config"], 0);
    assert!(out.contains("Updated the configuration of `worker`"), "{out}");
    let third = configuration(&moto);
    assert_eq!(third["MemorySize"], 512);
    assert_eq!(third["Environment"]["Variables"]["MODE"], "b");
    let queue = third["Environment"]["Variables"]["QUEUE"].as_str().unwrap_or_default().to_owned();
    assert!(queue.contains("svc-fn-dev-Jobs"), "QUEUE = {queue}");
    assert_eq!(third["CodeSha256"], second["CodeSha256"]);
    assert_eq!((stack_template(&moto), stack_events(&moto)), (template.clone(), events), "the stack was updated");

    // A value only CloudFormation works out is refused, and nothing changes.
    std::fs::write(dir.join("service.svc"), changed.replace("MODE  = \"b\"", "MODE  = getAtt(Jobs.Arn)"))
        .expect("write");
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker", "--update-config"], 2);
    assert!(out.contains("environment variable `MODE` is only worked out by CloudFormation"), "{out}");
    assert_eq!(configuration(&moto)["Environment"]["Variables"]["MODE"], "b");

    // A function the service does not have.
    let out = moto.svc(dir, &["deploy", "function", "-f", "wroker"], 2);
    assert!(out.contains("did you mean `worker`?"), "{out}");
}

/// `len` bytes that do not compress (xorshift), so the zip is as large.
fn incompressible(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn a_zip_over_50_mb_is_sent_through_the_deployment_bucket() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, SERVICE);
    std::fs::write(dir.join("model.bin"), incompressible(51 * 1024 * 1024)).expect("write");
    moto.svc(dir, &["deploy"], 0);
    let first = configuration(&moto);

    std::fs::write(dir.join("handler.py"), "def handle(event, context):\n    return {\"ok\": 3}\n").expect("write");
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker"], 0);
    assert!(out.contains("over Lambda's 50 MB for code sent directly: sent through s3://"), "{out}");
    assert!(out.contains(&format!("Updated the code of `worker` ({FUNCTION})")), "{out}");
    let second = configuration(&moto);
    assert_ne!(second["CodeSha256"], first["CodeSha256"]);
    assert_eq!(second["CodeSha256"], built_code(dir).as_str());
    // The zip is where `svc deploy` puts it, so the next deploy finds it.
    let bucket = moto.deployment_bucket(STACK);
    let zip_sha = hex(&Sha256::digest(std::fs::read(dir.join(".svc/svc-fn.zip")).expect("zip")));
    let objects = moto.objects(&bucket).expect("the deployment bucket");
    assert!(objects.iter().any(|key| key.contains(&zip_sha)), "no zip {zip_sha} in {objects:?}");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
