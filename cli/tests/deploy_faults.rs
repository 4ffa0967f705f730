//! Deploys under faults, through the real `svc` binary and the SDK against
//! loopback: an endpoint that accepts connections and never answers ends
//! with a timeout message; Ctrl-C (SIGINT) at each step of `svc deploy`
//! stops it at once, deletes the change set it made, says what was and was
//! not done, and the next deploy continues; a second Ctrl-C exits at once;
//! errors that are not AWS's XML, refused credentials and a deleted
//! deployment bucket are named. Each run has a 20 s watchdog.

mod support;

use std::net::TcpListener;
use std::process::{Child, Output};

use support::fake::{BUCKET, Fake, State};
use support::fake_service::{STACK, service, stderr};
use support::process::{finish, signal, spawn};
use support::shown;

const CREDENTIALS: [(&str, &str); 2] = [("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")];

/// Starts `svc args` in `dir` against `endpoint`, with `env` added.
fn start(dir: &std::path::Path, endpoint: &str, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut all = CREDENTIALS.to_vec();
    all.extend_from_slice(env);
    spawn(support::command(dir, endpoint, args, &all))
}

/// Runs `svc args` to its end (with the watchdog).
fn run(dir: &std::path::Path, endpoint: &str, args: &[&str]) -> Output {
    finish(start(dir, endpoint, args, &[]))
}

/// Runs `svc args`, presses Ctrl-C (SIGINT) once `reached` holds of the
/// fake (at exactly that step), and waits for the end.
fn ctrl_c_at(
    dir: &std::path::Path,
    fake: &Fake,
    args: &[&str],
    step: &str,
    reached: impl Fn(&State) -> bool,
) -> Output {
    let child = start(dir, &fake.url(), args, &[]);
    fake.wait_for(step, reached);
    signal(child.id(), "INT");
    finish(child)
}

fn has(state: &State, call: &str) -> bool {
    state.calls.iter().any(|c| c == call || c.starts_with(&format!("{call} ")))
}

/// Whether `call` came after `before` (both present).
fn after(state: &State, call: &str, before: &str) -> bool {
    let at = |c: &str| state.calls.iter().position(|x| x == c || x.starts_with(&format!("{c} ")));
    matches!((at(before), state.calls.iter().rposition(|x| x == call)), (Some(b), Some(c)) if c > b)
}

#[test]
fn a_silent_endpoint_ends_every_aws_command_with_a_timeout_message() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    // Accepts every connection and never answers (the streams are kept).
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let dir = service();
    let endpoint = format!("http://{address}");
    let runs: Vec<(&str, Child)> = [&["info"][..], &["deploy", "--yes"], &["diff"], &["remove"]]
        .into_iter()
        .map(|args| (args[0], start(dir.path(), &endpoint, args, &[("SVC_AWS_TIMEOUT", "1")])))
        .collect();
    for (command, child) in runs {
        let output = finish(child);
        assert_eq!(output.status.code(), Some(2), "svc {command}: {}", shown(&output));
        let text = stderr(&output);
        assert!(
            text.contains(&format!("AWS at {endpoint} did not answer in 1 s")) && text.contains("SVC_AWS_TIMEOUT"),
            "svc {command}: {}",
            shown(&output)
        );
        assert!(text.contains(&format!("cannot read stack `{STACK}`")), "svc {command}: {}", shown(&output));
    }
}

#[test]
fn an_upload_that_gets_no_answer_ends_with_a_timeout_message() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().stall = vec!["S3 PUT".into()];
    let output = finish(start(dir.path(), &fake.url(), &["deploy", "--yes"], &[("SVC_AWS_TIMEOUT", "1")]));
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!("to bucket `{BUCKET}`: AWS at {} did not answer in 1 s", fake.url())),
        "{}",
        shown(&output)
    );
    assert!(!has(&fake.state(), "CreateChangeSet"), "went on without the artifact");
}

#[test]
fn a_credential_process_that_never_answers_ends_with_a_timeout_message() {
    let dir = service();
    let fake = Fake::start();
    let config = dir.path().join("aws-config");
    std::fs::write(&config, "[profile slow]\ncredential_process = sleep 20\n").expect("write");
    let config = config.to_str().expect("utf-8 path");
    let child = spawn(support::command(
        dir.path(),
        &fake.url(),
        &["info", "--aws-profile", "slow"],
        &[("AWS_CONFIG_FILE", config), ("SVC_AWS_TIMEOUT", "1")],
    ));
    let output = finish(child);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(
        stderr(&output).contains("the AWS configuration and credentials for profile `slow` could not be loaded in 1 s"),
        "{}",
        shown(&output)
    );
    assert!(fake.state().calls.is_empty(), "asked AWS without credentials");
}

