//! Speed of lowering a checked service to its CloudFormation template
//! ([`svc_compiler::lower::lower`]), on generated services of 10, 100,
//! 1,000 and 10,000 functions (see `generate/functions.rs`: variables on
//! every function and an `httpApi` event each).
//!
//! ```text
//! cargo bench -p svc-compiler --bench lower
//! SVC_BENCH_SUMMARY_ONLY=1 cargo bench -p svc-compiler --bench lower
//! ```
//!
//! runs one criterion group per size, each over the stages:
//! - `analyse`: [`svc_compiler::analysis::analyse`], what `svc check` and
//!   the editor run (parse, resolve, check, and a lowering for names: the
//!   resources `ref` and `getAtt` may name, and what lowering refuses);
//! - `lower`: [`svc_compiler::lower::lower`] of the analysed service;
//! - `render`: lowering, then [`svc_compiler::lower::Template::to_string_pretty`]
//!   (the text `svc build` writes);
//! - `build`: [`svc_compiler::analysis::analyse_for_build`] (no lowering
//!   for names unless a reference needs one), then `render`: what
//!   `svc build --template-only` costs, minus process start and file I/O;
//! - `copy`, a reference: a clone of the analysed service, work that is
//!   linear by construction.
//!
//! It then prints a summary from its own timing, every stage and size
//! interleaved so that the machine's changing load weighs on each alike:
//! each stage's median per size and per function, and the cost ratios
//! 10 → 100, 100 → 1,000 and 1,000 → 10,000 functions, from medians and
//! from minimums (about 10 when the cost is linear in the number of
//! functions). The summary is skipped with `--test` and `--list`;
//! `SVC_BENCH_SUMMARY_ONLY=1` skips the criterion groups.
//! `bench/lower-instructions.sh` counts instructions instead, which no
//! load disturbs.
//!
//! Targets (a 2-core machine): linear cost; the whole `svc build
//! --template-only` of 200 functions under 50 ms (see
//! `bench/build-vs-serverless.sh`). In time, the cost per function steps
//! up between 100 and 1,000 functions, where a service's data outgrows
//! the caches (2 MB of L2 per core here); `copy` shows the machine's own
//! step there, which every stage meets.
//!
//! The lowering context has a code package (as `svc build` without
//! `--template-only` gives it), so version hashes include a code hash.

/// The allocator the `svc` binary uses, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use svc_compiler::analysis::{Analysis, analyse, analyse_for_build};
use svc_compiler::files::MemoryFiles;
use svc_compiler::lower::{self, Artifact, Context};
use svc_compiler::resolve::Options;

#[path = "generate/functions.rs"]
mod functions;
mod timing;

/// Function counts of the generated services.
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// One generated service, analysed.
struct Input {
    /// The source.
    src: String,
    /// Stage, params and environment (none set: the service's defaults).
    options: Options,
    /// `analyse` of the source, for the lowering-only stages.
    analysis: Analysis,
    /// What lowering is given besides the service.
    context: Context,
}

fn input(functions: usize) -> Input {
    let src = functions::service(functions);
    let options = Options { base_dir: "/service".into(), ..Options::default() };
    let analysis = analyse(&src, &options, &MemoryFiles::default());
    assert!(
        analysis.diagnostics.is_empty(),
        "the generated {functions}-function service must analyse with no diagnostic, got {:#?}",
        analysis.diagnostics.iter().take(10).collect::<Vec<_>>()
    );
    let package = Artifact {
        s3_key: "serverless/bench-service/dev/code-artifacts/0123456789abcdef/bench-service.zip".to_owned(),
        sha256: "pyhkQXh5yzWHw5DSWc30V8aYSPkWgDY5igqPiprvtWE=".to_owned(),
    };
    let context = Context { settings: analysis.settings.clone(), package: Some(package), ..Context::default() };
    let (template, diagnostics) = lower::lower(&analysis.service, &context);
    assert!(diagnostics.is_empty(), "lowering must report no diagnostic, got {diagnostics:#?}");
    let lambdas = template.resource_types().filter(|(_, kind)| *kind == "AWS::Lambda::Function").count();
    assert_eq!(lambdas, functions, "every generated function must be lowered");
    Input { src, options, analysis, context }
}

/// A benchmarked stage: its name, what it does, and the work of one run.
type Stage = (&'static str, &'static str, fn(&Input) -> usize);

fn run_analyse(input: &Input) -> usize {
    analyse(black_box(&input.src), &input.options, &MemoryFiles::default()).diagnostics.len()
}

fn run_lower(input: &Input) -> usize {
    lower::lower(black_box(&input.analysis.service), &input.context).1.len()
}

fn run_render(input: &Input) -> usize {
    lower::lower(black_box(&input.analysis.service), &input.context).0.to_string_pretty().len()
}

fn run_copy(input: &Input) -> usize {
    black_box(&input.analysis.service).clone().span.end as usize
}

fn run_build(input: &Input) -> usize {
    let analysis = analyse_for_build(black_box(&input.src), &input.options, &MemoryFiles::default());
    lower::lower(&analysis.service, &input.context).0.to_string_pretty().len()
}

