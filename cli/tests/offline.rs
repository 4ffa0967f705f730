//! `svc offline` serves a small service over real HTTP on loopback ports,
//! its handlers in real `python3` worker processes: both payload formats
//! field by field, path parameters and greedy paths, binary bodies, CORS,
//! each authorizer kind and API keys, timeouts and crashes, reloading, the
//! Lambda Invoke API, and 200 concurrent requests. AWS is a closed
//! loopback port, so nothing reaches the network.

mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::Child;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};
use support::{process, service_folder};

const SERVICE: &str = r#"service = "offline"

provider aws {
  runtime = "python3.12"
  region  = "eu-west-1"

  apiGateway {
    apiKeys          = [{ name = "partner", value = "partner-key-0123456789abcdef" }]
    binaryMediaTypes = ["image/*"]
  }

  httpApi {
    cors {
      allowedOrigins = ["https://app.example"]
      allowedHeaders = ["Content-Type", "Authorization"]
      allowedMethods = ["GET", "POST"]
      maxAge         = 600
    }
    authorizers {
      tokens {
        type           = "jwt"
        identitySource = "$request.header.Authorization"
        issuerUrl      = "https://issuer.example"
        audience       = ["svc-tests"]
      }
      gate {
        type                  = "request"
        functionName          = "gate"
        enableSimpleResponses = true
        identitySource        = ["$request.header.x-pass"]
      }
    }
  }
}

function echo {
  handler = "handler.echo"
  httpApi = "GET /users/{id}"
  httpApi = "GET /users/me"
  httpApi = "GET /files/{path+}"
  httpApi = "POST /upload"
  httpApi {
    method = "GET"
    path   = "/secure"
    authorizer {
      name   = "tokens"
      scopes = ["read"]
    }
  }
  httpApi {
    method     = "GET"
    path       = "/gated"
    authorizer = "gate"
  }
  httpApi {
    method     = "GET"
    path       = "/iam"
    authorizer = { type = "aws_iam" }
  }
}

function shaped {
  handler = "handler.shaped"
  httpApi = "GET /shaped/{kind}"
}

function slow {
  handler = "handler.slow"
  timeout = 1
  httpApi = "GET /slow"
}

function flaky {
  handler = "handler.flaky"
  timeout = 1
  httpApi = "GET /flaky/{mode}"
}

function crash {
  handler = "handler.crash"
  httpApi = "GET /crash"
  httpApi = "GET /raise"
}

function rest {
  handler = "handler.echo"
  http    = "GET things/{id}"
  http    = "ANY proxy/{proxy+}"
  http {
    method  = "post"
    path    = "private"
    private = true
    cors    = true
  }
  http {
    method = "get"
    path   = "token"
    authorizer {
      name           = "doorman"
      type           = "token"
      identitySource = "method.request.header.Authorization"
    }
  }
}

function gate {
  handler   = "handler.gate"
  websocket = "$connect"
}

function doorman {
  handler = "handler.doorman"
}

function tick {
  handler = "handler.tick"
  schedule {
    rate  = "rate(1 hour)"
    input = { source = "svc-tests" }
  }
  schedule = "cron(0 12 ? * MON-FRI *)"
  schedule {
    rate    = "rate(1 day)"
    enabled = false
  }
}
"#;

const HANDLER: &str = r#"import base64
import os
import time


def echo(event, context):
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": __import__("json").dumps({"event": event, "requestId": context.aws_request_id}),
    }


def shaped(event, context):
    kind = event["pathParameters"]["kind"]
    if kind == "plain":
        return {"hello": "world"}
    if kind == "text":
        return "just text"
    if kind == "binary":
        return {"statusCode": 200, "headers": {"content-type": "image/png"}, "isBase64Encoded": True,
                "body": base64.b64encode(bytes(range(256))).decode()}
    if kind == "cookies":
        return {"statusCode": 201, "cookies": ["a=1; Path=/", "b=2"], "body": "with cookies"}
    return {"statusCode": 418, "body": "teapot", "headers": {"x-kind": kind}}


def slow(event, context):
    time.sleep(30)


