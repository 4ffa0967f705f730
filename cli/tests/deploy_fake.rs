//! The failure paths of `svc deploy` / `svc info` that moto cannot produce,
//! against a scripted fake of the CloudFormation API on loopback, through
//! the real `svc` binary and the SDK: a resource that fails with a reason
//! (mapped back to its svc line), a failed first deploy, stacks stuck in
//! `ROLLBACK_COMPLETE` or `REVIEW_IN_PROGRESS`, throttling, expired and
//! missing credentials, a removal that needs `--yes`. Faults (timeouts,
//! Ctrl-C, unreadable errors) are in `deploy_faults.rs`.

mod support;

use std::path::Path;

use serde_json::Value;
use support::fake::{BUCKET, Change, Event, Fake, Script};
use support::fake_service::{STACK, line_of, service, stderr};
use support::{shown, svc, svc_with};

/// The template `svc build` makes of the service in `dir` (built elsewhere,
/// so the package stays the same).
fn built_template(dir: &Path) -> Value {
    let out = tempfile::tempdir().expect("tmp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_svc"))
        .arg("build")
        .arg(dir.join("service.svc"))
        .arg("-o")
        .arg(out.path())
        .output()
        .expect("svc build runs");
    assert!(output.status.success(), "{}", shown(&output));
    let text = std::fs::read_to_string(out.path().join("cloudformation-template-update-stack.json")).expect("template");
    serde_json::from_str(&text).expect("JSON")
}

fn assert_no_sdk_dump(output: &std::process::Output) {
    let text = stderr(output);
    for word in ["SdkError", "ServiceError", "DispatchFailure", "panicked", "{ "] {
        assert!(!text.contains(word), "stderr shows `{word}`:\n{}", shown(output));
    }
}

#[test]
fn a_failed_resource_is_named_with_its_reason_and_svc_line() {
    let dir = service();
    let fake = Fake::start();
    {
        let mut state = fake.state();
        state.with_stack(STACK, "UPDATE_COMPLETE", "{}");
        state.changes = vec![
            Change {
                action: "Add".into(),
                logical: "UsersTable".into(),
                kind: "AWS::DynamoDB::Table".into(),
                replacement: None,
            },
            Change {
                action: "Modify".into(),
                logical: "WorkerLambdaFunction".into(),
                kind: "AWS::Lambda::Function".into(),
                replacement: Some("False".into()),
            },
        ];
        state.on_execute = Script {
            status: "UPDATE_ROLLBACK_COMPLETE".into(),
            events: vec![
                Event::new("UsersTable", "AWS::DynamoDB::Table", "CREATE_IN_PROGRESS", None),
                Event::new("UsersTable", "AWS::DynamoDB::Table", "CREATE_FAILED", Some("Table already exists: users")),
                Event::new(
                    "WorkerLambdaFunction",
                    "AWS::Lambda::Function",
                    "UPDATE_FAILED",
                    Some("Resource update cancelled"),
                ),
                Event::new(
                    STACK,
                    "AWS::CloudFormation::Stack",
                    "UPDATE_ROLLBACK_IN_PROGRESS",
                    Some("The following resource(s) failed"),
                ),
            ],
        };
    }
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains("UsersTable (AWS::DynamoDB::Table) CREATE_FAILED: Table already exists: users"),
        "{}",
        shown(&output)
    );
    let place = format!("service.svc:{}:", line_of("resource UsersTable"));
    assert!(text.contains(&place) && text.contains("(resource UsersTable)"), "no `{place}`: {}", shown(&output));
    assert!(text.contains("UPDATE_ROLLBACK_COMPLETE"), "{}", shown(&output));
    assert_no_sdk_dump(&output);

    // A function's failure points at its `function` block.
    {
        let mut state = fake.state();
        state.with_stack(STACK, "UPDATE_COMPLETE", "{}");
        state.on_execute = Script {
            status: "UPDATE_ROLLBACK_COMPLETE".into(),
            events: vec![Event::new(
                "WorkerLambdaFunction",
                "AWS::Lambda::Function",
                "UPDATE_FAILED",
                Some("MemorySize value failed to satisfy constraint"),
            )],
        };
    }
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let place = format!("service.svc:{}:", line_of("function worker"));
    assert!(stderr(&output).contains(&place) && stderr(&output).contains("(function worker)"), "{}", shown(&output));
}

