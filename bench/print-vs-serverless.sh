#!/usr/bin/env bash
# `svc print` vs `serverless print` (Serverless Framework v3) on the same
# service, each timed as a whole process (start-up, reading, resolving,
# printing) with hyperfine. See bench/README.md.
#
#   bench/print-vs-serverless.sh            # build, install what is missing, run
#   SVC_RUNS=300 SLS_RUNS=20 bench/print-vs-serverless.sh
#
# Installs what it needs from nothing (bench/lib.sh): hyperfine, Node.js/npm
# and serverless@3 (npm, into the cache, target/bench-cache/, gitignored like
# all of target/); `SVC_BENCH_CACHE=dir` moves it, `SLS=/path/to/serverless`
# uses an existing install instead.
#
# Writes hyperfine's JSON to target/bench-results/ (`SVC_BENCH_RESULTS=dir`)
# and prints both medians and their ratio.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
svc_runs=${SVC_RUNS:-200}
sls_runs=${SLS_RUNS:-10}
svc_service=$root/examples/aws-python-http-api/service.svc
sls_service=$root/bench/aws-python-http-api/serverless.yml

need_hyperfine
need_python3
need_serverless
need_plugin
find_python312
build_svc

# ---------- the runs ----------

# serverless print is offline for this service; this keeps it so.
serverless_offline

# serverless reads ./serverless.yml: run it in a scratch copy, so nothing it
# might write lands in the repository.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$sls_service" "$work/serverless.yml"

say "checking that both print the service"
(cd "$work" && "$sls" print --format json 2>/dev/null) >"$results/serverless-print.json"
"$svc" print "$svc_service" --format json >"$results/svc-print.json"
python3 - "$results/svc-print.json" "$results/serverless-print.json" <<'EOF'
import json, sys
svc, sls = (json.load(open(p)) for p in sys.argv[1:3])
sls.pop("frameworkVersion", None)  # svc has no such key
if svc == sls:
    print("   same JSON from both", file=sys.stderr)
else:
    def diff(a, b, path=""):
        if isinstance(a, dict) and isinstance(b, dict):
            for k in dict.fromkeys([*a, *b]):
                yield from diff(a.get(k), b.get(k), f"{path}.{k}")
        elif a != b:
            yield f"{path or '.'}: svc {json.dumps(a)} / serverless {json.dumps(b)}"
    print("   the printed services differ (timing goes on):", file=sys.stderr)
    for line in diff(svc, sls):
        print("     " + line, file=sys.stderr)
EOF

say "svc print ($svc_runs runs)"
hyperfine --shell=none --warmup 5 --runs "$svc_runs" --output=null \
    --export-json "$results/svc-print.hyperfine.json" \
    --command-name "svc print" "$svc print $svc_service"

say "serverless print ($sls_runs runs)"
hyperfine --warmup 1 --runs "$sls_runs" --output=null \
    --export-json "$results/serverless-print.hyperfine.json" \
    --command-name "serverless print" "cd $work && $sls print"

# ---------- the figures ----------

svc_json=$results/svc-print.hyperfine.json
sls_json=$results/serverless-print.hyperfine.json
echo
echo "== print, whole process: svc vs $sls_name =="
figure "svc print" "$svc_json"
figure "serverless print" "$sls_json"
echo "ratio (median): serverless print takes $(ratio "$sls_json" "$svc_json") as long as svc print"
echo "target: svc print < 10 ms median -> $(target "$svc_json" 0.010)"
echo "hyperfine JSON: $results/{svc,serverless}-print.hyperfine.json"
