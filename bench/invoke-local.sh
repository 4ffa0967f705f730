#!/usr/bin/env bash
# `svc invoke local` of the bundled example vs the same handler run by a
# bare `python3 -c` vs `serverless invoke local` (Serverless Framework v3),
# each timed as a whole process with hyperfine. See bench/README.md.
#
#   bench/invoke-local.sh            # build, install what is missing, run
#   SVC_RUNS=100 SLS_RUNS=10 bench/invoke-local.sh
#
# Installs what it needs from nothing (bench/lib.sh): hyperfine, Node.js/npm
# and serverless@3 (npm, into target/bench-cache/); `SLS=/path/to/serverless`
# uses an existing install instead. Writes hyperfine's JSON to
# target/bench-results/ and prints the medians, svc's overhead over bare
# python3 and the ratio to serverless.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
svc_runs=${SVC_RUNS:-50}
bare_runs=${BARE_RUNS:-50}
sls_runs=${SLS_RUNS:-5}
example=$root/examples/aws-python-http-api

need_hyperfine
need_python3
need_serverless
need_plugin
find_python312
build_svc

# ---------- the set-up ----------

serverless_offline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/svc" "$work/sls" "$work/bin"
cp "$example/service.svc" "$example/handler.py" "$example/requirements.txt" "$work/svc/"
cp "$root/bench/aws-python-http-api/serverless.yml" "$example/handler.py" "$example/requirements.txt" "$work/sls/"
python312_on_path "$work/bin"
export XDG_CACHE_HOME=$cache/xdg

# One interpreter for all three, the real executable (a version manager's
# shim, such as pyenv's, costs more than svc itself): the function's
# python3.12 when it runs here, else python3's, linked as `python3`,
# `python3.11` and `python3.12` (serverless runs the runtime's name; svc
# runs it when it is on PATH) in a bin folder that comes first on PATH.
python=$(python3 -c 'import sys; print(sys.executable)')
if have python3.12 && python3.12 -c '' 2>/dev/null; then
    python=$(python3.12 -c 'import sys; print(sys.executable)')
fi
for name in python3 python3.11 python3.12; do ln -s "$python" "$work/bin/$name"; done
export PATH="$work/bin:$(dirname "$(command -v node)"):/usr/bin:/bin"
say "python for all three: $("$python" --version) ($python)"

# TABLE is `ref(UsersTable)`. svc is given it on the command line, so it
# asks AWS nothing. serverless v3 asks CloudFormation for a `Ref` in the
# environment even then, and stops when it cannot (svc warns and goes on):
# its copy of the service has the value written in instead. And serverless
# 3.40 runs python3.12 functions only in Docker (its local runner knows
# python3.7 to 3.11): its copy says python3.11, the same interpreter.
python3 - "$work/sls/serverless.yml" <<'PY'
import sys
text = open(sys.argv[1]).read()
text = text.replace("      TABLE:\n        Ref: UsersTable\n", "      TABLE: users\n").replace("python3.12", "python3.11")
open(sys.argv[1], "w").write(text)
PY
grep -q '      TABLE: users' "$work/sls/serverless.yml" || { echo "could not set TABLE in serverless.yml" >&2; exit 1; }
# serverless v3 also asks CloudFormation `DescribeStacks` (for the layer);
# answered in process with "does not exist", as in bench/build-vs-serverless.sh.
export NODE_OPTIONS="--require $root/bench/serverless-no-stack.cjs"
event='{"bench": true}'

say "checking that all three print the handler's response"
(cd "$work/svc" && "$svc" invoke local -f hello --env TABLE=users --data "$event") >"$results/svc-invoke-local.json"
(cd "$work/svc" && "$python" -c "import handler; print(handler.hello({\"bench\": True}, None))")
(cd "$work/sls" && "$sls" invoke local -f hello --data "$event")
grep -q '"statusCode": 200' "$results/svc-invoke-local.json" || { cat "$results/svc-invoke-local.json"; exit 1; }

# ---------- the runs ----------

say "svc invoke local ($svc_runs runs)"
(cd "$work/svc" && hyperfine --shell=none --warmup 3 --runs "$svc_runs" --output=null \
    --export-json "$results/svc-invoke-local.hyperfine.json" \
    --command-name "svc invoke local" "$svc invoke local -f hello --env TABLE=users --data '$event'")

say "bare python3 -c ($bare_runs runs)"
(cd "$work/svc" && hyperfine --shell=none --warmup 3 --runs "$bare_runs" --output=null \
    --export-json "$results/bare-python.hyperfine.json" \
    --command-name "python3 -c" "$python -c 'import handler; print(handler.hello({\"bench\": True}, None))'")

say "serverless invoke local ($sls_runs runs)"
(cd "$work/sls" && hyperfine --shell=none --warmup 1 --runs "$sls_runs" --output=null \
    --export-json "$results/serverless-invoke-local.hyperfine.json" \
    --command-name "serverless invoke local" "$sls invoke local -f hello --data '$event'")

# ---------- the figures ----------

svc_json=$results/svc-invoke-local.hyperfine.json
bare_json=$results/bare-python.hyperfine.json
sls_json=$results/serverless-invoke-local.hyperfine.json
overhead=$(python3 -c 'import sys; print(f"{(float(sys.argv[1]) - float(sys.argv[2])) * 1e3:.1f}")' \
    "$(median "$svc_json")" "$(median "$bare_json")")
echo
echo "== invoke local, whole process: svc vs bare python3 vs $sls_name =="
figure "svc invoke local" "$svc_json"
figure "python3 -c (bare handler)" "$bare_json"
figure "serverless invoke local" "$sls_json"
echo "svc's overhead over bare python3 (medians): $overhead ms"
echo "target: overhead < 50 ms -> $(python3 -c 'import sys; print("met" if float(sys.argv[1]) < 50 else "NOT met")' "$overhead")"
echo "ratio (median): serverless invoke local takes $(ratio "$sls_json" "$svc_json") as long as svc invoke local"
echo "hyperfine JSON: $results/{svc-invoke-local,bare-python,serverless-invoke-local}.hyperfine.json"
