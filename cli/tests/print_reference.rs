//! `svc print` against the real Serverless Framework.
//!
//! Each folder of `tests/print/` holds a service written twice,
//! `serverless.yml` and `service.svc`, with the command-line options
//! (`args`), the environment (`env`) and what `serverless print --format
//! json` (serverless@3) printed for it (`expected.json`, committed; see
//! `tests/print/README.md` for how it was made). `svc print --format json`
//! with the same options and environment must print the same data.
//!
//! Two files record where svc differs on purpose or does not match yet;
//! both are checked, so neither can go stale:
//! - `differences`: `path<TAB>reason` lines, deliberate differences (also in
//!   `docs/serverless-differences.md`). The values at those paths must
//!   differ; everything else must be equal.
//! - `known-gap`: a case svc cannot print correctly yet, with the reason.
//!   The case must still fail; when it passes, delete the file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/print");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/print exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    cases
}

/// Runs `svc print --format json` for one case; the printed data, or why not.
fn svc_print(case: &Path) -> Result<Value, String> {
    let args = std::fs::read_to_string(case.join("args")).unwrap_or_default();
    let args = shlex::split(args.trim()).ok_or("args: bad quoting")?;
    let mut command = Command::cargo_bin("svc").map_err(|e| e.to_string())?;
    command.current_dir(case).env_clear().arg("print").arg("--format").arg("json").args(&args);
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

/// The deliberate differences of a case: JSON paths with their reasons.
fn differences(case: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(case.join("differences")).unwrap_or_default();
    text.lines().filter_map(|l| l.split_once('\t')).map(|(path, reason)| (path.to_owned(), reason.to_owned())).collect()
}

/// Removes the value at the dotted `path`; returns it.
fn take(value: &mut Value, path: &str) -> Option<Value> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let parent = match parents {
        Some(parents) => parents.split('.').try_fold(value, |v, key| v.get_mut(key))?,
        None => value,
    };
    parent.as_object_mut()?.shift_remove(last)
}

/// Compares one case; `Err` with what differs.
fn compare(case: &Path) -> Result<(), String> {
    let mut expected: Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let mut actual = svc_print(case)?;
    for (path, reason) in differences(case) {
        let (want, got) = (take(&mut expected, &path), take(&mut actual, &path));
        if want == got {
            return Err(format!("`{path}` is listed as a difference ({reason}) but svc now prints the same"));
        }
    }
    if actual == expected {
        return Ok(());
    }
    Err(format!(
        "svc print differs from serverless print\n{}",
        similar::TextDiff::from_lines(
            &serde_json::to_string_pretty(&expected).unwrap_or_default(),
            &serde_json::to_string_pretty(&actual).unwrap_or_default()
        )
        .unified_diff()
        .header("serverless print", "svc print")
    ))
}

#[test]
fn svc_print_matches_serverless_print() {
    let cases = cases();
    assert!(cases.len() >= 20, "expected the reference cases in tests/print, found {}", cases.len());
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
    eprintln!("{} cases match serverless print; known gaps:\n{}", cases.len() - gaps.len(), gaps.join("\n"));
    assert!(failures.is_empty(), "{} of {} cases differ:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
