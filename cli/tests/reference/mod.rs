//! What the two "against the real Serverless Framework" suites share:
//! finding the cases, the `differences` and `known-gap` files, and the
//! report. A case folder holds the service twice and what serverless made
//! of it.
//!
//! - `differences`: `path<TAB>reason` lines, deliberate differences (also in
//!   `docs/serverless-differences.md`). The values at those paths must
//!   differ; everything else must be equal.
//! - `known-gap`: a case svc cannot handle yet, with the reason. The case
//!   must still fail; when it passes, delete the file.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The case folders under `tests/<suite>` that hold `expected`, sorted.
pub fn cases(suite: &str, expected: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests").join(suite);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join(expected).is_file())
        .collect();
    cases.sort();
    cases
}

/// The case's command-line options (`args`, shell-quoted).
pub fn args(case: &Path) -> Result<Vec<String>, String> {
    let args = std::fs::read_to_string(case.join("args")).unwrap_or_default();
    shlex::split(args.trim()).ok_or_else(|| "args: bad quoting".to_owned())
}

/// Removes the deliberate differences from both sides; an error when a
/// listed difference is gone (the list must not go stale).
pub fn remove_differences(case: &Path, expected: &mut Value, actual: &mut Value) -> Result<(), String> {
    let differences = std::fs::read_to_string(case.join("differences")).unwrap_or_default();
    for (path, reason) in differences.lines().filter_map(|l| l.split_once('\t')) {
        if take(expected, path) == take(actual, path) {
            return Err(format!("`{path}` is listed as a difference ({reason}) but svc now gives the same"));
        }
    }
    Ok(())
}

/// Removes the value at the dotted `path`; returns it.
fn take(value: &mut Value, path: &str) -> Option<Value> {
    let (parents, last) = path.rsplit_once('.').map_or((None, path), |(p, l)| (Some(p), l));
    let parent = match parents {
        Some(parents) => parents.split('.').try_fold(value, |v, key| v.get_mut(key))?,
        None => value,
    };
    parent.as_object_mut()?.shift_remove(last)
}

/// A unified diff of two JSON values, keys sorted.
pub fn diff(expected: &Value, actual: &Value, left: &str, right: &str) -> String {
    let (want, got) = (pretty_sorted(expected), pretty_sorted(actual));
    similar::TextDiff::from_lines(&want, &got).unified_diff().context_radius(3).header(left, right).to_string()
}

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

/// Compares every case, honouring `known-gap` files; panics with every
/// failure at once.
pub fn check_all(cases: &[PathBuf], what: &str, compare: impl Fn(&Path) -> Result<(), String>) {
    assert!(cases.len() >= 12, "expected the reference cases, found {}", cases.len());
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for case in cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let gap = std::fs::read_to_string(case.join("known-gap")).ok();
        match (compare(case), gap) {
            (Ok(()), None) => {}
            (Err(why), None) => failures.push(format!("{name}: {why}")),
            (Err(_), Some(gap)) => gaps.push(format!("{name}: {}", gap.trim())),
            (Ok(()), Some(_)) => failures.push(format!("{name}: passes now; delete its known-gap file")),
        }
    }
    eprintln!("{} of {} cases match {what}; known gaps: {gaps:#?}", cases.len() - gaps.len(), cases.len());
    assert!(failures.is_empty(), "{} of {} cases differ:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// The files of the case that are not the test's own (`expected/`, `args`,
/// …), as `regenerate.sh` gives serverless, plus `service.svc`.
pub const NOT_PACKAGED: &[&str] = &["args", "env", "expected", "differences", "known-gap", ".serverless"];

/// A copy of the service's files of `case` in a new folder; with
/// `imported`, its `service.svc` is what `svc import` makes of its
/// serverless.yml instead.
pub fn copy(case: &Path, imported: bool) -> Result<tempfile::TempDir, String> {
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    copy_service(case, work.path()).map_err(|e| format!("copying the case: {e}"))?;
    if imported {
        std::fs::remove_file(work.path().join("service.svc")).map_err(|e| e.to_string())?;
        let output = Command::new(env!("CARGO_BIN_EXE_svc"))
            .current_dir(work.path())
            .env_clear()
            .arg("import")
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("svc import failed:\n{}", String::from_utf8_lossy(&output.stderr)));
        }
    }
    Ok(work)
}

/// Copies the service's files of `case` into `to`.
pub fn copy_service(case: &Path, to: &Path) -> std::io::Result<()> {
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