#[test]
fn a_timeout_that_is_not_a_number_is_refused() {
    let dir = service();
    let fake = Fake::start();
    let output = finish(start(dir.path(), &fake.url(), &["info"], &[("SVC_AWS_TIMEOUT", "soon")]));
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    assert!(
        stderr(&output).contains("SVC_AWS_TIMEOUT is the wait for an AWS answer in whole seconds"),
        "{}",
        shown(&output)
    );
    assert!(fake.state().calls.is_empty(), "asked AWS anyway");
}

#[test]
fn ctrl_c_while_the_stack_is_created_leaves_it_to_cloudformation_and_the_next_deploy_continues() {
    let dir = service();
    let fake = Fake::start();
    fake.state().busy_polls = usize::MAX;
    let output = ctrl_c_at(dir.path(), &fake, &["deploy"], "the wait on the stack's creation", |s| {
        after(s, "DescribeStacks", "CreateStack")
    });
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(text.contains("Ctrl-C while waiting for stack"), "{}", shown(&output));
    assert!(
        text.contains(&format!(
            "the creation of stack `{STACK}` with its deployment bucket was asked of CloudFormation, which goes on"
        )) && text.contains("`svc deploy` continues from it once it rests"),
        "{}",
        shown(&output)
    );
    {
        let state = fake.state();
        assert!(!has(&state, "S3 PUT") && !has(&state, "CreateChangeSet"), "went on after Ctrl-C: {:?}", state.calls);
    }

    fake.state().rest();
    fake.state().calls.clear();
    let output = run(dir.path(), &fake.url(), &["deploy"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let state = fake.state();
    assert!(!has(&state, "CreateStack") && has(&state, "ExecuteChangeSet"), "{:?}", state.calls);
}

#[test]
fn ctrl_c_during_an_upload_stops_before_the_change_set_and_the_next_deploy_uploads() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().stall = vec!["S3 PUT".into()];
    let output = ctrl_c_at(dir.path(), &fake, &["deploy", "--yes"], "the upload", |s| has(s, "S3 PUT"));
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(text.contains("Ctrl-C while uploading 1 artifact to s3://"), "{}", shown(&output));
    assert!(
        text.contains(&format!("stopped (Ctrl-C): 0 of 1 artifacts were uploaded to s3://{BUCKET}; nothing was executed; run `svc deploy` again to continue")),
        "{}",
        shown(&output)
    );
    {
        let state = fake.state();
        assert!(!has(&state, "CreateChangeSet") && !has(&state, "ExecuteChangeSet"), "{:?}", state.calls);
    }

    fake.state().stall.clear();
    let output = run(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    let state = fake.state();
    assert!(state.objects.iter().any(|o| o.ends_with("/fake-svc.zip")), "{:?}", state.objects);
    assert!(has(&state, "ExecuteChangeSet"), "{:?}", state.calls);
}

#[test]
fn ctrl_c_after_the_change_table_deletes_the_change_set_and_executes_nothing() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    // The one call between the confirmation and the execution.
    fake.state().stall = vec!["DescribeStackEvents".into()];
    let output = ctrl_c_at(dir.path(), &fake, &["deploy", "--yes"], "the step before execution", |s| {
        has(s, "DescribeStackEvents")
    });
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!(
            "stopped (Ctrl-C): 1 of 1 artifact was uploaded to s3://{BUCKET}; the change set was deleted; nothing was executed; run `svc deploy` again to continue"
        )),
        "{}",
        shown(&output)
    );
    {
        let state = fake.state();
        assert!(has(&state, "DeleteChangeSet"), "the change set was left: {:?}", state.calls);
        assert!(!has(&state, "ExecuteChangeSet"), "executed after Ctrl-C: {:?}", state.calls);
    }

    fake.state().stall.clear();
    let output = run(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(has(&fake.state(), "ExecuteChangeSet"));
}

#[test]
fn ctrl_c_while_the_change_set_runs_leaves_it_to_cloudformation_and_the_next_deploy_continues() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().busy_polls = usize::MAX;
    let output = ctrl_c_at(dir.path(), &fake, &["deploy", "--yes"], "the wait on the execution", |s| {
        after(s, "DescribeStacks", "ExecuteChangeSet")
    });
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains("stopped waiting (Ctrl-C)")
            && text
                .contains(&format!("the execution of the change set on stack `{STACK}` was asked of CloudFormation"))
            && text.contains("`svc deploy` continues from it once it rests"),
        "{}",
        shown(&output)
    );
    {
        let state = fake.state();
        let actions = state.actions();
        let executed = actions.iter().position(|a| *a == "ExecuteChangeSet").expect("executed");
        assert!(
            actions[executed + 1..].iter().all(|a| matches!(*a, "DescribeStacks" | "DescribeStackEvents")),
            "changed something after Ctrl-C: {actions:?}"
        );
    }

    // The stack rests; the next deploy finds its template deployed.
    fake.state().rest();
    let output = run(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("No changes"), "{}", shown(&output));
}

