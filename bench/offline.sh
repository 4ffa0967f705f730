#!/usr/bin/env bash
# `svc offline` vs serverless-offline 13 (a plugin of Serverless Framework
# v3), both serving the bundled example's HTTP API (examples/aws-python-http-api:
# `GET /` runs the Python handler `hello`) on loopback, measured in the same
# run: start-up (launch to the first answered `GET /`), wrk's median latency
# at one connection, and requests per second at 16 connections, both servers
# measured in turns over $ROUNDS rounds (default 3; medians). See
# bench/README.md.
#
#   bench/offline.sh                         # build svc, install what is missing, run
#   SVC=path/to/svc bench/offline.sh         # this svc binary (not built)
#   ONLY=serverless bench/offline.sh         # serverless-offline's half alone (svc is not built); also SVC_SKIP=1
#   ONLY=svc SVC=path/to/svc bench/offline.sh                # svc's half alone
#   STARTS=10 LATENCY_SECONDS=10 RPS_SECONDS=20 bench/offline.sh
#   SLS_OFFLINE_ARGS=--noTimeout bench/offline.sh            # more serverless-offline options
#
# Installs what it needs from nothing (bench/lib.sh): wrk and curl
# (apt-get), hyperfine, Node.js/npm, serverless@3 and
# serverless-offline@$OFFLINE_VERSION (13.9.0, the last 13.x) beside it (npm,
# into target/bench-cache/; with `SLS=…` the plugin must be installed beside
# that serverless). Needs a CPython 3.12 with pip (`PYTHON312=…`, else
# python3.12 on PATH, else pyenv's 3.12), linked as `python3.12` and
# `python3` in a folder first on PATH: svc runs the runtime's name,
# serverless-offline runs `python3` (the runtime's name up to its first dot).
# pip downloads python-ulid from PyPI (both tools' requirements; then from
# pip's cache under XDG_CACHE_HOME=target/bench-cache/xdg, also svc's); no
# tool talks to AWS: dummy credentials and profile (serverless_offline in
# lib.sh).
#
# Writes wrk's output, the start-up times and hyperfine's JSON to
# target/bench-results/ (`offline-*`), a summary to offline.json, and prints
# the figures side by side with the issue's targets. Exits 1 when any
# response of either tool was not 2xx.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
only=${ONLY:-}
if [ "${SVC_SKIP:-}" = 1 ]; then only=serverless; fi
offline_version=${OFFLINE_VERSION:-13.9.0}
starts=${STARTS:-5}
latency_seconds=${LATENCY_SECONDS:-5}
rps_seconds=${RPS_SECONDS:-10}
warmup_seconds=${WARMUP_SECONDS:-2}
rounds=${ROUNDS:-3}
python_runs=${PYTHON_RUNS:-30}
read -r -a sls_args <<<"${SLS_OFFLINE_ARGS:-}"
example=$root/examples/aws-python-http-api
case $only in '' | serverless | svc) ;; *) echo "ONLY is serverless or svc, not '$only'" >&2; exit 2 ;; esac

need_python3
need_hyperfine
for tool in wrk curl; do
    if ! have "$tool"; then
        say "installing $tool"
        apt_install "$tool"
    fi
done
if [ "$only" != svc ]; then
    need_serverless
    need_plugin serverless-offline "$offline_version"
fi
if [ "$only" != serverless ]; then
    if [ -n "${SVC:-}" ]; then
        svc=$SVC
    else
        build_svc
    fi
    if ! "$svc" offline --help >/dev/null 2>&1; then
        echo "$svc has no \`offline\` command (ONLY=serverless runs serverless-offline's half alone)" >&2
        exit 1
    fi
fi
find_python312

# ---------- the set-up ----------

