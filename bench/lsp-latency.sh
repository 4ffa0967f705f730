#!/usr/bin/env bash
# The language server's latency and memory (see bench/README.md): builds
# `svc` in release (to measure a real `svc lsp` process's memory), then runs
# the in-process benchmark lsp/benches/lsp-latency, which prints medians of
# didChange → publishDiagnostics, hover and completion on generated
# services of 500 and 5,000 lines. Extra arguments go to the benchmark.
# SVC_LSP_BENCH_RUNS sets the runs per figure (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p svc
target="${CARGO_TARGET_DIR:-$PWD/target}"
SVC_LSP_BENCH_BIN="$target/release/svc" cargo bench --quiet --locked -p svc-lsp --bench lsp-latency "$@"
