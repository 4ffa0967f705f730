#!/usr/bin/env bash
# `svc deploy` against moto (a local AWS) on loopback, timed as whole
# processes with hyperfine: a first deploy (stack created from nothing) and
# a no-change deploy (the common case in CI). See bench/README.md.
#
#   bench/deploy-vs-moto.sh                     # build, install what is missing, run
#   NOCHANGE_RUNS=100 FIRST_RUNS=20 bench/deploy-vs-moto.sh
#   SERVICE=path/to/service.svc bench/deploy-vs-moto.sh
#
# Installs what it needs from nothing: hyperfine and python3 (bench/lib.sh)
# and moto (pip, into the repository's .venv-peers, as scripts/test does).
# Writes hyperfine's JSON to target/bench-results/ (`SVC_BENCH_RESULTS=dir`)
# and prints the medians, then one no-change deploy with SVC_TIMINGS=1
# (where the time goes).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
nochange_runs=${NOCHANGE_RUNS:-50}
first_runs=${FIRST_RUNS:-10}
service=${SERVICE:-$root/examples/aws-python-http-api/service.svc}

need_python3 python3-venv
need_hyperfine
need_moto
build_svc

start_moto
reset="python3 -c \"import urllib.request; urllib.request.urlopen(urllib.request.Request('$endpoint/moto-api/reset', method='POST'))\""

# svc deploy writes .svc/ beside the service: deploy a scratch copy.
cp -r "$(dirname "$service")" "$work/service"
copy=$work/service/$(basename "$service")
deploy="$svc deploy $copy --endpoint-url $endpoint"

say "first deploy on a fresh moto (moto's own warm-up included)"
cold_start=$(python3 -c 'import time; print(time.time())')
$deploy >/dev/null 2>"$work/first.err" || { cat "$work/first.err" >&2; exit 1; }
cold=$(python3 -c "import time; print(f'{(time.time() - $cold_start) * 1e3:.0f}')")
echo "   ${cold} ms" >&2

say "first deploy ($first_runs runs, moto reset before each)"
hyperfine --warmup 1 --runs "$first_runs" --output=null --prepare "$reset" \
    --export-json "$results/svc-deploy-first.hyperfine.json" \
    --command-name "svc deploy (first)" "$deploy"

say "no-change deploy ($nochange_runs runs)"
$deploy >/dev/null 2>&1
hyperfine --shell=none --warmup 3 --runs "$nochange_runs" --output=null \
    --export-json "$results/svc-deploy-nochange.hyperfine.json" \
    --command-name "svc deploy (no change)" "$deploy"

say "where the time goes (one no-change deploy, SVC_TIMINGS=1)"
SVC_TIMINGS=1 $deploy 2>&1 >/dev/null | grep '^timings:' >&2 || true
say "where the time goes (one first deploy, SVC_TIMINGS=1)"
eval "$reset" && SVC_TIMINGS=1 $deploy 2>&1 >/dev/null | grep '^timings:' >&2 || true

# ---------- the figures ----------

first_json=$results/svc-deploy-first.hyperfine.json
same_json=$results/svc-deploy-nochange.hyperfine.json
echo
echo "== svc deploy against moto on loopback, whole process =="
figure "first deploy" "$first_json"
printf '%-30s %s ms (one run: moto loads its services on first use)\n' "first deploy, cold moto" "$cold"
figure "no-change deploy" "$same_json"
echo "target: no-change deploy < 300 ms median -> $(target "$same_json" 0.300)"
