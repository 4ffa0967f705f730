//! A service's whole release lifecycle against moto, through the real SDK
//! and the real `svc`: deploy, deploy changed code, list the deployments,
//! roll back, update one function in place, deploy more, then
//! `svc prune`: a dry run without a terminal, then with `--yes`, which
//! deletes the old Lambda versions, deployments and artifacts and keeps
//! the newest, the live and the aliased ones; and a deploy that prunes
//! after itself (`deploy { prune = N }`).

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};
use support::moto::{Moto, worker_service};
use support::{listed_deployments, write_service};

const STACK: &str = "svc-life-dev";
const FUNCTION: &str = "svc-life-dev-worker";
const FOLDER: &str = "serverless/svc-life/dev";

/// Writes a handler that answers `answer`: new code, a new CodeSha256.
fn handler(dir: &Path, answer: u32) {
    let code = format!("def handle(event, context):\n    return {{\"ok\": {answer}}}\n");
    std::fs::write(dir.join("handler.py"), code).expect("write handler");
}

fn code_sha(moto: &Moto) -> String {
    moto.function_configuration(FUNCTION)["CodeSha256"].as_str().expect("CodeSha256").to_owned()
}

/// The published versions of the function (not `$LATEST`).
fn versions(moto: &Moto) -> BTreeSet<i64> {
    let response = moto.lambda(&format!("/2015-03-31/functions/{FUNCTION}/versions"));
    let listed: Value = serde_json::from_str(&response.body).expect("versions JSON");
    let all = listed["Versions"].as_array().expect("Versions");
    all.iter().filter_map(|v| v["Version"].as_str()?.parse().ok()).collect()
}

/// The objects of `bucket` under `folder` (`code-artifacts`, …).
fn under(moto: &Moto, bucket: &str, folder: &str) -> BTreeSet<String> {
    let objects = moto.objects(bucket).expect("the deployment bucket");
    objects.into_iter().filter(|k| k.starts_with(&format!("{FOLDER}/{folder}/"))).collect()
}

/// The artifacts the record in `folder` names.
fn artifacts(moto: &Moto, bucket: &str, folder: &str) -> Vec<String> {
    let record: Value =
        serde_json::from_str(&moto.object(bucket, &format!("{folder}/svc-deployment.json"))).expect("record JSON");
    record["artifacts"].as_array().expect("artifacts").iter().filter_map(|a| Some(a.as_str()?.to_owned())).collect()
}

