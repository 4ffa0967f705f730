//! `svc build` against the real Serverless Framework: for every case in
//! `tests/package/` (a `serverless.yml`, the same `service.svc`, and the
//! template `serverless package` made from it, committed), svc's template
//! must have the same logical IDs, the same types and the same properties,
//! and each function's `Code.S3Key` must name the same zip file. Where the
//! case records the entries of serverless's zips (`expected/zip-entries.tsv`),
//! svc's zips must hold the same files.
//!
//! Ignored, because they cannot be equal: the folders of code keys (in
//! resources and in a layer's `…S3Key` output) and the hashes
//! (`CodeSha256`, a layer's `…Hash` output, which hashes the zip's bytes),
//! the hash in version IDs, the timestamp in
//! `ApiGatewayDeployment<timestamp>`, and `DependsOn` that a `Ref` already
//! implies. As in `tests/print`, a case may list deliberate `differences`
//! (`path<TAB>reason`; the values must differ) or be a `known-gap` (it
//! must still fail; delete the file when it passes).

mod reference;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// What `svc build` made of a case.
struct Built {
    template: Value,
    /// `<zip><TAB><entry>` lines, sorted, as in `zip-entries.tsv`.
    zip_entries: String,
}

/// The files of the case that are not the test's own (`expected/`, `args`,
/// …), as `regenerate.sh` gives serverless, plus `service.svc`.
const NOT_PACKAGED: &[&str] = &["args", "env", "expected", "differences", "known-gap", ".serverless"];

/// `svc build` of one case, in a copy of its folder; the result, or why not.
fn svc_build(case: &Path) -> Result<Built, String> {
    let args = reference::args(case)?;
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    copy_service(case, work.path()).map_err(|e| format!("copying the case: {e}"))?;
    let out = tempfile::tempdir().map_err(|e| e.to_string())?;
    let output = Command::cargo_bin("svc")
        .map_err(|e| e.to_string())?
        .current_dir(work.path())
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
    let template = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(Built { template, zip_entries: zip_entries(out.path())? })
}

/// Copies the service's files of `case` into `to`.
fn copy_service(case: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(case)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if NOT_PACKAGED.contains(&name.as_ref()) || name.ends_with(".zip") {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::create_dir(to.join(&*name))?;
            copy_service(&entry.path(), &to.join(&*name))?;
        } else {
            std::fs::copy(entry.path(), to.join(&*name))?;
        }
    }
    Ok(())
}

/// The entries of every zip in `dir`, as `zip-entries.tsv` lists them.
fn zip_entries(dir: &Path) -> Result<String, String> {
    let mut zips: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    let mut lines = String::new();
    for zip in zips {
        let file = std::fs::File::open(&zip).map_err(|e| e.to_string())?;
        let archive = zip::ZipArchive::new(file).map_err(|e| format!("{}: {e}", zip.display()))?;
        let mut names: Vec<String> = archive
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        names.sort_unstable();
        let zip_name = zip.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        for name in names {
            lines.push_str(&format!("{zip_name}\t{name}\n"));
        }
    }
    Ok(lines)
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

/// Drops the parts that differ between any two packagings; of a code key,
/// only the zip's file name stays.
fn strip(template: &mut Value) {
    if let Some(outputs) = template["Outputs"].as_object_mut() {
        for (id, output) in outputs.iter_mut() {
            if id.ends_with("LambdaLayerHash") {
                output["Value"] = Value::Null;
            } else if id.ends_with("LambdaLayerS3Key") {
                output["Value"] = file_name(&output["Value"]);
            }
        }
    }
    let Some(resources) = template["Resources"].as_object_mut() else { return };
    for resource in resources.values_mut() {
        if let Some(properties) = resource.get_mut("Properties").and_then(Value::as_object_mut) {
            properties.remove("CodeSha256");
            for code in ["Code", "Content"] {
                if let Some(key) = properties.get_mut(code).and_then(|c| c.get_mut("S3Key")) {
                    *key = file_name(key);
                }
            }
        }
        if let Some(resource) = resource.as_object_mut() {
            resource.remove("DependsOn");
        }
    }
}

/// The last segment of an S3 key.
fn file_name(key: &Value) -> Value {
    let file = key.as_str().and_then(|k| k.rsplit('/').next()).map(str::to_owned);
    file.map_or(Value::Null, Value::String)
}

fn compare(case: &Path) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join("expected/cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    let mut expected = normalise_ids(&serde_json::from_str(&expected).map_err(|e| e.to_string())?);
    let built = svc_build(case)?;
    if let Ok(zips) = std::fs::read_to_string(case.join("expected/zip-entries.tsv"))
        && zips != built.zip_entries
    {
        let diff = similar::TextDiff::from_lines(&zips, &built.zip_entries);
        return Err(format!("svc's zips hold other files\n{}", diff.unified_diff().header("serverless", "svc")));
    }
    let mut actual = normalise_ids(&built.template);
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
