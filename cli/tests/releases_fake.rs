//! The release paths moto cannot produce, against the scripted fake of
//! CloudFormation on loopback, through the real `svc` binary and the SDK,
//! with the parameters of every request that matters asserted: express
//! deploys, `--no-rollback` and the stack it leaves, a stack stuck in
//! `UPDATE_ROLLBACK_FAILED` and `svc recover`, and a second deploy of a
//! stack another one holds, and Ctrl-C while a rollback is recovered.

mod support;

use support::fake::{BUCKET, Event, Fake, Script};
use support::fake_service::{SERVICE, STACK, line_of, service, stderr};
use support::process::{finish, signal, spawn};
use support::{command, shown, svc, write_service};

const BLOCKED: &str = "Resource handler returned message: \"Function is in use by an event source mapping\"";

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn express_mode_is_asked_of_cloudformation_and_said() {
    let dir = service();
    write_service(dir.path(), &format!("{SERVICE}\ndeploy {{\n  express = true\n}}\n"));
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");

    // `deploy { express = true }`: the change set is made and executed in
    // express mode, without rollback.
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    {
        let state = fake.state();
        assert_eq!(state.param("CreateChangeSet", 0, "DeploymentConfig.Mode"), Some("EXPRESS"), "{:?}", state.requests);
        assert_eq!(state.param("CreateChangeSet", 0, "ChangeSetType"), Some("UPDATE"));
        assert_eq!(state.param("ExecuteChangeSet", 0, "DisableRollback"), Some("true"), "{:?}", state.requests);
    }
    let text = stderr(&output);
    assert!(text.contains("express mode: the stack completes once each resource's configuration is applied"), "{text}");
    assert!(text.contains("deployed in express mode"), "{}", shown(&output));
    assert!(stdout(&output).contains(&format!("Deployed stack `{STACK}`")), "{}", shown(&output));

    // `--no-express` wins over the setting: a standard deploy.
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes", "--no-express"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    {
        let state = fake.state();
        let create = state.request("CreateChangeSet", 1).expect("a second change set");
        assert!(!create.iter().any(|(k, _)| k.starts_with("DeploymentConfig")), "{create:?}");
        let execute = state.request("ExecuteChangeSet", 1).expect("executed");
        assert!(!execute.iter().any(|(k, _)| k == "DisableRollback"), "{execute:?}");
    }
    assert!(!stderr(&output).contains("express"), "{}", shown(&output));

    // `--express --method direct`: UpdateStack in express mode.
    write_service(dir.path(), SERVICE);
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes", "--express", "--method", "direct"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let state = fake.state();
    assert_eq!(state.param("UpdateStack", 0, "DeploymentConfig.Mode"), Some("EXPRESS"), "{:?}", state.requests);
    assert_eq!(state.param("UpdateStack", 0, "DisableRollback"), Some("true"));
}