const STAGES: [Stage; 5] = [
    ("analyse", "parse + tree + resolve + check + lowering for names (svc check)", run_analyse),
    ("lower", "lower::lower of the analysed service", run_lower),
    ("render", "lower + Template::to_string_pretty", run_render),
    ("build", "analyse_for_build + render (svc build --template-only, in process)", run_build),
    ("copy", "reference: a copy of the analysed service (linear by construction)", run_copy),
];

/// One criterion group per size (`lower/<n>-functions`), with a benchmark
/// per stage. Each size is generated, measured and dropped in turn, so
/// that only its own data is in memory while it is measured (as in a
/// `svc build`, which builds one service).
fn criterion_groups(c: &mut Criterion) {
    for &functions in &SIZES {
        let input = input(functions);
        let mut group = c.benchmark_group(format!("lower/{functions}-functions"));
        group.throughput(Throughput::Elements(functions as u64));
        group.sample_size(match functions {
            10_000.. => 10,
            1_000.. => 20,
            _ => 50,
        });
        for &(name, _, run) in &STAGES {
            group.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| b.iter(|| run(input)));
        }
        group.finish();
    }
}

/// Each stage's median and minimum on each size, all of them interleaved
/// (see [`timing::interleaved`]; a sample is one call, or at least 1,000
/// functions' worth of calls), then the cost ratios between sizes.
fn summary() {
    let inputs: Vec<Input> = SIZES.iter().map(|&functions| input(functions)).collect();
    println!();
    println!("== lower: own timing, stages and sizes interleaved ==");
    for (functions, input) in SIZES.iter().zip(&inputs) {
        let (lines, bytes) = (input.src.lines().count(), input.src.len());
        println!("{functions:>6} functions: {lines} lines, {bytes} bytes, no diagnostics");
    }
    println!("{:<9} {:>9} {:>12} {:>14}  what", "stage", "functions", "median", "per function");
    let jobs: Vec<(Stage, usize)> =
        STAGES.iter().flat_map(|&stage| (0..SIZES.len()).map(move |i| (stage, i))).collect();
    let calls: Vec<u32> = jobs.iter().map(|&(_, i)| (1_000 / SIZES[i]).max(1) as u32).collect();
    let measured = timing::interleaved(&calls, Duration::from_secs(30), |job| (jobs[job].0.2)(&inputs[jobs[job].1]));
    let mut times: Vec<Timed> = Vec::new();
    for (&((name, what, _), i), (median, minimum)) in jobs.iter().zip(measured) {
        let functions = SIZES[i];
        let per_function = median.as_secs_f64() * 1e6 / functions as f64;
        println!("{name:<9} {functions:>9} {:>12} {per_function:>11.2} µs  {what}", format!("{median:.2?}"));
        times.push((name, functions, median, minimum));
    }
    print_ratios(&times);
}

/// One stage's median and minimum time on one size.
type Timed = (&'static str, usize, Duration, Duration);

/// The cost ratios between consecutive sizes, per stage.
fn print_ratios(times: &[Timed]) {
    let find = |stage: &str, functions: usize| times.iter().find(|t| t.0 == stage && t.1 == functions);
    println!();
    println!("cost ratios (10.00 = linear), from medians / from minimums:");
    for (from, to) in [(10, 100), (100, 1_000), (1_000, 10_000)] {
        for &(stage, _, _) in &STAGES {
            if let (Some(a), Some(b)) = (find(stage, from), find(stage, to)) {
                let ratio = |x: Duration, y: Duration| y.as_secs_f64() / x.as_secs_f64();
                println!(
                    "{from:>6} -> {to:>6} functions, {stage:<9} {:>6.2} / {:>6.2}",
                    ratio(a.2, b.2),
                    ratio(a.3, b.3)
                );
            }
        }
    }
    println!();
    println!("`copy` does work linear by construction: its ratios above 10 are this machine's");
    println!("memory hierarchy (the data outgrowing its caches), which every stage meets too.");
}

/// `SVC_BENCH_ONCE=<stage>:<functions>`: generates that service and runs
/// that stage once, in [`measured`], for `bench/lower-instructions.sh` to
/// count its instructions with callgrind.
fn run_once(spec: &str) {
    let stage = spec.split_once(':').and_then(|(stage, functions)| {
        let run = STAGES.iter().find(|s| s.0 == stage)?.2;
        Some((run, functions.parse::<usize>().ok()?))
    });
    let Some((run, functions)) = stage else {
        let names: Vec<_> = STAGES.iter().map(|s| s.0).collect();
        panic!("SVC_BENCH_ONCE is <stage>:<functions>, a stage of {names:?}, got {spec:?}");
    };
    measured(run, &input(functions));
}

/// One run of a stage, kept out of line so that callgrind can count it
/// alone (`--toggle-collect=*measured*`).
#[inline(never)]
fn measured(run: fn(&Input) -> usize, input: &Input) -> usize {
    black_box(run(black_box(input)))
}

fn main() {
    match std::env::var("SVC_BENCH_ONCE") {
        Ok(spec) => run_once(&spec),
        Err(_) => timing::run(Duration::from_secs(4), criterion_groups, summary),
    }
}
