//! Speed of lowering a checked service to its CloudFormation template
//! ([`svc_compiler::lower::lower`]), on generated services of 10, 100 and
//! 1,000 functions (see `generate/functions.rs`: variables on every
//! function and an `httpApi` event each).
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
//! size, per function, and the 100 → 1,000 cost ratio (about 10 when the
//! cost is linear in the number of functions). The summary is skipped with
//! `--test` and `--list`; `SVC_BENCH_SUMMARY_ONLY=1` skips the criterion
//! groups.
//!
//! Targets (a 2-core machine): linear cost; the whole `svc build
//! --template-only` of 200 functions under 50 ms (see
//! `bench/build-vs-serverless.sh`).
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
const SIZES: [usize; 3] = [10, 100, 1_000];

/// One generated service, analysed.
struct Input {
    /// Its function count.
    functions: usize,
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
    Input { functions, src, options, analysis, context }
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

fn criterion_groups(c: &mut Criterion, inputs: &[Input]) {
    for &(name, _, run) in &STAGES {
        let mut group = c.benchmark_group(format!("lower/{name}"));
        for input in inputs {
            group.throughput(Throughput::Elements(input.functions as u64));
            group.sample_size(if input.functions >= 1_000 { 20 } else { 50 });
            let id = BenchmarkId::from_parameter(format!("{}-functions", input.functions));
            group.bench_with_input(id, input, |b, input| b.iter(|| run(input)));
        }
        group.finish();
    }
}

fn summary(inputs: &[Input]) {
    println!();
    println!("== lower: medians of own timing ==");
    println!("{:<9} {:>9} {:>12} {:>14}  what", "stage", "functions", "median", "per function");
    let mut medians = Vec::new();
    for &(name, what, run) in &STAGES {
        for input in inputs {
            let time = timing::timings(|| run(input), Duration::from_millis(1500)).0;
            let per_function = time.as_secs_f64() * 1e6 / input.functions as f64;
            println!(
                "{name:<9} {:>9} {:>12} {:>11.1} µs  {what}",
                input.functions,
                format!("{time:.2?}"),
                per_function
            );
            medians.push((name, input.functions, time));
        }
    }
    let find = |stage: &str, functions: usize| medians.iter().find(|m| m.0 == stage && m.1 == functions).map(|m| m.2);
    println!();
    for &(stage, _, _) in &STAGES {
        if let (Some(t100), Some(t1000)) = (find(stage, 100), find(stage, 1_000)) {
            let ratio = t1000.as_secs_f64() / t100.as_secs_f64();
            println!("100 -> 1,000 functions cost ratio, {stage:<9} {ratio:>6.2} (10.00 = linear)");
        }
    }
}

fn main() {
    let inputs: Vec<Input> = SIZES.iter().map(|&n| input(n)).collect();
    for input in &inputs {
        println!(
            "generated service: {} functions, {} lines, {} bytes; analyses and lowers with 0 diagnostics",
            input.functions,
            input.src.lines().count(),
            input.src.len()
        );
    }
    timing::run(Duration::from_secs(4), |c| criterion_groups(c, &inputs), || summary(&inputs));
}
