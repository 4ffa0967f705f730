//! `svc build` against the real Serverless Framework: for every case in
//! `tests/package/` (a `serverless.yml`, the same `service.svc`, and the
//! template `serverless package` made from it, committed), svc's template
//! must have the same logical IDs, the same types and the same properties.
//!
//! Ignored, because they cannot be equal: code keys and hashes (`S3Key`,
//! `CodeSha256`), the hash in version IDs, the timestamp in
//! `ApiGatewayDeployment<timestamp>`, and `DependsOn` that a `Ref` already
//! implies. As in `tests/print`, a case may list deliberate `differences`
//! (`path<TAB>reason`; the values must differ) or be a `known-gap` (it
//! must still fail; delete the file when it passes).

mod reference;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `svc build --template-only` of one case; the template, or why not.
fn svc_build(case: &Path) -> Result<Value, String> {
    let args = reference::args(case)?;
    let out = tempfile::tempdir().map_err(|e| e.to_string())?;
    let output = Command::cargo_bin("svc")
        .map_err(|e| e.to_string())?
        .current_dir(case)
        .env_clear()
        .args(["build", "-o"])
        .arg(out.path())
        .args(&args)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("svc build failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let text = std::fs::read_to_string(out.path().join("cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// IDs ending in a hash or a timestamp end in `*` instead.
fn normalise_ids(template: &Value) -> Value {
    let mut text = template.to_string();
    for marker in ["LambdaVersion", "ApiGatewayDeployment", "WebsocketsDeployment"] {
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(marker) {
            let end = at + marker.len();
            out.push_str(&rest[..end]);
            out.push('*');
            rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        }
        out.push_str(rest);
        text = out;
    }
    serde_json::from_str(&text).expect("still JSON")
}

/// Drops the parts that differ between any two packagings.
fn strip(template: &mut Value) {
    let Some(resources) = template["Resources"].as_object_mut() else { return };
    for resource in resources.values_mut() {
        if let Some(properties) = resource.get_mut("Properties").and_then(Value::as_object_mut) {
            properties.remove("CodeSha256");
            for code in ["Code", "Content"] {
                if let Some(code) = properties.get_mut(code).and_then(Value::as_object_mut) {
                    code.remove("S3Key");
                }
            }
        }
        if let Some(resource) = resource.as_object_mut() {
            resource.remove("DependsOn");
        }
    }
}

fn compare(case: &Path) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join("expected/cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    let mut expected = normalise_ids(&serde_json::from_str(&expected).map_err(|e| e.to_string())?);
    let mut actual = normalise_ids(&svc_build(case)?);
    strip(&mut expected);
    strip(&mut actual);
    reference::remove_differences(case, &mut expected, &mut actual)?;
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "svc build differs from serverless package\n{}",
        reference::diff(&expected, &actual, "serverless package", "svc build")
    ))
}

#[test]
fn svc_build_matches_serverless_package() {
    let cases = reference::cases("package", "expected/cloudformation-template-update-stack.json");
    reference::check_all(&cases, "serverless package", compare);
}
