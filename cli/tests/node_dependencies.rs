//! A Node.js service's production dependencies as a user meets them:
//! `svc build` installs `package.json`'s `dependencies` from the lock file
//! with the real npm (`npm ci --omit=dev`) for the function's platform and
//! zips them as its `node_modules`, without the dev dependencies of the
//! folder's own; a second build takes them from the cache and gives the
//! same bytes. The packages are local tarballs the test packs itself
//! (`npm pack`); one test installs a package with optional native
//! dependencies (esbuild) from the npm registry for x86_64 and arm64.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::shown;

const SERVICE: &str = "service = \"node-deps\"\n\nprovider aws {\n  runtime = \"nodejs22.x\"\n}\n\nfunction hello {\n  handler = \"handler.hello\"\n}\n";

const HANDLER: &str = "const tiny = require('tinymod');\nexports.hello = async () => ({ value: tiny });\n";

/// Runs `program args` in `dir`; panics with its output when it fails.
fn run(dir: &Path, program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).current_dir(dir).output().expect("runs");
    assert!(out.status.success(), "{program} {args:?}: {}", shown(&out));
}

/// A package `name` packed into `vendor/` of `service`, exporting `value`.
fn pack(service: &Path, name: &str, value: &str) {
    pack_with(service, name, value, "");
}

/// [`pack`], with more `package.json` fields (`,"os":["linux"]`).
fn pack_with(service: &Path, name: &str, value: &str, fields: &str) {
    let source = service.join("sources").join(name);
    std::fs::create_dir_all(&source).expect("mkdir");
    let manifest = format!("{{\"name\":\"{name}\",\"version\":\"1.0.0\",\"main\":\"index.js\"{fields}}}");
    std::fs::write(source.join("package.json"), manifest).expect("write");
    std::fs::write(source.join("index.js"), format!("module.exports = {value:?};\n")).expect("write");
    std::fs::create_dir_all(service.join("vendor")).expect("mkdir");
    run(&source, "npm", &["pack", "--silent", "--pack-destination", "../../vendor"]);
}

/// A service with a production dependency (`tinymod`) and a dev one
/// (`devmod`), packed, and no lock file yet.
fn unlocked_service() -> tempfile::TempDir {
    let dir = support::service_folder(SERVICE, &[("handler.js", HANDLER)]);
    pack(dir.path(), "tinymod", "from tinymod");
    pack(dir.path(), "devmod", "from devmod");
    let package = r#"{"name":"node-deps","version":"1.0.0","private":true,
  "dependencies":{"tinymod":"file:vendor/tinymod-1.0.0.tgz"},
  "devDependencies":{"devmod":"file:vendor/devmod-1.0.0.tgz"}}"#;
    std::fs::write(dir.path().join("package.json"), package).expect("write");
    dir
}

/// [`unlocked_service`], installed by `npm install` (which writes the lock).
fn service() -> tempfile::TempDir {
    let dir = unlocked_service();
    run(dir.path(), "npm", &["install", "--no-audit", "--no-fund", "--silent"]);
    assert!(dir.path().join("node_modules/devmod").is_dir() && dir.path().join("package-lock.json").is_file());
    dir
}

