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
mod support;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// What `svc build` made of a case.
struct Built {
    template: Value,
    /// `<zip><TAB><entry>` lines, sorted, as in `zip-entries.tsv`.
    zip_entries: String,
}

/// `svc build` of one case, in a copy of its folder (its `service.svc`
/// replaced by what `svc import` makes of its serverless.yml when
/// `imported`); the result, or why not.
fn svc_build(case: &Path, imported: bool) -> Result<Built, String> {
    let args = reference::args(case)?;
    let work = reference::copy(case, imported)?;
    let out = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut command = Command::cargo_bin("svc").map_err(|e| e.to_string())?;
    command.current_dir(work.path()).env_clear();
    if installs_requirements(case) {
        // pip, found on PATH, reads the wheelhouse only.
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default()).envs(support::offline_pip());
    }
    let output = command.args(["build", "-o"]).arg(out.path()).args(&args).output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("svc build failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let text = std::fs::read_to_string(out.path().join("cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    let template = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(Built { template, zip_entries: zip_entries(out.path())? })
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

fn compare(case: &Path, imported: bool) -> Result<(), String> {
    let expected = std::fs::read_to_string(case.join("expected/cloudformation-template-update-stack.json"))
        .map_err(|e| e.to_string())?;
    let mut expected = normalise_ids(&serde_json::from_str(&expected).map_err(|e| e.to_string())?);
    let built = svc_build(case, imported)?;
    if let Ok(zips) = std::fs::read_to_string(case.join("expected/zip-entries.tsv"))
        && let zips = zips.lines().filter(|l| !plugin_own(l)).map(|l| format!("{l}\n")).collect::<String>()
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

/// Whether a `<zip><TAB><entry>` line of serverless's zips is one svc
/// deliberately does not write: a folder entry (serverless-python-requirements'
/// zip library adds them), the plugin's marker `.completed_requirements`
/// and its copy of the requirements file in the layer, and `__pycache__`
/// (pip compiles `.pyc` files for the plugin, whose bytes change with
/// every install; svc installs with `--no-compile`, so its zips are the
/// same every time).
fn plugin_own(line: &str) -> bool {
    let entry = line.split_once('\t').map_or(line, |(_, entry)| entry);
    entry.ends_with('/')
        || entry.ends_with(".completed_requirements")
        || entry == "python/requirements.txt"
        || entry.contains("__pycache__/")
}

/// Whether `svc build` of the case installs Python requirements (from
/// the wheelhouse `scripts/test` downloads).
fn installs_requirements(case: &Path) -> bool {
    case.join("requirements.txt").is_file()
}

#[test]
fn svc_build_matches_serverless_package() {
    let cases = reference::cases("package", "expected/cloudformation-template-update-stack.json");
    let cases: Vec<_> = cases.into_iter().filter(|c| !installs_requirements(c)).collect();
    reference::check_all(&cases, "serverless package", |case| compare(case, false));
}

/// The main test of `svc import`: every case's serverless.yml imported,
/// then built, gives serverless's template as the hand-written svc does.
#[test]
fn imported_svc_build_matches_serverless_package() {
    let cases = reference::cases("package", "expected/cloudformation-template-update-stack.json");
    let cases: Vec<_> = cases.into_iter().filter(|c| !installs_requirements(c)).collect();
    reference::check_all(&cases, "serverless package (imported)", |case| compare(case, true));
}

/// The cases made with serverless-python-requirements, as written and as
/// `svc import` writes them: the plugin's layer
/// (logical ID, name, description, runtimes, outputs) and the files it
/// puts into the zips, less [`plugin_own`].
#[test]
#[ignore = "needs the wheelhouse: run scripts/test"]
fn svc_build_matches_serverless_package_with_python_requirements() {
    let cases = reference::cases("package", "expected/cloudformation-template-update-stack.json");
    let cases: Vec<_> = cases.into_iter().filter(|c| installs_requirements(c)).collect();
    assert!(cases.len() >= 2, "expected the python-requirements cases, found {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .flat_map(|case| [(case, false), (case, true)])
        .filter_map(|(case, imported)| {
            let how = if imported { " (imported)" } else { "" };
            compare(case, imported).err().map(|why| format!("{}{how}: {why}", case.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
