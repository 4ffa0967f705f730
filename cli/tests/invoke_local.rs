//! `svc invoke local` runs real `python3` and `node` processes on small
//! services in temporary folders: results, errors, timeouts, layers, the
//! environment, the context, and the command's own errors. AWS is a closed
//! loopback port, so a stack lookup fails at once.

mod support;

use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::{service_folder, shown, watchdog};

const PYTHON_SERVICE: &str = r#"service = "local"

provider aws {
  runtime = "python3.12"
  region  = "eu-west-1"
  environment {
    SHARED = "from the provider"
  }
}

function hello {
  handler = "handler.hello"
  environment {
    OWN = "from the function"
  }
}

function boom {
  handler = "handler.boom"
}

function slow {
  handler = "handler.slow"
  timeout = 1
}

function env {
  handler    = "handler.env"
  memorySize = 512
  environment {
    OWN   = "from the function"
    TABLE = ref(UsersTable)
  }
}

function ctx {
  handler    = "handler.ctx"
  memorySize = 256
  timeout    = 7
}

function layered {
  handler = "handler.layered"
  layers  = [ref(SharedLambdaLayer)]
}

function absent {
  handler = "handler.absent"
}

function gone {
  handler = "gone.main"
  layers  = [ref(SharedLambdaLayer)]
}

layer shared {
  path = "layer"
}

resource UsersTable "AWS::DynamoDB::Table" {
  BillingMode          = "PAY_PER_REQUEST"
  AttributeDefinitions = [{ AttributeName = "id", AttributeType = "S" }]
  KeySchema            = [{ AttributeName = "id", KeyType = "HASH" }]
}
"#;

const PYTHON_HANDLER: &str = r#"import os
import time


def hello(event, context):
    print("printed by the handler")
    return {"got": event, "shared": os.environ.get("SHARED"), "own": os.environ.get("OWN")}


def boom(event, context):
    raise ValueError("boom happened")


def slow(event, context):
    time.sleep(30)
    return "too late"


def env(event, context):
    names = [
        "SHARED", "OWN", "TABLE", "EXTRA", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "LAMBDA_TASK_ROOT", "_HANDLER", "IS_LOCAL", "TZ", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
    ]
    return {name: os.environ.get(name) for name in names}


def ctx(event, context):
    return {
        "functionName": context.function_name,
        "memory": context.memory_limit_in_mb,
        "arn": context.invoked_function_arn,
        "request": context.aws_request_id,
        "group": context.log_group_name,
        "stream": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "cwd": os.getcwd(),
    }


def layered(event, context):
    import shared_lib

    return shared_lib.VALUE
"#;

/// A loopback URL where nothing listens: AWS calls fail at once.
fn closed_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

fn python_service() -> tempfile::TempDir {
    service_folder(
        PYTHON_SERVICE,
        &[("handler.py", PYTHON_HANDLER), ("layer/python/shared_lib.py", "VALUE = 'from the python layer'\n")],
    )
}

/// `svc invoke local ARGS…` in `dir`, with `input` on stdin.
fn invoke(dir: &Path, args: &[&str], input: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut all = vec!["invoke", "local"];
    all.extend_from_slice(args);
    let command = support::command(dir, &closed_endpoint(), &all, env);
    watchdog::output(command, input)
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", shown(output)))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_python_handler_returns_its_result_as_json_on_stdout() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "hello", "--data", r#"{"name": "Ada"}"#], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let result = stdout_json(&out);
    assert_eq!(result["got"]["name"], "Ada", "{}", shown(&out));
    assert_eq!(result["shared"], "from the provider");
    assert_eq!(result["own"], "from the function");
    assert!(stderr(&out).contains("printed by the handler"), "{}", shown(&out));
}

