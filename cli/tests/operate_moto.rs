//! `svc invoke`, `svc logs` and `svc metrics` against a real local AWS: a
//! moto server on a free loopback port, through the real SDK, on a service
//! deployed there with `svc deploy`.
//!
//! What moto runs: Lambda code only in Docker, which tests do not have.
//! With `{"lambda": {"use_docker": false}}` (its "simple" Lambda) moto does
//! not run the handler: Invoke answers the event it was sent (or "Simple
//! Lambda happy path OK" without one, or results queued through
//! `/moto-api/static/lambda-simple/response`) and sends no log tail.
//! Without that setting and without Docker, Invoke answers a function error
//! (`Handled`) whose payload is moto's Docker error: that is the function
//! error `svc invoke` is tested with. Logs and metrics are what the tests
//! put there (PutLogEvents, PutMetricData), as Lambda would.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use support::moto::Moto;
use support::{command, shown, svc};

const HELLO: &str = "svc-ops-dev-hello";
const WORKER: &str = "svc-ops-dev-worker";

const SERVICE: &str = r#"service = "svc-ops"

provider aws {
  runtime = "python3.12"
  region  = "us-east-1"
}

function hello {
  handler = "handler.hello"
}

function worker {
  handler = "handler.worker"
}
"#;

/// The longest a test waits for `svc logs --tail` to show something.
const WATCHDOG: Duration = Duration::from_secs(20);

/// A folder with the service, deployed to `moto`.
fn deployed(moto: &Moto) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("service.svc"), SERVICE).expect("write");
    std::fs::write(
        dir.path().join("handler.py"),
        "def hello(e, c):\n    return e\n\ndef worker(e, c):\n    return e\n",
    )
    .expect("write");
    expect(&svc(dir.path(), &moto.url(), &["deploy"]), 0);
    dir
}

