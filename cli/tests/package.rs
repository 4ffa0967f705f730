//! Packaging as a user sees it after `svc build`: one zip per function with
//! `package.individually`, holding exactly the files the patterns choose,
//! the same bytes on every build, each function's `Code.S3Key` naming its
//! own zip; prebuilt artifacts uploaded as is; and the problems pointed at
//! in the source (a handler file not packaged, a package over Lambda's
//! limit, a missing artifact) or, for I/O, one line and exit code 2.

mod support;

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};

const TEMPLATE: &str = "cloudformation-template-update-stack.json";

/// `svc build <dir> -o <out>`: exit code and stderr.
fn build(dir: &Path, out: &Path) -> (Option<i32>, String) {
    let output = Command::cargo_bin("svc")
        .expect("svc binary")
        .arg("build")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The template of a build that must succeed.
fn built(dir: &Path, out: &Path) -> Value {
    let (code, stderr) = build(dir, out);
    assert_eq!(code, Some(0), "{stderr}");
    serde_json::from_str(&std::fs::read_to_string(out.join(TEMPLATE)).expect("template")).expect("JSON")
}

/// The names of the files in a zip, sorted.
fn entries(zip: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(zip).expect("zip")).expect("a zip");
    let mut names: Vec<String> = archive.file_names().map(|n| n.expect("name").into_owned()).collect();
    names.sort();
    names
}

/// The files `svc build` wrote, sorted.
fn written(out: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(out).expect("out").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    names.sort();
    names
}

fn code_key(template: &Value, function: &str) -> String {
    template["Resources"][format!("{function}LambdaFunction")]["Properties"]["Code"]["S3Key"]
        .as_str()
        .expect("S3Key")
        .to_owned()
}

const INDIVIDUALLY: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
}

package {
  individually = true
  patterns     = ["!**", "shared/**"]
}

function users {
  handler = "users/app.main"
  package {
    patterns = ["users/**"]
  }
}

function orders {
  handler = "orders/app.main"
  package {
    patterns = ["orders/**", "!orders/test_*.py"]
  }
}
"#;

const SOURCES: &[(&str, &str)] = &[
    ("users/app.py", "def main(event, context):\n    return 'users'\n"),
    ("orders/app.py", "def main(event, context):\n    return 'orders'\n"),
    ("orders/test_app.py", "def test():\n    pass\n"),
    ("shared/db.py", "URL = 'db'\n"),
    ("README.md", "not packaged\n"),
];

#[test]
fn individually_builds_one_zip_per_function_with_its_files() {
    let dir = support::service_folder(INDIVIDUALLY, SOURCES);
    let out = tempfile::tempdir().expect("tmp");
    built(dir.path(), out.path());
    assert_eq!(written(out.path()), [TEMPLATE, "orders.zip", "users.zip"]);
    assert_eq!(entries(&out.path().join("users.zip")), ["shared/db.py", "users/app.py"]);
    assert_eq!(entries(&out.path().join("orders.zip")), ["orders/app.py", "shared/db.py"]);
}

/// `svc build -o dist` inside the service folder: the second build does not
/// package the first one's output, so its zips are the same bytes.
#[test]
fn an_output_folder_inside_the_service_is_not_packaged() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction users {\n  handler = \"users/app.main\"\n}\n";
    let dir = support::service_folder(svc, &SOURCES[..1]);
    let out = dir.path().join("dist");
    built(dir.path(), &out);
    let first: Vec<Vec<u8>> = written(&out).iter().map(|f| std::fs::read(out.join(f)).expect("read")).collect();
    built(dir.path(), &out);
    let second: Vec<Vec<u8>> = written(&out).iter().map(|f| std::fs::read(out.join(f)).expect("read")).collect();
    assert_eq!(entries(&out.join("shop.zip")), ["users/app.py"]);
    assert!(first == second, "the second build differs from the first");
}

/// Two builds into two `-o` folders inside the service folder: a folder
/// holding an earlier build's template is never packaged, so the second
/// zip holds the code only, the same bytes as the first.
#[test]
fn an_earlier_build_in_another_folder_is_not_packaged() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction users {\n  handler = \"users/app.main\"\n}\n";
    let dir = support::service_folder(svc, &SOURCES[..1]);
    let (first, second) = (dir.path().join("build/one"), dir.path().join("two"));
    built(dir.path(), &first);
    built(dir.path(), &second);
    assert_eq!(entries(&second.join("shop.zip")), ["users/app.py"]);
    let bytes = |out: &Path| std::fs::read(out.join("shop.zip")).expect("read");
    assert!(bytes(&first) == bytes(&second), "the second zip differs from the first");
}

