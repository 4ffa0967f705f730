//! Any bytes → `decode` → `analysis::analyse` (parse, value tree, variable
//! resolution, schema check) → `print::service` → `to_json` and `to_svc`:
//! never panics (no stack overflow, no endless recursion through `self:` or
//! `file(...)`, no slicing panic), and every span of every diagnostic lies
//! inside the text, on UTF-8 character boundaries. When the analysis finds
//! no error, the canonical svc that `to_svc` prints must parse without
//! syntax errors.
//!
//! `${file(...)}` reads from memory: a few small JSON and YAML files (some
//! with variables inside, one that includes itself) in `/service`, the
//! service's folder. The options (stage, params, environment) are fixed;
//! inputs of odd length run with `--stage prod` and a `--param`, even ones
//! with no stage (so `${sls:stage}` reads `provider.stage`).

#![no_main]

#[path = "common/spans.rs"]
mod spans;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use spans::check_spans;
use svc_compiler::analysis::{analyse, analyse_configuration};
use svc_compiler::files::MemoryFiles;
use svc_compiler::print;
use svc_compiler::resolve::Options;
use svc_compiler::source::decode;

/// The service's folder, where `${file(./x)}` looks.
const BASE: &str = "/service";

static FILES: LazyLock<MemoryFiles> = LazyLock::new(|| {
    let mut files = MemoryFiles::default();
    for (name, text) in [
        (
            "config.json",
            r#"{ "db": { "host": "db.internal", "port": 5432, "ssl": true }, "tags": ["a", "b"], "timeout": 12 }"#,
        ),
        ("extra.json", r#"{ "team": "core", "cost": "shared" }"#),
        ("settings.json", r#"{ "queue": "${self:service}-queue", "timeout": "${self:custom.baseTimeout}" }"#),
        (
            "config.yml",
            "a:\n  b: nested-value\n  c:\n    - one\n    - two\ndev:\n  domain: dev.example.com\n  memory: 256\nflag: yes\nversion: 1.10\n",
        ),
        (
            "settings.yml",
            "tableName: ${self:service}-${sls:stage}-table\nmemory: ${self:custom.baseMemory}\nregion: ${opt:region, 'us-west-2'}\n",
        ),
        ("env-dev.yml", "name: settings-for-dev\nretries: 3\n"),
        ("env-prod.yml", "name: settings-for-prod\nretries: ${file(./env-dev.yml):retries}\n"),
        ("loop.yml", "x: ${file(./loop.yml):x}\ny: ${self:custom.y, 1}\n"),
        ("broken.json", "{ \"a\": [1, 2"),
    ] {
        files.insert(PathBuf::from(BASE).join(name), text);
    }
    files
});

static OPTIONS: LazyLock<[Options; 2]> = LazyLock::new(|| {
    let env: HashMap<String, String> =
        [("APP_NAME", "fuzz"), ("APP_MEMORY", "512"), ("APP_EMPTY", ""), ("HOME", "/root")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
    let unset = Options { env: env.clone(), base_dir: PathBuf::from(BASE), ..Options::default() };
    let prod = Options {
        stage: Some("prod".to_owned()),
        params: vec![("domain".to_owned(), "example.com".to_owned())],
        env,
        base_dir: PathBuf::from(BASE),
        ..Options::default()
    };
    [unset, prod]
});

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    let text = decoded.text.as_str();
    let options = &OPTIONS[data.len() % 2];
    let files = &*FILES;

    let analysis = analyse(text, options, files);
    check_spans(text, "analyse", &analysis.diagnostics);

    let printed = print::service(analyse_configuration(text, options, files));
    check_spans(text, "print::service", &printed.diagnostics);
    let json = print::to_json(&printed.tree);
    let svc = print::to_svc(&printed.tree);
    std::hint::black_box(&json);

    if !analysis.diagnostics.iter().any(|d| d.is_error()) {
        let reparsed = svc_compiler::parse(&svc);
        assert!(
            !reparsed.has_errors(),
            "`to_svc` printed svc with syntax errors: {:#?}\n--- source ---\n{text}\n--- to_svc ---\n{svc}",
            reparsed.diagnostics
        );
    }
});