#[test]
fn the_event_can_come_from_stdin_or_a_yaml_file() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "hello"], Some(r#"{"from": "stdin"}"#), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out)["got"]["from"], "stdin", "{}", shown(&out));

    std::fs::write(dir.path().join("event.yml"), "from: yaml\nitems: [1, 2]\n").expect("write");
    let out = invoke(dir.path(), &["-f", "hello", "--path", "event.yml"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out)["got"]["items"][1], 2, "{}", shown(&out));
}

#[test]
fn an_exception_is_lambdas_error_object_and_exit_1() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "boom"], None, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let error = stdout_json(&out);
    assert_eq!(error["errorType"], "ValueError");
    assert_eq!(error["errorMessage"], "boom happened");
    let trace = error["stackTrace"].as_array().expect("a stack trace");
    assert!(trace.iter().any(|line| line.as_str().is_some_and(|l| l.contains("handler.py"))), "{}", shown(&out));
    assert!(stderr(&out).contains("ValueError: boom happened"), "{}", shown(&out));
}

#[test]
fn a_handler_past_its_timeout_is_ended_with_lambdas_message() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "slow"], None, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let error = stdout_json(&out);
    let message = error["errorMessage"].as_str().unwrap_or_default();
    assert!(message.ends_with("Task timed out after 1.00 seconds"), "{}", shown(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("too late"));
}

#[test]
fn a_python_layer_is_importable() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "layered"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out), "from the python layer");
}

#[test]
fn the_environment_is_lambdas_with_the_functions_and_the_profiles_credentials() {
    let dir = python_service();
    let aws = dir.path().join(".aws");
    std::fs::create_dir_all(&aws).expect("mkdir");
    let credentials = aws.join("credentials");
    std::fs::write(&credentials, "[production]\naws_access_key_id = AKIDPRODUCTION\naws_secret_access_key = secret\n")
        .expect("write");
    let credentials = credentials.display().to_string();
    let out = invoke(
        dir.path(),
        &[
            "-f",
            "env",
            "--stage",
            "prod",
            "--aws-profile",
            "production",
            "--env",
            "EXTRA=given",
            "-e",
            "OWN=overridden",
        ],
        None,
        &[("AWS_SHARED_CREDENTIALS_FILE", &credentials)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let env = stdout_json(&out);
    assert_eq!(env["SHARED"], "from the provider");
    assert_eq!(env["OWN"], "overridden");
    assert_eq!(env["EXTRA"], "given");
    assert_eq!(env["AWS_REGION"], "eu-west-1");
    assert_eq!(env["AWS_DEFAULT_REGION"], "eu-west-1");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_NAME"], "local-prod-env");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "512");
    assert_eq!(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST");
    assert_eq!(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/local-prod-env");
    assert!(env["AWS_LAMBDA_LOG_STREAM_NAME"].as_str().is_some_and(|s| s.contains("[$LATEST]")), "{env}");
    assert_eq!(env["_HANDLER"], "handler.env");
    assert_eq!(env["IS_LOCAL"], "true");
    assert_eq!(env["TZ"], ":UTC");
    assert_eq!(env["AWS_ACCESS_KEY_ID"], "AKIDPRODUCTION");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let task_root = std::fs::canonicalize(env["LAMBDA_TASK_ROOT"].as_str().expect("set")).expect("exists");
    assert_eq!(task_root, root);
    // No stack can be read: TABLE is left unset, with one warning naming it.
    assert_eq!(env["TABLE"], Value::Null);
    let warnings = stderr(&out);
    assert_eq!(warnings.matches("`TABLE`").count(), 1, "{}", shown(&out));
    assert!(warnings.contains("ref(UsersTable)"), "{}", shown(&out));
}

#[test]
fn the_context_has_lambdas_fields_and_takes_overrides() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "ctx", "--context", r#"{"awsRequestId": "request-1"}"#], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let context = stdout_json(&out);
    assert_eq!(context["functionName"], "local-dev-ctx");
    assert_eq!(context["memory"], 256);
    assert_eq!(context["arn"].as_str().map(|a| a.ends_with(":function:local-dev-ctx")), Some(true), "{context}");
    assert_eq!(context["request"], "request-1");
    assert_eq!(context["group"], "/aws/lambda/local-dev-ctx");
    let remaining = context["remaining"].as_u64().expect("a number");
    assert!(remaining > 0 && remaining <= 7000, "{context}");
    let cwd = std::fs::canonicalize(context["cwd"].as_str().expect("cwd")).expect("exists");
    assert_eq!(cwd, std::fs::canonicalize(dir.path()).expect("canonical"));
}

#[test]
fn an_unknown_function_is_one_line_with_did_you_mean() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "helo"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("no function `helo`; did you mean `hello`?"), "{}", shown(&out));
}

#[test]
fn invalid_json_data_is_refused_with_its_position() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "hello", "--data", "{\n  \"a\": ]\n}"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("--data is not valid JSON: expected value at line 2, column 8"), "{}", shown(&out));
    let out = invoke(dir.path(), &["-f", "hello"], Some("{\"a\": 1,}"), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("line 1, column 9"), "{}", shown(&out));
}

