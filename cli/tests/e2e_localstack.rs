//! End to end on LocalStack: `svc deploy` of the bundled example
//! (examples/aws-python-http-api), then its function invoked and its logs
//! read back, with the handler really executed. LocalStack runs on
//! loopback with the test suite's own plugin (tests/localstack-plugin):
//! Lambda handlers run as local processes, and their output framed by
//! START / END / REPORT goes to CloudWatch Logs as LocalStack's Lambda
//! sends it. What LocalStack skips (ApiGatewayV2: the HTTP API and its
//! route) is not asserted.
//!
//! The invoke and the logs read go through boto3 (LocalStack's venv) until
//! `svc invoke` and `svc logs` exist: see [`invoke`] and [`logs`], one line
//! each to switch.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::localstack::{self, LocalStack};
use support::{process, root, shown};

/// The deployed name of the example's `hello` function.
const FUNCTION: &str = "aws-python-http-api-dev-hello";

/// How long the logs may take to reach CloudWatch Logs after the invoke
/// returned (LocalStack sends them from a background thread).
const LOGS_LIMIT: Duration = Duration::from_secs(20);

/// The handler's first line, and the line the test adds after it.
const HANDLER_START: &str = "def hello(event, context):\n";
const PRINTED: &str = "    print(f\"e2e marker {event['marker']} request {context.aws_request_id} \
                        table {__import__('os').environ['TABLE']}\")\n";

/// Copies `from` into `to`, recursively.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read example") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A copy of the bundled example whose handler also prints a line with the
/// event's marker and its request id (the bundled one stays unchanged).
fn example_copy(dir: &Path) -> std::path::PathBuf {
    let service = dir.join("service");
    copy(&root().join("examples/aws-python-http-api"), &service);
    let handler = std::fs::read_to_string(service.join("handler.py")).expect("handler.py");
    assert!(handler.contains(HANDLER_START), "the example's handler no longer starts with {HANDLER_START:?}");
    std::fs::write(
        service.join("handler.py"),
        handler.replacen(HANDLER_START, &format!("{HANDLER_START}{PRINTED}"), 1),
    )
    .expect("write handler.py");
    service
}

/// Runs `command` under the watchdog; returns its output.
fn run(command: Command) -> std::process::Output {
    process::finish(process::spawn(command))
}

/// Invokes the deployed function with `event`: prints the payload (pretty
/// JSON) on stdout. Becomes
/// `support::command(service, &stack.url(), &["invoke", "-f", "hello", "--data", event], &[])`.
fn invoke(service: &Path, stack: &LocalStack, event: &str) -> Command {
    boto3(service, stack, &["invoke", FUNCTION, event])
}

/// Reads the function's logs: one event a line. Becomes
/// `support::command(service, &stack.url(), &["logs", "-f", "hello"], &[])`.
fn logs(service: &Path, stack: &LocalStack) -> Command {
    boto3(service, stack, &["logs", FUNCTION])
}

/// `support/boto3_lambda.py` with LocalStack's Python.
fn boto3(service: &Path, stack: &LocalStack, args: &[&str]) -> Command {
    let mut command = Command::new(localstack::venv().join("bin/python"));
    command
        .current_dir(service)
        .arg(root().join("cli/tests/support/boto3_lambda.py"))
        .arg(stack.url())
        .args(args)
        .env("AWS_CONFIG_FILE", service.join("no-aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", service.join("no-aws-credentials"))
        .stdin(std::process::Stdio::null());
    command
}

#[test]
#[ignore = "needs LocalStack: run scripts/test"]
fn deploy_invoke_logs_of_the_example_on_localstack() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tmp");
    let service = example_copy(dir.path());
    let stack = LocalStack::start(dir.path());

    // Deploy: the stack is created and the function is there.
    let deploying = Instant::now();
    let output = run(support::command(
        &service,
        &stack.url(),
        &["deploy", "--yes"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    ));
    let deployed_in = deploying.elapsed();
    assert_eq!(output.status.code(), Some(0), "svc deploy: {}\n--- LocalStack\n{}", shown(&output), stack.log_tail());
    let out = String::from_utf8_lossy(&output.stdout);
    eprintln!("{out}");
    assert!(out.contains("Deployed stack `aws-python-http-api-dev`"), "{out}");
    assert!(out.contains(&format!("hello: {FUNCTION}")), "{out}");

    // Invoke: the handler really ran, with this event.
    let marker = format!("svc-e2e-{}", std::process::id());
    let event =
        serde_json::json!({ "marker": marker, "rawPath": "/", "requestContext": { "http": { "method": "GET" } } });
    let output = run(invoke(&service, &stack, &event.to_string()));
    assert_eq!(output.status.code(), Some(0), "invoke: {}\n--- LocalStack\n{}", shown(&output), stack.log_tail());
    let response: Value = serde_json::from_slice(&output.stdout).expect("the payload is JSON");
    assert_eq!(response["statusCode"], 200, "{response}");
    let body: Value = serde_json::from_str(response["body"].as_str().expect("body is a string")).expect("body is JSON");
    assert!(body["message"].as_str().is_some_and(|m| m.starts_with("Go Serverless")), "{body}");
    assert_eq!(body["input"], event, "the handler did not echo the event it was sent");

    // Logs: the handler's line, and START / END / REPORT of its request.
    let reading = Instant::now();
    let (text, request) = loop {
        let output = run(logs(&service, &stack));
        assert_eq!(output.status.code(), Some(0), "logs: {}", shown(&output));
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let printed = text.lines().find_map(|line| line.strip_prefix(&format!("e2e marker {marker} request ")));
        let request = printed.and_then(|rest| rest.split_whitespace().next()).map(str::to_owned);
        if let Some(request) = request.filter(|id| text.contains(&format!("REPORT RequestId: {id}"))) {
            break (text, request);
        }
        assert!(
            reading.elapsed() < LOGS_LIMIT,
            "no printed line and REPORT in the logs after {} s:\n{text}\n--- LocalStack\n{}",
            LOGS_LIMIT.as_secs(),
            stack.log_tail()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    eprintln!("{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = |prefix: String| {
        lines.iter().position(|line| line.starts_with(&prefix)).unwrap_or_else(|| panic!("no `{prefix}` in:\n{text}"))
    };
    let start = at(format!("START RequestId: {request} Version: $LATEST"));
    let printed = at(format!("e2e marker {marker} request {request} table "));
    let end = at(format!("END RequestId: {request}"));
    let report = at(format!("REPORT RequestId: {request}\tDuration: "));
    assert!(start < printed && printed < end && end < report, "out of order:\n{text}");
    assert!(lines[report].contains("Memory Size: 256 MB"), "{}", lines[report]);
    // The function's environment: TABLE = ref(UsersTable), the table's
    // name, which the stack's TableArn output ends with.
    let table = lines[printed].rsplit(' ').next().expect("table");
    assert!(table.starts_with("aws-python-http-api-dev-UsersTable-"), "TABLE is {table:?}");
    assert!(
        out.lines()
            .any(|line| line.trim() == format!("TableArn: arn:aws:dynamodb:us-east-1:000000000000:table/{table}")),
        "{out}"
    );

    eprintln!(
        "LocalStack started in {:.1} s; svc deploy took {:.1} s; logs arrived after {:.1} s; the whole test took {:.1} s",
        stack.started_in.as_secs_f64(),
        deployed_in.as_secs_f64(),
        reading.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
