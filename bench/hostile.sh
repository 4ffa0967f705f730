#!/usr/bin/env bash
# The stress table of issue 14 (see bench/README.md): builds `svc` in
# release, then bench/hostile.py generates each hostile input into a
# temporary folder and runs it through check, print, build, fmt --check
# and a language-server session, each under `timeout 60` and
# `ulimit -v` 4 GiB, ROUNDS times (3), printing exit code, median wall
# time and median peak RSS. Arguments pick inputs by name (all by
# default). Exits 1 when a row is over target.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_python3
build_svc
work=$(mktemp -d "${TMPDIR:-/tmp}/svc-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/hostile.py" "$svc" "$work" "$@" | tee "$results/hostile.txt"