/// Runs `svc` in `dir`, with its cache in `cache` (not in the service
/// folder, whose files are packaged).
fn svc(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir).args(args).env("XDG_CACHE_HOME", cache).env("NO_COLOR", "1");
    command.stdin(std::process::Stdio::null()).output().expect("svc runs")
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn production_dependencies_replace_node_modules_and_the_second_build_is_cached() {
    let (dir, cache) = (service(), tempfile::tempdir().expect("tmp"));
    let first = svc(dir.path(), cache.path(), &["build", "-o", "a"]);
    assert_eq!(first.status.code(), Some(0), "{}", shown(&first));
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(
        said.contains("node_modules: 1 production package for nodejs22.x on x86_64") && said.contains("installed in"),
        "{said}"
    );
    let names = support::zip_entries(&dir.path().join("a/node-deps.zip"));
    assert!(names.contains(&"node_modules/tinymod/index.js".to_owned()), "{names:?}");
    assert!(names.contains(&"handler.js".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("node_modules/devmod")), "dev dependencies stay out: {names:?}");

    let second = svc(dir.path(), cache.path(), &["build", "-o", "b"]);
    assert!(String::from_utf8_lossy(&second.stderr).contains("(cached)"), "{}", shown(&second));
    let bytes = |out: &str| std::fs::read(dir.path().join(out).join("node-deps.zip")).expect("zip");
    assert!(bytes("a") == bytes("b"), "the cached build differs");

    let invoked = svc(dir.path(), cache.path(), &["invoke", "local", "-f", "hello"]);
    assert_eq!(invoked.status.code(), Some(0), "{}", shown(&invoked));
    assert!(String::from_utf8_lossy(&invoked.stdout).contains("from tinymod"), "{}", shown(&invoked));
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn exclude_dev_dependencies_false_zips_node_modules_as_it_is() {
    let (dir, cache) = (service(), tempfile::tempdir().expect("tmp"));
    let text = SERVICE.replace("function hello", "package {\n  excludeDevDependencies = false\n}\n\nfunction hello");
    std::fs::write(dir.path().join("service.svc"), text).expect("write");
    let built = svc(dir.path(), cache.path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let names = support::zip_entries(&dir.path().join("out/node-deps.zip"));
    assert!(names.contains(&"node_modules/devmod/index.js".to_owned()), "{names:?}");
}

#[test]
#[ignore = "needs node: run scripts/test"]
fn a_lock_file_out_of_sync_is_an_error_at_the_function_and_nothing_is_written() {
    let (dir, cache) = (service(), tempfile::tempdir().expect("tmp"));
    pack(dir.path(), "othermod", "from othermod");
    let package = r#"{"name":"node-deps","version":"1.0.0","dependencies":{"tinymod":"file:vendor/tinymod-1.0.0.tgz","othermod":"file:vendor/othermod-1.0.0.tgz"}}"#;
    std::fs::write(dir.path().join("package.json"), package).expect("write");
    let built = svc(dir.path(), cache.path(), &["build", "-o", "out"]);
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    let said = String::from_utf8_lossy(&built.stderr);
    assert!(said.contains("[E0413]") && said.contains("disagree"), "{said}");
    assert!(said.contains("service.svc:7:10"), "at the function: {said}");
    assert!(!dir.path().join("out").exists());
}

/// esbuild ships its binary as optional packages, one per platform: the
/// zip holds Lambda's, whatever machine builds it.
#[test]
#[ignore = "needs the npm registry: run scripts/test"]
fn optional_native_packages_follow_the_architecture() {
    for (architecture, wanted, unwanted) in
        [("x86_64", "linux-x64", "linux-arm64"), ("arm64", "linux-arm64", "linux-x64")]
    {
        let text = SERVICE.replace(
            "  runtime = \"nodejs22.x\"\n",
            &format!("  runtime      = \"nodejs22.x\"\n  architecture = \"{architecture}\"\n"),
        );
        let dir = support::service_folder(&text, &[("handler.js", "exports.hello = async () => 1;\n")]);
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"name":"native","version":"1.0.0","dependencies":{"esbuild":"0.24.0"}}"#,
        )
        .expect("write");
        run(dir.path(), "npm", &["install", "--package-lock-only", "--no-audit", "--no-fund", "--silent"]);
        let cache = tempfile::tempdir().expect("tmp");
        let built = svc(dir.path(), cache.path(), &["build", "-o", "out"]);
        assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
        let names = support::zip_entries(&dir.path().join("out/node-deps.zip"));
        assert!(
            names.iter().any(|n| n.starts_with(&format!("node_modules/@esbuild/{wanted}/"))),
            "{architecture}: {names:?}"
        );
        assert!(
            !names.iter().any(|n| n.starts_with(&format!("node_modules/@esbuild/{unwanted}/"))),
            "{architecture}: {names:?}"
        );
    }
}