# Every server runs in its own session (setsid; in a script, without job
# control, setsid does not fork, so the PID is the process group's ID), and
# is stopped with its whole group: serverless-offline's Python processes,
# svc's workers. The ones still running are stopped on exit.
work=$(mktemp -d)
servers=()
stop_server() {
    local pid=$1 kept=() other
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for other in "${servers[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
    servers=("${kept[@]}")
}
cleanup() {
    local pid
    for pid in "${servers[@]}"; do stop_server "$pid"; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/svc" "$work/sls" "$work/bin"
cp "$example/service.svc" "$example/handler.py" "$example/requirements.txt" "$work/svc/"
cp "$root/bench/aws-python-http-api/serverless.yml" "$example/handler.py" "$example/requirements.txt" "$work/sls/"
python312_on_path "$work/bin"
export XDG_CACHE_HOME=$cache/xdg
mkdir -p "$XDG_CACHE_HOME"
serverless_offline
# The user's Python setting would reach both tools' handlers (and
# serverless-offline puts $VIRTUAL_ENV/bin first on PATH): neither is kept.
unset PYTHONPATH VIRTUAL_ENV

# serverless' copy: serverless-offline as its plugin, in place of
# serverless-python-requirements (which packs the requirements into a
# layer zip for deploys; serverless-offline reads layers only in Docker),
# and python3.11 for python3.12: serverless-offline 13 runs Python 3.7 to
# 3.11 only (for python3.12 it answers every request with "Unsupported
# runtime", with status 200). Both names run the same interpreter here
# (`python3`, see above). TABLE stays `Ref: UsersTable` (the handler does
# not read it); the layer's Ref is ignored outside Docker.
python3 - "$work/sls/serverless.yml" <<'PY'
import sys
text = open(sys.argv[1]).read()
new = text.replace("plugins:\n  - serverless-python-requirements\n", "plugins:\n  - serverless-offline\n") \
          .replace("runtime: python3.12\n", "runtime: python3.11\n")
if new.count("serverless-offline") != 1 or "python3.11" not in new:
    sys.exit("could not set the plugin and runtime in serverless.yml")
open(sys.argv[1], "w").write(new)
PY

# The requirements for serverless-offline: installed with pip into a folder
# put on PYTHONPATH for the serverless process (its Python processes
# inherit its environment), which is what serverless-python-requirements
# would otherwise be needed for. svc installs requirements.txt itself, into
# its cache under XDG_CACHE_HOME; it gets no PYTHONPATH.
deps=$work/deps
say "installing requirements.txt for serverless-offline into a scratch folder (pip)"
PIP_ROOT_USER_ACTION=ignore "$python312" -m pip install --quiet --disable-pip-version-check \
    --target "$deps" -r "$work/sls/requirements.txt"
say "python: $("$python312" --version) ($python312); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pick_ports: two free ports for the next server (picked before its clock
# starts: a python3 each); sets `port`, `lambda_port`, `url` (its GET /).
pick_ports() {
    port=$(free_port)
    lambda_port=$(free_port)
    url=http://127.0.0.1:$port/
}

# start_server svc|sls LOG: launches the server on the picked ports; sets
# `pid` (its process group's too).
start_server() {
    case $1 in
    svc)
        (cd "$work/svc" && exec setsid "$svc" offline "$work/svc/service.svc" \
            --port "$port" --host 127.0.0.1 --lambda-port "$lambda_port") >"$2" 2>&1 &
        ;;
    sls)
        # serverless-offline's defaults are its fastest for Python:
        # useInProcess and worker threads are for Node.js handlers only; a
        # Python function runs in a child process (`python3 -u invoke.py`
        # under `sh -c`) started at its first request and kept warm for
        # the next ones (reloadHandler off), one per request running at
        # once, and stopped after terminateIdleLambdaTime (60 s) idle.
        (cd "$work/sls" && PYTHONPATH=$deps exec setsid "$sls" offline \
            --httpPort "$port" --lambdaPort "$lambda_port" --host 127.0.0.1 "${sls_args[@]}") >"$2" 2>&1 &
        ;;
    esac
    pid=$!
    servers+=("$pid")
}

