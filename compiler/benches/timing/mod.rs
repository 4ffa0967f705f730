//! The benchmarks' own timing, for their summaries: the median and the
//! minimum of many batched runs, independent of criterion's statistics.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;

/// Median and minimum time of one call of `run`, timed over about
/// `budget`. On a loaded machine the minimum is the steadier figure: a
/// 10 ms run is preempted far more often than a 0.3 ms one, which inflates
/// the median of a large input and so the ratios between sizes.
///
/// Warms up for 200 ms (at least three calls), then sizes batches so that
/// one sample takes about 1 ms, and takes between 11 and 501 samples.
#[allow(dead_code, reason = "each benchmark uses `timings` or `interleaved`")]
pub fn timings(mut run: impl FnMut() -> usize, budget: Duration) -> (Duration, Duration) {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(200) || calls < 3 {
        black_box(run());
        calls += 1;
    }
    let per_call = start.elapsed() / calls;
    let batch = (Duration::from_millis(1).as_nanos() / per_call.as_nanos().max(1)).clamp(1, 10_000) as u32;
    let samples = (budget.as_nanos() / (per_call.as_nanos() * u128::from(batch)).max(1)).clamp(11, 501) as usize;
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                black_box(run());
            }
            t.elapsed() / batch
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0])
}

/// Median and minimum time of one call of `run(i)` for every input `i` in
/// `0..calls.len()`, taken in rounds of one sample per input in turn (a
/// sample is `calls[i]` calls, timed together). The machine's load drifts
/// over a measurement; interleaving makes it weigh on every input alike,
/// so the ratios between inputs hold where timing one input after the
/// other would mix the drift into them.
///
/// One round warms up, then rounds run for about `budget` (between 11 and
/// 501 of them).
#[allow(dead_code, reason = "each benchmark uses `timings` or `interleaved`")]
pub fn interleaved(calls: &[u32], budget: Duration, mut run: impl FnMut(usize) -> usize) -> Vec<(Duration, Duration)> {
    let mut sample = |i: usize| {
        let t = Instant::now();
        for _ in 0..calls[i] {
            black_box(run(i));
        }
        t.elapsed() / calls[i]
    };
    let start = Instant::now();
    for i in 0..calls.len() {
        black_box(sample(i));
    }
    let rounds = (budget.as_nanos() / start.elapsed().as_nanos().max(1)).clamp(11, 501);
    let mut times = vec![Vec::new(); calls.len()];
    for _ in 0..rounds {
        for (i, samples) in times.iter_mut().enumerate() {
            samples.push(sample(i));
        }
    }
    times
        .into_iter()
        .map(|mut samples| {
            samples.sort();
            (samples[samples.len() / 2], samples[0])
        })
        .collect()
}

/// What a benchmark's `main` does after generating its inputs: criterion's
/// groups (`groups`, each measured for `measurement`; skipped when
/// `SVC_BENCH_SUMMARY_ONLY` is set), then the summary of its own timing
/// (skipped with `--test` and `--list`).
pub fn run(measurement: Duration, groups: impl FnOnce(&mut Criterion), summary: impl FnOnce()) {
    if std::env::var_os("SVC_BENCH_SUMMARY_ONLY").is_none() {
        let mut c = Criterion::default().measurement_time(measurement).configure_from_args();
        groups(&mut c);
        c.final_summary();
    }
    if !std::env::args().any(|a| a == "--test" || a == "--list") {
        summary();
    }
}
