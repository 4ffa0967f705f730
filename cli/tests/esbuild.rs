//! esbuild bundling as a user meets it: with `build { esbuild = … }` (or
//! `custom.esbuild`), each Node.js function's TypeScript handler and what
//! it imports become one file in its own zip, which the real Node.js runs;
//! the same sources give the same bytes; `svc invoke local` runs the
//! bundle; an error in the code is E0414 at the handler, with esbuild's
//! message. The esbuild binary is the pinned one `scripts/test` installs
//! into `target/esbuild` (`SVC_ESBUILD`); one test lets svc install it from
//! the npm registry into an empty cache.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::shown;

const GREET: &str = "export function greet(name: string): string {\n  return `hello, ${name}`;\n}\n";
const API: &str = "import { greet } from \"./lib/greet\";\n\nexport const handler = async (event: { name?: string }) => ({ message: greet(event.name ?? \"world\") });\n";

/// A TypeScript service whose `esbuild` settings are `settings` (lines in
/// `build { esbuild { … } }`).
fn service(settings: &str) -> tempfile::TempDir {
    let svc = format!(
        "service = \"bundled\"\n\nprovider aws {{\n  runtime = \"nodejs22.x\"\n}}\n\nbuild {{\n  esbuild {{\n{settings}  }}\n}}\n\nfunction api {{\n  handler = \"src/api.handler\"\n}}\n"
    );
    support::service_folder(&svc, &[("src/api.ts", API), ("src/lib/greet.ts", GREET)])
}

/// The esbuild `scripts/test` installed.
fn esbuild() -> PathBuf {
    let arch = if cfg!(target_arch = "aarch64") { "arm64" } else { "x64" };
    let binary = support::root().join(format!("target/esbuild/node_modules/@esbuild/linux-{arch}/bin/esbuild"));
    assert!(binary.is_file(), "{} is missing: run scripts/test, which installs esbuild there", binary.display());
    binary
}

fn svc(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir).args(args).env("XDG_CACHE_HOME", cache).env("NO_COLOR", "1");
    command.env("SVC_ESBUILD", esbuild()).stdin(std::process::Stdio::null()).output().expect("svc runs")
}

/// The names in a zip, sorted, and the text of `file` in it.
fn zip_text(zip: &Path, file: &str) -> (Vec<String>, String) {
    let names = support::zip_entries(zip);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).expect("open zip")).expect("zip");
    let mut text = String::new();
    if let Ok(mut entry) = archive.by_name(file) {
        std::io::Read::read_to_string(&mut entry, &mut text).expect("read");
    }
    (names, text)
}

