//! `svc check` refuses what `svc build` refuses (except what needs the
//! zipped bytes), each problem reported once: a function without a
//! runtime, a misspelt handler file. And what build accepts, check
//! accepts: a resource merged over a generated one.

mod support;

use std::path::Path;

use assert_cmd::Command;

const TEMPLATE: &str = "cloudformation-template-update-stack.json";

/// `svc <args…> <dir>`: exit code and stderr.
fn svc(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let output =
        Command::cargo_bin("svc").expect("svc binary").args(args).arg(dir).env("NO_COLOR", "1").output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// How many times `[code]` is reported.
fn count(stderr: &str, code: &str) -> usize {
    stderr.matches(&format!("[{code}]")).count()
}

/// `svc check`, then `svc build -o <tmp>`: both must fail with `code`, once.
fn both_refuse(dir: &Path, code: &str) -> (String, String) {
    let (checked, check_err) = svc(&["check"], dir);
    assert_eq!(checked, Some(1), "check must fail:\n{check_err}");
    assert_eq!(count(&check_err, code), 1, "{check_err}");
    let out = tempfile::tempdir().expect("tmp");
    let (built, build_err) = svc(&["build", "-o", &out.path().display().to_string()], dir);
    assert_eq!(built, Some(1), "build must fail:\n{build_err}");
    assert_eq!(count(&build_err, code), 1, "reported once:\n{build_err}");
    assert!(!out.path().join(TEMPLATE).exists(), "nothing is written");
    (check_err, build_err)
}

#[test]
fn a_function_without_a_runtime_fails_check_as_it_fails_build() {
    let dir = support::service_folder(
        "service = \"shop\"\nprovider aws {\n  region = \"eu-west-1\"\n}\nfunction api {\n  handler = \"app.main\"\n}\n",
        &[("app.py", "def main(e, c):\n    pass\n")],
    );
    let (check_err, _) = both_refuse(dir.path(), "E0401");
    assert!(check_err.contains("function `api` has no runtime"), "{check_err}");
}

#[test]
fn a_misspelt_handler_file_fails_check_at_the_handler() {
    let dir = support::service_folder(
        "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction api {\n  handler = \"ap.main\"\n}\n",
        &[("app.py", "def main(e, c):\n    pass\n")],
    );
    let (check_err, _) = both_refuse(dir.path(), "E0408");
    assert!(check_err.contains("service.svc:6:13"), "at the handler's value:\n{check_err}");
    assert!(check_err.contains("no `ap.py`"), "{check_err}");
}

#[test]
fn a_handler_file_the_patterns_leave_out_is_found_by_build_alone() {
    let svc_text = "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\npackage {\n  patterns = [\"!app.py\"]\n}\nfunction api {\n  handler = \"app.main\"\n}\n";
    let dir = support::service_folder(svc_text, &[("app.py", "def main(e, c):\n    pass\n"), ("other.py", "")]);
    let (checked, check_err) = svc(&["check"], dir.path());
    assert_eq!(checked, Some(0), "the file is in the folder:\n{check_err}");
    let out = tempfile::tempdir().expect("tmp");
    let (built, build_err) = svc(&["build", "-o", &out.path().display().to_string()], dir.path());
    assert_eq!(built, Some(1), "{build_err}");
    assert_eq!(count(&build_err, "E0408"), 1, "{build_err}");
    assert!(build_err.contains("no `app.py` in shop.zip"), "{build_err}");
}

#[test]
fn a_resource_named_like_a_generated_one_passes_check_and_build_and_is_merged() {
    let svc_text = r#"service = "shop"
provider aws {
  runtime = "python3.12"
}
function api {
  handler = "app.main"
}
resource ServerlessDeploymentBucket "AWS::S3::Bucket" {
  VersioningConfiguration = { Status = "Enabled" }
}
"#;
    let dir = support::service_folder(svc_text, &[("app.py", "def main(e, c):\n    pass\n")]);
    let (checked, check_err) = svc(&["check"], dir.path());
    assert_eq!(checked, Some(0), "{check_err}");
    let out = tempfile::tempdir().expect("tmp");
    let (built, build_err) = svc(&["build", "--template-only", "-o", &out.path().display().to_string()], dir.path());
    assert_eq!(built, Some(0), "{build_err}");
    let template: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join(TEMPLATE)).expect("template")).expect("JSON");
    let bucket = &template["Resources"]["ServerlessDeploymentBucket"]["Properties"];
    assert_eq!(bucket["VersioningConfiguration"]["Status"], "Enabled", "the user's property");
    assert_eq!(
        bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"],
        "AES256",
        "the generated property stays"
    );
}

#[test]
fn what_only_lowering_refuses_fails_check_too() {
    // An HTTP API route whose authorizer is not defined: only lowering
    // knows the authorizers (E0406).
    let dir = support::service_folder(
        "service = \"shop\"\nprovider aws {\n  runtime = \"python3.12\"\n}\nfunction api {\n  handler = \"app.main\"\n\n  httpApi {\n    method     = \"GET\"\n    path       = \"/orders\"\n    authorizer = \"missing\"\n  }\n}\n",
        &[("app.py", "def main(e, c):\n    pass\n")],
    );
    let (check_err, _) = both_refuse(dir.path(), "E0406");
    assert!(check_err.contains("authorizer `missing` is not defined"), "{check_err}");
}