#[test]
fn individual_zips_are_the_same_bytes_on_every_build() {
    let dir = support::service_folder(INDIVIDUALLY, SOURCES);
    let (a, b) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    built(dir.path(), a.path());
    built(dir.path(), b.path());
    for name in written(a.path()) {
        let (x, y) = (std::fs::read(a.path().join(&name)).expect("a"), std::fs::read(b.path().join(&name)).expect("b"));
        assert!(x == y, "{name} differs between two builds");
    }
}

#[test]
fn each_function_runs_its_own_zip() {
    let dir = support::service_folder(INDIVIDUALLY, SOURCES);
    let out = tempfile::tempdir().expect("tmp");
    let template = built(dir.path(), out.path());
    for (function, zip) in [("Users", "users.zip"), ("Orders", "orders.zip")] {
        let bytes = std::fs::read(out.path().join(zip)).expect("zip");
        let digest = Sha256::digest(&bytes);
        let key = code_key(&template, function);
        assert_eq!(key, format!("serverless/shop/dev/code-artifacts/{}/{zip}", hex::encode(digest)));
        let sha = base64::engine::general_purpose::STANDARD.encode(digest);
        let versions: Vec<&Value> = template["Resources"]
            .as_object()
            .expect("resources")
            .iter()
            .filter(|(id, _)| id.starts_with(&format!("{function}LambdaVersion")))
            .map(|(_, v)| &v["Properties"]["CodeSha256"])
            .collect();
        assert_eq!(versions, [&Value::String(sha)], "the version of {function} hashes its own zip");
    }
}

#[test]
#[ignore = "needs cfn-lint: run scripts/test"]
fn individually_packaged_templates_pass_cfn_lint() {
    let dir = support::service_folder(INDIVIDUALLY, SOURCES);
    let out = tempfile::tempdir().expect("tmp");
    built(dir.path(), out.path());
    let findings = support::cfn_lint::lint(&out.path().join(TEMPLATE));
    assert!(findings.is_empty(), "cfn-lint: {findings:#?}");
}

/// A zip holding `files`, as another tool would have built it.
fn prebuilt_zip(path: &Path, files: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        writer.write_all(text.as_bytes()).expect("write");
    }
    let bytes = writer.finish().expect("zip").into_inner();
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, &bytes).expect("write");
    bytes
}

const WITH_ARTIFACT: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
}

function api {
  handler = "handler.main"
  package {
    artifact = "dist/api.zip"
  }
}

function worker {
  handler = "worker.main"
}
"#;

#[test]
fn a_prebuilt_artifact_is_uploaded_as_is() {
    let dir = support::service_folder(WITH_ARTIFACT, &[("worker.py", "def main(e, c):\n    pass\n")]);
    let bytes = prebuilt_zip(&dir.path().join("dist/api.zip"), &[("handler.py", "def main(e, c):\n    pass\n")]);
    let out = tempfile::tempdir().expect("tmp");
    let template = built(dir.path(), out.path());
    assert_eq!(written(out.path()), ["api.zip", TEMPLATE, "shop.zip"]);
    assert!(std::fs::read(out.path().join("api.zip")).expect("api.zip") == bytes, "the artifact is changed");
    assert!(code_key(&template, "Api").ends_with(&format!("/{}/api.zip", hex::encode(Sha256::digest(&bytes)))));
    assert!(code_key(&template, "Worker").ends_with("/shop.zip"));
    // As in serverless, the shared zip holds what the service's patterns
    // choose, the artifact too unless a pattern (`!dist/**`) leaves it out.
    assert_eq!(entries(&out.path().join("shop.zip")), ["dist/api.zip", "worker.py"]);
}

/// The line and column `svc build` names, `service.svc:<line>:<col>`.
fn location(stderr: &str, code: &str) -> String {
    let at = stderr.find(&format!("[{code}]")).unwrap_or_else(|| panic!("no {code} in:\n{stderr}"));
    let rest = &stderr[at..];
    let start = rest.find("service.svc:").expect("a location") + "service.svc:".len();
    rest[start..].split_whitespace().next().expect("line:col").to_owned()
}

