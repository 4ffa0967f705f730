//! The programs some tests drive but do not ship with svc (cfn-lint,
//! moto, Neovim): `scripts/test` installs them before `cargo test`. A test
//! never installs one; it finds it or fails with the command that does.
//! Tests that need a peer are `#[ignore]`d, so a plain `cargo test` on a
//! machine without peers skips them and `scripts/test` runs them.

use std::path::PathBuf;
use std::process::Command;

/// `program` from the repository's Python venv (`.venv-peers/bin/`), or
/// the path in the environment variable `variable` when it is set; fails
/// naming the `pip install` of `package` when it is missing.
pub fn venv(program: &str, variable: &str, package: &str) -> PathBuf {
    let path = std::env::var_os(variable)
        .filter(|path| !path.is_empty())
        .map_or_else(|| super::root().join(".venv-peers/bin").join(program), PathBuf::from);
    assert!(
        path.exists(),
        "{program} not found at {}: run scripts/test, or install it with \
         `python3 -m venv .venv-peers && .venv-peers/bin/pip install '{package}'`",
        path.display()
    );
    path
}

/// `program` on `PATH`: the first line of `program --version`; fails naming
/// `install` when it does not run.
pub fn on_path(program: &str, install: &str) -> String {
    let output = Command::new(program).arg("--version").output();
    match output {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or_default().to_owned()
        }
        _ => panic!("{program} is not on PATH: run scripts/test, or install it with `{install}`"),
    }
}
