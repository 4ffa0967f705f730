//! A moto server for one test run: `moto_server` from the repository's
//! `.venv-peers` (installed by `scripts/test`), on a free loopback port,
//! stopped when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http::{self, Response};

/// A service named `service` with one Python function, `worker`
/// (`handler.handle`, 256 MB), in us-east-1.
pub fn worker_service(service: &str) -> String {
    format!(
        r#"service = "{service}"

provider aws {{
  runtime = "python3.12"
  region  = "us-east-1"
}}

function worker {{
  handler    = "handler.handle"
  memorySize = 256
}}
"#
    )
}

/// A running moto server.
pub struct Moto {
    child: Child,
    /// `127.0.0.1:PORT`
    pub address: String,
}

/// `moto_server`, installed by `scripts/test` (its path in
/// `SVC_MOTO_SERVER`, or `.venv-peers/bin/moto_server`). Missing moto fails
/// the test.
fn moto_server() -> PathBuf {
    super::peers::venv("moto_server", "SVC_MOTO_SERVER", "moto[server,cloudformation]")
}

impl Moto {
    /// Starts moto and waits until it answers.
    pub fn start() -> Moto {
        let server = moto_server();
        let port = TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let child = Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let moto = Moto { child, address: format!("127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(&moto.address).is_err() {
            assert!(Instant::now() < deadline, "moto did not start on {} within 60 s", moto.address);
            std::thread::sleep(Duration::from_millis(50));
        }
        moto
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Runs `svc` in `dir` against this moto, checks its exit code and
    /// gives its stdout and stderr together.
    pub fn svc(&self, dir: &Path, args: &[&str], code: i32) -> String {
        super::svc_expecting(dir, &self.url(), args, code)
    }

    /// A CloudFormation query-API call.
    pub fn cloudformation(&self, action: &str, params: &[(&str, &str)]) -> Response {
        let mut pairs = vec![("Action", action), ("Version", "2010-05-15")];
        pairs.extend_from_slice(params);
        http::request(&self.address, "POST", "/", "cloudformation", &http::form(&pairs))
    }

    /// An S3 request, path style.
    pub fn s3(&self, method: &str, path: &str) -> Response {
        http::request(&self.address, method, path, "s3", "")
    }

    /// The deployment bucket of `stack`: its `ServerlessDeploymentBucketName` output.
    pub fn deployment_bucket(&self, stack: &str) -> String {
        let response = self.cloudformation("DescribeStacks", &[("StackName", stack)]);
        let keys = super::tags(&response.body, "OutputKey");
        let values = super::tags(&response.body, "OutputValue");
        let at = keys.iter().position(|k| k == "ServerlessDeploymentBucketName").expect("bucket output");
        values[at].clone()
    }

    /// The keys of the objects in `bucket`; `None` when there is no such bucket.
    pub fn objects(&self, bucket: &str) -> Option<Vec<String>> {
        let response = self.s3("GET", &format!("/{bucket}?list-type=2"));
        (response.status == 200).then(|| super::tags(&response.body, "Key"))
    }

    /// Puts an object, path style.
    pub fn s3_put(&self, path: &str, body: &str) -> Response {
        http::request(&self.address, "PUT", path, "s3", body)
    }

    /// A call to an AWS JSON-protocol API (`X-Amz-Target`), such as
    /// CloudWatch Logs' `Logs_20140328.PutLogEvents`.
    pub fn json(&self, service: &str, target: &str, body: &serde_json::Value) -> Response {
        let headers = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", target)];
        http::request_with(&self.address, "POST", "/", service, &headers, &body.to_string())
    }

    /// A CloudWatch query-API call (`PutMetricData`, …).
    pub fn cloudwatch(&self, action: &str, params: &[(&str, &str)]) -> Response {
        let mut pairs = vec![("Action", action), ("Version", "2010-08-01")];
        pairs.extend_from_slice(params);
        http::request(&self.address, "POST", "/", "monitoring", &http::form(&pairs))
    }

    /// Sets moto's own configuration (`/moto-api/config`), such as
    /// `{"lambda": {"use_docker": false}}`.
    pub fn configure(&self, config: &serde_json::Value) -> Response {
        let headers = [("Content-Type", "application/json")];
        http::request_with(&self.address, "POST", "/moto-api/config", "lambda", &headers, &config.to_string())
    }

    /// Queues the answer of the next invocation of moto's simple Lambda.
    pub fn configure_lambda_result(&self, result: &str) -> Response {
        let body = serde_json::json!({ "results": [result], "region": "us-east-1" }).to_string();
        let headers = [("Content-Type", "application/json")];
        http::request_with(&self.address, "POST", "/moto-api/static/lambda-simple/response", "lambda", &headers, &body)
    }

    /// A Lambda REST call.
    pub fn lambda(&self, path: &str) -> Response {
        http::request(&self.address, "GET", path, "lambda", "")
    }

    /// A Lambda REST call with a JSON body (`POST …/aliases`, …).
    pub fn lambda_send(&self, method: &str, path: &str, body: &serde_json::Value) -> Response {
        let headers = [("Content-Type", "application/json")];
        http::request_with(&self.address, method, path, "lambda", &headers, &body.to_string())
    }

    /// The configuration Lambda reports for `function` (`CodeSha256`,
    /// `MemorySize`, …).
    pub fn function_configuration(&self, function: &str) -> serde_json::Value {
        let response = self.lambda(&format!("/2015-03-31/functions/{function}/configuration"));
        serde_json::from_str(&response.body).expect("configuration JSON")
    }

    /// The template `stack` runs, as CloudFormation gives it back.
    pub fn stack_template(&self, stack: &str) -> String {
        let response = self.cloudformation("GetTemplate", &[("StackName", stack)]);
        super::tags(&response.body, "TemplateBody").into_iter().next().expect("TemplateBody")
    }

    /// How many events `stack` has.
    pub fn stack_events(&self, stack: &str) -> usize {
        super::tags(&self.cloudformation("DescribeStackEvents", &[("StackName", stack)]).body, "EventId").len()
    }

    /// The object `key` of `bucket`, which must exist.
    pub fn object(&self, bucket: &str, key: &str) -> String {
        let response = self.s3("GET", &format!("/{bucket}/{key}"));
        assert_eq!(response.status, 200, "{key}: {}", response.body);
        response.body
    }

    /// The deployment folders svc recorded in `bucket`, oldest first
    /// (their names start with the time in milliseconds).
    pub fn deployment_folders(&self, bucket: &str) -> Vec<String> {
        let mut folders: Vec<String> = self
            .objects(bucket)
            .expect("the deployment bucket")
            .into_iter()
            .filter_map(|key| key.strip_suffix("/svc-deployment.json").map(str::to_owned))
            .collect();
        folders.sort();
        folders
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
