//! Speed of the whole front end on a generated 500-function service (see
//! `generate/functions.rs`): parse, value tree, variable resolution and
//! schema check ([`svc_compiler::analysis::analyse`]), then what `svc
//! print` adds: normalisation ([`svc_compiler::print::service`]) and
//! rendering ([`svc_compiler::print::to_json`], [`svc_compiler::print::to_svc`]).
//!
//! ```text
//! cargo bench -p svc-compiler --bench service
//! ```
//!
//! runs one criterion group, `service`, with the input size as throughput,
//! and these stages:
//! - `analyse`: `analysis::analyse` (what `svc check` costs);
//! - `print_service`: `print::service` (`analyse` + normalisation);
//! - `to_json` / `to_svc`: rendering the already normalised tree;
//! - `print_json` / `print_svc`: `print::service` then `to_json` / `to_svc`
//!   (what `svc print --format json|svc` costs, minus process start and I/O);
//! - `all`: `print::service` then both `to_json` and `to_svc`.
//!
//! It then prints a summary of medians from its own timing: every stage
//! above, then each phase of `print::service` alone (parse, value tree,
//! resolve, check, normalise), to show where the time goes. The summary is
//! skipped with `--test` and `--list`; the environment variable
//! `SVC_BENCH_SUMMARY_ONLY=1` skips the criterion group.
//!
//! Target (a 2-core machine): check + resolve + print of the 500-function
//! service (`all`) in under 20 ms median.
//!
//! `SVC_BENCH_WRITE_SERVICE=path` also writes the generated service there.
//!
//! The inputs are fixed: stage unset (so `dev`), one `--param`, a few
//! environment variables (the real environment is not read) and two
//! in-memory files, so figures are comparable from run to run.

/// The allocator the `svc` binary uses, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use svc_compiler::analysis::{self, analyse, analyse_configuration};
use svc_compiler::files::MemoryFiles;
use svc_compiler::print::{self, Printed};
use svc_compiler::resolve::{self, Options};
use svc_compiler::syntax::Parse;
use svc_compiler::tree::{self, Node};
use svc_compiler::{Settings, check, parse};

#[path = "generate/functions.rs"]
mod functions;
mod timing;

/// The number of functions of the benchmarked service.
const FUNCTIONS: usize = 500;

/// The generated service and everything its analysis reads.
struct Input {
    /// The source.
    src: String,
    /// Its line count.
    lines: usize,
    /// Stage, params and environment.
    options: Options,
    /// `${file(...)}`'s files (none is read by the generated service; they
    /// are there as in a real project).
    files: MemoryFiles,
    /// `print::service` of the source, for the rendering-only stages.
    printed: Printed,
    /// The inputs of each phase of `analyse`, for the breakdown.
    phases: Phases,
}

/// What each phase of `analyse` starts from (computed once).
struct Phases {
    /// The syntax tree.
    parse: Parse,
    /// The value tree, before resolution.
    tree: Node,
    /// The resolved tree, before the check.
    resolved: Node,
    /// The checked tree, before normalisation.
    checked: Node,
    /// What the service resolved to.
    settings: Settings,
}