#[test]
fn a_failed_first_deploy_deletes_its_stack_and_the_next_deploy_starts_again() {
    let dir = service();
    let fake = Fake::start();
    fake.state().on_create = Script {
        status: "ROLLBACK_COMPLETE".into(),
        events: vec![Event::new(
            "ServerlessDeploymentBucket",
            "AWS::S3::Bucket",
            "CREATE_FAILED",
            Some("Bucket name not available"),
        )],
    };
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains("ServerlessDeploymentBucket (AWS::S3::Bucket) CREATE_FAILED: Bucket name not available"),
        "{text}"
    );
    assert!(text.contains("was deleted") && text.contains("the next `svc deploy` creates it again"), "{text}");
    assert_eq!(fake.state().on_failure, ["DELETE"], "the stack was not created with OnFailure=DELETE");
    assert!(!fake.state().actions().contains(&"CreateChangeSet"), "went on after the failed create");

    fake.state().on_create = Script::ends("CREATE_COMPLETE");
    fake.state().calls.clear();
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let actions = fake.state().actions().iter().map(|a| a.to_string()).collect::<Vec<_>>();
    assert!(actions.contains(&"CreateStack".to_owned()) && !actions.contains(&"DeleteStack".to_owned()), "{actions:?}");
}

#[test]
fn a_stack_left_in_rollback_complete_is_deleted_and_created_again() {
    let dir = service();
    let fake = Fake::start();
    // What a failed create by another tool (or an older svc) leaves.
    fake.state().with_stack(STACK, "ROLLBACK_COMPLETE", "{}");
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(
        stderr(&output).contains("is ROLLBACK_COMPLETE")
            && stderr(&output).contains("svc deletes it and creates it again"),
        "{}",
        shown(&output)
    );
    let state = fake.state();
    let actions = state.actions();
    let position = |a: &str| actions.iter().position(|x| *x == a).unwrap_or(usize::MAX);
    assert!(position("DeleteStack") < position("CreateStack"), "{actions:?}");
    assert!(actions.contains(&"ExecuteChangeSet"), "{actions:?}");
}

#[test]
fn a_stack_left_in_review_in_progress_is_created_again() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "REVIEW_IN_PROGRESS", "{}");
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(stderr(&output).contains("is REVIEW_IN_PROGRESS"), "{}", shown(&output));
    let state = fake.state();
    let actions = state.actions();
    let position = |a: &str| actions.iter().position(|x| *x == a).unwrap_or(usize::MAX);
    assert!(position("DeleteStack") < position("CreateStack"), "{actions:?}");
    let zip = state.objects.iter().find(|o| o.starts_with(BUCKET) && o.contains("/code-artifacts/"));
    assert!(zip.is_some_and(|k| k.ends_with("/fake-svc.zip")), "{:?}", state.objects);
    // The deploy is recorded in its history.
    let recorded = |file: &str| state.objects.iter().any(|o| o.starts_with(BUCKET) && o.ends_with(file));
    assert!(
        recorded("/svc-deployment.json") && recorded("/compiled-cloudformation-template.json"),
        "{:?}",
        state.objects
    );
}

#[test]
fn no_change_makes_no_update_call() {
    let dir = service();
    let template = built_template(dir.path());
    let key =
        template["Resources"]["WorkerLambdaFunction"]["Properties"]["Code"]["S3Key"].as_str().expect("key").to_owned();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", &template.to_string());
    fake.state().objects.insert(format!("{BUCKET}/{key}"));
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("No changes"), "{}", shown(&output));
    let state = fake.state();
    for action in ["CreateChangeSet", "ExecuteChangeSet", "UpdateStack", "CreateStack"] {
        assert!(!state.actions().contains(&action), "{action} called: {:?}", state.calls);
    }
    assert!(!state.calls.iter().any(|c| c.starts_with("S3 PUT")), "uploaded again: {:?}", state.calls);
}

