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

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/package");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("tests/package exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected/cloudformation-template-update-stack.json").is_file())
        .collect();
    cases.sort();
    cases
}

/// `svc build --template-only` of one case; the template, or why not.
fn svc_build(case: &Path) -> Result<Value, String> {
    let args = std::fs::read_to_string(case.join("args")).unwrap_or_default();
    let args = shlex::split(args.trim()).ok_or("args: bad quoting")?;
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

fn take(value: &mut Value, path: &str) -> Option<Value> {
    let (parents, last) = path.rsplit_once('.').map_or((None, path), |(p, l)| (Some(p), l));
    let parent = match parents {
        Some(parents) => parents.split('.').try_fold(value, |v, key| v.get_mut(key))?,
        None => value,
    };
    parent.as_object_mut()?.shift_remove(last)
}

fn compare(case: &Path) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join("expected/cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    let mut expected = normalise_ids(&serde_json::from_str(&expected).map_err(|e| e.to_string())?);
    let mut actual = normalise_ids(&svc_build(case)?);
    strip(&mut expected);
    strip(&mut actual);
    let differences = std::fs::read_to_string(case.join("differences")).unwrap_or_default();
    for (path, reason) in differences.lines().filter_map(|l| l.split_once('\t')) {
        if take(&mut expected, path) == take(&mut actual, path) {
            return Err(format!("`{path}` is listed as a difference ({reason}) but svc now builds the same"));
        }
    }
    if expected == actual {
        return Ok(());
    }
    let (want, got) = (pretty_sorted(&expected), pretty_sorted(&actual));
    Err(format!(
        "svc build differs from serverless package\n{}",
        similar::TextDiff::from_lines(&want, &got)
            .unified_diff()
            .context_radius(2)
            .header("serverless package", "svc build")
    ))
}

/// Pretty JSON with object keys sorted, so a diff shows content, not order.
fn pretty_sorted(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    serde_json::to_string_pretty(&sorted(value)).unwrap_or_default()
}

#[test]
fn svc_build_matches_serverless_package() {
    let cases = cases();
    assert!(cases.len() >= 12, "expected the reference cases in tests/package, found {}", cases.len());
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for case in &cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let gap = std::fs::read_to_string(case.join("known-gap")).ok();
        match (compare(case), gap) {
            (Ok(()), None) => {}
            (Err(why), None) => failures.push(format!("{name}: {why}")),
            (Err(_), Some(gap)) => gaps.push(format!("{name}: {}", gap.trim())),
            (Ok(()), Some(_)) => failures.push(format!("{name}: passes now; delete its known-gap file")),
        }
    }
    eprintln!(
        "{} of {} cases match serverless package; known gaps:\n{}",
        cases.len() - gaps.len(),
        cases.len(),
        gaps.join("\n")
    );
    assert!(failures.is_empty(), "{} of {} cases differ:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