fn input() -> Input {
    let src = functions::service(FUNCTIONS);
    let options = Options {
        params: vec![("logLevel".to_owned(), "error".to_owned())],
        env: HashMap::from([
            ("LOG_LEVEL".to_owned(), "info".to_owned()),
            ("BENCH_FEATURE".to_owned(), "on".to_owned()),
            ("BENCH_REGION_7".to_owned(), "eu-west-1".to_owned()),
            ("HOME".to_owned(), "/home/bench".to_owned()),
        ]),
        base_dir: "/service".into(),
        ..Options::default()
    };
    let mut files = MemoryFiles::default();
    files.insert("/service/config.json", r#"{ "db": { "host": "localhost", "port": 5432 } }"#);
    files.insert("/service/config.yml", "db:\n  host: localhost\n  port: 5432\n");
    // Each function's handler file, which the check looks up.
    for i in 0..FUNCTIONS {
        files.insert(format!("/service/src/f{i}/handler.py"), "def main(event, context):\n    return event\n");
    }
    let analysis = analyse(&src, &options, &files);
    assert!(
        analysis.diagnostics.is_empty(),
        "the generated service must analyse with no diagnostic, got {} ({:#?})",
        analysis.diagnostics.len(),
        analysis.diagnostics.iter().take(10).collect::<Vec<_>>()
    );
    let printed = print::service(analyse_configuration(&src, &options, &files));
    assert!(printed.diagnostics.is_empty(), "print::service must report no diagnostic either");
    let functions = print::to_json(&printed.tree)["functions"].as_object().map_or(0, serde_json::Map::len);
    assert_eq!(functions, FUNCTIONS, "every generated function must be printed");
    let parsed = parse(&src);
    let (tree, _) = tree::from_syntax(&parsed.file);
    let (resolved, _) = resolve::resolve(tree.clone(), &options, &files);
    let (checked, _) = check::check(resolved.clone());
    let settings = Settings::new(&checked, &options);
    let phases = Phases { parse: parsed, tree, resolved, checked, settings };
    Input { lines: src.lines().count(), src, options, files, printed, phases }
}

/// A benchmarked stage: its name and the work of one run.
type Stage = (&'static str, fn(&Input) -> usize);

fn run_parse(input: &Input) -> usize {
    parse(black_box(&input.src)).file.items.len()
}

fn run_tree(input: &Input) -> usize {
    tree::from_syntax(black_box(&input.phases.parse.file)).1.len()
}

/// Resolution, with the copy of the value tree it takes in.
fn run_resolve(input: &Input) -> usize {
    resolve::resolve(black_box(input.phases.tree.clone()), &input.options, &input.files).1.len()
}

/// The schema check, then references and rules, as every analysis runs
/// them.
fn run_check(input: &Input) -> usize {
    let (checked, diagnostics) = check::check(black_box(input.phases.resolved.clone()));
    let settings = &input.phases.settings;
    let references = check::check_references(&checked, &mut || Arc::new(analysis::lower_for_names(&checked, settings)));
    diagnostics.len() + references.len() + check::check_rules(&checked).len()
}

fn run_normalise(input: &Input) -> usize {
    // The clone is part of the figure (`normalise` takes the tree by value),
    // as it is of `print::service`.
    print::normalise(black_box(input.phases.checked.clone()), &input.phases.settings)
        .as_object()
        .map_or(0, |o| o.entries().len())
}

/// The phases of `print::service`, one by one (summary only).
const PHASES: [Stage; 5] = [
    ("parse", run_parse),
    ("tree", run_tree),
    ("resolve", run_resolve),
    ("check", run_check),
    ("normalise", run_normalise),
];

fn run_analyse(input: &Input) -> usize {
    analyse(black_box(&input.src), &input.options, &input.files).diagnostics.len()
}

fn run_print_service(input: &Input) -> usize {
    print::service(analyse_configuration(black_box(&input.src), &input.options, &input.files)).deferred.len()
}

fn run_to_json(input: &Input) -> usize {
    print::to_json(black_box(&input.printed.tree)).as_object().map_or(0, serde_json::Map::len)
}

fn run_to_svc(input: &Input) -> usize {
    print::to_svc(black_box(&input.printed.tree)).len()
}

fn run_print_json(input: &Input) -> usize {
    let printed = print::service(analyse_configuration(black_box(&input.src), &input.options, &input.files));
    print::to_json(&printed.tree).as_object().map_or(0, serde_json::Map::len)
}

fn run_print_svc(input: &Input) -> usize {
    let printed = print::service(analyse_configuration(black_box(&input.src), &input.options, &input.files));
    print::to_svc(&printed.tree).len()
}

fn run_all(input: &Input) -> usize {
    let printed = print::service(analyse_configuration(black_box(&input.src), &input.options, &input.files));
    let json = print::to_json(&printed.tree);
    let svc = print::to_svc(&printed.tree);
    json.as_object().map_or(0, serde_json::Map::len) + svc.len()
}

const STAGES: [Stage; 7] = [
    ("analyse", run_analyse),
    ("print_service", run_print_service),
    ("to_json", run_to_json),
    ("to_svc", run_to_svc),
    ("print_json", run_print_json),
    ("print_svc", run_print_svc),
    ("all", run_all),
];

fn criterion_group(c: &mut Criterion, input: &Input) {
    let mut group = c.benchmark_group("service");
    group.throughput(Throughput::BytesDecimal(input.src.len() as u64));
    group.sample_size(50);
    for &(name, run) in &STAGES {
        let id = BenchmarkId::new(name, format!("{}-functions", FUNCTIONS));
        group.bench_with_input(id, input, |b, input| b.iter(|| run(input)));
    }
    group.finish();
}

fn summary(input: &Input) {
    println!();
    println!(
        "== service: medians of own timing, {} functions, {} lines, {} bytes (1 MB = 10^6 bytes) ==",
        FUNCTIONS,
        input.lines,
        input.src.len()
    );
    println!("{:<14} {:>12} {:>10}  what", "stage", "median", "MB/s");
    let budget = Duration::from_millis(2000);
    let mut medians = Vec::new();
    for &(name, run) in &STAGES {
        let time = timing::timings(|| run(input), budget).0;
        let what = match name {
            "analyse" => "parse + tree + resolve + check",
            "print_service" => "analyse + normalise",
            "to_json" => "render JSON (tree given)",
            "to_svc" => "render svc (tree given)",
            "print_json" => "print_service + to_json",
            "print_svc" => "print_service + to_svc",
            _ => "print_service + to_json + to_svc",
        };
        println!(
            "{name:<14} {:>12} {:>10.1}  {what}",
            format!("{time:.2?}"),
            input.src.len() as f64 / time.as_secs_f64() / 1e6
        );
        medians.push((name, time));
    }
    println!();
    println!("phases of print_service, one by one, each on the previous phase's output");
    println!("(analyse also checks the text of `sub(...)` calls: not timed alone, well under 1 ms):");
    let mut total = Duration::ZERO;
    for &(name, run) in &PHASES {
        let time = timing::timings(|| run(input), budget / 2).0;
        total += time;
        println!("  {name:<14} {:>12}", format!("{time:.2?}"));
        medians.push((name, time));
    }
    println!("  {:<14} {:>12}", "sum", format!("{total:.2?}"));
    let find = |stage: &str| medians.iter().find(|m| m.0 == stage).map(|m| m.1).unwrap_or_default();
    println!();
    println!(
        "per stage: analyse {:.2?}, normalise {:.2?}, print json (to_json) {:.2?}, print svc (to_svc) {:.2?}",
        find("analyse"),
        find("normalise"),
        find("to_json"),
        find("to_svc")
    );
    println!(
        "check + resolve + print ({} functions, JSON and svc): {:.2?} (target < 20 ms), {:.1} µs per function",
        FUNCTIONS,
        find("all"),
        find("all").as_secs_f64() * 1e6 / FUNCTIONS as f64
    );
}

fn main() {
    let input = input();
    if let Some(path) = std::env::var_os("SVC_BENCH_WRITE_SERVICE") {
        // To look at (or `svc print`) the generated service.
        std::fs::write(&path, &input.src).expect("write the generated service");
    }
    println!(
        "generated service: {} functions, {} lines, {} bytes; analyses with 0 diagnostics",
        FUNCTIONS,
        input.lines,
        input.src.len()
    );
    timing::run(Duration::from_secs(5), |c| criterion_group(c, &input), || summary(&input));
}