/// Checks the exit code; returns stdout.
fn expect(output: &Output, code: i32) -> String {
    assert_eq!(output.status.code(), Some(code), "{}", shown(output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn now_ms() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis()).expect("ms")
}

/// Puts `events` (milliseconds, message) into a new stream of `function`'s
/// log group, made if needed.
fn put_logs(moto: &Moto, function: &str, stream: &str, events: &[(i64, &str)]) {
    let group = format!("/aws/lambda/{function}");
    // The group may exist already (the deploy made it): its answer is not checked.
    moto.json("logs", "Logs_20140328.CreateLogGroup", &json!({ "logGroupName": group }));
    let made =
        moto.json("logs", "Logs_20140328.CreateLogStream", &json!({ "logGroupName": group, "logStreamName": stream }));
    assert_eq!(made.status, 200, "{made:?}");
    let events: Vec<Value> =
        events.iter().map(|(at, message)| json!({ "timestamp": at, "message": message })).collect();
    let put = moto.json(
        "logs",
        "Logs_20140328.PutLogEvents",
        &json!({ "logGroupName": group, "logStreamName": stream, "logEvents": events }),
    );
    assert_eq!(put.status, 200, "{put:?}");
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn invoke_calls_the_deployed_function_through_lambda() {
    let moto = Moto::start();
    let simple = moto.configure(&json!({ "lambda": { "use_docker": false } }));
    assert_eq!(simple.status, 201, "{simple:?}");
    let dir = deployed(&moto);
    let dir = dir.path();
    let url = moto.url();

    // moto's simple Lambda answers the event it was sent.
    let out = expect(&svc(dir, &url, &["invoke", "-f", "hello", "--data", r#"{"name": "Ada", "n": [1, 2]}"#]), 0);
    let answer: Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(answer, json!({ "name": "Ada", "n": [1, 2] }));
    assert!(out.contains("\n  \"name\": \"Ada\""), "pretty-printed: {out}");

    // From a YAML file, and with Serverless's spellings.
    std::fs::write(dir.join("event.yml"), "name: Grace\n").expect("write");
    let out = expect(&svc(dir, &url, &["invoke", "--function", "worker", "--path", "event.yml"]), 0);
    assert_eq!(serde_json::from_str::<Value>(&out).expect("JSON"), json!({ "name": "Grace" }));

    // From standard input.
    let mut child = command(
        dir,
        &url,
        &["invoke", "-f", "hello"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("svc starts");
    child.stdin.take().expect("stdin").write_all(b"{\"from\": \"stdin\"}\n").expect("write");
    let out = expect(&child.wait_with_output().expect("svc ends"), 0);
    assert_eq!(serde_json::from_str::<Value>(&out).expect("JSON"), json!({ "from": "stdin" }));

    // What a test queued is what the next invocation answers.
    let queued = moto.configure_lambda_result("{\"statusCode\": 200, \"body\": \"queued\"}");
    assert_eq!(queued.status, 201, "{queued:?}");
    let out = expect(&svc(dir, &url, &["invoke", "-f", "hello", "-q", "$LATEST"]), 0);
    assert_eq!(serde_json::from_str::<Value>(&out).expect("JSON"), json!({ "statusCode": 200, "body": "queued" }));

    // Without an event, moto's text comes back as it is.
    let out = expect(&svc(dir, &url, &["invoke", "-f", "hello"]), 0);
    assert_eq!(out.trim(), "Simple Lambda happy path OK");

    // --log: moto's simple Lambda sends no log tail, and svc says so.
    let output = svc(dir, &url, &["invoke", "-f", "hello", "--log", "-d", "{}"]);
    expect(&output, 0);
    assert!(stderr(&output).contains("Lambda sent no log tail"), "{}", shown(&output));

    // Event and DryRun: no answer, HTTP 202 and 204.
    let output = svc(dir, &url, &["invoke", "-f", "hello", "--type", "Event", "-d", "{}"]);
    assert_eq!(expect(&output, 0), "");
    assert!(stderr(&output).contains("queued (HTTP 202)"), "{}", shown(&output));
    let output = svc(dir, &url, &["invoke", "-f", "hello", "-t", "DryRun"]);
    assert_eq!(expect(&output, 0), "");
    assert!(stderr(&output).contains("may be called (HTTP 204)"), "{}", shown(&output));

    // Bad input: one line, exit 2, nothing sent.
    let output = svc(dir, &url, &["invoke", "-f", "helo"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("has no function `helo`; did you mean `hello`?"), "{}", shown(&output));
    let output = svc(dir, &url, &["invoke", "-f", "hello", "--data", "{\"a\": 1,\n oops}"]);
    expect(&output, 2);
    assert!(
        stderr(&output).contains("--data is not valid JSON: key must be a string at line 2, column 2"),
        "{}",
        shown(&output)
    );
    let output = svc(dir, &url, &["invoke", "-f", "hello", "--type", "Later"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("RequestResponse"), "{}", shown(&output));
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn a_function_error_exits_1_with_its_type_and_message() {
    // moto without Docker: the invocation fails, as a function error.
    let moto = Moto::start();
    let dir = deployed(&moto);
    let output = svc(dir.path(), &moto.url(), &["invoke", "-f", "hello", "-d", "{}"]);
    expect(&output, 1);
    assert!(
        stderr(&output).contains(&format!("error: function `{HELLO}` failed (Handled): error running docker")),
        "{}",
        shown(&output)
    );
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn a_service_not_deployed_or_an_endpoint_that_does_not_answer_is_one_line() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("service.svc"), SERVICE).expect("write");
    for args in [&["invoke", "-f", "hello"][..], &["logs"], &["metrics", "-f", "worker"]] {
        let output = svc(dir.path(), &moto.url(), args);
        expect(&output, 2);
        assert!(
            stderr(&output).contains("stack `svc-ops-dev` does not exist in us-east-1: `svc deploy` creates it"),
            "{}",
            shown(&output)
        );
    }
    drop(moto);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let output = svc(dir.path(), &format!("http://{closed}"), &["logs", "-f", "hello"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("cannot reach AWS"), "{}", shown(&output));
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn logs_reads_filters_and_interleaves_every_function() {
    let moto = Moto::start();
    let dir = deployed(&moto);
    let dir = dir.path();
    let t = now_ms() - 60_000;
    put_logs(
        &moto,
        HELLO,
        "2026/01/01/[$LATEST]a",
        &[
            (t, "START RequestId: 1 Version: $LATEST\n"),
            (t + 1, "hello from 1\n"),
            (t + 3, "[ERROR] KeyError: 'id'\n"),
            (t + 4, "END RequestId: 1\n"),
        ],
    );
    put_logs(&moto, WORKER, "2026/01/01/[$LATEST]b", &[(t + 2, "worker says hi\n"), (t + 5, "worker done\n")]);
    put_logs(&moto, HELLO, "old", &[(t - 3 * 3_600_000, "three hours ago\n")]);

    // One function: its events in time order, within --startTime.
    let out = expect(&svc(dir, &moto.url(), &["logs", "-f", "hello"]), 0);
    let messages: Vec<&str> = out.lines().map(|l| l.split_once("Z  ").expect("time  message").1).collect();
    assert_eq!(
        messages,
        ["START RequestId: 1 Version: $LATEST", "hello from 1", "[ERROR] KeyError: 'id'", "END RequestId: 1"]
    );
    let out = expect(&svc(dir, &moto.url(), &["logs", "-f", "hello", "--startTime", "4h"]), 0);
    assert!(out.lines().next().is_some_and(|l| l.ends_with("three hours ago")), "{out}");

    // --filter: CloudWatch's pattern, applied by the service.
    let out = expect(&svc(dir, &moto.url(), &["logs", "-f", "hello", "--filter", "hello"]), 0);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("hello from 1"), "{out}");

    // Every function, interleaved in time order, names padded.
    let out = expect(&svc(dir, &moto.url(), &["logs"]), 0);
    let lines: Vec<(&str, &str)> = out
        .lines()
        .map(|l| {
            let (name, rest) = l.split_at(6);
            (name, rest.split_once("Z  ").expect("time  message").1)
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("hello ", "START RequestId: 1 Version: $LATEST"),
            ("hello ", "hello from 1"),
            ("worker", "worker says hi"),
            ("hello ", "[ERROR] KeyError: 'id'"),
            ("hello ", "END RequestId: 1"),
            ("worker", "worker done"),
        ],
        "{out}"
    );

    // With colours on: Lambda's lines dimmed, errors red.
    let mut coloured = command(
        dir,
        &moto.url(),
        &["logs", "-f", "hello"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"), ("CLICOLOR_FORCE", "1")],
    );
    coloured.env_remove("NO_COLOR");
    let out = expect(&coloured.output().expect("svc runs"), 0);
    let line = |text: &str| out.lines().find(|l| l.contains(text)).expect("line").to_owned();
    assert!(line("START RequestId").contains("\u{1b}[2mSTART"), "{out:?}");
    assert!(line("KeyError").contains("\u{1b}[31m[ERROR]"), "{out:?}");
    assert!(!line("hello from 1").contains("\u{1b}[31m"), "{out:?}");

    // Bad input.
    let output = svc(dir, &moto.url(), &["logs", "-f", "wroker"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("did you mean `worker`?"), "{}", shown(&output));
    let output = svc(dir, &moto.url(), &["logs", "--startTime", "yesterday"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("`yesterday` is not a time"), "{}", shown(&output));
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn logs_tail_shows_new_events_once_even_from_a_new_stream_and_stops_on_ctrl_c() {
    let moto = Moto::start();
    let dir = deployed(&moto);
    let t = now_ms() - 10_000;
    put_logs(&moto, HELLO, "first", &[(t, "before the tail\n")]);
    let mut child = command(
        dir.path(),
        &moto.url(),
        &["logs", "-f", "hello", "--tail", "--interval", "100"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("svc starts");
    let (lines, received) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let wait_for = |text: &str, seen: &mut Vec<String>| loop {
        let line = received.recv_timeout(WATCHDOG).unwrap_or_else(|_| panic!("no `{text}` within 20 s: {seen:?}"));
        seen.push(line.clone());
        if line.ends_with(text) {
            return;
        }
    };
    wait_for("before the tail", &mut seen);
    // A new event in the same stream, then one in a stream made after the tail began.
    put_logs_more(&moto, "first", &[(now_ms(), "same stream\n")]);
    wait_for("same stream", &mut seen);
    put_logs(&moto, HELLO, "second", &[(now_ms(), "new stream\n")]);
    wait_for("new stream", &mut seen);
    // Several polls later, nothing was shown twice.
    put_logs(&moto, HELLO, "third", &[(now_ms(), "last\n")]);
    wait_for("last", &mut seen);
    let messages: Vec<&str> = seen.iter().map(|l| l.split_once("Z  ").expect("time  message").1).collect();
    assert_eq!(messages, ["before the tail", "same stream", "new stream", "last"]);

    // Ctrl-C: svc stops, exit 0.
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let output = finished.recv_timeout(WATCHDOG).expect("svc stops within 20 s of Ctrl-C").expect("wait");
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    reader.join().expect("reader");
}

/// Puts more events into an existing stream of `hello`.
fn put_logs_more(moto: &Moto, stream: &str, events: &[(i64, &str)]) {
    let events: Vec<Value> =
        events.iter().map(|(at, message)| json!({ "timestamp": at, "message": message })).collect();
    let put = moto.json(
        "logs",
        "Logs_20140328.PutLogEvents",
        &json!({ "logGroupName": format!("/aws/lambda/{HELLO}"), "logStreamName": stream, "logEvents": events }),
    );
    assert_eq!(put.status, 200, "{put:?}");
}

/// Puts one data point of `metric` for `function`, a minute ago.
fn put_metric(moto: &Moto, function: &str, metric: &str, value: f64) {
    let at = SystemTime::now() - Duration::from_secs(60);
    let seconds = at.duration_since(UNIX_EPOCH).expect("clock").as_secs();
    let value = value.to_string();
    let timestamp = seconds.to_string();
    let response = moto.cloudwatch(
        "PutMetricData",
        &[
            ("Namespace", "AWS/Lambda"),
            ("MetricData.member.1.MetricName", metric),
            ("MetricData.member.1.Value", &value),
            ("MetricData.member.1.Timestamp", &timestamp),
            ("MetricData.member.1.Dimensions.member.1.Name", "FunctionName"),
            ("MetricData.member.1.Dimensions.member.1.Value", function),
        ],
    );
    assert_eq!(response.status, 200, "{response:?}");
}

#[test]
#[ignore = "needs moto: run scripts/test"]
fn metrics_shows_each_function_and_the_total() {
    let moto = Moto::start();
    let dir = deployed(&moto);
    let dir = dir.path();
    for (function, metric, value) in [
        (HELLO, "Invocations", 3.0),
        (HELLO, "Errors", 1.0),
        (HELLO, "Duration", 10.0),
        (HELLO, "Duration", 30.0),
        (WORKER, "Invocations", 2.0),
        (WORKER, "Throttles", 1.0),
        (WORKER, "Duration", 100.0),
        ("someone-else", "Invocations", 50.0),
    ] {
        put_metric(&moto, function, metric, value);
    }
    let out = expect(&svc(dir, &moto.url(), &["metrics", "--format", "json"]), 0);
    let value: Value = serde_json::from_str(&out).expect("JSON");
    let hello = &value["functions"][0];
    assert_eq!(hello["function"], "hello");
    assert_eq!(hello["deployedName"], HELLO);
    assert_eq!(
        (hello["invocations"].as_f64(), hello["errors"].as_f64(), hello["throttles"].as_f64()),
        (Some(3.0), Some(1.0), Some(0.0))
    );
    assert_eq!((hello["durationAverageMs"].as_f64(), hello["durationMaximumMs"].as_f64()), (Some(20.0), Some(30.0)));
    let total = &value["total"];
    assert_eq!((total["invocations"].as_f64(), total["throttles"].as_f64()), (Some(5.0), Some(1.0)));
    assert_eq!(
        (total["durationAverageMs"].as_f64(), total["durationMaximumMs"].as_f64()),
        (Some(140.0 / 3.0), Some(100.0))
    );

    // The table, and a span that ends before the data: all zero.
    let out = expect(&svc(dir, &moto.url(), &["metrics"]), 0);
    assert_eq!(row_of(&out, "hello"), ["hello", "3", "1", "0", "20.0", "ms", "30.0", "ms"], "{out}");
    assert_eq!(row_of(&out, "total"), ["total", "5", "1", "1", "46.7", "ms", "100.0", "ms"], "{out}");
    let out = expect(&svc(dir, &moto.url(), &["metrics", "-f", "worker", "--startTime", "3h", "--endTime", "2h"]), 0);
    assert_eq!(row_of(&out, "worker"), ["worker", "0", "0", "0", "-", "-"], "{out}");

    let output = svc(dir, &moto.url(), &["metrics", "--startTime", "1h", "--endTime", "2h"]);
    expect(&output, 2);
    assert!(stderr(&output).contains("is not before the end time"), "{}", shown(&output));
}

fn row_of<'a>(out: &'a str, name: &str) -> Vec<&'a str> {
    out.lines().find(|l| l.starts_with(name)).map(|l| l.split_whitespace().collect()).unwrap_or_default()
}