# The handler's response, not an error page answered with 200.
check_body() {
    if ! grep -q '"message": "Go Serverless v3.0! Your function executed successfully!"' "$1" ||
        ! grep -q '"requestId": "' "$1"; then
        echo "$2: GET / did not answer the handler's response:" >&2
        sed 's/^/  /' "$1" >&2
        echo "$2's output:" >&2
        sed 's/^/  /' "$3" >&2
        exit 1
    fi
}

# wait_ready TOOL LOG: GET $url with curl every 10 ms until it answers 2xx,
# then checks the body; fails when the server exits or after 120 s.
wait_ready() {
    local deadline=$((SECONDS + 120)) code
    until code=$(curl -sS --max-time 60 -o "$work/response" -w '%{http_code}' "$url" 2>/dev/null) && [[ $code == 2* ]]; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
            echo "$1 did not answer GET $url with 2xx (last: ${code:-none}); its output:" >&2
            sed 's/^/  /' "$2" >&2
            exit 1
        fi
        sleep 0.01
    done
    check_body "$work/response" "$1" "$2"
}

# get TOOL LOG: one GET / whose body is checked.
get() {
    curl -fsS --max-time 60 -o "$work/response" "$url" || { echo "$1: GET $url failed" >&2; exit 1; }
    check_body "$work/response" "$1" "$2"
}

# startups TOOL NAME: STARTS timed start-ups after an untimed one (svc
# installs the requirements into its cache on its first; the files are in
# the page cache for both).
startups() {
    local tool=$1 name=$2 log=$work/$1.log t0 t1 i
    local startups=$results/offline-$tool-startup.txt
    : >"$startups"
    say "$name: one untimed start, then $starts timed starts (launch to the first answered GET /)"
    for i in $(seq 0 "$starts"); do
        pick_ports
        t0=${EPOCHREALTIME/[.,]/}
        start_server "$tool" "$log"
        wait_ready "$name" "$log"
        t1=${EPOCHREALTIME/[.,]/}
        stop_server "$pid"
        if [ "$i" -gt 0 ]; then
            echo "$(((t1 - t0) / 1000)).$(((t1 - t0) % 1000 / 100))" >>"$startups"
        fi
    done
    say "$name: start-ups (ms): $(paste -sd' ' "$startups")"
}

# serve TOOL NAME: starts the server wrk measures, warmed up with 16
# connections (so serverless-offline has its 16 Python processes, svc its
# workers); sets url_TOOL and pid_TOOL.
serve() {
    local tool=$1 name=$2 log=$work/$1.log
    pick_ports
    start_server "$tool" "$log"
    wait_ready "$name" "$log"
    get "$name" "$log"
    wrk -t2 -c16 -d"${warmup_seconds}s" "$url" >"$work/warmup.txt"
    get "$name" "$log"
    printf -v "url_$tool" '%s' "$url"
    printf -v "pid_$tool" '%s' "$pid"
}

# round TOOL NAME N: one latency run (one connection) and one throughput
# run (16 connections) of round N, each followed by a checked GET /.
round() {
    local tool=$1 name=$2 n=$3 log=$work/$1.log
    url=${!tool_url}
    wrk -t1 -c1 -d"${latency_seconds}s" --latency "$url" >"$results/offline-$tool-latency-$n.txt"
    get "$name" "$log"
    wrk -t2 -c16 -d"${rps_seconds}s" "$url" >"$results/offline-$tool-rps-$n.txt"
    get "$name" "$log"
}

# ---------- the runtime's own start ----------

say "the runtime's own start: python3.12 -c 'import handler' with the requirements on PYTHONPATH ($python_runs runs)"
(cd "$work/sls" && PYTHONPATH=$deps hyperfine --shell=none --warmup 3 --runs "$python_runs" --output=null \
    --export-json "$results/offline-python-import.hyperfine.json" \
    --command-name "python3.12 -c 'import handler'" "$python312 -c 'import handler'")

# ---------- the servers ----------

