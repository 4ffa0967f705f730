#!/usr/bin/env bash
# `svc deploy` against moto (a local AWS) on loopback, timed as whole
# processes with hyperfine: a first deploy (stack created from nothing) and
# a no-change deploy (the common case in CI). See bench/README.md.
#
#   bench/deploy-vs-moto.sh                     # build, install what is missing, run
#   NOCHANGE_RUNS=100 FIRST_RUNS=20 bench/deploy-vs-moto.sh
#   SERVICE=path/to/service.svc bench/deploy-vs-moto.sh
#
# Installs what it needs from nothing: hyperfine (apt-get, else `cargo
# install --locked` into the cache), python3 (apt-get) and moto (pip, into
# the repository's .venv-peers, as scripts/test does). Writes hyperfine's
# JSON to target/bench-results/ (`SVC_BENCH_RESULTS=dir`) and prints the
# medians, then one no-change deploy with SVC_TIMINGS=1 (where the time goes).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SVC_BENCH_CACHE:-$root/target/bench-cache}
results=${SVC_BENCH_RESULTS:-$root/target/bench-results}
target_dir=${CARGO_TARGET_DIR:-$root/target}
nochange_runs=${NOCHANGE_RUNS:-50}
first_runs=${FIRST_RUNS:-10}
service=${SERVICE:-$root/examples/aws-python-http-api/service.svc}

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

if ! have python3; then
    say "installing python3"
    apt_install python3 python3-venv
fi
if ! have hyperfine; then
    say "installing hyperfine"
    apt_install hyperfine || cargo install hyperfine --locked --root "$cache"
fi
venv=$root/.venv-peers
if [ ! -x "$venv/bin/moto_server" ]; then
    say "installing moto into .venv-peers (~40 s)"
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server,cloudformation]'
fi

say "building svc (release)"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p svc
svc=$target_dir/release/svc

# ---------- moto, on a free loopback port ----------

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint=http://127.0.0.1:$port
work=$(mktemp -d)
"$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
trap 'kill $moto_pid 2>/dev/null; wait $moto_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
done
reset="python3 -c \"import urllib.request; urllib.request.urlopen(urllib.request.Request('$endpoint/moto-api/reset', method='POST'))\""

# Dummy credentials from the environment, nothing else: no profile files,
# no instance metadata (the chain would try it without credentials).
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=$work/none AWS_SHARED_CREDENTIALS_FILE=$work/none NO_COLOR=1
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL

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

python3 - "$results/svc-deploy-first.hyperfine.json" "$results/svc-deploy-nochange.hyperfine.json" "$cold" <<'EOF'
import json, sys
first, same = (json.load(open(p))["results"][0] for p in sys.argv[1:3])
def line(name, r):
    return (f"{name:<24} median {r['median'] * 1e3:8.1f} ms   mean {r['mean'] * 1e3:8.1f} ms"
            f" ± {r['stddev'] * 1e3:6.1f}   min {r['min'] * 1e3:8.1f} ms   ({len(r['times'])} runs)")
print()
print("== svc deploy against moto on loopback, whole process ==")
print(line("first deploy", first))
print(f"{'first deploy, cold moto':<24} {sys.argv[3]} ms (one run: moto loads its services on first use)")
print(line("no-change deploy", same))
print(f"target: no-change deploy < 300 ms median -> {'met' if same['median'] < 0.300 else 'NOT met'}")
EOF
