#!/usr/bin/env bash
# Python requirements: `svc build` vs `serverless package` with the plugin
# serverless-python-requirements (Serverless Framework v3), each timed as a
# whole process with hyperfine, cold (every cache of the tool cleared before
# each run: pip downloads, installed packages, layer zip) and warm (caches
# kept), on the seed's service with a requirements.txt of 10 pinned packages
# installed into a layer (bench/aws-python-http-api-requirements/). See
# bench/README.md.
#
#   bench/python-requirements.sh            # build, install what is missing, run
#   SLS=/tmp/sls/node_modules/.bin/serverless bench/python-requirements.sh   # an existing install
#   ONLY=serverless bench/python-requirements.sh   # serverless' half only (svc is not built)
#   ONLY=svc SVC=path/to/svc bench/python-requirements.sh   # svc's half only, this binary
#   SLS_COLD_RUNS=5 SLS_WARM_RUNS=10 SVC_COLD_RUNS=10 SVC_WARM_RUNS=100 bench/python-requirements.sh
#
# Installs what it needs from nothing (bench/lib.sh): hyperfine, Node.js/npm,
# serverless@3 and serverless-python-requirements@6.1.2 beside it (npm, into
# target/bench-cache/; with `SLS=…` the plugin must be installed beside that
# serverless: serverless looks for a plugin in the service folder's
# node_modules, then in its own). Needs a CPython 3.12 with pip (the plugin
# runs `python3.12 -m pip`, the runtime's name): `PYTHON312=…`, else a
# python3.12 on PATH that runs, else pyenv's 3.12; it is linked as
# `python3.12` (and `python3`) in a folder first on PATH, for both tools.
# pip downloads from PyPI (cold runs hold network time).
#
# Every cache goes under target/bench-cache/xdg (XDG_CACHE_HOME, exported):
# the plugin's (`$XDG_CACHE_HOME/serverless-python-requirements`: its pip
# download cache `downloadCacheslspyc/`, the installed packages
# `<sha256>_x86_64_slspyc/`, the layer zip `<sha256>_x86_64_slspyc.zip`),
# svc's (`$XDG_CACHE_HOME/svc`) and pip's own (`$XDG_CACHE_HOME/pip`), never
# the user's. A cold run clears its tool's folder and pip's first.
#
# Offline apart from PyPI: dummy credentials, and CloudFormation's
# `DescribeStacks` for the layer answered in process
# (bench/serverless-no-stack.cjs). Before timing, it compares the two
# templates' logical IDs and the two layer zips' entries (the timing goes on
# regardless). Writes hyperfine's JSON to target/bench-results/
# (`python-requirements-*.hyperfine.json`) and prints medians side by side.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
only=${ONLY:-}
sls_cold_runs=${SLS_COLD_RUNS:-3}
sls_warm_runs=${SLS_WARM_RUNS:-5}
svc_cold_runs=${SVC_COLD_RUNS:-5}
svc_warm_runs=${SVC_WARM_RUNS:-50}
service=$root/bench/aws-python-http-api-requirements
case $only in '' | serverless | svc) ;; *) echo "ONLY is serverless or svc, not '$only'" >&2; exit 2 ;; esac

need_hyperfine
need_python3

if [ "$only" != svc ]; then
    need_serverless
    need_plugin
fi
if [ "$only" != serverless ]; then
    if [ -n "${SVC:-}" ]; then
        svc=$SVC
    else
        build_svc
    fi
fi
find_python312

# ---------- the set-up ----------

# Both tools write next to what they read: everything runs on copies.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/out"
python312_on_path "$work/bin"
for tool in sls svc; do
    mkdir "$work/$tool"
    cp "$service/handler.py" "$service/requirements.txt" "$work/$tool/"
done
cp "$service/serverless.yml" "$work/sls/"
cp "$service/service.svc" "$work/svc/"

export XDG_CACHE_HOME=$cache/xdg
mkdir -p "$XDG_CACHE_HOME"
serverless_offline
# The layer makes serverless ask CloudFormation for the stack: answered in
# process, as AWS answers a first package.
export NODE_OPTIONS="--require $root/bench/serverless-no-stack.cjs"
packages=$(grep -c '^[A-Za-z0-9]' "$service/requirements.txt")
say "python for both: $("$python312" --version) ($python312), pip $("$python312" -m pip --version | cut -d' ' -f2)"
say "caches under XDG_CACHE_HOME=$XDG_CACHE_HOME"

# The commands by name, and what a cold run clears first.
declare -A command=(
    [sls]="cd $work/sls && ${sls:-serverless} package"
    [svc]="${svc:-svc} build $work/svc/service.svc --out $work/out/svc"
)
declare -A clear=(
    [sls]="rm -rf $XDG_CACHE_HOME/serverless-python-requirements $XDG_CACHE_HOME/pip $work/sls/.serverless"
    [svc]="rm -rf $XDG_CACHE_HOME/svc $XDG_CACHE_HOME/pip $work/out/svc"
)
json() { echo "$results/python-requirements-$1.hyperfine.json"; }