/// With pnpm's lock file, pnpm (10 or later) installs the production
/// dependencies, flat (`node-linker=hoisted`), as npm does.
#[test]
#[ignore = "needs node and pnpm: run scripts/test"]
fn a_pnpm_lock_is_installed_with_pnpm() {
    let pnpm_folder = support::root().join("target/pnpm/node_modules/.bin");
    assert!(pnpm_folder.join("pnpm").is_file(), "no pnpm in target/pnpm: run scripts/test, which installs it");
    let dir = unlocked_service();
    let path = support::path_with(&pnpm_folder);
    let locked = Command::new(pnpm_folder.join("pnpm"))
        .args(["install", "--lockfile-only", "--reporter=silent"])
        .current_dir(dir.path())
        .output()
        .expect("pnpm runs");
    assert!(locked.status.success() && dir.path().join("pnpm-lock.yaml").is_file(), "{}", shown(&locked));
    let cache = tempfile::tempdir().expect("tmp");
    let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir.path()).args(["build", "-o", "out"]).env("XDG_CACHE_HOME", cache.path());
    let built = command.env("PATH", path).env("NO_COLOR", "1").output().expect("svc runs");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let names = support::zip_entries(&dir.path().join("out/node-deps.zip"));
    assert!(names.contains(&"node_modules/tinymod/index.js".to_owned()), "{names:?}");
    let pnpm_own = |n: &String| n.starts_with("node_modules/.pnpm") || n == "node_modules/.modules.yaml";
    assert!(!names.iter().any(|n| n.starts_with("node_modules/devmod") || pnpm_own(n)), "{names:?}");
}

/// With yarn 1's lock file, yarn installs the production dependencies; it
/// cannot choose another machine's optional packages, so svc keeps only
/// those whose `os` and `cpu` are Lambda's for the function.
#[test]
#[ignore = "needs node and yarn: run scripts/test"]
fn a_yarn_lock_is_installed_with_yarn_and_other_platforms_packages_are_removed() {
    let yarn_folder = support::root().join("target/yarn/node_modules/.bin");
    assert!(yarn_folder.join("yarn").is_file(), "no yarn in target/yarn: run scripts/test, which installs it");
    let path = support::path_with(&yarn_folder);
    for (architecture, kept) in [("x86_64", false), ("arm64", true)] {
        let text = SERVICE.replace(
            "  runtime = \"nodejs22.x\"\n",
            &format!("  runtime      = \"nodejs22.x\"\n  architecture = \"{architecture}\"\n"),
        );
        let dir = support::service_folder(&text, &[("handler.js", HANDLER)]);
        pack(dir.path(), "tinymod", "from tinymod");
        pack(dir.path(), "devmod", "from devmod");
        pack_with(dir.path(), "armonly", "arm", r#","os":["linux"],"cpu":["arm64"]"#);
        pack_with(dir.path(), "darwinonly", "mac", r#","os":["darwin"]"#);
        let package = r#"{"name":"node-deps","version":"1.0.0","private":true,
  "dependencies":{"tinymod":"file:vendor/tinymod-1.0.0.tgz"},
  "optionalDependencies":{"armonly":"file:vendor/armonly-1.0.0.tgz","darwinonly":"file:vendor/darwinonly-1.0.0.tgz"},
  "devDependencies":{"devmod":"file:vendor/devmod-1.0.0.tgz"}}"#;
        std::fs::write(dir.path().join("package.json"), package).expect("write");
        let locked = Command::new(yarn_folder.join("yarn"))
            .args(["install", "--silent", "--non-interactive", "--ignore-platform"])
            .env("PATH", &path)
            .current_dir(dir.path())
            .output()
            .expect("yarn runs");
        assert!(locked.status.success() && dir.path().join("yarn.lock").is_file(), "{}", shown(&locked));
        let cache = tempfile::tempdir().expect("tmp");
        let mut command = Command::new(env!("CARGO_BIN_EXE_svc"));
        command.current_dir(dir.path()).args(["build", "-o", "out"]).env("XDG_CACHE_HOME", cache.path());
        let built = command.env("PATH", &path).env("NO_COLOR", "1").output().expect("svc runs");
        assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
        let names = support::zip_entries(&dir.path().join("out/node-deps.zip"));
        assert!(names.contains(&"node_modules/tinymod/index.js".to_owned()), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("node_modules/devmod/")), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("node_modules/darwinonly/")), "{architecture}: {names:?}");
        assert_eq!(names.iter().any(|n| n.starts_with("node_modules/armonly/")), kept, "{architecture}: {names:?}");
    }
}