/// The timestamp in a deployment folder's name.
fn timestamp(folder: &str) -> String {
    folder.rsplit('/').next().and_then(|n| n.split('-').next()).expect("timestamp").to_owned()
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn deploy_roll_back_update_in_place_and_prune() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    let dir = dir.path();
    write_service(dir, &worker_service("svc-life"));

    let out = moto.svc(dir, &["prune"], 1);
    assert!(out.contains(&format!("stack `{STACK}` does not exist")), "{out}");
    let out = moto.svc(dir, &["prune", "--keep", "0"], 2);
    assert!(out.contains("0 would delete what the stack runs"), "{out}");

    // Two deploys, the second with new code: listed newest first, it live.
    handler(dir, 1);
    moto.svc(dir, &["deploy"], 0);
    let first = code_sha(&moto);
    handler(dir, 2);
    moto.svc(dir, &["deploy"], 0);
    assert_ne!(code_sha(&moto), first, "the code did not change");
    let bucket = moto.deployment_bucket(STACK);
    let folders = moto.deployment_folders(&bucket);
    assert_eq!(folders.len(), 2);
    let lines = listed_deployments(&moto.svc(dir, &["deploy", "list"], 0));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains(&timestamp(&folders[1])) && lines[0].contains(" live "), "{lines:?}");
    assert!(lines[1].contains(&timestamp(&folders[0])) && !lines[1].contains(" live "), "{lines:?}");

    // Rolled back: the first deployment's code runs again.
    let out = moto.svc(dir, &["rollback", "--yes"], 0);
    assert!(out.contains(&format!("Rolled back stack `{STACK}`")), "{out}");
    assert_eq!(code_sha(&moto), first);

    // One function's code straight to Lambda: the stack is not touched.
    let (template, events) = (moto.stack_template(STACK), moto.stack_events(STACK));
    handler(dir, 3);
    let out = moto.svc(dir, &["deploy", "function", "-f", "worker"], 0);
    assert!(out.contains(&format!("Updated the code of `worker` ({FUNCTION})")), "{out}");
    assert_ne!(code_sha(&moto), first);
    assert_eq!((moto.stack_template(STACK), moto.stack_events(STACK)), (template, events), "the stack was updated");

    // Three more deploys: five deployments. svc's template has an
    // `AWS::Lambda::Version` per code (DeletionPolicy Retain), which moto
    // publishes when it is created, though not for every deploy (only when
    // Lambda's code changed since its last publish): at least four here.
    for answer in 4..=6 {
        handler(dir, answer);
        moto.svc(dir, &["deploy"], 0);
    }
    let folders = moto.deployment_folders(&bucket);
    assert_eq!(folders.len(), 5, "{folders:?}");
    let before = versions(&moto);
    assert!(before.len() >= 4, "versions: {before:?}");
    let newest: Vec<i64> = before.iter().rev().take(2).copied().collect();
    let oldest = *before.first().expect("a version");

    // An alias on the oldest version, made with the Lambda API, keeps it.
    let alias = moto.lambda_send(
        "POST",
        &format!("/2015-03-31/functions/{FUNCTION}/aliases"),
        &json!({ "Name": "stable", "FunctionVersion": oldest.to_string() }),
    );
    assert_eq!(alias.status, 201, "{}", alias.body);

    // The oldest deployment live again: it is kept, with what it uses.
    let live = &folders[0];
    moto.svc(dir, &["rollback", "--timestamp", &timestamp(live), "--yes"], 0);
    let kept_folders: BTreeSet<&String> = [&folders[4], &folders[3], live].into_iter().collect();
    let kept_artifacts: BTreeSet<String> = kept_folders.iter().flat_map(|f| artifacts(&moto, &bucket, f)).collect();
    let all_artifacts = under(&moto, &bucket, "code-artifacts");
    assert_eq!(all_artifacts.len(), 5, "one artifact per deployment: {all_artifacts:?}");
    assert_eq!(kept_artifacts.len(), 3, "{kept_artifacts:?}");
    let objects = moto.objects(&bucket).expect("bucket");
    let versions_now = versions(&moto);

    // No terminal and no --yes: the plan, and nothing deleted.
    let out = moto.svc(dir, &["prune", "--keep", "2"], 0);
    assert!(out.contains(&format!("Pruning stack `{STACK}`: keeping the newest 2")), "{out}");
    assert!(out.contains(&format!("function `{FUNCTION}`: version")), "{out}");
    assert!(out.contains("deployments in s3://") && out.contains(": 2 of 5 ("), "{out}");
    assert!(out.contains("artifacts no kept deployment uses: 2"), "{out}");
    assert!(out.contains("dry run: nothing deleted; run `svc prune --keep 2 --yes` to delete"), "{out}");
    assert_eq!(moto.objects(&bucket).expect("bucket"), objects, "a dry run deleted objects");
    assert_eq!(versions(&moto), versions_now, "a dry run deleted versions");
    let out = moto.svc(dir, &["prune", "--keep", "2", "--dry-run", "--yes"], 0);
    assert!(out.contains("dry run: nothing deleted"), "{out}");

    // With --yes: the old versions go but the newest two and the aliased
    // one; the deployments beyond two go but the live one; the artifacts
    // only they used go.
    let out = moto.svc(dir, &["prune", "--keep", "2", "--yes"], 0);
    assert!(out.contains(&format!("Pruned stack `{STACK}`: ")), "{out}");
    let mut expected: BTreeSet<i64> = newest.into_iter().collect();
    expected.insert(oldest);
    let after = versions(&moto);
    assert_eq!(after, expected, "versions before: {versions_now:?}\n{out}");
    let pruned = versions_now.len() - after.len();
    let word = if pruned == 1 { "version" } else { "versions" };
    assert!(out.contains(&format!("{pruned} function {word}, 0 layer versions")), "{out}");
    let remaining: BTreeSet<String> = moto.deployment_folders(&bucket).into_iter().collect();
    assert_eq!(remaining, kept_folders.iter().map(|f| (*f).clone()).collect::<BTreeSet<_>>());
    assert_eq!(under(&moto, &bucket, "code-artifacts"), kept_artifacts);
    let live_template = moto.object(&bucket, &format!("{live}/compiled-cloudformation-template.json"));
    assert!(live_template.contains("WorkerLambdaFunction"), "{live_template}");
    assert_eq!(code_sha(&moto), first, "the live code changed");
    let left = moto.objects(&bucket).expect("bucket");
    assert!(out.contains(&format!("{} objects", objects.len() - left.len())), "{out}");

    // The history still reads: the newest two and the live one.
    let lines = listed_deployments(&moto.svc(dir, &["deploy", "list"], 0));
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].contains(&timestamp(live)) && lines[2].contains(" live "), "{lines:?}");

    // Again: nothing left to delete.
    let out = moto.svc(dir, &["prune", "--keep", "2", "--yes"], 0);
    assert!(out.contains("nothing to delete"), "{out}");

    // `deploy { prune = 1 }`: a deploy prunes after itself, down to the
    // deployment it made (and the aliased version).
    write_service(dir, &format!("{}\ndeploy {{\n  prune = 1\n}}\n", worker_service("svc-life")));
    handler(dir, 9);
    let out = moto.svc(dir, &["deploy"], 0);
    assert!(out.contains("pruned (deploy { prune = 1 }): deleted "), "{out}");
    let folders = moto.deployment_folders(&bucket);
    assert_eq!(folders.len(), 1, "{folders:?}\n{out}");
    let lines = listed_deployments(&moto.svc(dir, &["deploy", "list"], 0));
    assert!(lines.len() == 1 && lines[0].contains(" live "), "{lines:?}");
    let left = versions(&moto);
    assert!(left.contains(&oldest) && left.len() <= 2, "{left:?}\n{out}");
}