#[test]
fn a_missing_handler_function_or_file_names_what_was_looked_for() {
    let dir = python_service();
    let out = invoke(dir.path(), &["-f", "absent"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("has no function `absent`"), "{}", shown(&out));
    assert!(stderr(&out).contains("`handler` was loaded"), "{}", shown(&out));

    let out = invoke(dir.path(), &["-f", "gone"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("no `gone.py`"), "{}", shown(&out));

    // Without layers, `svc check` already finds the file missing (E0408).
    let alone = service_folder(
        "service = \"alone\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\nfunction main {\n  handler = \"missing.main\"\n}\n",
        &[],
    );
    let out = invoke(alone.path(), &["-f", "main"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("`missing.py`"), "{}", shown(&out));
}

#[test]
fn other_runtimes_and_images_are_refused_naming_what_is_supported() {
    let dir = service_folder(
        "service = \"other\"\n\nprovider aws {\n  runtime = \"java21\"\n}\n\nfunction main {\n  handler = \"example.Handler::handleRequest\"\n}\n",
        &[],
    );
    let out = invoke(dir.path(), &["-f", "main"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("runs `java21`"), "{}", shown(&out));
    assert!(stderr(&out).contains("Python (`python3.X`) and Node.js"), "{}", shown(&out));

    let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:6bb600c6b4e5d5d2bb4e5ec5ab6dd4f5b0e9b3b8c2c0bc0f4d4a2c4c1e1b2f3a";
    let dir = service_folder(
        &format!(
            "service = \"image\"\n\nprovider aws {{\n  region = \"us-east-1\"\n}}\n\nfunction main {{\n  image = \"{image}\"\n}}\n"
        ),
        &[],
    );
    let out = invoke(dir.path(), &["-f", "main"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("is a container image"), "{}", shown(&out));
    assert!(stderr(&out).contains("Python (`python3.X`) and Node.js"), "{}", shown(&out));
}

/// The issue's "done when": the bundled example, with stage and profile,
/// prints the handler's response, whose request ID comes from a package of
/// its requirements layer; no stack can be read, so `TABLE` is left unset
/// with a warning.
#[test]
#[ignore = "needs the wheelhouse: run scripts/test"]
fn the_bundled_example_runs_with_a_stage_and_a_profile() {
    let dir = tempfile::tempdir().expect("tmp");
    let example = support::root().join("examples/aws-python-http-api");
    for file in ["service.svc", "handler.py", "requirements.txt"] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(example.join(file), &to).expect("copy");
    }
    let aws = dir.path().join(".aws");
    std::fs::create_dir_all(&aws).expect("mkdir");
    std::fs::write(
        aws.join("credentials"),
        "[production]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n",
    )
    .expect("write");
    let args = ["invoke", "local", "--function", "hello", "--stage", "prod", "--aws-profile", "production"];
    let mut command = support::command(dir.path(), &closed_endpoint(), &args, &[]);
    command.env_remove("AWS_SHARED_CREDENTIALS_FILE").env_remove("AWS_CONFIG_FILE").envs(support::offline_pip());
    let out = watchdog::output(command, None);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let response = stdout_json(&out);
    assert_eq!(response["statusCode"], 200, "{}", shown(&out));
    let body: Value = serde_json::from_str(response["body"].as_str().expect("a body")).expect("JSON body");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("executed successfully")), "{}", shown(&out));
    // The request ID comes from python-ulid, imported from the layer svc
    // installed from requirements.txt: a ULID is 26 Crockford base32 letters.
    let id = body["requestId"].as_str().unwrap_or_default();
    assert!(id.len() == 26 && id.bytes().all(|b| b.is_ascii_alphanumeric()), "{}", shown(&out));
    let warnings = stderr(&out);
    assert!(warnings.contains("`TABLE` is left unset"), "{}", shown(&out));
    assert!(warnings.contains("aws-python-http-api-prod"), "{}", shown(&out));
}

const NODE_SERVICE: &str = r#"service = "node"

provider aws {
  runtime = "nodejs20.x"
}

function cjs {
  handler = "cjs.handler"
}

function esm {
  handler = "esm.handler"
}

function typed {
  handler = "typed/app.handler"
}

function callback {
  handler = "callback.handler"
}

function fails {
  handler = "fails.handler"
}

function layered {
  handler = "cjs.layered"
  layers  = [ref(DepsLambdaLayer)]
}

function absent {
  handler = "cjs.absent"
}

layer deps {
  path = "deps"
}
"#;

fn node_service() -> tempfile::TempDir {
    service_folder(
        NODE_SERVICE,
        &[
            (
                "cjs.js",
                "exports.handler = async (event, context) => {\n  console.log('printed by the handler');\n  return { cjs: event, remaining: context.getRemainingTimeInMillis(), name: context.functionName, env: process.env.AWS_LAMBDA_FUNCTION_NAME };\n};\nexports.layered = async () => require('shared-lib').value;\n",
            ),
            ("esm.mjs", "export const handler = async (event) => ({ esm: event });\n"),
            ("typed/package.json", "{\"type\": \"module\"}\n"),
            ("typed/app.js", "export async function handler() { return 'esm by package.json'; }\n"),
            (
                "callback.js",
                "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { callback: event }), 10); };\n",
            ),
            ("fails.js", "exports.handler = async () => { throw new TypeError('bad type'); };\n"),
            ("deps/nodejs/node_modules/shared-lib/index.js", "module.exports = { value: 'from the node layer' };\n"),
        ],
    )
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn node_commonjs_esm_and_callback_handlers_answer() {
    let dir = node_service();
    let out = invoke(dir.path(), &["-f", "cjs", "--data", "{\"n\": 1}"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let result = stdout_json(&out);
    assert_eq!(result["cjs"]["n"], 1);
    assert!(result["remaining"].as_u64().is_some_and(|r| r > 0 && r <= 6000), "{result}");
    assert_eq!(result["name"], "node-dev-cjs");
    assert_eq!(result["env"], "node-dev-cjs");
    assert!(stderr(&out).contains("printed by the handler"), "{}", shown(&out));

    let out = invoke(dir.path(), &["-f", "esm"], Some("{\"n\": 2}"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out)["esm"]["n"], 2);

    let out = invoke(dir.path(), &["-f", "typed"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out), "esm by package.json");

    let out = invoke(dir.path(), &["-f", "callback", "-d", "{\"n\": 3}"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out)["callback"]["n"], 3);
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn a_node_error_is_lambdas_error_object_and_exit_1() {
    let dir = node_service();
    let out = invoke(dir.path(), &["-f", "fails"], None, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let error = stdout_json(&out);
    assert_eq!(error["errorType"], "TypeError");
    assert_eq!(error["errorMessage"], "bad type");
    let trace = error["trace"].as_array().expect("Node.js reports `trace`");
    assert!(trace.iter().any(|l| l.as_str().is_some_and(|l| l.contains("fails.js"))), "{}", shown(&out));
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn a_node_layer_is_importable_and_a_missing_export_is_named() {
    let dir = node_service();
    let out = invoke(dir.path(), &["-f", "layered"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out), "from the node layer");

    let out = invoke(dir.path(), &["-f", "absent"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("has no function `absent`"), "{}", shown(&out));
}

const DEPLOYED_SERVICE: &str = r#"service = "invoke-moto"

provider aws {
  runtime = "python3.12"
  region  = "us-east-1"
}

function env {
  handler = "handler.env"
  environment {
    TABLE     = ref(UsersTable)
    TABLE_ARN = getAtt(UsersTable.Arn)
    QUEUE_ARN = getAtt(JobsQueue.Arn)
    LABEL     = sub("${UsersTable}@${AWS::Region}")
  }
}

resource UsersTable "AWS::DynamoDB::Table" {
  BillingMode          = "PAY_PER_REQUEST"
  AttributeDefinitions = [{ AttributeName = "id", AttributeType = "S" }]
  KeySchema            = [{ AttributeName = "id", KeyType = "HASH" }]
}

resource JobsQueue "AWS::SQS::Queue" {
  VisibilityTimeout = 60
}
"#;

const DEPLOYED_HANDLER: &str = "import os\n\n\ndef env(event, context):\n    return {name: os.environ.get(name) for name in ['TABLE', 'TABLE_ARN', 'QUEUE_ARN', 'LABEL']}\n";

/// References in the environment are read from the deployed stack (moto,
/// through the real SDK); before the deploy, each is unset with a warning
/// that says `svc deploy` creates the stack.
#[test]
#[ignore = "needs moto: run scripts/test"]
fn references_in_the_environment_are_read_from_the_deployed_stack() {
    let moto = support::moto::Moto::start();
    // moto loads its CloudFormation model at the first call: not what is tested.
    moto.cloudformation("DescribeStacks", &[]);
    let dir = service_folder(DEPLOYED_SERVICE, &[("handler.py", DEPLOYED_HANDLER)]);
    let credentials = [("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")];
    let run = |args: &[&str]| watchdog::output(support::command(dir.path(), &moto.url(), args, &credentials), None);

    let out = run(&["invoke", "local", "-f", "env"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(stdout_json(&out)["TABLE"], Value::Null);
    let warnings = stderr(&out);
    assert!(warnings.contains("stack `invoke-moto-dev` is not deployed"), "{}", shown(&out));
    assert!(warnings.contains("`svc deploy` creates it"), "{}", shown(&out));
    assert_eq!(warnings.matches("is left unset").count(), 4, "{}", shown(&out));

    let out = run(&["deploy", "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let out = run(&["invoke", "local", "-f", "env"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(!stderr(&out).contains("left unset"), "{}", shown(&out));
    let env = stdout_json(&out);
    let table = env["TABLE"].as_str().expect("TABLE is set").to_owned();
    assert!(table.contains("UsersTable"), "{env}");
    let table_arn = env["TABLE_ARN"].as_str().expect("TABLE_ARN is set");
    assert!(table_arn.starts_with("arn:aws:dynamodb:us-east-1:"), "{env}");
    assert!(table_arn.ends_with(&format!(":table/{table}")), "{env}");
    assert!(env["QUEUE_ARN"].as_str().is_some_and(|a| a.starts_with("arn:aws:sqs:us-east-1:")), "{env}");
    assert_eq!(env["LABEL"], format!("{table}@us-east-1"));
}

/// `${cf:…}` in the environment is read from AWS as `svc deploy` reads it:
/// with AWS unreachable, its fallback, else unset with a warning.
#[test]
fn deploy_time_values_take_their_fallback_or_are_left_unset() {
    let dir = service_folder(
        "service = \"later\"\n\nprovider aws {\n  runtime = \"python3.12\"\n  environment {\n    FROM_CF  = ${cf:other-stack.Out}\n    FALLBACK = ${cf:other-stack.Out, \"fallback\"}\n  }\n}\n\nfunction main {\n  handler = \"handler.main\"\n}\n",
        &[(
            "handler.py",
            "import os\n\n\ndef main(event, context):\n    return {k: os.environ.get(k) for k in ['FROM_CF', 'FALLBACK']}\n",
        )],
    );
    let out = invoke(dir.path(), &["-f", "main"], None, &[("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y")]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let env = stdout_json(&out);
    assert_eq!(env["FROM_CF"], Value::Null, "{}", shown(&out));
    assert_eq!(env["FALLBACK"], "fallback", "{}", shown(&out));
    assert_eq!(stderr(&out).matches("is left unset").count(), 1, "{}", shown(&out));
    assert!(stderr(&out).contains("`FROM_CF` is left unset"), "{}", shown(&out));
}

/// A result larger than a pipe holds arrives whole, from both runtimes,
/// with the handler's own large output on stderr.
#[test]
#[ignore = "needs node: run scripts/test"]
fn large_results_arrive_whole() {
    let dir = service_folder(
        "service = \"large\"\n\nprovider aws {\n  runtime = \"nodejs20.x\"\n}\n\nfunction node {\n  handler = \"big.handler\"\n}\n\nfunction python {\n  handler = \"big.handler\"\n  runtime = \"python3.12\"\n}\n",
        &[
            (
                "big.js",
                "exports.handler = async () => { console.log('x'.repeat(100000)); return 'y'.repeat(3000000); };\n",
            ),
            ("big.py", "def handler(event, context):\n    print('x' * 100000)\n    return 'y' * 3000000\n"),
        ],
    );
    for function in ["node", "python"] {
        let out = invoke(dir.path(), &["-f", function], None, &[]);
        assert_eq!(out.status.code(), Some(0), "{function}: {}", shown(&out));
        assert_eq!(stdout_json(&out).as_str().map(str::len), Some(3_000_000), "{function}");
        assert!(stderr(&out).contains(&"x".repeat(100_000)), "{function}");
    }
}

const EVENTS_SERVICE: &str = r#"service = "events"

provider aws {
  runtime = "python3.12"
  region  = "eu-west-1"
}

function user {
  handler = "handler.echo"
  httpApi = "GET /users/{id}"
}

function worker {
  handler = "handler.echo"
  sqs {
    arn = getAtt(JobsQueue.Arn)
  }
}

resource JobsQueue "AWS::SQS::Queue" {
  QueueName = "jobs"
}
"#;

#[test]
fn a_sample_event_is_built_from_the_functions_own_declaration() {
    let dir = service_folder(EVENTS_SERVICE, &[("handler.py", "def echo(event, context):\n    return event\n")]);
    let out = invoke(dir.path(), &["-f", "user", "--event", "http"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let event = stdout_json(&out);
    assert_eq!(event["version"], "2.0", "{event}");
    assert_eq!(event["routeKey"], "GET /users/{id}", "{event}");
    assert_eq!(event["requestContext"]["http"]["method"], "GET", "{event}");
    let id = event["pathParameters"]["id"].as_str().expect("the path parameter is filled in");
    assert_eq!(event["rawPath"], format!("/users/{id}"), "{event}");

    let out = invoke(dir.path(), &["-f", "worker", "--event", "sqs"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let record = &stdout_json(&out)["Records"][0];
    assert_eq!(record["eventSource"], "aws:sqs", "{record}");
    assert_eq!(record["eventSourceARN"], "arn:aws:sqs:eu-west-1:123456789012:jobs", "{record}");

    let out = invoke(dir.path(), &["-f", "user", "--event", "sqs"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(stderr(&out).contains("its events give: http"), "{}", shown(&out));

    let out = invoke(dir.path(), &["-f", "user", "--event", "http", "--data", "{}"], None, &[]);
    assert_eq!(out.status.code(), Some(2), "--event and --data exclude each other: {}", shown(&out));
}
