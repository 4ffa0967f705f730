//! The deployment history against moto, through the real SDK: each
//! successful `svc deploy` records its template and what it used in the
//! deployment bucket, in the Serverless Framework's layout, and
//! `svc deploy list` lists them newest first, marking the one the stack
//! runs (read back from CloudFormation).

mod support;

use serde_json::Value;
use sha2::{Digest, Sha256};
use support::moto::{Moto, worker_service};
use support::{listed_deployments as listed, write_service};

const STACK: &str = "svc-history-dev";
const FOLDER: &str = "serverless/svc-history/dev";

fn objects(moto: &Moto, bucket: &str) -> Vec<String> {
    moto.objects(bucket).expect("the deployment bucket")
}

fn object(moto: &Moto, bucket: &str, key: &str) -> String {
    moto.object(bucket, key)
}

/// The template the stack runs, as CloudFormation gives it back.
fn stack_template(moto: &Moto) -> Value {
    serde_json::from_str(&moto.stack_template(STACK)).expect("template JSON")
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn deployment_folders(moto: &Moto, bucket: &str) -> Vec<String> {
    moto.deployment_folders(bucket)
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn each_deploy_is_recorded_and_deploy_list_marks_the_live_one() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, &worker_service("svc-history"));

    // Nothing deployed: the list says so.
    let out = moto.svc(dir, &["deploy", "list"], 1);
    assert!(out.contains(&format!("stack `{STACK}` does not exist")), "{out}");

    // A first deploy records its template and what it used.
    moto.svc(dir, &["deploy"], 0);
    let bucket = moto.deployment_bucket(STACK);
    let folders = deployment_folders(&moto, &bucket);
    assert_eq!(folders.len(), 1, "{:?}", objects(&moto, &bucket));
    let first = &folders[0];
    let name = first.strip_prefix(&format!("{FOLDER}/")).expect("in the service's folder");
    let (millis, time) = name.split_once('-').expect("<milliseconds>-<ISO time>");
    assert!(millis.len() == 13 && millis.bytes().all(|b| b.is_ascii_digit()), "{name}");
    assert!(time.ends_with('Z') && time.len() == "2026-12-07T22:40:00.123Z".len(), "{name}");
    let record: Value =
        serde_json::from_str(&object(&moto, &bucket, &format!("{first}/svc-deployment.json"))).expect("record JSON");
    let source = std::fs::read(dir.join("service.svc")).expect("source");
    assert_eq!(record["sourceDigest"], sha256(&source).as_str());
    assert_eq!(record["time"], time);
    assert_eq!(record["svcVersion"], env!("CARGO_PKG_VERSION"));
    let artifacts: Vec<&str> =
        record["artifacts"].as_array().expect("artifacts").iter().filter_map(Value::as_str).collect();
    assert_eq!(artifacts.len(), 1, "{record}");
    assert!(objects(&moto, &bucket).iter().any(|k| k == artifacts[0]), "{} is not in the bucket", artifacts[0]);
    let recorded: Value =
        serde_json::from_str(&object(&moto, &bucket, &format!("{first}/compiled-cloudformation-template.json")))
            .expect("template JSON");
    let running = stack_template(&moto);
    assert_eq!(recorded, running, "the recorded template is not the one deployed");
    assert_eq!(record["templateDigest"], sha256(&serde_json::to_vec(&running).expect("json")).as_str());
    let key = running["Resources"]["WorkerLambdaFunction"]["Properties"]["Code"]["S3Key"].as_str();
    assert_eq!(key, Some(artifacts[0]));

    let out = moto.svc(dir, &["deploy", "list"], 0);
    let lines = listed(&out);
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].contains(time) && lines[0].contains(millis) && lines[0].contains(" live "), "{out}");
    assert!(
        lines[0].contains(&format!("source {}", &sha256(&source)[..12])) && lines[0].contains("1 artifact"),
        "{out}"
    );

    // Nothing changed: no deploy, nothing recorded.
    let out = moto.svc(dir, &["deploy"], 0);
    assert!(out.contains("No changes"), "{out}");
    assert_eq!(deployment_folders(&moto, &bucket).len(), 1);

    // A change is a second deployment, listed first and live; the first
    // is no longer live.
    std::fs::write(
        dir.join("service.svc"),
        worker_service("svc-history").replace("memorySize = 256", "memorySize = 512"),
    )
    .expect("write");
    moto.svc(dir, &["deploy"], 0);
    let folders = deployment_folders(&moto, &bucket);
    assert_eq!(folders.len(), 2);
    let second = folders[1].strip_prefix(&format!("{FOLDER}/")).expect("in the service's folder").to_owned();
    let (second_millis, _) = second.split_once('-').expect("name");

    // One the Serverless Framework made (no record; an older time) is
    // listed last with its files; svc's own folders are not deployments.
    let old = format!("{FOLDER}/1600000000000-2020-09-13T12:26:40.000Z");
    moto.s3_put(&format!("/{bucket}/{old}/compiled-cloudformation-template.json"), r#"{"Resources":{}}"#);
    moto.s3_put(&format!("/{bucket}/{old}/svc-history.zip"), "zip");

    let out = moto.svc(dir, &["deploy", "list"], 0);
    let lines = listed(&out);
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains(second_millis) && lines[0].contains(" live "), "{out}");
    assert!(lines[1].contains(millis) && !lines[1].contains(" live "), "{out}");
    assert!(lines[2].contains("1600000000000") && lines[2].contains("2020-09-13T12:26:40.000Z"), "{out}");
    assert!(lines[2].contains("not made by svc: compiled-cloudformation-template.json, svc-history.zip"), "{out}");
    assert!(!out.contains("code-artifacts"), "{out}");

    // The stack changed outside svc (a queue added by hand): none is live,
    // and the list says why that can be.
    let mut changed = stack_template(&moto);
    changed["Resources"]["Added"] = serde_json::json!({ "Type": "AWS::SQS::Queue" });
    let body = changed.to_string();
    let update = moto.cloudformation("UpdateStack", &[("StackName", STACK), ("TemplateBody", &body)]);
    assert_eq!(update.status, 200, "{}", update.body);
    let out = moto.svc(dir, &["deploy", "list"], 0);
    assert!(listed(&out).iter().all(|l| !l.contains(" live ")), "{out}");
    assert!(out.contains("runs none of these templates"), "{out}");
}