tools=()
[ "$only" != serverless ] && tools+=(svc)
[ "$only" != svc ] && tools+=(sls)
declare -A names=([svc]="svc offline" [sls]="serverless-offline")
for tool in "${tools[@]}"; do startups "$tool" "${names[$tool]}"; done
# Both servers run at once and are measured in turns, $rounds rounds, so
# that a change in the machine's speed during the run (this VM's moves by
# ±20 %) reaches both alike; the figures are the rounds' medians.
rm -f "$results"/offline-*-latency-*.txt "$results"/offline-*-rps-*.txt
for tool in "${tools[@]}"; do serve "$tool" "${names[$tool]}"; done
for n in $(seq "$rounds"); do
    for tool in "${tools[@]}"; do
        say "round $n/$rounds, ${names[$tool]}: wrk -t1 -c1 -d${latency_seconds}s --latency, then wrk -t2 -c16 -d${rps_seconds}s"
        tool_url=url_$tool
        round "$tool" "${names[$tool]}" "$n"
    done
done
for tool in "${tools[@]}"; do
    pid_var=pid_$tool
    stop_server "${!pid_var}"
    cp "$work/$tool.log" "$results/offline-$tool.log"
done

# ---------- the figures ----------

echo
echo "== offline: GET / of examples/aws-python-http-api, svc offline vs ${plugin_name:-serverless-offline} (${sls_name:-serverless}) =="
echo "   (load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$python312" --version); Node $(node --version 2>/dev/null || echo '-'))"
python3 - "$only" "$results" <<'PY'
import json, pathlib, re, statistics, sys

only, results = sys.argv[1], pathlib.Path(sys.argv[2])
units = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}