#[test]
fn ctrl_c_while_remove_empties_the_bucket_keeps_the_stack_and_the_next_remove_continues() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().objects.insert(format!("{BUCKET}/serverless/fake-svc/dev/1/fake-svc.zip"));
    fake.state().stall = vec!["S3 POST".into()];
    let output = ctrl_c_at(dir.path(), &fake, &["remove"], "the emptying of the bucket", |s| has(s, "S3 POST"));
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    assert!(
        stderr(&output).contains(&format!(
            "stopped (Ctrl-C): 0 objects were deleted from s3://{BUCKET}/; the stack was not deleted; run `svc remove` again to continue"
        )),
        "{}",
        shown(&output)
    );
    assert!(!has(&fake.state(), "DeleteStack"), "deleted the stack after Ctrl-C");

    fake.state().stall.clear();
    let output = run(dir.path(), &fake.url(), &["remove"]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Removed stack"), "{}", shown(&output));
    assert!(fake.state().objects.is_empty(), "{:?}", fake.state().objects);
}

#[test]
fn ctrl_c_while_diff_waits_for_its_change_set_deletes_it() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().stall = vec!["DescribeChangeSet".into()];
    let output = ctrl_c_at(dir.path(), &fake, &["diff"], "the change set", |s| has(s, "DescribeChangeSet"));
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    assert!(
        stderr(&output).contains("stopped (Ctrl-C): the change set was deleted; nothing was changed"),
        "{}",
        shown(&output)
    );
    assert!(has(&fake.state(), "DeleteChangeSet"), "the change set was left: {:?}", fake.state().calls);
}

#[test]
fn a_second_ctrl_c_exits_at_once() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    // The deletion of the change set after the first Ctrl-C never ends.
    fake.state().stall = vec!["DescribeStackEvents".into(), "DeleteChangeSet".into()];
    let child = start(dir.path(), &fake.url(), &["deploy", "--yes"], &[]);
    fake.wait_for("the step before execution", |s| has(s, "DescribeStackEvents"));
    signal(child.id(), "INT");
    fake.wait_for("the deletion of the change set", |s| has(s, "DeleteChangeSet"));
    signal(child.id(), "INT");
    let output = finish(child);
    assert_eq!(output.status.code(), Some(130), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains("press Ctrl-C again to exit at once") && text.contains("second Ctrl-C"),
        "{}",
        shown(&output)
    );
    assert!(!has(&fake.state(), "ExecuteChangeSet"));
}

#[test]
fn an_answer_that_is_not_aws_xml_shows_its_status_and_start() {
    let dir = service();
    let fake = Fake::start();
    fake.state().raw = Some((400, "<html><body>Request blocked by the corporate proxy</body></html>".into()));
    let output = run(dir.path(), &fake.url(), &["info"]);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains("AWS answered: <html><body>Request blocked by the corporate proxy</body></html> (HTTP 400)"),
        "{}",
        shown(&output)
    );
    assert_eq!(text.lines().count(), 1, "{}", shown(&output));
}

#[test]
fn refused_credentials_name_the_aws_code() {
    let dir = service();
    let fake = Fake::start();
    let bodies = [
        r#"{"__type":"InvalidClientTokenId","message":"The security token included in the request is invalid."}"#,
        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>",
    ];
    for body in bodies {
        fake.state().raw = Some((403, body.into()));
        let output = run(dir.path(), &fake.url(), &["deploy"]);
        assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
        assert!(
            stderr(&output).contains("AWS refused the credentials (InvalidClientTokenId)"),
            "{body}: {}",
            shown(&output)
        );
    }
}

#[test]
fn a_deleted_deployment_bucket_says_how_to_recover() {
    let dir = service();
    let fake = Fake::start();
    fake.state().with_stack(STACK, "UPDATE_COMPLETE", "{}");
    fake.state().no_bucket = true;
    let output = run(dir.path(), &fake.url(), &["deploy", "--yes"]);
    assert_eq!(output.status.code(), Some(2), "{}", shown(&output));
    let text = stderr(&output);
    assert!(
        text.contains(&format!("the deployment bucket `{BUCKET}` no longer exists (NoSuchBucket)"))
            && text.contains(&format!("aws s3 mb s3://{BUCKET}"))
            && text.contains("svc remove"),
        "{}",
        shown(&output)
    );
    assert!(!has(&fake.state(), "CreateChangeSet"), "went on without the artifacts");
}
