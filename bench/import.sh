#!/usr/bin/env bash
# `svc import` of a 500-function serverless.yml (each function with an
# HTTP API event, environment, memory and timeout; plus a resources
# section), timed as a whole process with hyperfine, side by side with
# `serverless print` of the same file: reading the configuration is the
# least any Serverless command does before it starts. See bench/README.md.
#
#   bench/import.sh                  # build, install what is missing, run
#   FUNCTIONS=2000 RUNS=30 bench/import.sh
#
# Installs what it needs from nothing: hyperfine and python3, serverless
# (npm, into target/bench-cache). Writes hyperfine's JSON to
# target/bench-results/ and prints the medians and the target (< 100 ms).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${RUNS:-20}
functions=${FUNCTIONS:-500}

need_python3
need_hyperfine
need_serverless
build_svc

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/serverless.yml" "$functions" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
out = ["# A service of many functions, for the import benchmark.",
       "service: import-bench", "frameworkVersion: '3'", "",
       "custom:", "  defaults: &defaults", "    memorySize: 256", "    timeout: 10", "",
       "provider:", "  name: aws", "  runtime: python3.12", "  stage: ${opt:stage, 'dev'}",
       "  environment:", "    TABLE: !Ref Table", "", "functions:"]
for i in range(n):
    out += [f"  f{i}:  # function {i}", "    <<: *defaults", f"    handler: handler.f{i}",
            "    environment:", f"      NAME: ${{self:service}}-f{i}",
            "    events:", f"      - httpApi: 'GET /f{i}'"]
out += ["", "resources:", "  Resources:", "    Table:", "      Type: AWS::DynamoDB::Table", "      Properties:",
        "        BillingMode: PAY_PER_REQUEST",
        "        TableName: !Sub '${AWS::StackName}-table'",
        "        AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
        "        KeySchema: [{AttributeName: id, KeyType: HASH}]"]
open(path, "w").write("\n".join(out) + "\n")
PY
echo "def handler(event, context):\n    return 1" >"$work/handler.py"

import="$svc import $work/serverless.yml -o $work/service.svc --force"
$import >/dev/null 2>&1 || { echo "svc import failed:" >&2; $import >&2; exit 1; }
grep -q "function f$((functions - 1))" "$work/service.svc" || { echo "svc import lost functions" >&2; exit 1; }
(cd "$work" && $svc import --check -o "$work/checked.svc" >/dev/null 2>&1) ||
    { echo "svc import --check found a difference" >&2; exit 1; }

export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off
say "svc import ($runs runs)"
hyperfine --warmup 2 --runs "$runs" --output=null \
    --export-json "$results/svc-import.hyperfine.json" \
    --command-name "svc import ($functions functions)" "$import"
say "serverless print ($runs runs)"
(cd "$work" && hyperfine --warmup 1 --runs "$runs" --output=null \
    --export-json "$results/sls-print-import.hyperfine.json" \
    --command-name "$sls_name print ($functions functions)" "$sls print")

echo
echo "== import of a $functions-function serverless.yml, whole process =="
figure "svc import" "$results/svc-import.hyperfine.json"
figure "$sls_name print" "$results/sls-print-import.hyperfine.json"
echo "svc import is $(ratio "$results/sls-print-import.hyperfine.json" "$results/svc-import.hyperfine.json") faster than serverless reading the same file"
echo "target: a 500-function serverless.yml imported in under 100 ms -> $(target "$results/svc-import.hyperfine.json" 0.1)"
