//! `svc print` against the real Serverless Framework.
//!
//! Each folder of `tests/print/` holds a service written twice,
//! `serverless.yml` and `service.svc`, with the command-line options
//! (`args`), the environment (`env`) and what `serverless print --format
//! json` (serverless@3) printed for it (`expected.json`, committed; see
//! `tests/print/README.md` for how it was made). `svc print --format json`
//! with the same options and environment must print the same data.
//! A case may list deliberate `differences` or be a `known-gap` (see
//! `reference/mod.rs`).

mod reference;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// Runs `svc print --format json` for one case (in a copy whose
/// `service.svc` is what `svc import` made of its serverless.yml when
/// `imported`); the printed data, or why not.
fn svc_print(case: &Path, imported: bool) -> Result<Value, String> {
    let copy = if imported { Some(reference::copy(case, true)?) } else { None };
    let dir = copy.as_ref().map_or(case, |c| c.path());
    let mut command = Command::cargo_bin("svc").map_err(|e| e.to_string())?;
    command.current_dir(dir).env_clear().arg("print").arg("--format").arg("json").args(reference::args(case)?);
    if let Ok(env) = std::fs::read_to_string(case.join("env")) {
        for line in env.lines().filter(|l| !l.trim().is_empty()) {
            let (name, value) = line.split_once('=').ok_or("env: expected NAME=VALUE")?;
            command.env(name, value);
        }
    }
    let output = command.output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("svc print failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("not JSON: {e}"))
}

/// Compares one case; `Err` with what differs.
fn compare(case: &Path, imported: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(case.join("expected.json")).map_err(|e| e.to_string())?;
    let mut expected: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut actual = svc_print(case, imported)?;
    // An import keeps the YAML's meaning, so it may not show a difference
    // the hand-written svc has on purpose (a quoted whole variable).
    if imported && actual == expected {
        return Ok(());
    }
    reference::remove_differences(case, &mut expected, &mut actual)?;
    if actual == expected {
        return Ok(());
    }
    Err(format!(
        "svc print differs from serverless print\n{}",
        reference::diff(&expected, &actual, "serverless print", "svc print")
    ))
}

#[test]
fn svc_print_matches_serverless_print() {
    reference::check_all(&reference::cases("print", "expected.json"), "serverless print", |case| compare(case, false));
}

/// `svc import` of every case's serverless.yml prints as serverless does.
#[test]
fn imported_svc_print_matches_serverless_print() {
    let cases = reference::cases("print", "expected.json");
    reference::check_all(&cases, "serverless print (imported)", |case| compare(case, true));
}