def wrk(path):
    text = path.read_text()
    out = {"non_2xx": 0, "socket_errors": None, "requests": None}
    for line in text.splitlines():
        if m := re.match(r"\s*(50|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", line):
            out[f"p{m[1]}_ms"] = float(m[2]) * units[m[3]]
        elif m := re.match(r"Requests/sec:\s+([\d.]+)", line):
            out["rps"] = float(m[1])
        elif m := re.match(r"\s*Non-2xx or 3xx responses:\s+(\d+)", line):
            out["non_2xx"] = int(m[1])
        elif m := re.match(r"\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", line):
            out["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
        elif m := re.match(r"\s*(\d+) requests in ", line):
            out["requests"] = int(m[1])
    return out

def rounds(tool, what):
    """The rounds' wrk runs of `what`: medians of the figures, sums of the counts."""
    runs = [wrk(p) for p in sorted(results.glob(f"offline-{tool}-{what}-*.txt"))]
    if not runs or not all(r["requests"] for r in runs):
        sys.exit(f"{tool}: a wrk run got no answers: see {results}/offline-{tool}-{what}-*.txt")
    out = {"runs": runs, "requests": sum(r["requests"] for r in runs), "non_2xx": sum(r["non_2xx"] for r in runs)}
    errors = [r["socket_errors"] for r in runs if r["socket_errors"]]
    out["socket_errors"] = {k: sum(e[k] for e in errors) for k in errors[0]} if errors else None
    for key in ("p50_ms", "p99_ms", "rps"):
        values = [r[key] for r in runs if key in r]
        if values:
            out[key] = statistics.median(values)
            out[f"{key}_each"] = values
    return out

python = json.load(open(results / "offline-python-import.hyperfine.json"))["results"][0]
summary = {"python_import_ms": python["median"] * 1e3}
tools = [t for t in ("svc", "sls") if only != {"svc": "serverless", "sls": "svc"}[t]]
for tool in tools:
    startups = [float(x) for x in (results / f"offline-{tool}-startup.txt").read_text().split()]
    summary[tool] = {
        "startup_ms": startups,
        "startup_median_ms": statistics.median(startups),
        "latency": rounds(tool, "latency"),
        "throughput": rounds(tool, "rps"),
    }
    if "p50_ms" not in summary[tool]["latency"]:
        sys.exit(f"{tool}: wrk gave no latency: see {results}/offline-{tool}-latency-*.txt")
json.dump(summary, open(results / "offline.json", "w"), indent=2)

names = {"svc": "svc offline", "sls": "serverless-offline"}
def errors(r):
    e = r["socket_errors"]
    socket = "none" if not e or not any(e.values()) else ", ".join(f"{k} {v}" for k, v in e.items() if v)
    return f"{r['non_2xx']} non-2xx; socket errors: {socket}"
times = lambda x: f"{x:,.1f}x" if x >= 1 else f"{x:,.2f}x"
rows = [
    ("start-up to first GET / (median)", lambda s: f"{s['startup_median_ms']:,.1f} ms",
     lambda a, b: f"{times(b['startup_median_ms'] / a['startup_median_ms'])} (serverless-offline / svc)"),
    ("  start-ups (min-max)", lambda s: f"{min(s['startup_ms']):,.1f}-{max(s['startup_ms']):,.1f} ms", None),
    ("latency, 1 connection (p50)", lambda s: f"{s['latency']['p50_ms']:,.2f} ms (" + " ".join(f"{x:.2f}" for x in s['latency']['p50_ms_each']) + ")",
     lambda a, b: f"{times(b['latency']['p50_ms'] / a['latency']['p50_ms'])} (serverless-offline / svc)"),
    ("  p99", lambda s: f"{s['latency']['p99_ms']:,.2f} ms", None),
    ("  responses", lambda s: f"{s['latency']['requests']:,} ({errors(s['latency'])})", None),
    ("requests/s, 16 connections", lambda s: f"{s['throughput']['rps']:,.0f} (" + " ".join(f"{x:,.0f}" for x in s['throughput']['rps_each']) + ")",
     lambda a, b: f"{times(a['throughput']['rps'] / b['throughput']['rps'])} (svc / serverless-offline)"),
    ("  responses", lambda s: f"{s['throughput']['requests']:,} ({errors(s['throughput'])})", None),
]
print((f"{'':<34}" + "".join(f"{names[t]:<42}" for t in tools) + ("ratio" if len(tools) == 2 else "")).rstrip())
for label, cell, ratio in rows:
    line = f"{label:<34}" + "".join(f"{cell(summary[t]):<42}" for t in tools)
    if ratio and len(tools) == 2:
        line += ratio(summary["svc"], summary["sls"])
    print(line.rstrip())
label = "python3.12 -c 'import handler'"
print(f"{label:<34}{summary['python_import_ms']:,.1f} ms median (the runtime's own start, {len(python['times'])} runs)")

met = lambda ok: "met" if ok else "NOT met"
if "svc" in summary:
    svc = summary["svc"]
    bound = 100 + summary["python_import_ms"]
    print(f"target: svc start-up < 100 ms + the runtime's own start ({bound:,.1f} ms) -> "
          f"{met(svc['startup_median_ms'] < bound)} ({svc['startup_median_ms']:,.1f} ms)")
    if "sls" in summary:
        sls = summary["sls"]
        print(f"target: svc median latency <= half of serverless-offline's ({sls['latency']['p50_ms'] / 2:,.2f} ms) -> "
              f"{met(svc['latency']['p50_ms'] <= sls['latency']['p50_ms'] / 2)} ({svc['latency']['p50_ms']:,.2f} ms)")
        print(f"target: svc requests/s >= 3x serverless-offline's ({3 * sls['throughput']['rps']:,.0f}) -> "
              f"{met(svc['throughput']['rps'] >= 3 * sls['throughput']['rps'])} ({svc['throughput']['rps']:,.0f})")
failed = [f"{names[t]} ({what})" for t in tools for what in ("latency", "throughput")
          if summary[t][what]["non_2xx"]]
if failed:
    print(f"FAILED: responses other than 2xx from {', '.join(failed)}: the figures above are not of working servers",
          file=sys.stderr)
    sys.exit(1)
PY
echo "wrk output, start-up times, JSON: $results/offline-*, $results/offline.json"