def flaky(event, context):
    if event["pathParameters"]["mode"] == "slow":
        time.sleep(30)
    return {"mode": event["pathParameters"]["mode"], "pid": os.getpid()}


def crash(event, context):
    if event["rawPath"] == "/raise":
        raise ValueError("raised on purpose")
    os._exit(3)


def gate(event, context):
    return {"isAuthorized": event["headers"].get("x-pass") == "yes", "context": {"who": "tester"}}


def tick(event, context):
    import json
    print("ticked " + json.dumps(event, sort_keys=True))


def doorman(event, context):
    token = event["authorizationToken"]
    if token == "explode":
        raise Exception("Unauthorized")
    effect = "Allow" if token == "allow" else "Deny"
    return {
        "principalId": "user-1",
        "policyDocument": {"Version": "2012-10-17",
                           "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}]},
        "context": {"tier": "gold"},
    }
"#;

/// A running `svc offline`: its two base URLs and what it printed so far.
struct Offline {
    child: Child,
    base: String,
    lambda: String,
    printed: Arc<Mutex<String>>,
}

impl Offline {
    /// Starts `svc offline` on the service in `dir` (free ports) and waits
    /// (20 s at most) until it listens.
    fn start(dir: &Path, extra: &[&str]) -> Offline {
        let mut args = vec!["offline", "--port", "0", "--lambda-port", "0"];
        args.extend_from_slice(extra);
        Offline::spawn(support::command(dir, &closed_endpoint(), &args, &[]))
    }

    /// Starts `command` (an `svc offline`) and waits until it listens.
    fn spawn(command: std::process::Command) -> Offline {
        let mut child = process::spawn(command);
        let stderr = child.stderr.take().expect("stderr");
        let printed = Arc::new(Mutex::new(String::new()));
        let (sender, lines) = mpsc::channel();
        let shared = Arc::clone(&printed);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                shared.lock().expect("lock").push_str(&format!("{line}\n"));
                let _ = sender.send(line);
            }
        });
        let (mut base, mut lambda) = (None, None);
        let deadline = Instant::now() + process::WATCHDOG;
        while base.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = lines.recv_timeout(left) else {
                let _ = child.kill();
                panic!("svc offline did not start listening:\n{}", printed.lock().expect("lock"));
            };
            if let Some(url) = line.split("Lambda's Invoke API: ").nth(1) {
                lambda = url.split("/2015-03-31").next().map(str::to_owned);
            }
            if let Some(rest) = line.split("listening on ").nth(1) {
                base = rest.split_whitespace().next().map(str::to_owned);
            }
        }
        Offline { child, base: base.expect("base"), lambda: lambda.expect("lambda URL"), printed }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn printed(&self) -> String {
        self.printed.lock().expect("lock").clone()
    }

    /// Whether svc prints `text` within 10 s (what it prints while serving
    /// reaches the test's reader a moment after the response).
    fn shows(&self, text: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.printed().contains(text) {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

impl Drop for Offline {
    fn drop(&mut self) {
        process::signal(self.child.id(), "INT");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

/// A loopback URL where nothing listens.
fn closed_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    format!("http://127.0.0.1:{port}")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .max_redirects(0)
        .build()
        .into()
}

/// A response: status, headers (lower-case names, in order) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn of(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
        let mut response = response.expect("the request is answered");
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let body = response.body_mut().read_to_vec().expect("body");
        Answer { status: response.status().as_u16(), headers, body }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// The event the `echo` handler got.
    fn event(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text());
        self.json()["event"].clone()
    }
}

fn get(url: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = agent().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    Answer::of(request.call())
}

fn started() -> (tempfile::TempDir, Offline) {
    let dir = service_folder(SERVICE, &[("handler.py", HANDLER)]);
    let offline = Offline::start(dir.path(), &[]);
    (dir, offline)
}

/// A JWT with `claims` (unsigned: svc offline does not check signatures).
fn jwt(claims: &Value) -> String {
    format!("Bearer eyJhbGciOiJub25lIn0.{}.c2ln", URL_SAFE_NO_PAD.encode(claims.to_string()))
}

#[test]
fn an_http_api_event_has_the_fields_aws_documents() {
    let (_dir, offline) = started();
    let url = offline.url("/users/42?parameter1=value1&parameter1=value2&parameter2=value");
    let answer = get(&url, &[("Header1", "value1"), ("Cookie", "cookie1=x; cookie2=y"), ("User-Agent", "tests")]);
    let event = answer.event();
    assert_eq!(event["version"], "2.0");
    assert_eq!(event["routeKey"], "GET /users/{id}");
    assert_eq!(event["rawPath"], "/users/42");
    assert_eq!(event["rawQueryString"], "parameter1=value1&parameter1=value2&parameter2=value");
    assert_eq!(event["cookies"], json!(["cookie1=x", "cookie2=y"]));
    assert_eq!(event["headers"]["header1"], "value1");
    assert!(event["headers"].get("cookie").is_none(), "cookies leave the headers: {event}");
    assert_eq!(event["queryStringParameters"], json!({"parameter1": "value1,value2", "parameter2": "value"}));
    assert_eq!(event["pathParameters"], json!({"id": "42"}));
    assert_eq!(event["isBase64Encoded"], false);
    assert!(event.get("body").is_none(), "a GET has no body: {event}");
    let context = &event["requestContext"];
    for field in ["accountId", "apiId", "domainName", "domainPrefix", "requestId", "time"] {
        assert!(context[field].as_str().is_some_and(|v| !v.is_empty()), "requestContext.{field}: {context}");
    }
    assert_eq!(context["routeKey"], "GET /users/{id}");
    assert_eq!(context["stage"], "$default");
    assert!(context["timeEpoch"].as_u64().is_some_and(|t| t > 1_700_000_000_000));
    assert_eq!(
        context["http"],
        json!({"method": "GET", "path": "/users/42", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "tests"})
    );
    assert_eq!(context["requestId"], answer.header("apigw-requestid").expect("apigw-requestid"));
}

#[test]
fn a_rest_event_has_the_fields_aws_documents_under_the_stage() {
    let (_dir, offline) = started();
    let answer = get(&offline.url("/dev/things/7?a=1&a=2&b=x"), &[("X-Twice", "1"), ("X-Twice", "2")]);
    let event = answer.event();
    assert_eq!(event["resource"], "/things/{id}");
    assert_eq!(event["path"], "/things/7");
    assert_eq!(event["httpMethod"], "GET");
    assert_eq!(event["headers"]["x-twice"], "2");
    assert_eq!(event["multiValueHeaders"]["x-twice"], json!(["1", "2"]));
    assert_eq!(event["queryStringParameters"], json!({"a": "2", "b": "x"}));
    assert_eq!(event["multiValueQueryStringParameters"], json!({"a": ["1", "2"], "b": ["x"]}));
    assert_eq!(event["pathParameters"], json!({"id": "7"}));
    assert_eq!(event["stageVariables"], Value::Null);
    assert_eq!((&event["body"], &event["isBase64Encoded"]), (&Value::Null, &json!(false)));
    let context = &event["requestContext"];
    assert_eq!((&context["stage"], &context["path"]), (&json!("dev"), &json!("/dev/things/7")));
    assert_eq!((&context["resourcePath"], &context["httpMethod"]), (&json!("/things/{id}"), &json!("GET")));
    assert_eq!(context["identity"]["sourceIp"], "127.0.0.1");
    assert_eq!(context["requestId"], answer.header("x-amzn-requestid").expect("x-amzn-RequestId"));
    // A REST path or method the API lacks: API Gateway's own answer.
    let missing = get(&offline.url("/dev/nothing"), &[]);
    assert_eq!((missing.status, missing.json()), (403, json!({"message": "Missing Authentication Token"})));
    let greedy = get(&offline.url("/dev/proxy/a/b%20c"), &[]).event();
    assert_eq!(
        (&greedy["resource"], &greedy["pathParameters"]),
        (&json!("/proxy/{proxy+}"), &json!({"proxy": "a/b c"}))
    );
}

#[test]
fn routes_take_the_most_specific_match_and_greedy_paths() {
    let (_dir, offline) = started();
    assert_eq!(get(&offline.url("/users/me"), &[]).event()["routeKey"], "GET /users/me");
    assert_eq!(get(&offline.url("/users/you"), &[]).event()["routeKey"], "GET /users/{id}");
    let greedy = get(&offline.url("/files/a/b/c.txt"), &[]).event();
    assert_eq!(greedy["pathParameters"], json!({"path": "a/b/c.txt"}));
    let missing = get(&offline.url("/nowhere"), &[]);
    assert_eq!((missing.status, missing.json()), (404, json!({"message": "Not Found"})));
    let wrong_method = Answer::of(agent().post(offline.url("/users/me")).send("x"));
    assert_eq!(wrong_method.status, 404);
}

#[test]
fn bodies_binary_and_response_shapes_are_mapped_as_api_gateway_maps_them() {
    let (_dir, offline) = started();
    let png: Vec<u8> = (0..=255u8).collect();
    let upload = Answer::of(agent().post(offline.url("/upload")).header("content-type", "image/png").send(&png[..]));
    let event = upload.event();
    assert_eq!(event["isBase64Encoded"], true);
    assert_eq!(STANDARD.decode(event["body"].as_str().expect("body")).expect("base64"), png);
    let text =
        Answer::of(agent().post(offline.url("/upload")).header("content-type", "application/json").send("{\"a\": 1}"));
    assert_eq!((&text.event()["body"], &text.event()["isBase64Encoded"]), (&json!("{\"a\": 1}"), &json!(false)));

    let plain = get(&offline.url("/shaped/plain"), &[]);
    assert_eq!(
        (plain.status, plain.header("content-type"), plain.json()),
        (200, Some("application/json"), json!({"hello": "world"}))
    );
    let string = get(&offline.url("/shaped/text"), &[]);
    assert_eq!((string.status, string.text()), (200, "just text".to_owned()));
    let binary = get(&offline.url("/shaped/binary"), &[]);
    assert_eq!((binary.status, binary.header("content-type")), (200, Some("image/png")));
    assert_eq!(binary.body, png);
    let cookies = get(&offline.url("/shaped/cookies"), &[]);
    let set: Vec<&str> = cookies.headers.iter().filter(|(n, _)| n == "set-cookie").map(|(_, v)| v.as_str()).collect();
    assert_eq!((cookies.status, set), (201, vec!["a=1; Path=/", "b=2"]));
    let teapot = get(&offline.url("/shaped/other"), &[]);
    assert_eq!((teapot.status, teapot.header("x-kind"), teapot.text()), (418, Some("other"), "teapot".to_owned()));
}

#[test]
fn cors_is_answered_as_the_http_api_configures_it() {
    let (_dir, offline) = started();
    let preflight = Answer::of(
        agent()
            .options(offline.url("/users/1"))
            .header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "POST")
            .call(),
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("https://app.example"));
    assert_eq!(preflight.header("access-control-allow-methods"), Some("GET,POST"));
    assert_eq!(preflight.header("access-control-allow-headers"), Some("content-type,authorization"));
    assert_eq!(preflight.header("access-control-max-age"), Some("600"));
    let other = Answer::of(
        agent()
            .options(offline.url("/users/1"))
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "GET")
            .call(),
    );
    assert_eq!((other.status, other.header("access-control-allow-origin")), (204, None));
    let simple = get(&offline.url("/users/1"), &[("Origin", "https://app.example")]);
    assert_eq!(simple.header("access-control-allow-origin"), Some("https://app.example"));
    // A REST resource with `cors`: its OPTIONS mock method, as deployed.
    let rest = Answer::of(agent().options(offline.url("/dev/private")).call());
    assert_eq!((rest.status, rest.header("access-control-allow-origin")), (200, Some("*")));
    assert!(rest.header("access-control-allow-methods").is_some_and(|m| m.contains("POST")));
}

