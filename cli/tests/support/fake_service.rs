//! The service the tests deploy to the scripted fake: one function and a
//! table, so a deploy uploads one artifact.

use crate::support::write_service;

/// The stack name of [`SERVICE`] at stage `dev`.
pub const STACK: &str = "fake-svc-dev";

/// The service.
pub const SERVICE: &str = r#"service = "fake-svc"

provider aws {
  runtime = "python3.12"
}

function worker {
  handler    = "handler.handle"
  memorySize = 256
}

resource UsersTable "AWS::DynamoDB::Table" {
  BillingMode          = "PAY_PER_REQUEST"
  AttributeDefinitions = [{ AttributeName = "id", AttributeType = "S" }]
  KeySchema            = [{ AttributeName = "id", KeyType = "HASH" }]
}
"#;

/// A folder with [`SERVICE`] and its handler.
pub fn service() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    write_service(dir.path(), SERVICE);
    dir
}

/// The 1-based line of `needle` in the service.
pub fn line_of(needle: &str) -> usize {
    SERVICE.lines().position(|l| l.contains(needle)).expect("in the service") + 1
}

/// A run's stderr as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
