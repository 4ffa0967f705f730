//! End to end on LocalStack: `svc deploy`, then the deployed functions
//! invoked and their logs read back, with the handlers really executed.
//! LocalStack runs on loopback with the test suite's own plugin
//! (tests/localstack-plugin): Lambda handlers run as local processes, and
//! their output, framed by START / END / REPORT, goes to CloudWatch Logs
//! the way LocalStack's Lambda sends it. What LocalStack skips (the HTTP
//! API: ApiGatewayV2 resources are not created and their attributes read
//! "unknown") is not asserted.
//! The functions are called with `svc invoke` and their logs read with
//! `svc logs`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::localstack::LocalStack;
use support::{process, root, shown};

/// What svc is run with (LocalStack takes any credentials).
const CREDENTIALS: [(&str, &str); 2] = [("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")];

/// How long logs may take to reach CloudWatch Logs after the invoke
/// returned (LocalStack sends them from a background thread).
const LOGS_LIMIT: Duration = Duration::from_secs(20);

/// The example handler's first line, and the line the test adds after it:
/// the event's marker, the request id and the function's TABLE variable.
const HANDLER_START: &str = "def hello(event, context):\n";
const PRINTED: &str = "    print(f\"e2e marker {event['marker']} request {context.aws_request_id} \
                       table {__import__('os').environ['TABLE']}\")\n";

/// `svc invoke -f FUNCTION --data EVENT` on the service deployed from
/// `service`: the payload (pretty JSON) on stdout, exit 1 on a function
/// error.
fn invoke(service: &Path, stack: &LocalStack, function: &str, event: &str) -> Command {
    support::command(service, &stack.url(), &["invoke", "-f", function, "--data", event], &CREDENTIALS)
}

/// `svc logs -f FUNCTION`: the function's log events, one a line.
fn logs(service: &Path, stack: &LocalStack, function: &str) -> Command {
    support::command(service, &stack.url(), &["logs", "-f", function], &CREDENTIALS)
}

/// Runs `command` under the watchdog; returns its output.
fn run(command: Command) -> Output {
    process::finish(process::spawn(command))
}

/// `svc deploy --yes` of `service`; returns its stdout.
fn deploy(service: &Path, stack: &LocalStack) -> String {
    let mut command = support::command(service, &stack.url(), &["deploy", "--yes"], &CREDENTIALS);
    command.envs(support::offline_pip());
    let output = run(command);
    assert_eq!(output.status.code(), Some(0), "svc deploy: {}\n--- LocalStack\n{}", shown(&output), stack.log_tail());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Invokes and returns the exit code and the payload.
fn invoked(service: &Path, stack: &LocalStack, function: &str, event: &Value) -> (i32, Value) {
    let output = run(invoke(service, stack, function, &event.to_string()));
    let payload = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("invoke {function}: {}\n--- LocalStack\n{}", shown(&output), stack.log_tail()));
    (output.status.code().expect("exit code"), payload)
}