/// The `CodeSha256` and `MemorySize` Lambda reports for the function.
fn code_and_memory(moto: &Moto) -> (String, u64) {
    let configuration = moto.function_configuration("svc-history-dev-worker");
    let code = configuration["CodeSha256"].as_str().expect("CodeSha256").to_owned();
    (code, configuration["MemorySize"].as_u64().expect("MemorySize"))
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn rollback_deploys_the_previous_deployment_again_or_the_one_named() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, &worker_service("svc-history"));

    // Nothing deployed: nothing to roll back.
    let out = moto.svc(dir, &["rollback"], 1);
    assert!(out.contains("there is nothing to roll back"), "{out}");

    moto.svc(dir, &["deploy"], 0);
    let first = code_and_memory(&moto);
    let out = moto.svc(dir, &["rollback"], 1);
    assert!(out.contains("the oldest recorded deployment"), "{out}");

    // A second deployment: new code, more memory.
    std::fs::write(dir.join("handler.py"), "def handle(event, context):\n    return {\"ok\": 2}\n").expect("write");
    std::fs::write(
        dir.join("service.svc"),
        worker_service("svc-history").replace("memorySize = 256", "memorySize = 512"),
    )
    .expect("write");
    moto.svc(dir, &["deploy"], 0);
    let second = code_and_memory(&moto);
    assert_ne!(second.0, first.0, "the code did not change");
    assert_eq!(second.1, 512);

    // Back to the first: its code (by CodeSha256) and configuration, shown
    // as a deploy shows its change set; the first is live again and the
    // source, not changed, now differs from the stack.
    let out = moto.svc(dir, &["rollback", "--yes"], 0);
    assert!(out.contains("rolling back stack `svc-history-dev` to the deployment of"), "{out}");
    assert!(out.lines().any(|l| l.contains("Modify") && l.contains("WorkerLambdaFunction")), "{out}");
    assert!(out.contains("Rolled back stack `svc-history-dev`"), "{out}");
    assert_eq!(code_and_memory(&moto), first);
    let bucket = moto.deployment_bucket(STACK);
    let folders = deployment_folders(&moto, &bucket);
    assert_eq!(folders.len(), 2, "a rollback records no deployment of its own");
    let timestamp = |folder: &str| folder.rsplit('/').next().and_then(|n| n.split('-').next()).expect("ts").to_owned();
    let (older, newer) = (timestamp(&folders[0]), timestamp(&folders[1]));
    let lines = listed(&moto.svc(dir, &["deploy", "list"], 0));
    assert!(lines[0].contains(&newer) && !lines[0].contains(" live "), "{lines:?}");
    assert!(lines[1].contains(&older) && lines[1].contains(" live "), "{lines:?}");
    let out = moto.svc(dir, &["diff"], 1);
    assert!(out.contains("MemorySize: 256 → 512"), "{out}");

    // A timestamp that does not exist lists those that do.
    let out = moto.svc(dir, &["rollback", "--timestamp", "42"], 1);
    assert!(
        out.contains("no deployment has the timestamp 42") && out.contains(&newer) && out.contains(&older),
        "{out}"
    );

    // An artifact that is gone stops the rollback before anything changes.
    let record: Value = serde_json::from_str(&object(&moto, &bucket, &format!("{}/svc-deployment.json", folders[1])))
        .expect("record JSON");
    let artifact = record["artifacts"][0].as_str().expect("artifact").to_owned();
    assert_eq!(moto.s3("DELETE", &format!("/{bucket}/{artifact}")).status, 204);
    let before = stack_template(&moto);
    let out = moto.svc(dir, &["rollback", "-t", &newer, "--yes"], 1);
    assert!(out.contains(&artifact) && out.contains("nothing was changed"), "{out}");
    assert_eq!(stack_template(&moto), before, "the stack changed");
    assert_eq!(code_and_memory(&moto), first);
}
