//! Writes the benchmarks' generated service of N functions into a folder,
//! twice: as `service.svc` (`benches/generate/functions.rs`) and as the
//! same service in `serverless.yml` (`benches/generate/functions_yml.rs`),
//! with each function's handler file (`src/f<i>/handler.py`), so that
//! both tools can package it, for `bench/build-vs-serverless.sh`.
//!
//! ```text
//! cargo run -p svc-compiler --example generate-service -- 200 /tmp/service-200
//! ```

#[path = "../benches/generate/functions.rs"]
mod functions;
#[path = "../benches/generate/functions_yml.rs"]
mod functions_yml;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: generate-service FUNCTIONS DIR");
        return ExitCode::FAILURE;
    };
    let dir = PathBuf::from(dir);
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("service.svc"), functions::service(count)))
        .and_then(|()| std::fs::write(dir.join("serverless.yml"), functions_yml::serverless_yml(count)))
        .and_then(|()| handlers(&dir, count));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// `src/f<i>/handler.py` for each function: what its `handler` names.
fn handlers(dir: &Path, count: usize) -> std::io::Result<()> {
    for i in 0..count {
        let folder = dir.join(format!("src/f{i}"));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(
            folder.join("handler.py"),
            format!("def main(event, context):\n    return {{\"function\": {i}}}\n"),
        )?;
    }
    Ok(())
}