# time_it TOOL cold|warm RUNS WARMUP: hyperfine on command[TOOL]; a cold run
# clears the caches first (--prepare, also before a warm-up run).
time_it() {
    local shell=(--shell=none) prepare=()
    [[ ${command[$1]} == cd* ]] && shell=()
    [ "$2" = cold ] && prepare=(--prepare "${clear[$1]}")
    say "$1 $2 ($3 runs)"
    hyperfine "${shell[@]}" "${prepare[@]}" --warmup "$4" --runs "$3" --output=null \
        --export-json "$(json "$1-$2")" --command-name "$1 $2" "${command[$1]}"
}

# check TOOL: one cold run, its output kept in $work/out/TOOL; fails with
# the tool's output.
check() {
    eval "${clear[$1]}"
    if ! (eval "${command[$1]}") >"$work/$1.log" 2>&1; then
        echo "$1 failed on $service:" >&2
        sed 's/^/  /' "$work/$1.log" >&2
        if [ "$1" = svc ]; then
            echo "(svc's half needs an svc that installs custom.pythonRequirements; ONLY=serverless runs serverless' half alone)" >&2
        fi
        return 1
    fi
    if [ "$1" = sls ]; then
        rm -rf "$work/out/sls"
        cp -rL "$work/sls/.serverless" "$work/out/sls"
    fi
}

# ---------- serverless package + serverless-python-requirements ----------

if [ "$only" != svc ]; then
    say "serverless: one cold run ($packages packages)"
    check sls
    time_it sls cold "$sls_cold_runs" 0
    time_it sls warm "$sls_warm_runs" 1
    echo
    echo "== $sls_name package + $plugin_name, $packages packages into a layer =="
    figure "cold (caches cleared)" "$(json sls-cold)"
    figure "warm (caches kept)" "$(json sls-warm)"
fi

# ---------- svc build ----------

if [ "$only" != serverless ]; then
    say "svc: one cold run ($packages packages)"
    check svc
    if [ "$only" != svc ]; then
        say "comparing svc's and serverless' templates and layer zips"
        python3 "$root/bench/compare_templates.py" "$work/out/svc" "$work/out/sls"
        python3 - "$work/out/svc" "$work/out/sls" <<'PY'
import pathlib, sys, zipfile
# The plugin's own entries, which svc does not write on purpose (see
# docs/serverless-differences.md): folders, its marker, its copy of the
# requirements file, and the .pyc files pip compiled for it.
def plugin_own(name):
    return (name.endswith("/") or name.endswith(".completed_requirements")
            or name == "python/requirements.txt" or "__pycache__/" in name)
def entries(folder):
    zip = pathlib.Path(folder, "pythonRequirements.zip")
    names = zipfile.ZipFile(zip).namelist() if zip.exists() else None
    return None if names is None else {n for n in names if not plugin_own(n)}
svc_zip, sls_zip = entries(sys.argv[1]), entries(sys.argv[2])
if svc_zip is None:
    print("   svc wrote no pythonRequirements.zip", file=sys.stderr)
elif svc_zip == sls_zip:
    print(f"   the same {len(svc_zip)} files in the layer zips (less the plugin's own)", file=sys.stderr)
else:
    # Top-level names under python/ only: a package's own files are listed
    # once for the package.
    top = lambda names: sorted({"/".join(n.split("/")[:2]) for n in names})
    print(f"   the layer zips differ (timing goes on): {len(svc_zip)} entries in svc's, {len(sls_zip)} in"
          f" serverless'; svc only {top(svc_zip - sls_zip)}, serverless only {top(sls_zip - svc_zip)}",
          file=sys.stderr)
PY
    fi
    time_it svc cold "$svc_cold_runs" 0
    time_it svc warm "$svc_warm_runs" 3
fi

# ---------- the figures ----------

echo
echo "== python requirements ($packages packages, layer), whole process (load: $(cut -d' ' -f1-3 /proc/loadavg)) =="
python3 - "$only" "$(json sls-cold)" "$(json sls-warm)" "$(json svc-cold)" "$(json svc-warm)" <<'PY'
import json, sys
only = sys.argv[1]
def result(path):
    r = json.load(open(path))["results"][0]
    return r["median"], r["min"], len(r["times"])
rows = []
if only != "svc":
    rows.append(("serverless package", result(sys.argv[2]), result(sys.argv[3])))
if only != "serverless":
    rows.append(("svc build", result(sys.argv[4]), result(sys.argv[5])))
cell = lambda r: f"{r[0] * 1e3:>10,.2f} ms (min {r[1] * 1e3:,.2f}, {r[2]} runs)"
print(f"{'':<20} {'cold (caches cleared), median':<42} {'warm (caches kept), median':<42}")
for name, cold, warm in rows:
    print(f"{name:<20} {cell(cold):<42} {cell(warm):<42}")
if len(rows) == 2:
    (_, sls_cold, sls_warm), (_, svc_cold, svc_warm) = rows
    print(f"{'ratio (medians)':<20} {f'serverless / svc: {sls_cold[0] / svc_cold[0]:,.1f}x':<42}"
          f" {f'serverless / svc: {sls_warm[0] / svc_warm[0]:,.0f}x':<42}")
PY
if [ "$only" != serverless ]; then
    echo "target: warm svc build < 100 ms median -> $(target "$(json svc-warm)" 0.100)"
fi
echo "hyperfine JSON: $results/python-requirements-{sls,svc}-{cold,warm}.hyperfine.json"