#[test]
fn throttling_is_retried() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().throttle = 2;
    let output = svc(dir.path(), &fake.url(), &["info"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("stack: fake-svc-dev (UPDATE_COMPLETE)"),
        "{}",
        shown(&output)
    );
    let describes = fake.state().actions().iter().filter(|a| **a == "DescribeStacks").count();
    assert!(describes >= 3, "two throttled calls and one answered, got {describes}");
}

#[test]
fn expired_credentials_are_one_sentence() {
    let dir = service();
    let fake = Fake::start();
    fake.state().expired = true;
    for command in ["info", "deploy"] {
        let output = svc(dir.path(), &fake.url(), &[command]);
        assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
        let text = stderr(&output);
        assert_eq!(text.lines().count(), 1, "{}", shown(&output));
        assert!(text.starts_with("error: the AWS credentials have expired"), "{}", shown(&output));
    }
}

#[test]
fn missing_credentials_are_one_sentence() {
    let dir = service();
    let fake = Fake::start();
    let output = svc_with(dir.path(), &fake.url(), &["deploy"], &[]);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    let text = stderr(&output);
    assert_eq!(text.lines().count(), 1, "{}", shown(&output));
    assert!(text.starts_with("error: no AWS credentials found"), "{}", shown(&output));
    assert!(fake.state().calls.is_empty(), "asked AWS without credentials");
}

#[test]
fn a_deletion_needs_yes_without_a_terminal() {
    let dir = service();
    let mut old = built_template(dir.path());
    old["Resources"]["OldQueue"] = serde_json::json!({ "Type": "AWS::SQS::Queue" });
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", &old.to_string());
    fake.state().changes = vec![Change {
        action: "Remove".into(),
        logical: "OldQueue".into(),
        kind: "AWS::SQS::Queue".into(),
        replacement: None,
    }];
    let output = svc(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    assert!(stderr(&output).contains("deletes OldQueue") && stderr(&output).contains("--yes"), "{}", shown(&output));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        stdout.lines().any(|l| l.contains("Remove") && l.contains("OldQueue") && l.contains("AWS::SQS::Queue")),
        "{stdout}"
    );
    assert!(fake.state().actions().contains(&"DeleteChangeSet"));
    assert!(!fake.state().actions().contains(&"ExecuteChangeSet"));

    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(fake.state().actions().contains(&"ExecuteChangeSet"));
}

#[test]
fn a_build_folder_deploys_as_built_and_a_changed_zip_is_refused() {
    let dir = service();
    let out = tempfile::tempdir().expect("tmp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_svc"))
        .arg("build")
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .output()
        .expect("svc build runs");
    assert!(output.status.success(), "{}", shown(&output));
    let text = std::fs::read_to_string(out.path().join("cloudformation-template-update-stack.json")).expect("template");
    let template: Value = serde_json::from_str(&text).expect("JSON");
    let key = template["Resources"]["WorkerLambdaFunction"]["Properties"]["Code"]["S3Key"].as_str().expect("key");
    let package = out.path().to_str().expect("utf-8 path");

    let fake = Fake::start();
    let output = svc(dir.path(), &fake.url(), &["deploy", "--package", package]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let state = fake.state();
    assert!(state.objects.contains(&format!("{BUCKET}/{key}")), "{:?}", state.objects);
    let deployed: Value = serde_json::from_str(&state.stack.as_ref().expect("stack").template).expect("JSON");
    assert_eq!(deployed, template, "the deployed template is not the built one");
    drop(state);

    std::fs::write(out.path().join("fake-svc.zip"), b"not the zip that was built").expect("write");
    let output = svc(dir.path(), &fake.url(), &["deploy", "--package", package]);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(stderr(&output).contains("does not match the template beside it"), "{}", shown(&output));
}
