#!/usr/bin/env bash
# `svc build` vs `serverless package` (Serverless Framework v3), each timed
# as a whole process with hyperfine, on two services: the seed's
# (examples/aws-python-http-api, code and requirements layer zipped by both) and a
# generated one of 200 functions (template only for svc, and with the zip;
# serverless has no template-only mode: it always zips). See bench/README.md.
#
#   bench/build-vs-serverless.sh            # build, install what is missing, run
#   SVC_RUNS=300 SLS_RUNS=10 FUNCTIONS=500 bench/build-vs-serverless.sh
#
# Installs what it needs from nothing (bench/lib.sh): hyperfine, Node.js/npm
# and serverless@3 (npm, into target/bench-cache/; `SLS=/path/to/serverless`
# uses an existing install). The generated service comes from
# `cargo run -p svc-compiler --example generate-service` (deterministic;
# the same generator as the compiler's `lower` and `service` benchmarks),
# as service.svc and as the equivalent serverless.yml.
#
# Offline: dummy credentials, and CloudFormation's one question answered in
# process (bench/serverless-no-stack.cjs), so serverless's figures hold no
# network time. Before timing, it lists the logical IDs one tool's template has and the
# other's lacks (versions compared without their hash; the timing goes on
# regardless). Writes hyperfine's JSON to target/bench-results/
# (`SVC_BENCH_RESULTS=dir`) and prints medians, ratios and the targets.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
svc_runs=${SVC_RUNS:-100}
sls_runs=${SLS_RUNS:-5}
functions=${FUNCTIONS:-200}

need_hyperfine
need_python3
need_serverless
need_plugin
find_python312
build_svc

# ---------- the services, in scratch folders ----------

# Both tools write next to what they read: everything runs on copies.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/aws-python-http-api" "$work/seed"
cp "$root/bench/aws-python-http-api/serverless.yml" "$work/seed/serverless.yml"
# The seed's requirements layer: both tools install requirements.txt with
# this Python (cached after the warm-up run), caches under target/bench-cache.
python312_on_path "$work/bin"
export XDG_CACHE_HOME=$cache/xdg
say "generating a $functions-function service"
cargo run --release --quiet --locked --manifest-path "$root/Cargo.toml" -p svc-compiler \
    --example generate-service -- "$functions" "$work/generated"
serverless_offline
# serverless package asks CloudFormation for the stack of a service with
# layers (the seed's): answered in process, as AWS answers a first package.
export NODE_OPTIONS="--require $root/bench/serverless-no-stack.cjs"

# The commands, by name: `svc-seed`, `sls-seed`, `svc-gen`, `svc-gen-zip`, `sls-gen`.
declare -A command=(
    [svc-seed]="$svc build $work/seed/service.svc --out $work/out/svc-seed"
    [sls-seed]="cd $work/seed && $sls package --package $work/out/sls-seed"
    [svc-gen]="$svc build $work/generated/service.svc --template-only --out $work/out/svc-gen"
    [svc-gen-zip]="$svc build $work/generated/service.svc --out $work/out/svc-gen-zip"
    [sls-gen]="cd $work/generated && $sls package --package $work/out/sls-gen"
)

# ---------- the same resources from both? ----------

say "checking that both make the same resources"
for name in svc-seed sls-seed svc-gen sls-gen; do
    (eval "${command[$name]}") >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
done
for service in seed gen; do
    python3 "$root/bench/compare_templates.py" "$work/out/svc-$service" "$work/out/sls-$service" "$service"
done

# ---------- the runs ----------

# time_it NAME RUNS WARMUP: hyperfine on command[NAME], JSON to $results/build-NAME.hyperfine.json.
time_it() {
    local shell=(--shell=none)
    [[ ${command[$1]} == cd* ]] && shell=()
    say "$1 ($2 runs)"
    hyperfine "${shell[@]}" --warmup "$3" --runs "$2" --output=null \
        --export-json "$results/build-$1.hyperfine.json" --command-name "$1" "${command[$1]}"
}
time_it svc-seed "$svc_runs" 5
time_it svc-gen "$svc_runs" 5
time_it svc-gen-zip "$svc_runs" 5
time_it sls-seed "$sls_runs" 1
time_it sls-gen "$sls_runs" 1

# ---------- the figures ----------

json() { echo "$results/build-$1.hyperfine.json"; }
echo
echo "== build, whole process: svc build vs $sls_name package (load: $(cut -d' ' -f1-3 /proc/loadavg)) =="
echo "seed's service (examples/aws-python-http-api: code and requirements layer zipped by both)"
figure "  svc build" "$(json svc-seed)"
figure "  serverless package" "$(json sls-seed)"
echo "  ratio (median): serverless package takes $(ratio "$(json sls-seed)" "$(json svc-seed)") as long as svc build"
echo "generated service, $functions functions"
figure "  svc build --template-only" "$(json svc-gen)"
figure "  svc build (with the zip)" "$(json svc-gen-zip)"
figure "  serverless package" "$(json sls-gen)"
echo "  ratio (median): serverless package takes $(ratio "$(json sls-gen)" "$(json svc-gen)") as long as" \
    "svc build --template-only, $(ratio "$(json sls-gen)" "$(json svc-gen-zip)") as long as svc build"
echo "  (serverless has no template-only mode: its figure always includes zipping)"
echo "target: seed's service, svc build < 20 ms median -> $(target "$(json svc-seed)" 0.020)"
echo "target: $functions functions, svc build --template-only < 50 ms median -> $(target "$(json svc-gen)" 0.050)"
echo "hyperfine JSON: $results/build-{svc,sls}-*.hyperfine.json"
