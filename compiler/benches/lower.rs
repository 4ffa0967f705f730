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
//! runs one criterion group per stage, each over the three sizes:
//! - `analyse`: [`svc_compiler::analysis::analyse`] (parse, resolve,
//!   check; the check lowers the service once itself, to learn which
//!   resources `ref` and `getAtt` may name);
//! - `lower`: [`svc_compiler::lower::lower`] of the analysed service;
//! - `render`: lowering, then [`svc_compiler::lower::Template::to_string_pretty`]
//!   (the text `svc build` writes);
//! - `build`: `analyse`, then `render`: what `svc build --template-only`
//!   costs, minus process start and file I/O.
//!
//! It then prints a summary from its own timing: each stage's median per
//! size, per function, and the cost ratios 100 → 1,000 and 1,000 → 10,000
//! functions, from medians and from minimums (about 10 when the cost is
//! linear in the number of functions). The summary is skipped with
//! `--test` and `--list`; `SVC_BENCH_SUMMARY_ONLY=1` skips the criterion
//! groups.
//!
//! Targets (a 2-core machine): linear cost; the whole `svc build
//! --template-only` of 200 functions under 50 ms (see
//! `bench/build-vs-serverless.sh`). On this machine the cost per function
//! steps up by about a quarter between 100 and 1,000 functions, where the
//! data of a service outgrows the caches (2 MB L2 per core), and is flat
//! from there: the 1,000 → 10,000 ratio is the one that shows whether the
//! cost is linear.
//!
//! The lowering context has a code package (as `svc build` without
//! `--template-only` gives it), so version hashes include a code hash.

/// The allocator the `svc` binary uses, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use svc_compiler::analysis::{Analysis, analyse};
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
    let context = Context { stage: "dev".to_owned(), package: Some(package), ..Context::default() };
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

fn run_build(input: &Input) -> usize {
    let analysis = analyse(black_box(&input.src), &input.options, &MemoryFiles::default());
    lower::lower(&analysis.service, &input.context).0.to_string_pretty().len()
}

const STAGES: [Stage; 4] = [
    ("analyse", "parse + tree + resolve + check (which lowers once)", run_analyse),
    ("lower", "lower::lower of the analysed service", run_lower),
    ("render", "lower + Template::to_string_pretty", run_render),
    ("build", "analyse + render (svc build --template-only, in process)", run_build),
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

/// Each stage's median and minimum on each size, sizes one at a time (see
/// [`criterion_groups`]), then the cost ratios between sizes.
fn summary() {
    println!();
    println!("== lower: medians of own timing ==");
    println!("{:<9} {:>9} {:>12} {:>14}  what", "stage", "functions", "median", "per function");
    let mut times = Vec::new();
    for &functions in &SIZES {
        let input = input(functions);
        let (lines, bytes) = (input.src.lines().count(), input.src.len());
        println!("{:<9} {functions:>9} {:>12}  generated: {lines} lines, {bytes} bytes, no diagnostics", "", "");
        for &(name, what, run) in &STAGES {
            let (median, minimum) = timing::timings(|| run(&input), Duration::from_millis(1500));
            let per_function = median.as_secs_f64() * 1e6 / functions as f64;
            println!("{name:<9} {functions:>9} {:>12} {per_function:>11.1} µs  {what}", format!("{median:.2?}"));
            times.push((name, functions, median, minimum));
        }
    }
    let find = |stage: &str, functions: usize| times.iter().find(|t| t.0 == stage && t.1 == functions);
    println!();
    println!("cost ratios (10.00 = linear), from medians / from minimums:");
    for (from, to) in [(100, 1_000), (1_000, 10_000)] {
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
}

fn main() {
    timing::run(Duration::from_secs(4), criterion_groups, summary);
}