#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn a_typescript_handler_is_bundled_into_its_own_zip_that_node_runs() {
    let dir = service("    sourcemap = true\n");
    let cache = tempfile::tempdir().expect("tmp");
    let checked = svc(dir.path(), cache.path(), &["check"]);
    assert_eq!(checked.status.code(), Some(0), "a .ts handler is found when esbuild bundles: {}", shown(&checked));
    let built = svc(dir.path(), cache.path(), &["build", "-o", "a"]);
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let (names, bundle) = zip_text(&dir.path().join("a/api.zip"), "src/api.js");
    assert_eq!(names, ["src/api.js", "src/api.js.map"]);
    assert!(bundle.contains("hello, ${name}") && bundle.ends_with("//# sourceMappingURL=api.js.map\n"), "{bundle}");
    let (_, map) = zip_text(&dir.path().join("a/api.zip"), "src/api.js.map");
    assert!(map.contains(r#""sources":["src/api.ts","src/lib/greet.ts"]"#), "sources relative to the service: {map}");
    let template =
        std::fs::read_to_string(dir.path().join("a/cloudformation-template-update-stack.json")).expect("template");
    assert!(template.contains("\"Handler\": \"src/api.handler\"") && template.contains("/api.zip\""), "{template}");

    // Node.js runs the bundle alone, as Lambda would.
    let run = tempfile::tempdir().expect("tmp");
    std::fs::write(run.path().join("api.js"), &bundle).expect("write");
    let ran = Command::new("node")
        .args(["-e", "require('./api.js').handler({ name: 'lambda' }).then(r => console.log(JSON.stringify(r)))"])
        .current_dir(run.path())
        .output()
        .expect("node runs");
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), r#"{"message":"hello, lambda"}"#, "{}", shown(&ran));

    let again = svc(dir.path(), cache.path(), &["build", "-o", "b"]);
    assert_eq!(again.status.code(), Some(0), "{}", shown(&again));
    let bytes = |out: &str| std::fs::read(dir.path().join(out).join("api.zip")).expect("zip");
    assert!(bytes("a") == bytes("b"), "two builds differ");

    let invoked = svc(dir.path(), cache.path(), &["invoke", "local", "-f", "api", "--data", r#"{"name":"svc"}"#]);
    assert_eq!(invoked.status.code(), Some(0), "{}", shown(&invoked));
    assert!(String::from_utf8_lossy(&invoked.stdout).contains("hello, svc"), "{}", shown(&invoked));
}

#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn minify_and_an_inline_source_map_change_the_bundle_and_no_map_file_is_zipped() {
    let cache = tempfile::tempdir().expect("tmp");
    let plain = service("");
    assert_eq!(svc(plain.path(), cache.path(), &["build", "-o", "out"]).status.code(), Some(0));
    let (_, plain_bundle) = zip_text(&plain.path().join("out/api.zip"), "src/api.js");
    let small = service("    minify    = true\n    sourcemap = \"inline\"\n");
    let built = svc(small.path(), cache.path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let (names, bundle) = zip_text(&small.path().join("out/api.zip"), "src/api.js");
    assert_eq!(names, ["src/api.js"]);
    let code = bundle.split("//# sourceMappingURL=data:application/json;base64,").next().expect("code");
    assert!(bundle.contains("//# sourceMappingURL=data:application/json;base64,"), "{bundle}");
    assert!(code.len() < plain_bundle.len(), "minified {} bytes, plain {}", code.len(), plain_bundle.len());
}

#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn the_plugins_custom_esbuild_settings_bundle_too() {
    let text = "service = \"bundled\"\n\nprovider aws {\n  runtime = \"nodejs22.x\"\n}\n\nplugins = [\"serverless-esbuild\"]\n\ncustom {\n  esbuild {\n    bundle  = true\n    exclude = [\"@aws-sdk/*\"]\n  }\n}\n\nfunction api {\n  handler = \"src/api.handler\"\n}\n";
    let dir = support::service_folder(text, &[("src/api.ts", API), ("src/lib/greet.ts", GREET)]);
    let built = svc(dir.path(), tempfile::tempdir().expect("tmp").path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    assert_eq!(zip_text(&dir.path().join("out/api.zip"), "src/api.js").0, ["src/api.js"]);
}

#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn a_syntax_error_is_e0414_at_the_handler_with_esbuilds_message() {
    let dir = service("");
    std::fs::write(dir.path().join("src/lib/greet.ts"), "export function greet(name string) {}\n").expect("write");
    let built = svc(dir.path(), tempfile::tempdir().expect("tmp").path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    let said = String::from_utf8_lossy(&built.stderr);
    assert!(said.contains("[E0414]") && said.contains("function `api` cannot be bundled"), "{said}");
    assert!(said.contains("src/lib/greet.ts:1:"), "esbuild's place: {said}");
    assert!(said.contains("service.svc:13:13"), "at the handler: {said}");
    assert!(!dir.path().join("out").exists());
}

/// Without esbuild settings a TypeScript handler has no file to run:
/// E0408 from `svc check`.
#[test]
fn without_esbuild_a_typescript_handler_is_missing() {
    let text = "service = \"plain\"\n\nprovider aws {\n  runtime = \"nodejs22.x\"\n}\n\nfunction api {\n  handler = \"src/api.handler\"\n}\n";
    let dir = support::service_folder(text, &[("src/api.ts", API)]);
    let out = Command::new(env!("CARGO_BIN_EXE_svc"))
        .arg("check")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[E0408]"), "{}", shown(&out));
}

/// svc installs its pinned esbuild from the npm registry into an empty
/// cache, then reuses it.
#[test]
#[ignore = "needs the npm registry: run scripts/test"]
fn svc_installs_its_pinned_esbuild_from_npm_once() {
    let dir = service("");
    let cache = tempfile::tempdir().expect("tmp");
    let build = |out: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
        command.current_dir(dir.path()).args(["build", "-o", out]).env("XDG_CACHE_HOME", cache.path());
        command.env_remove("SVC_ESBUILD").env("NO_COLOR", "1").output().expect("svc runs")
    };
    let first = build("a");
    assert_eq!(first.status.code(), Some(0), "{}", shown(&first));
    let installed = cache.path().join("svc/esbuild/0.28.2/node_modules/esbuild/package.json");
    assert!(installed.is_file(), "esbuild 0.28.2 is in the cache");
    let second = build("b");
    assert_eq!(second.status.code(), Some(0), "{}", shown(&second));
    assert!(
        std::fs::read(dir.path().join("a/api.zip")).expect("a")
            == std::fs::read(dir.path().join("b/api.zip")).expect("b")
    );
}

/// An esbuild that cannot be run is E0414 at the handler, saying which.
#[test]
fn a_missing_esbuild_is_e0414_naming_it() {
    let dir = service("");
    let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir.path()).args(["build", "-o", "out"]).env("NO_COLOR", "1");
    command.env("SVC_ESBUILD", dir.path().join("no-such-esbuild")).env("XDG_CACHE_HOME", dir.path().join("cache"));
    let built = command.output().expect("svc runs");
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    let said = String::from_utf8_lossy(&built.stderr);
    assert!(said.contains("[E0414]") && said.contains("no-such-esbuild"), "{said}");
    assert!(!dir.path().join("out").exists());
}