#[test]
fn each_authorizer_kind_and_api_keys_decide_before_the_function_runs() {
    let (_dir, offline) = started();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    let claims =
        json!({"iss": "https://issuer.example", "aud": "svc-tests", "sub": "u-1", "scope": "read", "exp": now + 600});
    let secure = get(&offline.url("/secure"), &[("Authorization", &jwt(&claims))]).event();
    let authorizer = &secure["requestContext"]["authorizer"]["jwt"];
    assert_eq!(
        (&authorizer["claims"]["sub"], &authorizer["claims"]["exp"]),
        (&json!("u-1"), &json!((now + 600).to_string()))
    );
    assert_eq!(authorizer["scopes"], json!(["read"]));
    let status = |headers: &[(&str, &str)]| get(&offline.url("/secure"), headers).status;
    assert_eq!(status(&[]), 401, "no token");
    let expired = json!({"iss": "https://issuer.example", "aud": "svc-tests", "scope": "read", "exp": now - 10});
    assert_eq!(status(&[("Authorization", &jwt(&expired))]), 401, "expired");
    let stranger = json!({"iss": "https://other.example", "aud": "svc-tests", "scope": "read"});
    assert_eq!(status(&[("Authorization", &jwt(&stranger))]), 401, "another issuer");
    let narrow = json!({"iss": "https://issuer.example", "aud": "svc-tests", "scope": "write"});
    assert_eq!(status(&[("Authorization", &jwt(&narrow))]), 403, "without the route's scope");

    let gated = get(&offline.url("/gated"), &[("x-pass", "yes")]).event();
    assert_eq!(gated["requestContext"]["authorizer"], json!({"lambda": {"who": "tester"}}));
    assert_eq!(get(&offline.url("/gated"), &[("x-pass", "no")]).status, 403);
    assert_eq!(get(&offline.url("/gated"), &[]).status, 401, "no identity source: the authorizer is not called");

    let token = get(&offline.url("/dev/token"), &[("Authorization", "allow")]).event();
    assert_eq!(token["requestContext"]["authorizer"], json!({"principalId": "user-1", "tier": "gold"}));
    assert_eq!(get(&offline.url("/dev/token"), &[("Authorization", "deny")]).status, 403);
    assert_eq!(get(&offline.url("/dev/token"), &[("Authorization", "explode")]).status, 401);

    let iam = get(&offline.url("/iam"), &[]).event();
    assert!(iam["requestContext"]["authorizer"]["iam"].is_object(), "{iam}");

    let private = |key: Option<&str>| {
        let mut request = agent().post(offline.url("/dev/private"));
        if let Some(key) = key {
            request = request.header("x-api-key", key);
        }
        Answer::of(request.send("{}"))
    };
    assert_eq!((private(None).status, private(Some("wrong")).status), (403, 403));
    let keyed = private(Some("partner-key-0123456789abcdef")).event();
    assert_eq!(keyed["requestContext"]["identity"]["apiKey"], "partner-key-0123456789abcdef");
    let printed = offline.printed();
    assert!(!printed.contains("$connect"), "a WebSocket route is not an HTTP route:\n{printed}");
    assert!(printed.contains("not its signature"), "the JWT warning:\n{printed}");
    assert!(printed.contains("IAM authorization is not checked"), "the IAM warning:\n{printed}");
}

