#!/usr/bin/env bash
# `svc deploy list` with 100 recorded deployments against moto (a local
# AWS) on loopback, side by side with `serverless deploy list` reading the
# same bucket, timed as whole processes with hyperfine. See bench/README.md.
#
#   bench/deploy-list.sh                     # build, install what is missing, run
#   DEPLOYMENTS=500 RUNS=30 bench/deploy-list.sh
#
# Installs what it needs from nothing: hyperfine and python3, serverless
# (npm, into target/bench-cache) and moto (pip, into .venv-peers), as the
# other benchmarks do. Deploys the seed's service (examples/aws-python-http-api)
# with `svc deploy`, which records one deployment, then copies that
# record under $DEPLOYMENTS - 1 earlier times, as if deployed once a
# minute. serverless reaches moto through bench/serverless-endpoint.cjs.
# Writes hyperfine's JSON to target/bench-results/ and prints the medians.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
deployments=${DEPLOYMENTS:-100}
runs=${RUNS:-20}

need_python3 python3-venv
need_hyperfine
need_moto
need_serverless
build_svc

start_moto

deploy_seed

say "recording $((deployments - 1)) earlier deployments"
"$venv/bin/python" - "$endpoint" "$deployments" <<'PY'
import datetime, sys
import boto3
endpoint, total = sys.argv[1], int(sys.argv[2])
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
bucket = next(b["Name"] for b in s3.list_buckets()["Buckets"] if "serverlessdeploymentbucket" in b["Name"])
folder = "serverless/aws-python-http-api/dev/"
listed = s3.list_objects_v2(Bucket=bucket, Prefix=folder, Delimiter="/")
first = next(p["Prefix"] for p in listed["CommonPrefixes"] if p["Prefix"][len(folder)].isdigit())
millis = int(first[len(folder):].split("-")[0])
files = [o["Key"][len(first):] for o in s3.list_objects_v2(Bucket=bucket, Prefix=first)["Contents"]]
for n in range(1, total):
    at = millis - n * 60_000
    time = datetime.datetime.fromtimestamp(at / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    for name in files:
        s3.copy_object(Bucket=bucket, Key=f"{folder}{at}-{time}/{name}", CopySource={"Bucket": bucket, "Key": first + name})
PY

list="$svc deploy list $copy --endpoint-url $endpoint"
listed=$($list | grep -c '^  20') || true
[ "$listed" -eq "$deployments" ] || { echo "svc deploy list showed $listed deployments, not $deployments" >&2; $list >&2; exit 1; }

# serverless reads the same stack and bucket: a serverless.yml of the same
# service beside the copy, its AWS SDK pointed at moto.
cat >"$work/service/serverless.yml" <<'YML'
service: aws-python-http-api
frameworkVersion: "3"
provider:
  name: aws
  runtime: python3.11
functions:
  hello:
    handler: handler.hello
YML
export SVC_BENCH_ENDPOINT=$endpoint NODE_OPTIONS="--require $root/bench/serverless-endpoint.cjs" \
    SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off AWS_REGION=us-east-1
sls_list="$sls deploy list"
shown=$(cd "$work/service" && $sls_list 2>&1 | grep -c '^Timestamp: ') || true
[ "$shown" -eq "$deployments" ] || { echo "serverless deploy list showed $shown deployments, not $deployments" >&2; exit 1; }

say "svc deploy list ($runs runs)"
hyperfine --shell=none --warmup 2 --runs "$runs" --output=null \
    --export-json "$results/svc-deploy-list.hyperfine.json" \
    --command-name "svc deploy list ($deployments deployments)" "$list"
say "serverless deploy list ($runs runs)"
(cd "$work/service" && hyperfine --shell=none --warmup 1 --runs "$runs" --output=null \
    --export-json "$results/sls-deploy-list.hyperfine.json" \
    --command-name "$sls_name deploy list ($deployments deployments)" "$sls_list")

# ---------- the figures ----------

echo
echo "== deploy list of $deployments recorded deployments against moto on loopback, whole process =="
figure "svc deploy list" "$results/svc-deploy-list.hyperfine.json"
figure "$sls_name deploy list" "$results/sls-deploy-list.hyperfine.json"
echo "svc is $(ratio "$results/sls-deploy-list.hyperfine.json" "$results/svc-deploy-list.hyperfine.json") faster"