/// All functions are bundled in one esbuild run; when one handler has an
/// error, only its function gets E0414.
#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn an_error_in_one_handler_of_a_batch_is_that_functions_alone() {
    let dir = service("");
    let svc_file = dir.path().join("service.svc");
    let text = std::fs::read_to_string(&svc_file).expect("read");
    std::fs::write(&svc_file, format!("{text}\nfunction broken {{\n  handler = \"src/broken.handler\"\n}}\n"))
        .expect("write");
    std::fs::write(dir.path().join("src/broken.ts"), "export const handler = async ( => 1;\n").expect("write");
    let built = svc(dir.path(), tempfile::tempdir().expect("tmp").path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    let said = String::from_utf8_lossy(&built.stderr);
    assert_eq!(said.matches("[E0414]").count(), 1, "{said}");
    assert!(said.contains("function `broken` cannot be bundled") && said.contains("src/broken.ts:1:"), "{said}");
}

/// A handler naming a function its source does not export is E0408 at the
/// handler, from `svc build`, in CommonJS and ES module bundles alike.
#[test]
#[ignore = "needs node and esbuild: run scripts/test"]
fn a_handler_its_bundle_does_not_export_is_e0408() {
    for settings in ["", "    format = \"esm\"\n    minify = true\n"] {
        let dir = service(settings);
        let svc_file = dir.path().join("service.svc");
        let text = std::fs::read_to_string(&svc_file).expect("read");
        std::fs::write(&svc_file, text.replace("src/api.handler", "src/api.main")).expect("write");
        let built = svc(dir.path(), tempfile::tempdir().expect("tmp").path(), &["build", "-o", "out"]);
        assert_eq!(built.status.code(), Some(1), "{settings}: {}", shown(&built));
        let said = String::from_utf8_lossy(&built.stderr);
        assert!(said.contains("[E0408]") && said.contains("`src/api.ts` exports no `main`"), "{settings}: {said}");
        assert!(!dir.path().join("out").exists());
    }
}
