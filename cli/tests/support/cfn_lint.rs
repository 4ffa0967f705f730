//! cfn-lint, the reference validator of CloudFormation templates.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// cfn-lint, installed by `scripts/test` (its path in `SVC_CFN_LINT`, or
/// `.venv-peers/bin/cfn-lint`). Missing cfn-lint fails the test.
fn cfn_lint() -> PathBuf {
    super::peers::venv("cfn-lint", "SVC_CFN_LINT", "cfn-lint")
}

/// Runs cfn-lint on `template`; the findings that are errors or warnings.
pub fn lint(template: &Path) -> Vec<String> {
    let output = Command::new(cfn_lint()).arg(template).arg("--format").arg("json").output().expect("cfn-lint runs");
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap_or_default();
    findings
        .iter()
        .filter(|f| matches!(f["Level"].as_str(), Some("Error" | "Warning")))
        .map(|f| format!("{} {}: {}", f["Level"], f["Rule"]["Id"], f["Message"]))
        .collect()
}
