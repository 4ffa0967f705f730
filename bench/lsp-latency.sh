#!/usr/bin/env bash
# The language server's latency and memory (see bench/README.md): builds
# `svc` in release (to measure a real `svc lsp` process's memory), then runs
# the in-process benchmark lsp/benches/lsp-latency, which prints medians of
# didChange → publishDiagnostics, hover and completion on generated
# services of 500 and 5,000 lines. Extra arguments go to the benchmark.
# SVC_LSP_BENCH_RUNS sets the runs per figure (default 200).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_svc
cd "$root"
SVC_LSP_BENCH_BIN=$svc cargo bench --quiet --locked -p svc-lsp --bench lsp-latency "$@"
