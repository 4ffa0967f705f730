#!/usr/bin/env bash
# `svc deploy function -f hello` after a change to the handler, against
# moto (a local AWS) on loopback, side by side with `serverless deploy
# function -f hello` on the same function, timed as whole processes with
# hyperfine. See bench/README.md.
#
#   bench/deploy-function.sh                 # build, install what is missing, run
#   RUNS=30 bench/deploy-function.sh
#
# Installs what it needs from nothing: hyperfine and python3, serverless
# (npm, into target/bench-cache) and moto (pip, into .venv-peers), as the
# other benchmarks do. Deploys the seed's service (examples/aws-python-http-api)
# with `svc deploy`; before each timed run, hyperfine's --prepare appends a
# new comment to handler.py, so every run sends new code. serverless
# reaches moto through bench/serverless-endpoint.cjs, packages the handler
# alone (its python requirements are not installed for it) and runs with
# --force: against moto it takes every change for no change.
# Writes hyperfine's JSON to target/bench-results/ and prints the medians.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${RUNS:-20}

need_python3 python3-venv
need_hyperfine
need_moto
need_serverless
build_svc

start_moto

deploy_seed

change="python3 -c \"import random; open('$work/service/handler.py', 'a').write('# %d\\n' % random.getrandbits(64))\""
update="$svc deploy function $copy -f hello --endpoint-url $endpoint"
eval "$change"
svc_said=$($update 2>&1) || true
grep -q "Updated the code of" <<<"$svc_said" || { echo "svc deploy function did not update the code: $svc_said" >&2; exit 1; }

cat >"$work/service/serverless.yml" <<'YML'
service: aws-python-http-api
frameworkVersion: "3"
provider:
  name: aws
  runtime: python3.11
package:
  patterns: ["!**", "handler.py"]
functions:
  hello:
    handler: handler.hello
YML
export SVC_BENCH_ENDPOINT=$endpoint NODE_OPTIONS="--require $root/bench/serverless-endpoint.cjs" \
    SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off AWS_REGION=us-east-1
sls_update="$sls deploy function -f hello --force"
eval "$change"
sls_said=$(cd "$work/service" && $sls_update 2>&1) || true
grep -q "Function code deployed" <<<"$sls_said" ||
    { echo "serverless deploy function did not deploy the code: $sls_said" >&2; exit 1; }

say "svc deploy function ($runs runs)"
hyperfine --shell=bash --warmup 1 --runs "$runs" --output=null --prepare "$change" \
    --export-json "$results/svc-deploy-function.hyperfine.json" \
    --command-name "svc deploy function -f hello" "$update"
say "serverless deploy function ($runs runs)"
(cd "$work/service" && hyperfine --shell=bash --warmup 1 --runs "$runs" --output=null --prepare "$change" \
    --export-json "$results/sls-deploy-function.hyperfine.json" \
    --command-name "$sls_name deploy function -f hello" "$sls_update")

# ---------- the figures ----------

echo
echo "== deploy function after a handler change, against moto on loopback, whole process =="
figure "svc deploy function" "$results/svc-deploy-function.hyperfine.json"
figure "$sls_name deploy function" "$results/sls-deploy-function.hyperfine.json"
echo "svc is $(ratio "$results/sls-deploy-function.hyperfine.json" "$results/svc-deploy-function.hyperfine.json") faster"
echo "target: a Python code change deployed in under 2 s -> $(target "$results/svc-deploy-function.hyperfine.json" 2.0)"
