//! `custom.pythonRequirements` as a user meets it: `svc build` installs the
//! requirements with the real pip for the Lambda platform, into the layer
//! `PythonRequirementsLambdaLayer` or into the function's zip; a second
//! build takes them from the cache and gives the same bytes; `svc invoke
//! local` imports them; and each way an install fails is an error at the
//! line that asked for it, with nothing written.
//!
//! The packages come from a wheelhouse each test builds itself (wheels are
//! zips with a `dist-info` folder), read by pip with `--no-index
//! --find-links`: no network. One test installs a real binary package
//! (orjson) from PyPI for x86_64 and arm64.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use support::shown;

/// A wheel `name-version-tag.whl` in `folder`, holding `files` and the
/// metadata pip needs.
fn wheel(folder: &Path, name: &str, version: &str, tag: &str, files: &[(&str, &[u8])]) {
    std::fs::create_dir_all(folder).expect("mkdir");
    let path = folder.join(format!("{name}-{version}-{tag}.whl"));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create wheel"));
    let options = zip::write::SimpleFileOptions::default();
    let info = format!("{name}-{version}.dist-info");
    let purelib = tag.ends_with("-none-any");
    let metadata = [
        (format!("{info}/METADATA"), format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")),
        (
            format!("{info}/WHEEL"),
            format!("Wheel-Version: 1.0\nGenerator: svc-test\nRoot-Is-Purelib: {purelib}\nTag: {tag}\n"),
        ),
    ];
    let mut record = String::new();
    for (file, bytes) in files {
        zip.start_file(*file, options).expect("start");
        zip.write_all(bytes).expect("write");
        record.push_str(&format!("{file},,\n"));
    }
    for (file, text) in &metadata {
        zip.start_file(file.as_str(), options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
        record.push_str(&format!("{file},,\n"));
    }
    record.push_str(&format!("{info}/RECORD,,\n"));
    zip.start_file(format!("{info}/RECORD"), options).expect("start");
    zip.write_all(record.as_bytes()).expect("write");
    zip.finish().expect("finish wheel");
}

/// The wheelhouse most tests use: `tinypkg` and `otherpkg` (pure Python),
/// and `nativepkg`, published for arm64 only.
fn wheelhouse(folder: &Path) {
    let wheels = folder.join("wheels");
    let tiny: &[(&str, &[u8])] =
        &[("tinypkg/__init__.py", b"VALUE = 'from tinypkg'\n"), ("tinypkg/tests/test_tiny.py", b"def test(): pass\n")];
    wheel(&wheels, "tinypkg", "1.0", "py3-none-any", tiny);
    wheel(&wheels, "otherpkg", "1.0", "py3-none-any", &[("otherpkg.py", b"VALUE = 'from otherpkg'\n")]);
    let native: &[(&str, &[u8])] = &[("nativepkg/__init__.py", b"MACHINE = 'aarch64'\n")];
    wheel(&wheels, "nativepkg", "1.0", "cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64", native);
}

/// A service using the requirements of `requirements` with `settings`
/// (lines inside `pythonRequirements { … }`), pip reading `wheels/` only.
fn service(settings: &str, requirements: &str, extra: &str) -> tempfile::TempDir {
    let svc = format!(
        "service = \"deps\"\n\nprovider aws {{\n  runtime = \"python3.12\"\n{extra}}}\n\ncustom {{\n  pythonRequirements {{\n{settings}    pipCmdExtraArgs = [\"--no-index\", \"--find-links\", \"wheels\"]\n  }}\n}}\n\nfunction hello {{\n  handler = \"handler.hello\"\n  layers  = [ref(PythonRequirementsLambdaLayer)]\n}}\n"
    );
    let svc = if settings.contains("layer") {
        svc
    } else {
        svc.replace("  layers  = [ref(PythonRequirementsLambdaLayer)]\n", "")
    };
    let handler = "import tinypkg\n\n\ndef hello(event, context):\n    return {\"value\": tinypkg.VALUE}\n";
    let dir = support::service_folder(&svc, &[("handler.py", handler), ("requirements.txt", requirements)]);
    wheelhouse(dir.path());
    dir
}

/// Runs `svc` in `dir` with its cache in `cache` and no pip configuration
/// of the machine's.
fn svc(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    let mut command = command(dir, args);
    command.env("XDG_CACHE_HOME", cache).env("PIP_CONFIG_FILE", "/dev/null").env_remove("PIP_NO_INDEX");
    command.env_remove("PIP_FIND_LINKS").env_remove("PIP_INDEX_URL");
    command.output().expect("svc runs")
}

/// `svc args` in `dir`, with `dir` as its home and no AWS set-up.
fn command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_svc"));
    command.current_dir(dir).args(args).env("HOME", dir).env("NO_COLOR", "1");
    command.env("AWS_EC2_METADATA_DISABLED", "true").stdin(std::process::Stdio::null());
    command
}

fn build(dir: &Path, cache: &Path, out: &str) -> Output {
    svc(dir, cache, &["build", "service.svc", "-o", out])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn template(out: &Path) -> Value {
    let text = std::fs::read_to_string(out.join("cloudformation-template-update-stack.json")).expect("template");
    serde_json::from_str(&text).expect("JSON")
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed's configuration: `layer = true` gives the plugin's layer, which
/// the function uses and cfn-lint accepts, and `svc invoke local` imports
/// the package from it.
#[test]
fn the_layer_holds_the_requirements_and_invoke_local_imports_them() {
    let dir = service("    layer = true\n", "tinypkg==1.0\n", "");
    let cache_dir = tempfile::tempdir().expect("tmp");
    let cache = cache_dir.path().to_path_buf();
    let built = build(dir.path(), &cache, "out");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    assert!(stderr(&built).contains("pythonRequirements: 1 package for python3.12 on x86_64"), "{}", shown(&built));
    let out = dir.path().join("out");
    let template = template(&out);
    let layer = &template["Resources"]["PythonRequirementsLambdaLayer"];
    assert_eq!(layer["Type"], "AWS::Lambda::LayerVersion");
    assert_eq!(layer["Properties"]["LayerName"], "deps-dev-python-requirements");
    assert_eq!(layer["Properties"]["Description"], "Python requirements generated by serverless-python-requirements.");
    assert_eq!(layer["Properties"]["CompatibleRuntimes"], serde_json::json!(["python3.12"]));
    let key = layer["Properties"]["Content"]["S3Key"].as_str().expect("key");
    assert!(key.ends_with("/pythonRequirements.zip"), "{key}");
    let function = &template["Resources"]["HelloLambdaFunction"]["Properties"];
    assert_eq!(function["Layers"], serde_json::json!([{ "Ref": "PythonRequirementsLambdaLayer" }]));
    for output in ["QualifiedArn", "Hash", "S3Key"] {
        let name = format!("PythonRequirementsLambdaLayer{output}");
        assert!(template["Outputs"].get(&name).is_some(), "no output {name}");
    }
    let names = support::zip_entries(&out.join("pythonRequirements.zip"));
    assert!(names.contains(&"python/tinypkg/__init__.py".to_owned()), "{names:?}");
    assert!(names.contains(&"python/tinypkg-1.0.dist-info/METADATA".to_owned()), "{names:?}");
    assert!(
        !support::zip_entries(&out.join("deps.zip")).iter().any(|n| n.starts_with("tinypkg")),
        "the layer's packages stay out of the function zip"
    );

    let invoked = svc(dir.path(), &cache, &["invoke", "local", "-f", "hello"]);
    assert_eq!(invoked.status.code(), Some(0), "{}", shown(&invoked));
    let response: Value = serde_json::from_slice(&invoked.stdout).expect("JSON response");
    assert_eq!(response["value"], "from tinypkg", "{}", shown(&invoked));
}

#[test]
#[ignore = "needs cfn-lint: run scripts/test"]
fn the_requirements_layer_template_is_clean_for_cfn_lint() {
    let dir = service("    layer = true\n", "tinypkg==1.0\n", "");
    let built = build(dir.path(), tempfile::tempdir().expect("tmp").path(), "out");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let findings = support::cfn_lint::lint(&dir.path().join("out/cloudformation-template-update-stack.json"));
    assert!(findings.is_empty(), "{findings:#?}");
}

/// Two builds give the same bytes, the second from the cache; a build
/// with an empty cache installs again and still gives the same bytes.
#[test]
fn builds_are_byte_identical_and_the_second_is_cached() {
    let dir = service("    layer = true\n", "tinypkg==1.0\notherpkg==1.0\n", "");
    let cache_dir = tempfile::tempdir().expect("tmp");
    let cache = cache_dir.path().to_path_buf();
    let first = build(dir.path(), &cache, "a");
    assert_eq!(first.status.code(), Some(0), "{}", shown(&first));
    assert!(stderr(&first).contains("installed in"), "{}", shown(&first));
    let second = build(dir.path(), &cache, "b");
    assert!(
        stderr(&second).contains("2 packages for python3.12 on x86_64, ") && stderr(&second).contains("(cached)"),
        "{}",
        shown(&second)
    );
    std::fs::remove_dir_all(&cache).expect("empty the cache");
    let third = build(dir.path(), &cache, "c");
    assert!(stderr(&third).contains("installed in"), "{}", shown(&third));
    for file in ["pythonRequirements.zip", "deps.zip", "cloudformation-template-update-stack.json"] {
        let a = read(dir.path().join("a").join(file));
        assert!(a == read(dir.path().join("b").join(file)), "{file}: the cached build differs");
        assert!(a == read(dir.path().join("c").join(file)), "{file}: a new install differs");
    }
}

/// Without `layer` the packages go into the function's zip, `slim` leaves
/// out the metadata, `noDeploy` leaves out a package, and `invoke local`
/// imports them as if beside the code.
#[test]
fn without_a_layer_the_function_zip_holds_the_requirements_slim_and_without_no_deploy() {
    let settings = "    slim     = true\n    noDeploy = [\"otherpkg\"]\n";
    let dir = service(settings, "tinypkg==1.0\notherpkg==1.0\n", "");
    let cache_dir = tempfile::tempdir().expect("tmp");
    let cache = cache_dir.path().to_path_buf();
    let built = build(dir.path(), &cache, "out");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let out = dir.path().join("out");
    assert!(!out.join("pythonRequirements.zip").exists());
    let names = support::zip_entries(&out.join("deps.zip"));
    assert!(names.contains(&"tinypkg/__init__.py".to_owned()) && names.contains(&"handler.py".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("dist-info") || n.starts_with("otherpkg")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("/tests/")), "slim leaves out packages' tests: {names:?}");
    let invoked = svc(dir.path(), &cache, &["invoke", "local", "-f", "hello"]);
    assert_eq!(invoked.status.code(), Some(0), "{}", shown(&invoked));
    assert_eq!(serde_json::from_slice::<Value>(&invoked.stdout).expect("JSON")["value"], "from tinypkg");
}

/// Wheels are chosen for the function's architecture: a package published
/// for arm64 only installs for `architecture = "arm64"`, and for x86_64
/// is an error naming it, the platform and the way out.
#[test]
fn wheels_follow_the_architecture_and_a_missing_one_is_named() {
    let arm = service("    layer = true\n", "nativepkg==1.0\n", "  architecture = \"arm64\"\n");
    let cache_dir = tempfile::tempdir().expect("tmp");
    let cache = cache_dir.path().to_path_buf();
    let built = build(arm.path(), &cache, "out");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    assert!(stderr(&built).contains("for python3.12 on arm64"), "{}", shown(&built));
    let names = support::zip_entries(&arm.path().join("out/pythonRequirements.zip"));
    assert!(names.contains(&"python/nativepkg/__init__.py".to_owned()), "{names:?}");

    let x86 = service("    layer = true\n", "nativepkg==1.0\n", "");
    let failed = build(x86.path(), tempfile::tempdir().expect("tmp").path(), "out");
    assert_eq!(failed.status.code(), Some(1), "{}", shown(&failed));
    let message = stderr(&failed);
    assert!(
        message.contains("[E0412]") && message.contains("no wheel of nativepkg==1.0 for python3.12 on x86_64"),
        "{message}"
    );
    assert!(message.contains("pin a version"), "{message}");
    assert!(message.contains("service.svc:8:3"), "at the pythonRequirements line: {message}");
    assert!(!x86.path().join("out").exists(), "nothing is written when the install fails");
}

/// A missing file, a line pip cannot read, an index that cannot be
/// reached: each an error at the line that asked, nothing written.
#[test]
fn a_missing_file_a_bad_line_and_an_unreachable_index_are_errors_at_the_source() {
    let missing = service("    layer = true\n    fileName = \"deps.txt\"\n", "tinypkg==1.0\n", "");
    let checked = svc(missing.path(), tempfile::tempdir().expect("tmp").path(), &["check", "service.svc"]);
    assert_eq!(checked.status.code(), Some(1), "{}", shown(&checked));
    let message = stderr(&checked);
    assert!(message.contains("[E0411]") && message.contains("`deps.txt` does not exist"), "{message}");
    assert!(message.contains("service.svc:10:16"), "at the fileName value: {message}");

    let bad = service("    layer = true\n", "tinypkg ~~ 1.0\n", "");
    let built = build(bad.path(), tempfile::tempdir().expect("tmp").path(), "out");
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    assert!(
        stderr(&built).contains("a line pip cannot read") && stderr(&built).contains("tinypkg ~~ 1.0"),
        "{}",
        shown(&built)
    );
    assert!(!bad.path().join("out").exists());

    let offline = service("    layer = true\n", "tinypkg==1.0\n", "");
    let svc_file = offline.path().join("service.svc");
    let text = std::fs::read_to_string(&svc_file).expect("read");
    let unreachable = r#"["--index-url", "http://127.0.0.1:9/simple", "--timeout", "2"]"#;
    std::fs::write(&svc_file, text.replace(r#"["--no-index", "--find-links", "wheels"]"#, unreachable)).expect("write");
    let offline_cache = tempfile::tempdir().expect("tmp");
    let built = build(offline.path(), offline_cache.path(), "out");
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    assert!(stderr(&built).contains("the package index cannot be reached"), "{}", shown(&built));
    assert!(!offline.path().join("out").exists());
    let cache = offline_cache.path().join("svc/python");
    let left: Vec<_> = std::fs::read_dir(&cache).map(|d| d.filter_map(Result::ok).collect()).unwrap_or_default();
    assert!(left.is_empty(), "a failed install leaves nothing in the cache: {left:?}");
}

/// Packages over Lambda's 250 MB: E0412, naming the largest.
#[test]
fn requirements_over_the_limit_name_the_largest_packages() {
    let dir = service("    layer = true\n", "bigpkg==1.0\ntinypkg==1.0\n", "");
    let zeros = vec![0u8; 251 * 1024 * 1024];
    wheel(&dir.path().join("wheels"), "bigpkg", "1.0", "py3-none-any", &[("bigpkg/data.bin", &zeros)]);
    drop(zeros);
    let built = build(dir.path(), tempfile::tempdir().expect("tmp").path(), "out");
    assert_eq!(built.status.code(), Some(1), "{}", shown(&built));
    let message = stderr(&built);
    assert!(message.contains("[E0412]") && message.contains("over Lambda's 250 MB limit"), "{message}");
    assert!(message.contains("the largest: bigpkg 251.0 MB"), "{message}");
    assert!(!dir.path().join("out").exists());
}

/// A real binary package from PyPI, for each architecture: the wheel's
/// tag says manylinux and the machine, and its native library is there.
#[test]
#[ignore = "needs PyPI: run scripts/test"]
fn orjson_from_pypi_installs_for_x86_64_and_arm64() {
    for (architecture, machine) in [("x86_64", "x86_64"), ("arm64", "aarch64")] {
        let svc_text = format!(
            "service = \"native\"\n\nprovider aws {{\n  runtime      = \"python3.12\"\n  architecture = \"{architecture}\"\n}}\n\ncustom {{\n  pythonRequirements {{\n    layer = true\n  }}\n}}\n\nfunction hello {{\n  handler = \"handler.hello\"\n  layers  = [ref(PythonRequirementsLambdaLayer)]\n}}\n"
        );
        let dir = support::service_folder(
            &svc_text,
            &[("handler.py", "def hello(e, c):\n    return 1\n"), ("requirements.txt", "orjson==3.10.12\n")],
        );
        let cache_dir = tempfile::tempdir().expect("tmp");
        let cache = cache_dir.path().to_path_buf();
        let mut command = command(dir.path(), &["build", "service.svc", "-o", "out"]);
        command.env("XDG_CACHE_HOME", &cache).env_remove("PIP_NO_INDEX").env_remove("PIP_FIND_LINKS");
        let built = command.output().expect("svc runs");
        assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
        let zip_path = dir.path().join("out/pythonRequirements.zip");
        let names = support::zip_entries(&zip_path);
        assert!(names.iter().any(|n| n.starts_with("python/orjson/") && n.contains(".so")), "{names:?}");
        let wheel_file = names.iter().find(|n| n.ends_with(".dist-info/WHEEL")).expect("WHEEL");
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("open")).expect("zip");
        let mut text = String::new();
        archive.by_name(wheel_file).expect("WHEEL").read_to_string(&mut text).expect("read");
        let tag = text.lines().find(|l| l.starts_with("Tag: ")).expect("a tag");
        assert!(tag.contains("cp312") && tag.contains("manylinux") && tag.ends_with(machine), "{architecture}: {text}");
    }
}

/// Without a requirements file, `uv.lock` (beside `pyproject.toml`) says
/// what to install: its pins for the project's dependencies, not its dev
/// group.
#[test]
#[ignore = "needs uv: run scripts/test"]
fn a_uv_lock_stands_for_a_missing_requirements_file() {
    let uv_folder = support::root().join(".venv-peers/bin");
    assert!(uv_folder.join("uv").is_file(), "no uv in .venv-peers: run scripts/test, which installs it");
    let dir = service("    layer = true\n", "", "");
    std::fs::remove_file(dir.path().join("requirements.txt")).expect("remove");
    let pyproject = "[project]\nname = \"deps\"\nversion = \"0.1.0\"\nrequires-python = \">=3.9\"\ndependencies = [\"tinypkg==1.0\"]\n\n[dependency-groups]\ndev = [\"otherpkg==1.0\"]\n";
    std::fs::write(dir.path().join("pyproject.toml"), pyproject).expect("write");
    let path = support::path_with(&uv_folder);
    let locked = std::process::Command::new(uv_folder.join("uv"))
        .args(["lock", "--no-index", "--find-links", "wheels", "--python", "python3"])
        .env("UV_PYTHON_DOWNLOADS", "never")
        .current_dir(dir.path())
        .output()
        .expect("uv runs");
    assert!(locked.status.success(), "uv lock: {}", shown(&locked));
    let cache = tempfile::tempdir().expect("tmp");
    let checked = svc(dir.path(), cache.path(), &["check", "service.svc"]);
    assert_eq!(checked.status.code(), Some(0), "no E0411 with a uv.lock: {}", shown(&checked));
    let mut command = command(dir.path(), &["build", "service.svc", "-o", "out"]);
    command.env("XDG_CACHE_HOME", cache.path()).env("PIP_CONFIG_FILE", "/dev/null").env("PATH", path);
    let built = command.output().expect("svc runs");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let names = support::zip_entries(&dir.path().join("out/pythonRequirements.zip"));
    assert!(names.contains(&"python/tinypkg/__init__.py".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("otherpkg")), "the dev group stays out: {names:?}");
}

/// A `Pipfile.lock` is read instead of the requirements file, as the
/// plugin prefers Pipenv's files: its `default` packages, not `develop`.
#[test]
fn a_pipfile_lock_is_read_instead_of_the_requirements_file() {
    let dir = service("    layer = true\n", "otherpkg==1.0\n", "");
    let lock = r#"{"_meta": {"sources": []}, "default": {"tinypkg": {"version": "==1.0"}}, "develop": {"otherpkg": {"version": "==1.0"}}}"#;
    std::fs::write(dir.path().join("Pipfile.lock"), lock).expect("write");
    std::fs::remove_file(dir.path().join("requirements.txt")).expect("remove");
    let cache = tempfile::tempdir().expect("tmp");
    let checked = svc(dir.path(), cache.path(), &["check", "service.svc"]);
    assert_eq!(checked.status.code(), Some(0), "no E0411 with a Pipfile.lock: {}", shown(&checked));
    let built = build(dir.path(), cache.path(), "out");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let names = support::zip_entries(&dir.path().join("out/pythonRequirements.zip"));
    assert!(names.contains(&"python/tinypkg/__init__.py".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("otherpkg")), "develop packages stay out: {names:?}");
}

/// A Poetry project's `poetry.lock` is read (with `poetry export`, its
/// main group) instead of the requirements file, as the plugin prefers
/// Poetry's files.
#[test]
#[ignore = "needs Poetry: run scripts/test"]
fn a_poetry_lock_is_read_with_poetry_export() {
    let poetry_folder = support::root().join(".venv-poetry/bin");
    assert!(poetry_folder.join("poetry").is_file(), "no Poetry in .venv-poetry: run scripts/test, which installs it");
    let dir = service("    layer = true\n", "", "");
    std::fs::remove_file(dir.path().join("requirements.txt")).expect("remove");
    let pyproject = "[tool.poetry]\nname = \"deps\"\nversion = \"0.1.0\"\ndescription = \"\"\nauthors = []\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = \">=3.9\"\ntinypkg = { path = \"wheels/tinypkg-1.0-py3-none-any.whl\" }\n\n[tool.poetry.group.dev.dependencies]\notherpkg = { path = \"wheels/otherpkg-1.0-py3-none-any.whl\" }\n";
    std::fs::write(dir.path().join("pyproject.toml"), pyproject).expect("write");
    let path = support::path_with(&poetry_folder);
    let poetry_cache = tempfile::tempdir().expect("tmp");
    let locked = std::process::Command::new(poetry_folder.join("poetry"))
        .arg("lock")
        .env("POETRY_CACHE_DIR", poetry_cache.path())
        .current_dir(dir.path())
        .output()
        .expect("poetry runs");
    assert!(locked.status.success() && dir.path().join("poetry.lock").is_file(), "poetry lock: {}", shown(&locked));
    let cache = tempfile::tempdir().expect("tmp");
    let checked = svc(dir.path(), cache.path(), &["check", "service.svc"]);
    assert_eq!(checked.status.code(), Some(0), "no E0411 with a poetry.lock: {}", shown(&checked));
    let mut command = command(dir.path(), &["build", "service.svc", "-o", "out"]);
    command.env("XDG_CACHE_HOME", cache.path()).env("PIP_CONFIG_FILE", "/dev/null").env("PATH", path);
    command.env("POETRY_CACHE_DIR", poetry_cache.path());
    let built = command.output().expect("svc runs");
    assert_eq!(built.status.code(), Some(0), "{}", shown(&built));
    let names = support::zip_entries(&dir.path().join("out/pythonRequirements.zip"));
    assert!(names.contains(&"python/tinypkg/__init__.py".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("otherpkg")), "the dev group stays out: {names:?}");
}
