//! Speed of the syntax stage on generated services of ~100, ~1,000 and
//! ~10,000 lines (see `generate/mod.rs`).
//!
//! ```text
//! cargo bench -p svc-compiler --bench syntax
//! ```
//!
//! runs three criterion groups, each with the input size as throughput (so
//! criterion prints MB/s):
//! - `lex`: the lexer alone ([`svc_compiler::syntax::lex_only`]);
//! - `parse`: [`svc_compiler::parse`] (lexing included);
//! - `format`: [`svc_compiler::format::format_source`], which parses and
//!   then prints: the whole cost of formatting a file.
//!
//! It then prints a summary from its own timing: for every stage and size
//! the median time of one run and its MB/s (and the minimum), the time to
//! parse and format the 10,000-line file, and the 1k → 10k cost ratio
//! (about 10 when the cost is linear; also shown per line, 1.0 = linear),
//! from the medians and from the minimums, which a loaded machine disturbs
//! less. The summary is
//! skipped with `--test` and `--list`; the environment variable
//! `SVC_BENCH_SUMMARY_ONLY=1` skips the criterion groups.
//!
//! Targets (a 2-core machine): parse ≥ 50 MB/s, 10,000 lines parsed and
//! formatted in under 10 ms, linear cost.

/// The allocator the `svc` binary uses, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use svc_compiler::format::format_source;
use svc_compiler::parse;
use svc_compiler::syntax::lex_only;

mod generate;
mod timing;

/// Target line counts of the generated services.
const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// One generated service, checked to be valid.
struct Input {
    /// The line count asked for (the name in the benchmark ids).
    target: usize,
    /// The line count generated.
    lines: usize,
    /// The source.
    src: String,
}

fn inputs() -> Vec<Input> {
    SIZES
        .iter()
        .map(|&target| {
            let src = generate::service(target);
            let parsed = parse(&src);
            assert!(
                parsed.diagnostics.is_empty(),
                "the generated {target}-line service must parse cleanly, got {:#?}",
                parsed.diagnostics
            );
            assert!(format_source(&src).is_ok(), "the generated {target}-line service must format");
            Input { target, lines: src.lines().count(), src }
        })
        .collect()
}

/// A benchmarked stage: its name and the work of one run.
type Stage = (&'static str, fn(&str) -> usize);

fn run_lex(src: &str) -> usize {
    lex_only(src)
}

fn run_parse(src: &str) -> usize {
    parse(src).file.items.len()
}

fn run_format(src: &str) -> usize {
    format_source(src).map_or(0, |s| s.len())
}

const STAGES: [Stage; 3] = [("lex", run_lex), ("parse", run_parse), ("format", run_format)];

fn criterion_groups(c: &mut Criterion, inputs: &[Input]) {
    for &(name, run) in &STAGES {
        let mut group = c.benchmark_group(name);
        for input in inputs {
            group.throughput(Throughput::BytesDecimal(input.src.len() as u64));
            group.sample_size(if input.target >= 10_000 { 30 } else { 100 });
            let id = BenchmarkId::new(name, format!("{}-lines", input.target));
            group.bench_with_input(id, input.src.as_str(), |b, src| b.iter(|| run(black_box(src))));
        }
        group.finish();
    }
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / time.as_secs_f64() / 1e6
}

fn summary(inputs: &[Input]) {
    println!();
    println!("== syntax: medians of own timing (1 MB = 10^6 bytes) ==");
    println!("{:<13} {:>7} {:>9} {:>12} {:>10} {:>12}", "stage", "lines", "bytes", "median", "MB/s", "min");
    let budget = Duration::from_millis(1500);
    let mut medians = Vec::new();
    for &(name, run) in &STAGES {
        for input in inputs {
            let (time, min) = timing::timings(|| run(black_box(&input.src)), budget);
            println!(
                "{name:<13} {:>7} {:>9} {:>12} {:>10.1} {:>12}",
                input.lines,
                input.src.len(),
                format!("{time:.2?}"),
                mb_per_s(input.src.len(), time),
                format!("{min:.2?}"),
            );
            medians.push((name, input.target, input.lines, time, min));
        }
    }
    let find = |stage: &str, target: usize| medians.iter().find(|m| m.0 == stage && m.1 == target).map(|m| (m.2, m.3));
    let find_min = |stage: &str, target: usize| medians.iter().find(|m| m.0 == stage && m.1 == target).map(|m| m.4);
    println!();
    for &(stage, _) in &STAGES {
        if let (Some((l1, t1)), Some((l10, t10))) = (find(stage, 1_000), find(stage, 10_000)) {
            let ratio = t10.as_secs_f64() / t1.as_secs_f64();
            let lines = l10 as f64 / l1 as f64;
            let min_ratio = match (find_min(stage, 1_000), find_min(stage, 10_000)) {
                (Some(m1), Some(m10)) => m10.as_secs_f64() / m1.as_secs_f64(),
                _ => f64::NAN,
            };
            println!(
                "1k -> 10k cost ratio, {stage:<13} {ratio:>6.2} for {lines:.2}x the lines (per line {:.2}, 1.00 = linear); from minimums {min_ratio:.2} (per line {:.2})",
                ratio / lines,
                min_ratio / lines
            );
        }
    }
    if let (Some((lines, format)), Some((_, parse))) = (find("format", 10_000), find("parse", 10_000)) {
        println!();
        println!(
            "{lines}-line file parsed + formatted (format_source): {format:.2?} (target < 10 ms); printing alone ~{:.2?}",
            format.saturating_sub(parse)
        );
    }
    if let Some((_, time)) = find("parse", 10_000) {
        let input = inputs.iter().find(|i| i.target == 10_000).map_or(0, |i| i.src.len());
        println!("parse throughput on {} bytes: {:.1} MB/s (target >= 50 MB/s)", input, mb_per_s(input, time));
    }
}

fn main() {
    let inputs = inputs();
    for input in &inputs {
        println!("generated service: {} lines, {} bytes", input.lines, input.src.len());
    }
    timing::run(Duration::from_secs(4), |c| criterion_groups(c, &inputs), || summary(&inputs));
}