#[test]
fn a_handler_file_missing_from_the_package_is_an_error_at_the_handler() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction api {\n  handler = \"src/app.main\"\n}\n";
    let dir = support::service_folder(svc, &[("src/main.py", "def main(e, c):\n    pass\n")]);
    let out = tempfile::tempdir().expect("tmp");
    let (code, stderr) = build(dir.path(), out.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(location(&stderr, "E0408"), "6:13", "{stderr}");
    assert!(stderr.contains("no `src/app.py` in the service folder"), "{stderr}");
    assert!(!out.path().join(TEMPLATE).exists(), "nothing is written");
}

#[test]
fn a_prebuilt_artifact_without_the_handler_file_is_an_error() {
    let dir = support::service_folder(WITH_ARTIFACT, &[("worker.py", "def main(e, c):\n    pass\n")]);
    prebuilt_zip(&dir.path().join("dist/api.zip"), &[("app.py", "")]);
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(location(&stderr, "E0408"), "8:13", "{stderr}");
    assert!(stderr.contains("no `handler.py` in api.zip"), "{stderr}");
}

#[test]
fn a_missing_artifact_is_an_error_at_its_path() {
    let dir = support::service_folder(WITH_ARTIFACT, &[("worker.py", "")]);
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(location(&stderr, "E0410"), "10:16", "{stderr}");
    assert!(stderr.contains("`dist/api.zip` does not exist"), "{stderr}");
}

/// A file of `size` bytes that takes no room on disk (sparse) and is never
/// read: the limit is checked from file sizes, before zipping.
fn sparse(path: &Path, size: u64) {
    std::fs::File::create(path).expect("create").set_len(size).expect("set_len");
}

#[test]
fn a_function_over_250_mb_unzipped_is_refused_before_zipping() {
    let dir = support::service_folder(INDIVIDUALLY, SOURCES);
    sparse(&dir.path().join("orders/model.bin"), 251 * 1024 * 1024);
    let out = tempfile::tempdir().expect("tmp");
    let (code, stderr) = build(dir.path(), out.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(location(&stderr, "E0409"), "19:10", "at `function orders`: {stderr}");
    assert!(stderr.contains("function `orders` is 251.0 MB unzipped"), "{stderr}");
    assert!(written(out.path()).is_empty(), "nothing is written");
}

#[test]
fn a_service_package_over_250_mb_points_at_the_package_block() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\npackage {\n  patterns = [\"!*.md\"]\n}\nfunction api {\n  handler = \"app.main\"\n}\n";
    let dir = support::service_folder(svc, &[("app.py", "def main(e, c):\n    pass\n")]);
    sparse(&dir.path().join("data.bin"), 300 * 1024 * 1024);
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(location(&stderr, "E0409"), "5:1", "{stderr}");
    assert!(stderr.contains("the service package is 300.0 MB unzipped"), "{stderr}");
}

#[test]
fn a_missing_layer_folder_is_one_line_and_exit_code_2() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nlayer deps {\n  path = \"deps\"\n}\nfunction api {\n  handler = \"app.main\"\n}\n";
    let dir = support::service_folder(svc, &[("app.py", "")]);
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("layer `deps`") && lines[0].contains("no such folder"), "{stderr}");
}

#[test]
fn a_layer_zips_the_files_of_its_path_that_its_patterns_choose() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nlayer deps {\n  path = \"deps\"\n  package {\n    patterns = [\"!**/tests/**\", \"!**/*.md\"]\n  }\n}\nfunction api {\n  handler = \"app.main\"\n  layers  = [ref(DepsLambdaLayer)]\n}\n";
    let files = [
        ("app.py", ""),
        ("deps/python/lib.py", "X = 1\n"),
        ("deps/python/tests/test_lib.py", ""),
        ("deps/README.md", ""),
    ];
    let dir = support::service_folder(svc, &files);
    let out = tempfile::tempdir().expect("tmp");
    built(dir.path(), out.path());
    assert_eq!(entries(&out.path().join("deps.zip")), ["python/lib.py"]);
    assert_eq!(entries(&out.path().join("shop.zip")), ["app.py"]);
}

#[test]
fn a_prebuilt_layer_zip_is_refused_at_its_artifact() {
    let svc = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nlayer deps {\n  path = \"deps\"\n  package {\n    artifact = \"deps.zip\"\n  }\n}\nfunction api {\n  handler = \"app.main\"\n}\n";
    let dir = support::service_folder(svc, &[("app.py", ""), ("deps/python/lib.py", "")]);
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("[E0410]") && stderr.contains("prebuilt layer zip"), "{stderr}");
    assert_eq!(location(&stderr, "E0410"), "8:16", "{stderr}");
}

#[test]
fn a_reference_to_a_function_version_must_carry_this_builds_hash() {
    let base = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction api {\n  handler = \"app.main\"\n}\n";
    let dir = support::service_folder(base, &[("app.py", "def main(event, context):\n    return 1\n")]);
    let template = built(dir.path(), tempfile::tempdir().expect("tmp").path());
    let resources = template["Resources"].as_object().expect("resources");
    let version = resources.keys().find(|id| id.starts_with("ApiLambdaVersion")).expect("a version").clone();
    let with = |id: &str| format!("{base}output V {{\n  value = ref({id})\n}}\n");
    std::fs::write(dir.path().join("service.svc"), with(&version)).expect("write");
    built(dir.path(), tempfile::tempdir().expect("tmp").path());
    std::fs::write(dir.path().join("service.svc"), with("ApiLambdaVersionStale123")).expect("write");
    let (code, stderr) = build(dir.path(), tempfile::tempdir().expect("tmp").path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("[E0406]") && stderr.contains(&version), "{stderr}");
    assert_eq!(location(&stderr, "E0406"), "9:15", "{stderr}");
}
