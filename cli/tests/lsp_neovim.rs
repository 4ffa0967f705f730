//! `svc lsp` with a real client: headless Neovim 0.7 or later (installed
//! by `scripts/test`) runs `tests/lsp/neovim.lua`, which starts the
//! server, opens a broken service, waits for its diagnostics, asks for a
//! hover and a completion, fixes the buffer and waits for the diagnostics
//! to clear. The script writes what it got as JSON; this test checks it.

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one run of Neovim may take, start to exit.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

const BROKEN: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
}

function checkout {
  hanlder    = "shop.checkout"
  memorySize = 64

}
"#;

const FIXED: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
}

function checkout {
  handler    = "shop.checkout"
  memorySize = 512

}
"#;

/// Reads a child's pipe to the end on a thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    })
}

/// `line:character` (0-based) where `marker` ends in `text`.
fn position_after(text: &str, marker: &str) -> String {
    let offset = text.find(marker).expect("marker in the text") + marker.len();
    let line = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{column}")
}

struct Run {
    result: Value,
    elapsed: Duration,
}

/// Runs the script on `BROKEN` in a scratch folder.
fn run_neovim(dir: &Path) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lsp/neovim.lua");
    let service = dir.join("service.svc");
    let fixed = dir.join("fixed.svc");
    let out = dir.join("out.json");
    std::fs::write(&service, BROKEN).expect("write the service");
    std::fs::write(&fixed, FIXED).expect("write the fix");
    // The handler file the fix names: the server looks it up on disk.
    std::fs::write(dir.join("shop.py"), "def checkout(event, context):\n    pass\n").expect("write the handler");
    let xdg = |name: &str| -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(&path).expect("mkdir");
        path
    };
    let started = Instant::now();
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .arg("--")
        .arg(&service)
        .env("SVC_BIN", env!("CARGO_BIN_EXE_svc"))
        .env("SVC_NVIM_OUT", &out)
        .env("SVC_NVIM_FIXED", &fixed)
        .env("SVC_NVIM_HOVER", position_after(BROKEN, "  memory"))
        .env("SVC_NVIM_COMPLETE", position_after(BROKEN, "memorySize = 64\n"))
        .env("SVC_NVIM_TIMEOUT_MS", "10000")
        .env("XDG_CONFIG_HOME", xdg("config"))
        .env("XDG_DATA_HOME", xdg("data"))
        .env("XDG_STATE_HOME", xdg("state"))
        .env("XDG_CACHE_HOME", xdg("cache"))
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let (stdout, stderr) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break Some(status);
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let written = std::fs::read_to_string(&out).ok();
    let lsp_log = std::fs::read_to_string(dir.join("cache/nvim/lsp.log")).unwrap_or_default();
    let report = || {
        format!(
            "nvim exit: {status:?} after {elapsed:?}\n--- stderr\n{stderr}\n--- stdout\n{stdout}\n--- {}\n{}\n--- lsp.log\n{lsp_log}",
            out.display(),
            written.as_deref().unwrap_or("(not written)")
        )
    };
    assert!(status.is_some(), "nvim did not finish within {RUN_TIMEOUT:?}\n{}", report());
    let result: Value = match written.as_deref().map(serde_json::from_str) {
        Some(Ok(result)) => result,
        _ => panic!("the script wrote no JSON result\n{}", report()),
    };
    assert!(result.get("error").is_none(), "the script failed: {}\n{}", result["error"], report());
    assert!(status.is_some_and(|s| s.success()), "nvim failed\n{}", report());
    Run { result, elapsed }
}

#[test]
#[ignore = "needs nvim: run scripts/test"]
fn neovim_gets_diagnostics_hover_completion_and_the_fix() {
    let version = support::peers::on_path("nvim", "sudo apt-get install neovim");
    let dir = tempfile::tempdir().expect("tempdir");
    let Run { result, elapsed } = run_neovim(dir.path());
    eprintln!("{version}: the session took {elapsed:?}");
    let steps: Vec<&str> = result["steps"].as_array().expect("steps").iter().filter_map(Value::as_str).collect();
    assert_eq!(steps, ["started", "initialized", "diagnostics", "hover", "completion", "fixed", "stopped"]);
    assert_eq!(result["capabilities"]["rename"], true, "{result:#}");

    let first = &result["first"];
    assert_eq!(first["codes"], serde_json::json!(["E0301", "E0304"]), "{result:#}");
    assert!(first["messages"][0].as_str().is_some_and(|m| m.contains("did you mean `handler`?")), "{result:#}");
    assert!(first["version"].is_number(), "diagnostics carry the document version: {result:#}");

    let hover = result["hover"].as_str().unwrap_or_else(|| panic!("a hover: {result:#}"));
    assert!(hover.starts_with("**memorySize**"), "{hover}");
    assert!(hover.contains("1024"), "the default in the hover: {hover}");

    let labels: Vec<&str> =
        result["completion"].as_array().expect("completion labels").iter().filter_map(Value::as_str).collect();
    assert!(labels.contains(&"timeout"), "{labels:?}");
    assert!(labels.contains(&"httpApi"), "event kinds too: {labels:?}");
    assert!(!labels.contains(&"memorySize"), "keys already written are not offered: {labels:?}");

    assert_eq!(result["final"]["count"], 0, "the fix clears the diagnostics: {result:#}");
    assert_eq!(result["final"]["codes"], serde_json::json!([]), "{result:#}");
    assert_eq!(result["exit"]["code"], 0, "the server exits cleanly: {result:#}");
}