/// The function's log lines, once they contain `expected` (read again
/// until then, at most [`LOGS_LIMIT`]).
fn logs_with(service: &Path, stack: &LocalStack, function: &str, expected: &str) -> Vec<String> {
    let reading = Instant::now();
    loop {
        let output = run(logs(service, stack, function));
        assert_eq!(output.status.code(), Some(0), "logs {function}: {}", shown(&output));
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        if text.contains(expected) {
            return text.lines().map(str::to_owned).collect();
        }
        assert!(
            reading.elapsed() < LOGS_LIMIT,
            "no `{expected}` in the logs of {function} after {} s:\n{text}\n--- LocalStack\n{}",
            LOGS_LIMIT.as_secs(),
            stack.log_tail()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The index of the first line containing `text` (a log reader may put a
/// time before each message).
fn line(lines: &[String], text: &str) -> usize {
    lines.iter().position(|line| line.contains(text)).unwrap_or_else(|| panic!("no `{text}` in:\n{}", lines.join("\n")))
}

/// The request id of the one invocation whose handler printed a line
/// containing `printed`, and checks START < that line < END < REPORT.
fn framed(lines: &[String], printed: &str) -> String {
    let at = lines.iter().position(|line| line.contains(printed)).expect("the printed line");
    let start =
        lines[..at].iter().rposition(|line| line.contains("START RequestId: ")).expect("a START line before it");
    let (_, after) = lines[start].split_once("START RequestId: ").expect("START");
    let request = after.split_whitespace().next().expect("request id").to_owned();
    let end = line(lines, &format!("END RequestId: {request}"));
    let report = line(lines, &format!("REPORT RequestId: {request}"));
    assert!(at < end && end < report, "out of order:\n{}", lines.join("\n"));
    assert!(lines[report].contains("Duration: ") && lines[report].contains("Billed Duration: "), "{}", lines[report]);
    request
}

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

/// A copy of the bundled example whose handler also prints a line (the
/// bundled one stays unchanged).
fn example_copy(dir: &Path) -> PathBuf {
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

#[test]
#[ignore = "needs LocalStack: run scripts/test"]
fn deploy_invoke_logs_of_the_example_on_localstack() {
    const STACK: &str = "aws-python-http-api-dev";
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tmp");
    let service = example_copy(dir.path());
    let stack = LocalStack::start(dir.path());

    // Deploy: the stack is created and the function is there.
    let deploying = Instant::now();
    let out = deploy(&service, &stack);
    let deployed_in = deploying.elapsed();
    assert!(out.contains(&format!("Deployed stack `{STACK}`")), "{out}");
    assert!(out.contains(&format!("hello: {STACK}-hello")), "{out}");

    // Invoke: the handler really ran, with this event.
    let marker = format!("svc-e2e-{}", std::process::id());
    let event = json!({ "marker": marker, "rawPath": "/", "requestContext": { "http": { "method": "GET" } } });
    let (code, response) = invoked(&service, &stack, "hello", &event);
    assert_eq!(code, 0, "{response}");
    assert_eq!(response["statusCode"], 200, "{response}");
    let body: Value = serde_json::from_str(response["body"].as_str().expect("body is a string")).expect("body is JSON");
    assert!(body["message"].as_str().is_some_and(|m| m.starts_with("Go Serverless")), "{body}");
    assert_eq!(body["input"], event, "the handler did not echo the event it was sent");
    // The request ID comes from python-ulid, which the function imports
    // from the layer svc built from requirements.txt.
    let id = body["requestId"].as_str().unwrap_or_default();
    assert!(id.len() == 26 && id.bytes().all(|b| b.is_ascii_alphanumeric()), "{body}");

    // Logs: the handler's line inside START / END / REPORT of its request.
    let reading = Instant::now();
    let printed = format!("e2e marker {marker} request ");
    let lines = logs_with(&service, &stack, "hello", &printed);
    let logs_in = reading.elapsed();
    eprintln!("{}", lines.join("\n"));
    let request = framed(&lines, &printed);
    let at = line(&lines, &format!("{printed}{request} table "));
    assert!(lines[line(&lines, &format!("START RequestId: {request}"))].ends_with("Version: $LATEST"));
    let report = &lines[line(&lines, &format!("REPORT RequestId: {request}"))];
    assert!(report.contains("Memory Size: 256 MB"), "{report}");
    // The function's environment: TABLE = ref(UsersTable), the table's
    // name, which the stack's TableArn output ends with.
    let table = lines[at].rsplit(' ').next().expect("table");
    assert!(table.starts_with(&format!("{STACK}-UsersTable-")), "TABLE is {table:?}");
    let arn = format!("TableArn: arn:aws:dynamodb:us-east-1:000000000000:table/{table}");
    assert!(out.lines().any(|line| line.trim() == arn), "no `{arn}` in:\n{out}");

    eprintln!(
        "LocalStack started in {:.1} s; svc deploy took {:.1} s; the logs were read in {:.1} s; the whole test took {:.1} s",
        stack.started_in.as_secs_f64(),
        deployed_in.as_secs_f64(),
        logs_in.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}

/// Node.js (ESM async and CommonJS callback handlers), a layer's Python
/// module imported, an exception and a timeout, as Lambda reports them.
const RUNTIMES: &str = r#"service = "svc-e2e"

provider aws {
  runtime = "python3.12"
  region  = "us-east-1"
}

function esm {
  handler = "esm.handler"
  runtime = "nodejs22.x"
}

function callback {
  handler = "callback.handler"
  runtime = "nodejs22.x"
}

function fails {
  handler = "handler.fails"
}

function layered {
  handler = "handler.layered"
  layers  = [ref(SharedLambdaLayer)]
}

layer shared {
  path = "shared"
}

function slow {
  handler = "handler.slow"
  timeout = 1
}
"#;

const ESM: &str = r#"export const handler = async (event, context) => {
  console.log("esm got", event.name);
  return { greeting: `hello ${event.name}`, function: context.functionName, left: context.getRemainingTimeInMillis() > 0 };
};
"#;

const CALLBACK: &str = r#"exports.handler = (event, context, callback) => {
  console.log("callback got", event.name);
  setTimeout(() => callback(null, { greeting: `hi ${event.name}`, region: process.env.AWS_REGION }), 10);
};
"#;

const PYTHON: &str = r#"import time


def layered(event, context):
    import greeting

    return greeting.greet(event["name"])


def fails(event, context):
    print("about to fail for", event["name"])
    raise ValueError(f"no {event['name']}")


def slow(event, context):
    print("sleeping for", event["name"])
    time.sleep(30)
"#;

#[test]
#[ignore = "needs LocalStack: run scripts/test"]
fn node_handlers_a_layer_an_exception_and_a_timeout_on_localstack() {
    const STACK: &str = "svc-e2e-dev";
    let dir = tempfile::tempdir().expect("tmp");
    let service = dir.path().join("service");
    for (name, text) in [
        ("service.svc", RUNTIMES),
        ("esm.mjs", ESM),
        ("callback.js", CALLBACK),
        ("handler.py", PYTHON),
        ("shared/python/greeting.py", "def greet(name):\n    return f\"greetings, {name}, from the layer\"\n"),
    ] {
        let path = service.join(name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let stack = LocalStack::start(dir.path());
    deploy(&service, &stack);
    let name = format!("n{}", std::process::id());
    let event = json!({ "name": name });

    let (code, response) = invoked(&service, &stack, "esm", &event);
    assert_eq!(
        (code, response.clone()),
        (0, json!({ "greeting": format!("hello {name}"), "function": format!("{STACK}-esm"), "left": true }))
    );
    let lines = logs_with(&service, &stack, "esm", "REPORT RequestId: ");
    let request = framed(&lines, &format!("\tINFO\tesm got {name}"));
    assert!(lines.iter().any(|line| line.contains(&format!("Z\t{request}\tINFO\tesm got {name}"))), "{lines:?}");

    let (code, response) = invoked(&service, &stack, "callback", &event);
    assert_eq!((code, response.clone()), (0, json!({ "greeting": format!("hi {name}"), "region": "us-east-1" })));
    framed(&logs_with(&service, &stack, "callback", "REPORT RequestId: "), &format!("callback got {name}"));

    let (code, response) = invoked(&service, &stack, "layered", &event);
    assert_eq!((code, response), (0, json!(format!("greetings, {name}, from the layer"))));

    let (code, response) = invoked(&service, &stack, "fails", &event);
    assert_eq!(code, 1, "{response}");
    assert_eq!(
        (&response["errorType"], &response["errorMessage"]),
        (&json!("ValueError"), &json!(format!("no {name}")))
    );
    let trace = response["stackTrace"].as_array().expect("stackTrace");
    assert!(
        trace.iter().any(|frame| frame.as_str().is_some_and(|f| f.contains("handler.py") && f.contains("in fails"))),
        "{response}"
    );
    let lines = logs_with(&service, &stack, "fails", "REPORT RequestId: ");
    framed(&lines, &format!("about to fail for {name}"));
    line(&lines, &format!("[ERROR] ValueError: no {name}"));

    let timing = Instant::now();
    let (code, response) = invoked(&service, &stack, "slow", &event);
    assert_eq!(code, 1, "{response}");
    let message = response["errorMessage"].as_str().expect("errorMessage");
    assert!(message.ends_with(" Task timed out after 1.00 seconds"), "{message}");
    assert!(timing.elapsed() < Duration::from_secs(15), "the timed-out handler was not stopped");
    let lines = logs_with(&service, &stack, "slow", "REPORT RequestId: ");
    let request = framed(&lines, &format!("sleeping for {name}"));
    assert!(
        lines.iter().any(|line| line.ends_with(&format!("{request} Task timed out after 1.00 seconds"))),
        "{lines:?}"
    );
}
