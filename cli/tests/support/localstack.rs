//! A LocalStack for one test: LocalStack's host runtime (no Docker) from
//! the repository's `.venv-localstack` (installed with the test suite's own
//! plugin by `scripts/localstack-venv`, which `scripts/test` runs), on a
//! free loopback port, with its home, temporary and volume folders inside
//! the test's folder. Lambda functions run as local processes (the plugin's
//! `local-process` executor), DynamoDB is moto (the plugin's `dynamodb:moto`
//! provider), S3 keeps its objects in the test's folder (`s3:tmpdir`):
//! nothing is downloaded, nothing is written outside the test's folder.
//! Killed when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http;

/// The services a deployed service uses; LocalStack loads each lazily.
const SERVICES: &str = "cloudformation,s3,lambda,iam,logs,apigateway,sqs,sns,events,dynamodb,sts";

/// How long LocalStack may take to answer its health check.
const START_LIMIT: Duration = Duration::from_secs(60);

/// How long LocalStack has to stop on SIGTERM before it is killed.
const STOP_LIMIT: Duration = Duration::from_secs(3);

/// A running LocalStack.
pub struct LocalStack {
    child: Child,
    /// `127.0.0.1:PORT`
    pub address: String,
    /// Its stdout and stderr.
    pub log: PathBuf,
    /// How long it took to answer its health check.
    pub started_in: Duration,
}

/// The venv LocalStack is installed in: `SVC_LOCALSTACK_VENV`, or the
/// repository's `.venv-localstack`. Missing, it fails the test naming the
/// script that installs it.
pub fn venv() -> PathBuf {
    let venv = std::env::var_os("SVC_LOCALSTACK_VENV")
        .filter(|path| !path.is_empty())
        .map_or_else(|| super::root().join(".venv-localstack"), PathBuf::from);
    assert!(
        venv.join("bin/python").exists(),
        "LocalStack is not installed in {}: run scripts/test, or scripts/localstack-venv",
        venv.display()
    );
    venv
}

impl LocalStack {
    /// Starts LocalStack with its folders in `dir` and waits until it answers.
    pub fn start(dir: &Path) -> LocalStack {
        let python = venv().join("bin/python");
        let port = TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let address = format!("127.0.0.1:{port}");
        let folders = dir.join("localstack");
        let (home, tmp, volume) = (folders.join("home"), folders.join("tmp"), folders.join("volume"));
        for folder in [&home, &tmp, &volume] {
            std::fs::create_dir_all(folder).expect("LocalStack's folders");
        }
        // The index of the AWS service specs scripts/localstack-venv built
        // (else each LocalStack builds it at its first request, ~10 s).
        let static_libs = folders.join("filesystem/usr/lib/localstack");
        std::fs::create_dir_all(&static_libs).expect("LocalStack's static libs");
        for entry in std::fs::read_dir(venv().join("static-libs")).into_iter().flatten().flatten() {
            std::os::unix::fs::symlink(entry.path(), static_libs.join(entry.file_name())).expect("link the catalog");
        }
        // The plugin framework caches the entry points it found under
        // $HOME/.cache/plux; a stale list would hide the test plugin.
        let _ = std::fs::remove_dir_all(home.join(".cache/plux"));
        let log = folders.join("localstack.log");
        let output = std::fs::File::create(&log).expect("LocalStack's log");
        let started = Instant::now();
        let child = Command::new(python)
            .args(["-m", "localstack.runtime.main"])
            .current_dir(&folders)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            // Not "in Docker" (this machine has /.dockerenv): its folders
            // then go under FILESYSTEM_ROOT, not /etc, /usr/lib and
            // /var/lib/localstack.
            .env("OVERRIDE_IN_DOCKER", "0")
            .env("HOME", &home)
            .env("TMPDIR", &tmp)
            .env("FILESYSTEM_ROOT", folders.join("filesystem"))
            .env("VOLUME_DIR", &volume)
            .env("GATEWAY_SERVER", "hypercorn")
            .env("GATEWAY_LISTEN", &address)
            .env("DNS_ADDRESS", "0")
            .env("DISABLE_EVENTS", "1")
            .env("SKIP_SSL_CERT_DOWNLOAD", "1")
            .env("SERVICES", SERVICES)
            .env("LAMBDA_RUNTIME_EXECUTOR", "local-process")
            .env("PROVIDER_OVERRIDE_DYNAMODB", "moto")
            .env("PROVIDER_OVERRIDE_S3", "tmpdir")
            // ApiGatewayV2 is not in LocalStack's community edition: its
            // resources are skipped (later releases fail without this).
            .env("CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES", "1")
            .stdin(Stdio::null())
            .stdout(output.try_clone().expect("log"))
            .stderr(output)
            .spawn()
            .expect("LocalStack starts");
        let mut localstack = LocalStack { child, address, log, started_in: Duration::ZERO };
        loop {
            if let Ok(Some(status)) = localstack.child.try_wait() {
                panic!("LocalStack ended ({status}) before it answered:\n{}", localstack.log_tail());
            }
            if std::net::TcpStream::connect(&localstack.address).is_ok()
                && http::request(&localstack.address, "GET", "/_localstack/health", "", "").status == 200
            {
                break;
            }
            assert!(
                started.elapsed() < START_LIMIT,
                "LocalStack did not answer on {} within {} s:\n{}",
                localstack.address,
                START_LIMIT.as_secs(),
                localstack.log_tail()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        localstack.started_in = started.elapsed();
        localstack
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The last lines LocalStack wrote, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(60)..].join("\n")
    }
}

impl Drop for LocalStack {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
            let deadline = Instant::now() + STOP_LIMIT;
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