#[test]
fn no_rollback_keeps_a_failed_deploy_and_recover_rolls_it_back() {
    let dir = service();
    let fake = Fake::start();
    {
        let mut state = fake.state();
        state.with_stack(STACK, "UPDATE_COMPLETE", "{}");
        state.on_execute = Script {
            status: "UPDATE_FAILED".into(),
            events: vec![Event::new(
                "WorkerLambdaFunction",
                "AWS::Lambda::Function",
                "UPDATE_FAILED",
                Some("MemorySize value failed to satisfy constraint"),
            )],
        };
    }
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes", "--no-rollback"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let text = stderr(&output);
    assert!(text.contains("rollback off (--no-rollback)"), "{text}");
    assert!(
        text.contains("WorkerLambdaFunction (AWS::Lambda::Function) UPDATE_FAILED: MemorySize value failed"),
        "{text}"
    );
    assert!(text.contains(&format!("service.svc:{}:", line_of("function worker"))), "{text}");
    assert!(text.contains("fix the cause and `svc deploy` again to go on from there, or `svc recover`"), "{text}");
    {
        let state = fake.state();
        assert_eq!(state.param("ExecuteChangeSet", 0, "DisableRollback"), Some("true"), "{:?}", state.requests);
        // Without a terminal the offer to roll back is not taken.
        assert!(!state.actions().contains(&"RollbackStack"), "{:?}", state.calls);
        assert_eq!(state.stack.as_ref().map(|s| s.status.as_str()), Some("UPDATE_FAILED"));
    }

    // Other commands say what state the stack is in and what to do.
    let output = svc(dir.path(), &fake.url(), &["info"]);
    let text = stderr(&output);
    assert!(
        text.contains(&format!("stack `{STACK}` is UPDATE_FAILED: a deploy with rollback off failed"))
            && text.contains("`svc recover` rolls it back"),
        "{}",
        shown(&output)
    );

    // `svc recover` rolls it back.
    let output = svc(dir.path(), &fake.url(), &["recover"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(
        stdout(&output).contains(&format!("Rolled back stack `{STACK}` (UPDATE_ROLLBACK_COMPLETE)")),
        "{}",
        shown(&output)
    );
    let state = fake.state();
    assert_eq!(state.actions().iter().filter(|a| **a == "RollbackStack").count(), 1, "{:?}", state.calls);
    assert_eq!(state.param("RollbackStack", 0, "StackName").map(|s| s.contains(STACK)), Some(true));
    assert_eq!(state.stack.as_ref().map(|s| s.status.as_str()), Some("UPDATE_ROLLBACK_COMPLETE"));
}

/// A stack whose update failed and whose rollback then failed on the
/// worker function.
fn stuck_stack(fake: &Fake) {
    let mut state = fake.state();
    state.with_stack(STACK, "UPDATE_ROLLBACK_FAILED", "{}");
    state.emit(Event::new(STACK, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", None));
    state.emit(Event::new("UsersTable", "AWS::DynamoDB::Table", "UPDATE_FAILED", Some("Throughput exceeded")));
    state.emit(Event::new(STACK, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", None));
    state.emit(Event::new("UsersTable", "AWS::DynamoDB::Table", "UPDATE_COMPLETE", None));
    state.emit(Event::new("WorkerLambdaFunction", "AWS::Lambda::Function", "UPDATE_FAILED", Some(BLOCKED)));
    state.emit(Event::new(STACK, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_FAILED", None));
}

#[test]
fn a_failed_rollback_is_detected_and_recover_finishes_it() {
    let dir = service();
    let fake = Fake::start();
    stuck_stack(&fake);

    // Every command that reads the stack says so; a deploy refuses.
    let output = svc(dir.path(), &fake.url(), &["info"]);
    assert!(
        stderr(&output).contains(&format!("stack `{STACK}` is UPDATE_ROLLBACK_FAILED"))
            && stderr(&output).contains("`svc recover` finishes the rollback"),
        "{}",
        shown(&output)
    );
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    assert!(stderr(&output).contains("run `svc recover` to finish the rollback"), "{}", shown(&output));
    assert!(!fake.state().actions().contains(&"CreateChangeSet"), "{:?}", fake.state().calls);

    // Without a terminal, recover names the blocker and retries as it is;
    // here the rollback fails again.
    fake.state().on_continue = Script {
        status: "UPDATE_ROLLBACK_FAILED".into(),
        events: vec![Event::new("WorkerLambdaFunction", "AWS::Lambda::Function", "UPDATE_FAILED", Some(BLOCKED))],
    };
    let output = svc(dir.path(), &fake.url(), &["recover"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    let out = stdout(&output);
    assert!(out.contains("These resources block the rollback:"), "{}", shown(&output));
    assert!(
        out.contains(&format!("WorkerLambdaFunction (AWS::Lambda::Function) UPDATE_FAILED: {BLOCKED}")),
        "{}",
        shown(&output)
    );
    assert!(!out.contains("UsersTable"), "a resource that rolled back is no blocker: {}", shown(&output));
    let text = stderr(&output);
    assert!(text.contains("`svc recover --skip WorkerLambdaFunction`"), "{text}");
    assert!(text.contains("the rollback failed again") && text.contains("`--skip LOGICAL_ID`"), "{text}");
    {
        let state = fake.state();
        let request = state.request("ContinueUpdateRollback", 0).expect("continued");
        assert!(!request.iter().any(|(k, _)| k.starts_with("ResourcesToSkip")), "{request:?}");
    }

    // A name that blocks nothing is refused before anything is asked.
    let output = svc(dir.path(), &fake.url(), &["recover", "--skip", "WorkerLambda"]);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(
        stderr(&output)
            .contains("`WorkerLambda` does not block the rollback; the resources that do are WorkerLambdaFunction"),
        "{}",
        shown(&output)
    );
    assert_eq!(fake.state().actions().iter().filter(|a| **a == "ContinueUpdateRollback").count(), 1);

    // `--skip` skips it, and the rollback finishes.
    fake.state().on_continue = Script::ends("UPDATE_ROLLBACK_COMPLETE");
    let output = svc(dir.path(), &fake.url(), &["recover", "--skip", "WorkerLambdaFunction"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let out = stdout(&output);
    assert!(out.contains(&format!("Recovered stack `{STACK}`: its rollback finished")), "{}", shown(&output));
    assert!(out.contains("skipped WorkerLambdaFunction"), "{}", shown(&output));
    let state = fake.state();
    assert_eq!(state.param("ContinueUpdateRollback", 1, "ResourcesToSkip.member.1"), Some("WorkerLambdaFunction"));
    assert_eq!(state.param("ContinueUpdateRollback", 1, "ResourcesToSkip.member.2"), None);
    drop(state);

    // Now there is nothing to recover.
    let output = svc(dir.path(), &fake.url(), &["recover"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(stdout(&output).contains("is UPDATE_ROLLBACK_COMPLETE: nothing to recover"), "{}", shown(&output));
}

#[test]
fn a_second_deploy_says_the_stack_is_busy_and_which_operation_holds_it() {
    let dir = service();
    let fake = Fake::start();

    // Busy when svc reads it: svc names the operation and waits for it.
    {
        let mut state = fake.state();
        state.with_stack(STACK, "UPDATE_COMPLETE", "{}");
        state.stack.as_mut().expect("stack").change_set =
            Some("arn:aws:cloudformation:us-east-1:123456789012:changeSet/svc-1765000000000/abc".into());
        state.hold(2);
    }
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(
        stderr(&output).contains(&format!(
            "stack `{STACK}` is busy: an update (UPDATE_IN_PROGRESS) since 2026-01-01T00:00:00Z, its last change set `svc-1765000000000`; svc waits for it to end"
        )),
        "{}",
        shown(&output)
    );
    assert!(fake.state().actions().contains(&"ExecuteChangeSet"));

    // Taken between the change set and its execution: refused, named, and
    // the change set svc made is deleted.
    {
        let mut state = fake.state();
        state.with_stack(STACK, "UPDATE_COMPLETE", "{}");
        state.calls.clear();
        state.taken = Some((
            "UPDATE_IN_PROGRESS".into(),
            "arn:aws:cloudformation:us-east-1:123456789012:changeSet/other-deploy/def".into(),
        ));
    }
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(1), "{}", shown(&output));
    assert!(
        stderr(&output).contains(&format!(
            "stack `{STACK}` is busy: an update (UPDATE_IN_PROGRESS) since 2026-01-01T00:00:00Z, its last change set `other-deploy`; this deploy changed nothing: run `svc deploy` again when that operation ends"
        )),
        "{}",
        shown(&output)
    );
    let state = fake.state();
    let actions = state.actions();
    let executed = actions.iter().position(|a| *a == "ExecuteChangeSet").expect("tried");
    assert!(actions[executed..].contains(&"DeleteChangeSet"), "{actions:?}");
}

#[test]
fn ctrl_c_while_recovering_leaves_the_rollback_to_cloudformation_and_says_what_next() {
    let dir = service();
    let fake = Fake::start();
    stuck_stack(&fake);
    fake.state().busy_polls = usize::MAX;
    let credentials = [("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")];
    let child = spawn(command(dir.path(), &fake.url(), &["recover", "--yes"], &credentials));
    fake.wait_for("the wait on the rollback", |s| {
        s.calls.iter().rposition(|c| c == "DescribeStacks") > s.calls.iter().position(|c| c == "ContinueUpdateRollback")
            && s.calls.iter().any(|c| c == "ContinueUpdateRollback")
    });
    signal(child.id(), "INT");
    let output = finish(child);
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!("the rollback of stack `{STACK}` was asked of CloudFormation"))
            && text.contains("`svc recover` continues from it once it rests"),
        "{}",
        shown(&output)
    );
    assert_eq!(
        fake.state().param("ContinueUpdateRollback", 0, "ResourcesToSkip.member.1"),
        Some("WorkerLambdaFunction")
    );

    // CloudFormation finished it: the next run finds nothing to do.
    fake.state().rest();
    let output = svc(dir.path(), &fake.url(), &["recover"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(stdout(&output).contains("nothing to recover"), "{}", shown(&output));
}

#[test]
fn a_change_set_that_creates_the_stack_deletes_it_on_failure_unless_rollback_is_off() {
    // With its own deployment bucket, the service's first deploy creates
    // the stack with a change set (no stack for the bucket first).
    let dir = service();
    let own_bucket =
        SERVICE.replace("provider aws {\n", &format!("provider aws {{\n  deploymentBucket = \"{BUCKET}\"\n"));
    write_service(dir.path(), &own_bucket);
    let fake = Fake::start();
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    {
        let state = fake.state();
        assert!(!state.actions().contains(&"CreateStack"), "{:?}", state.calls);
        assert_eq!(state.param("CreateChangeSet", 0, "ChangeSetType"), Some("CREATE"));
        assert_eq!(state.param("CreateChangeSet", 0, "OnStackFailure"), Some("DELETE"), "{:?}", state.requests);
        // OnStackFailure said it; AWS refuses DisableRollback beside it.
        assert_eq!(state.param("ExecuteChangeSet", 0, "DisableRollback"), None);
    }

    fake.state().stack = None;
    let output = svc(dir.path(), &fake.url(), &["deploy", "--yes", "--no-rollback"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let state = fake.state();
    assert_eq!(state.param("CreateChangeSet", 1, "OnStackFailure"), Some("DO_NOTHING"), "{:?}", state.requests);
    assert_eq!(state.param("ExecuteChangeSet", 1, "DisableRollback"), None);
}