#[test]
fn a_timeout_gives_504_and_a_crash_502_and_the_function_serves_again() {
    let (_dir, offline) = started();
    let started = Instant::now();
    let slow = get(&offline.url("/slow"), &[]);
    assert_eq!((slow.status, slow.json()), (504, json!({"message": "Endpoint request timed out"})));
    assert!(started.elapsed() < Duration::from_secs(10), "the 1 s timeout ended it");
    let crash = get(&offline.url("/crash"), &[]);
    assert_eq!((crash.status, crash.json()), (502, json!({"message": "Internal Server Error"})));
    let raised = get(&offline.url("/raise"), &[]);
    assert_eq!((raised.status, raised.json()), (502, json!({"message": "Internal Server Error"})));
    assert!(offline.shows("raised on purpose"), "the handler's error is shown:\n{}", offline.printed());
    assert!(offline.shows("timed out"), "{}", offline.printed());
    assert_eq!(get(&offline.url("/users/1"), &[]).status, 200, "the server goes on");
}

#[test]
fn a_handler_change_is_served_without_a_restart_and_a_broken_service_keeps_the_old_routes() {
    let dir = service_folder(SERVICE, &[("handler.py", HANDLER)]);
    let offline = Offline::start(dir.path(), &[]);
    assert_eq!(get(&offline.url("/shaped/plain"), &[]).json(), json!({"hello": "world"}));
    let changed = HANDLER.replace(r#"return {"hello": "world"}"#, r#"return {"hello": "changed"}"#);
    std::fs::write(dir.path().join("handler.py"), changed).expect("write");
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(&offline.url("/shaped/plain"), &[]).json() != json!({"hello": "changed"}) {
        assert!(Instant::now() < deadline, "the change was not served:\n{}", offline.printed());
        std::thread::sleep(Duration::from_millis(50));
    }
    // A new route appears when the service file changes…
    let more =
        SERVICE.replace(r#"httpApi = "GET /users/me""#, "httpApi = \"GET /users/me\"\n  httpApi = \"GET /also\"");
    std::fs::write(dir.path().join("service.svc"), more).expect("write");
    while get(&offline.url("/also"), &[]).status != 200 {
        assert!(Instant::now() < deadline, "the new route was not served:\n{}", offline.printed());
        std::thread::sleep(Duration::from_millis(50));
    }
    // …and a broken one is reported while the old routes keep serving.
    std::fs::write(dir.path().join("service.svc"), SERVICE.replace("runtime = \"python3.12\"", "runtime = "))
        .expect("write");
    while !offline.printed().contains("still served") {
        assert!(Instant::now() < deadline, "the broken service was not reported:\n{}", offline.printed());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        offline.printed().contains("[E0105] Error: unexpected line break"),
        "shown as svc check shows it:\n{}",
        offline.printed()
    );
    assert_eq!(get(&offline.url("/also"), &[]).status, 200);
}

#[test]
fn the_lambda_invoke_api_runs_functions_as_lambda_answers() {
    let (_dir, offline) = started();
    let invoke = |name: &str, body: &str, kind: Option<&str>| {
        let mut request = agent().post(format!("{}/2015-03-31/functions/{name}/invocations", offline.lambda));
        if let Some(kind) = kind {
            request = request.header("X-Amz-Invocation-Type", kind);
        }
        Answer::of(request.send(body))
    };
    let answered = invoke("shaped", r#"{"pathParameters": {"kind": "plain"}}"#, None);
    assert_eq!((answered.status, answered.json()), (200, json!({"hello": "world"})));
    let by_deployed_name = invoke("offline-dev-shaped", r#"{"pathParameters": {"kind": "text"}}"#, None);
    assert_eq!(by_deployed_name.json(), json!("just text"));
    let arn = "arn:aws:lambda:eu-west-1:123456789012:function:offline-dev-shaped:%24LATEST";
    assert_eq!(invoke(arn, r#"{"pathParameters": {"kind": "text"}}"#, None).json(), json!("just text"));
    let raised = invoke("crash", r#"{"rawPath": "/raise"}"#, None);
    assert_eq!((raised.status, raised.header("x-amz-function-error")), (200, Some("Unhandled")));
    assert_eq!(raised.json()["errorMessage"], "raised on purpose");
    assert_eq!(invoke("shaped", r#"{"pathParameters": {"kind": "plain"}}"#, Some("Event")).status, 202);
    let missing = invoke("nope", "{}", None);
    assert_eq!((missing.status, missing.header("x-amzn-errortype")), (404, Some("ResourceNotFoundException")));
    assert_eq!(invoke("shaped", "{not json", None).status, 400);
}

#[test]
fn two_hundred_concurrent_requests_are_each_answered_with_their_own_result() {
    let (_dir, offline) = started();
    let base = offline.base.clone();
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let url = format!("{base}/users/{i}");
            std::thread::spawn(move || {
                let answer = get(&url, &[]);
                let event = answer.event();
                assert_eq!(event["pathParameters"]["id"], i.to_string(), "request {i} got another's answer");
                let id = answer.json()["requestId"].as_str().expect("requestId").to_owned();
                assert_eq!(Some(id.as_str()), answer.header("apigw-requestid"));
                id
            })
        })
        .collect();
    let mut ids: Vec<String> = threads.into_iter().map(|t| t.join().expect("answered")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200, "every request has its own request ID");
}

#[test]
fn a_port_in_use_and_a_function_that_cannot_run_are_said_clearly() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let dir = service_folder(SERVICE, &[("handler.py", HANDLER)]);
    let command =
        support::command(dir.path(), &closed_endpoint(), &["offline", "--port", &port, "--lambda-port", "0"], &[]);
    let output = process::finish(process::spawn(command));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}: the port is in use")), "{stderr}");

    let java = SERVICE.replace(
        "function slow {\n  handler = \"handler.slow\"",
        "function slow {\n  runtime = \"java21\"\n  handler = \"handler.slow\"",
    );
    let dir = service_folder(&java, &[("handler.py", HANDLER)]);
    let offline = Offline::start(dir.path(), &[]);
    assert!(offline.printed().contains("function `slow` cannot run here"), "{}", offline.printed());
    assert_eq!(get(&offline.url("/slow"), &[]).status, 502);
    let invoked =
        Answer::of(agent().post(format!("{}/2015-03-31/functions/slow/invocations", offline.lambda)).send("{}"));
    assert_eq!((invoked.status, invoked.header("x-amz-function-error")), (200, Some("Unhandled")));
    assert!(invoked.json()["errorMessage"].as_str().is_some_and(|m| m.contains("java21")), "{}", invoked.text());
    assert_eq!(get(&offline.url("/users/1"), &[]).status, 200, "the rest is served");
}

#[test]
fn a_malformed_request_gets_400_and_the_server_goes_on() {
    use std::io::{Read, Write};
    let (_dir, offline) = started();
    let address = offline.base.trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream.write_all(b"GARBAGE \x00\x01 nonsense\r\n\r\n").expect("write");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");
    assert_eq!(get(&offline.url("/users/1"), &[]).status, 200);
}

#[test]
#[ignore = "needs the wheelhouse: run scripts/test"]
fn the_bundled_example_answers_curl_with_its_handler_response() {
    let dir = tempfile::tempdir().expect("tmp");
    let example = support::root().join("examples/aws-python-http-api");
    for file in ["service.svc", "handler.py", "requirements.txt"] {
        std::fs::copy(example.join(file), dir.path().join(file)).expect("copy");
    }
    let args = ["offline", "--port", "0", "--lambda-port", "0"];
    let mut command = support::command(dir.path(), &closed_endpoint(), &args, &[]);
    command.envs(support::offline_pip());
    let offline = Offline::spawn(command);
    let answer = get(&offline.url("/"), &[]);
    assert_eq!((answer.status, answer.header("content-type")), (200, Some("application/json")), "{}", answer.text());
    let body = answer.json();
    assert_eq!(body["message"], "Go Serverless v3.0! Your function executed successfully!");
    // A ULID from python-ulid, installed from requirements.txt into the layer.
    assert_eq!(body["requestId"].as_str().map(str::len), Some(26), "{body}");
    assert_eq!(body["input"]["routeKey"], "GET /");
    let printed = offline.printed();
    assert!(printed.contains("TABLE") && printed.contains("--env TABLE="), "the unset reference is said:\n{printed}");
}

#[test]
fn schedules_run_with_the_event_eventbridge_sends() {
    let dir = service_folder(SERVICE, &[("handler.py", HANDLER)]);
    let quiet = Offline::start(dir.path(), &[]);
    assert!(quiet.printed().contains("2 schedules not run: --schedules"), "{}", quiet.printed());
    drop(quiet);
    let offline = Offline::start(dir.path(), &["--schedules", "--run-schedules-on-start"]);
    let deadline = Instant::now() + Duration::from_secs(15);
    let ticks =
        || offline.printed().lines().filter(|l| l.starts_with("ticked ")).map(str::to_owned).collect::<Vec<_>>();
    while ticks().len() < 2 {
        assert!(Instant::now() < deadline, "the schedules did not run:\n{}", offline.printed());
        std::thread::sleep(Duration::from_millis(50));
    }
    let events: Vec<Value> =
        ticks().iter().map(|l| serde_json::from_str(&l["ticked ".len()..]).expect("JSON")).collect();
    assert!(events.contains(&json!({"source": "svc-tests"})), "the rule's input: {events:?}");
    let scheduled = events.iter().find(|e| e["detail-type"] == "Scheduled Event").expect("a scheduled event");
    assert_eq!((&scheduled["source"], &scheduled["region"]), (&json!("aws.events"), &json!("eu-west-1")));
    let rule = scheduled["resources"][0].as_str().expect("the rule's ARN");
    assert!(rule.starts_with("arn:aws:events:eu-west-1:") && rule.contains(":rule/offline-dev-"), "{rule}");
    let printed = offline.printed();
    assert!(printed.contains("at      rate(1 hour)") && printed.contains("cron(0 12 ? * MON-FRI *)"), "{printed}");
    assert!(!printed.contains("rate(1 day)"), "a disabled schedule is not run:\n{printed}");
    assert_eq!(ticks().len(), 2, "each ran once, at start");
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn node_handlers_are_served_warm_with_both_payloads() {
    let service = r#"service = "nodeapi"

provider aws {
  runtime = "nodejs20.x"
}

function items {
  handler = "items.handler"
  httpApi = "GET /items/{id}"
  http    = "POST items"
}

function boom {
  handler = "items.boom"
  httpApi = "GET /boom"
}
"#;
    let code = "let calls = 0;\n\
        export const handler = async (event) => {\n\
          calls += 1;\n\
          if (event.version === '2.0') return { id: event.pathParameters.id, calls, pid: process.pid };\n\
          return { statusCode: 201, headers: { 'x-api': 'rest' }, body: JSON.stringify({ body: event.body, calls }) };\n\
        };\n\
        export const boom = async () => { throw new TypeError('node failed'); };\n";
    let dir = service_folder(service, &[("items.mjs", code), ("package.json", "{\"type\": \"module\"}\n")]);
    let offline = Offline::start(dir.path(), &["--workers", "1"]);
    let first = get(&offline.url("/items/7"), &[]);
    assert_eq!((first.status, first.json()["id"].clone()), (200, json!("7")), "{}", first.text());
    let second = get(&offline.url("/items/8"), &[]).json();
    assert_eq!(second["calls"], 2, "the same warm worker answered: {second}");
    assert_eq!(second["pid"], first.json()["pid"]);
    let rest = Answer::of(
        agent().post(offline.url("/dev/items")).header("content-type", "application/json").send("{\"n\":1}"),
    );
    assert_eq!((rest.status, rest.header("x-api")), (201, Some("rest")));
    assert_eq!(rest.json()["body"], "{\"n\":1}");
    let boom = get(&offline.url("/boom"), &[]);
    assert_eq!(boom.status, 502);
    assert!(offline.shows("TypeError: node failed"), "{}", offline.printed());
}

#[test]
fn a_request_queued_behind_one_that_times_out_runs_on_a_new_worker() {
    let dir = service_folder(SERVICE, &[("handler.py", HANDLER)]);
    let offline = Offline::start(dir.path(), &["--workers", "1"]);
    let base = offline.base.clone();
    let slow = std::thread::spawn(move || get(&format!("{base}/flaky/slow"), &[]));
    std::thread::sleep(Duration::from_millis(300));
    // The only worker is busy: this request waits in its queue, then
    // runs on the worker started after the slow one timed out.
    let fast = get(&offline.url("/flaky/fast"), &[]);
    let slow = slow.join().expect("answered");
    assert_eq!((slow.status, fast.status), (504, 200), "{}", fast.text());
    assert_eq!(fast.json()["mode"], "fast");
    let again = get(&offline.url("/flaky/fast"), &[]).json();
    assert_eq!(again["pid"], fast.json()["pid"], "the new worker stays warm");
}
