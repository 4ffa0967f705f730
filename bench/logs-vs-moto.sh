#!/usr/bin/env bash
# `svc logs` of 10,000 events against moto (a local AWS) on loopback,
# timed as whole processes with hyperfine. See bench/README.md.
#
#   bench/logs-vs-moto.sh                   # build, install what is missing, run
#   EVENTS=50000 RUNS=50 bench/logs-vs-moto.sh
#
# Installs what it needs from nothing: hyperfine and python3 (bench/lib.sh)
# and moto (pip, into the repository's .venv-peers, as scripts/test does).
# Deploys the seed's service (examples/aws-python-http-api) to moto with
# `svc deploy`, puts $EVENTS log events (START / a line / END / REPORT, as
# Lambda writes them, over 100 log streams) into its function's log group
# with PutLogEvents, then times `svc logs -f hello` and `svc logs` (every
# function, prefixed) reading them all. Writes hyperfine's JSON to
# target/bench-results/ (`SVC_BENCH_RESULTS=dir`) and prints the medians.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
events=${EVENTS:-10000}
runs=${RUNS:-30}

need_python3 python3-venv
need_hyperfine
need_moto
build_svc

start_moto

deploy_seed

say "putting $events log events into /aws/lambda/aws-python-http-api-dev-hello"
"$venv/bin/python" - "$endpoint" "$events" <<'PY'
import sys, time, uuid
import boto3
endpoint, total = sys.argv[1], int(sys.argv[2])
logs = boto3.client("logs", endpoint_url=endpoint, region_name="us-east-1")
group = "/aws/lambda/aws-python-http-api-dev-hello"
try:
    logs.create_log_group(logGroupName=group)
except logs.exceptions.ResourceAlreadyExistsException:
    pass
streams = 100
# Half an hour ago and after: inside `--startTime 1h`.
now = int(time.time() * 1000) - 30 * 60 * 1000
per_stream = -(-total // streams)
put = 0
for s in range(streams):
    stream = f"2026/01/01/[$LATEST]{uuid.uuid4().hex}"
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    batch = []
    for i in range(min(per_stream, total - put)):
        request = f"{s:04d}-{i // 4:06d}"
        kind = i % 4
        message = [
            f"START RequestId: {request} Version: $LATEST\n",
            f"[INFO]\t{request}\tgot an event of {i} bytes\n",
            f"END RequestId: {request}\n",
            f"REPORT RequestId: {request}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 1024 MB\tMax Memory Used: 40 MB\n",
        ][kind]
        batch.append({"timestamp": now + (s * per_stream + i) * 10, "message": message})
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=batch)
    put += len(batch)
print(put)
PY

one="$svc logs $copy -f hello --startTime 1h --endpoint-url $endpoint"
all="$svc logs $copy --startTime 1h --endpoint-url $endpoint"
shown=$($one | wc -l)
[ "$shown" -eq "$events" ] || { echo "svc logs showed $shown lines, not $events" >&2; exit 1; }

say "svc logs -f hello ($runs runs)"
hyperfine --shell=none --warmup 2 --runs "$runs" --output=null \
    --export-json "$results/svc-logs-one.hyperfine.json" \
    --command-name "svc logs -f hello ($events events)" "$one"
say "svc logs, every function ($runs runs)"
hyperfine --shell=none --warmup 2 --runs "$runs" --output=null \
    --export-json "$results/svc-logs-all.hyperfine.json" \
    --command-name "svc logs ($events events)" "$all"

# ---------- the figures ----------

echo
echo "== svc logs of $events events against moto on loopback, whole process =="
figure "svc logs -f hello" "$results/svc-logs-one.hyperfine.json"
figure "svc logs (every function)" "$results/svc-logs-all.hyperfine.json"
echo "target: svc logs of 10,000 events < 1 s median -> $(target "$results/svc-logs-one.hyperfine.json" 1.0)"
