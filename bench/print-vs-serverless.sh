#!/usr/bin/env bash
# `svc print` vs `serverless print` (Serverless Framework v3) on the same
# service, each timed as a whole process (start-up, reading, resolving,
# printing) with hyperfine. See bench/README.md.
#
#   bench/print-vs-serverless.sh            # build, install what is missing, run
#   SVC_RUNS=300 SLS_RUNS=20 bench/print-vs-serverless.sh
#
# Installs what it needs from nothing: hyperfine (apt-get, else `cargo
# install --locked` into the cache), Node.js/npm (apt-get) and serverless@3
# (npm, into the cache). The cache is target/bench-cache/ (gitignored, like
# all of target/); `SVC_BENCH_CACHE=dir` moves it, `SLS=/path/to/serverless`
# uses an existing install instead.
#
# Writes hyperfine's JSON to target/bench-results/ (`SVC_BENCH_RESULTS=dir`)
# and prints both medians and their ratio.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SVC_BENCH_CACHE:-$root/target/bench-cache}
results=${SVC_BENCH_RESULTS:-$root/target/bench-results}
sls_version=${SLS_VERSION:-3.40.0} # the version of the references in tests/print/
svc_runs=${SVC_RUNS:-200}
sls_runs=${SLS_RUNS:-10}
svc_service=$root/examples/aws-python-http-api/service.svc
sls_service=$root/bench/aws-python-http-api/serverless.yml

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else return 1; fi; }
apt_install() {
    have apt-get || return 1
    as_root apt-get install -y "$@" >/dev/null 2>&1 && return 0
    as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$@" >/dev/null 2>&1
}

mkdir -p "$cache" "$results"
export PATH="$cache/bin:$PATH"

# ---------- tools ----------

if ! have hyperfine; then
    say "installing hyperfine"
    apt_install hyperfine || cargo install hyperfine --locked --root "$cache"
fi
if ! have python3; then
    say "installing python3 (to read hyperfine's JSON)"
    apt_install python3
fi

if [ -n "${SLS:-}" ]; then
    sls=$SLS
else
    sls_dir=$cache/serverless-$sls_version
    sls=$sls_dir/node_modules/.bin/serverless
    if [ ! -x "$sls" ]; then
        if ! have npm; then
            say "installing Node.js and npm"
            apt_install nodejs npm
        fi
        say "installing serverless@$sls_version into $sls_dir (~35 s)"
        mkdir -p "$sls_dir"
        npm install --prefix "$sls_dir" --no-audit --no-fund --loglevel=error "serverless@$sls_version" >&2
    fi
fi

say "building svc (release)"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p svc
svc=$root/target/release/svc

# ---------- the runs ----------

# serverless print is offline for this service; these keep it so (no
# telemetry, no notifications, dummy credentials it never uses).
export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 \
    SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off

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

python3 - "$results/svc-print.hyperfine.json" "$results/serverless-print.hyperfine.json" <<EOF
import json, sys
svc, sls = (json.load(open(p))["results"][0] for p in sys.argv[1:3])
def line(name, r):
    return (f"{name:<17} median {r['median'] * 1e3:9.2f} ms   mean {r['mean'] * 1e3:9.2f} ms"
            f" ± {r['stddev'] * 1e3:7.2f}   min {r['min'] * 1e3:9.2f} ms   ({len(r['times'])} runs)")
print()
print("== print, whole process: svc vs serverless@$sls_version ==")
print(line("svc print", svc))
print(line("serverless print", sls))
print(f"ratio (median): serverless print takes {sls['median'] / svc['median']:,.0f}x as long as svc print")
print(f"target: svc print < 10 ms median -> {'met' if svc['median'] < 0.010 else 'NOT met'}")
print("hyperfine JSON: $results/{svc,serverless}-print.hyperfine.json")
EOF
