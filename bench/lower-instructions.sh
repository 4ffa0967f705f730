#!/usr/bin/env bash
# Instructions executed by lowering (`lower`) and by the whole in-process
# `svc build --template-only` (`build`: analyse + lower + render), on the
# generated services of 10, 100, 1,000 and 10,000 functions of the
# compiler's `lower` benchmark, counted by callgrind: one run of the stage
# per size, nothing else counted (`--toggle-collect`). Prints instructions
# per function and the ratios between sizes: 10.00 is linear. Unlike time,
# no machine load and no cache disturbs this count, so it shows whether the
# work is linear; `cargo bench -p svc-compiler --bench lower` gives the
# time. See bench/README.md.
#
#   bench/lower-instructions.sh               # lower and build, ~4 min
#   STAGES=lower SIZES="100 1000" bench/lower-instructions.sh
#
# Installs valgrind with apt-get when it is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
stages=${STAGES:-lower build}
sizes=${SIZES:-10 100 1000 10000}

need_python3
if ! have valgrind; then
    say "installing valgrind"
    apt_install valgrind
fi
say "building the lower benchmark"
bench=$(cd "$root" && cargo bench --locked -p svc-compiler --bench lower --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "lower" and m.get("executable"):
        print(m["executable"])')

# Instructions of one run of a stage: `count STAGE FUNCTIONS`.
count() {
    local out
    out=$(mktemp)
    SVC_BENCH_ONCE="$1:$2" valgrind --tool=callgrind --callgrind-out-file="$out" \
        --collect-atstart=no --toggle-collect='*measured*' "$bench" >/dev/null 2>&1
    python3 -c 'import sys
for line in open(sys.argv[1]):
    if line.startswith("summary:") or line.startswith("totals:"):
        print(line.split()[1]); break' "$out"
    rm -f "$out"
}

printf '%-6s %9s %16s %14s %10s\n' stage functions instructions "per function" ratio
for stage in $stages; do
    previous=
    for n in $sizes; do
        say "$stage, $n functions"
        instructions=$(count "$stage" "$n")
        ratio=${previous:+$(python3 -c "print(f'{$instructions / $previous:.2f}')")}
        printf '%-6s %9s %16s %14s %10s\n' "$stage" "$n" \
            "$(python3 -c "print(f'{$instructions:,}')")" \
            "$(python3 -c "print(f'{$instructions / $n:,.0f}')")" "${ratio:-}"
        previous=$instructions
    done
done
