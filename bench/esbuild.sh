#!/usr/bin/env bash
# esbuild bundling: `svc build` vs `serverless package` with the plugin
# serverless-esbuild (Serverless Framework v3), each timed as a whole process
# with hyperfine, on a service of 20 TypeScript functions sharing a few
# library modules, each function bundled into its own zip
# (bench/esbuild-typescript/). See bench/README.md.
#
#   bench/esbuild.sh                        # build svc, install what is missing, run
#   SLS=/tmp/sls/node_modules/.bin/serverless bench/esbuild.sh   # an existing install, the plugin and esbuild beside it
#   ONLY=serverless bench/esbuild.sh        # serverless' half only (svc is not built)
#   ONLY=svc SVC=path/to/svc bench/esbuild.sh   # svc's half only, this binary
#   SLS_RUNS=20 SVC_RUNS=50 bench/esbuild.sh
#
# Installs what it needs from nothing (bench/lib.sh): hyperfine, Node.js/npm,
# serverless@3, and serverless-esbuild@1.57.2 with esbuild@0.28.2 beside it
# (npm, into target/bench-cache/; with `SLS=…` both must be installed beside
# that serverless: serverless looks for a plugin in the service folder's
# node_modules, then in its own, and the plugin loads the esbuild it finds
# from there). No network while timing: the service has no dependencies to
# install (its package.json holds type packages only, as devDependencies),
# and serverless runs with dummy credentials.
#
# Caches go under target/bench-cache/xdg (XDG_CACHE_HOME, exported): svc's
# (`$XDG_CACHE_HOME/svc`), never the user's. Both tools are timed warm:
# after one untimed run and warm-up runs (serverless-esbuild keeps no cache
# between runs; it bundles every function again each time).
#
# Before timing, it compares the two templates' logical IDs, lists each
# tool's zip entries for f01 and f02 and compares the entries of all 20
# zips, and runs every bundled handler of both tools once under node with the
# same event, comparing the responses (the timing goes on regardless). Writes
# hyperfine's JSON to target/bench-results/ (`esbuild-{sls,svc}.hyperfine.json`)
# and prints the medians side by side.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
only=${ONLY:-}
sls_runs=${SLS_RUNS:-10}
svc_runs=${SVC_RUNS:-20}
plugin_version=${ESBUILD_PLUGIN_VERSION:-1.57.2}
esbuild_version=${ESBUILD_VERSION:-0.28.2}
service=$root/bench/esbuild-typescript
case $only in '' | serverless | svc) ;; *) echo "ONLY is serverless or svc, not '$only'" >&2; exit 2 ;; esac

need_hyperfine
need_python3

if [ "$only" != svc ]; then
    need_serverless
    need_plugin serverless-esbuild "$plugin_version" esbuild "$esbuild_version"
    # The esbuild the plugin loads (resolved from the plugin's own folder).
    esbuild_used=$(node -p 'const path = require("path");
        const plugin = path.dirname(require.resolve("serverless-esbuild/package.json", { paths: [process.argv[1]] }));
        require(require.resolve("esbuild/package.json", { paths: [plugin] })).version' \
        "$(dirname "$(readlink -f "$sls")")")
fi
if [ "$only" != serverless ]; then
    if [ -n "${SVC:-}" ]; then
        svc=$SVC
    else
        build_svc
    fi
fi

# ---------- the set-up ----------

# Both tools write next to what they read: everything runs on copies (without
# a node_modules or a tool's output someone left in the service folder).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"
for tool in sls svc; do
    mkdir "$work/$tool"
    (cd "$service" && tar -cf - --exclude=./node_modules --exclude=./.serverless --exclude=./.esbuild \
        --exclude=./.svc --exclude=./service.svc --exclude=./serverless.yml .) | (cd "$work/$tool" && tar -xf -)
done
cp "$service/serverless.yml" "$work/sls/"
cp "$service/service.svc" "$work/svc/"
functions=$(grep -c '^function ' "$service/service.svc")

export XDG_CACHE_HOME=$cache/xdg
mkdir -p "$XDG_CACHE_HOME"
serverless_offline
say "node $(node --version); caches under XDG_CACHE_HOME=$XDG_CACHE_HOME"

# The commands by name.
declare -A command=(
    [sls]="cd $work/sls && ${sls:-serverless} package"
    [svc]="${svc:-svc} build $work/svc/service.svc --out $work/out/svc"
)
json() { echo "$results/esbuild-$1.hyperfine.json"; }

# time_it TOOL RUNS WARMUP: hyperfine on command[TOOL].
time_it() {
    local shell=(--shell=none)
    [[ ${command[$1]} == cd* ]] && shell=()
    say "$1 ($2 runs)"
    hyperfine "${shell[@]}" --warmup "$3" --runs "$2" --output=null \
        --export-json "$(json "$1")" --command-name "$1" "${command[$1]}"
}

# check TOOL: one run, its output kept in $work/out/TOOL; fails with the
# tool's output.
check() {
    if ! (eval "${command[$1]}") >"$work/$1.log" 2>&1; then
        echo "$1 failed on $service:" >&2
        sed 's/^/  /' "$work/$1.log" >&2
        if [ "$1" = svc ]; then
            echo "(svc's half needs an svc that bundles Node.js functions with esbuild, custom.esbuild;" \
                "ONLY=serverless runs serverless' half alone)" >&2
        fi
        return 1
    fi
    if [ "$1" = sls ]; then
        rm -rf "$work/out/sls"
        cp -rL "$work/sls/.serverless" "$work/out/sls"
    fi
}

# zips TOOL...: each tool's zip entries (name, size) for f01 and f02.
zips() {
    python3 - "$work/out" "$@" <<'PY'
import pathlib, sys, zipfile
out = pathlib.Path(sys.argv[1])
for tool in sys.argv[2:]:
    for function in ("f01", "f02"):
        path = out / tool / f"{function}.zip"
        if not path.exists():
            print(f"   {tool}: no {function}.zip", file=sys.stderr)
            continue
        entries = ", ".join(f"{i.filename} ({i.file_size:,} B)" for i in zipfile.ZipFile(path).infolist())
        print(f"   {tool} {function}.zip ({path.stat().st_size:,} B): {entries}", file=sys.stderr)
PY
}

# ---------- serverless package + serverless-esbuild ----------

if [ "$only" != svc ]; then
    say "serverless: one run ($functions functions; $plugin_names, esbuild $esbuild_used as the plugin loads it)"
    check sls
    [ "$only" = serverless ] && zips sls
    time_it sls "$sls_runs" 1
    echo
    echo "== $sls_name package + $plugin_name (esbuild $esbuild_used), $functions TypeScript functions =="
    figure "serverless package" "$(json sls)"
fi

# ---------- svc build ----------

if [ "$only" != serverless ]; then
    say "svc: one run ($functions functions)"
    check svc
    if [ "$only" != svc ]; then
        say "comparing svc's and serverless' templates, zips and bundles"
        python3 "$root/bench/compare_templates.py" "$work/out/svc" "$work/out/sls"
        zips svc sls
        python3 - "$work/out/svc" "$work/out/sls" <<'PY'
import pathlib, sys, zipfile
def entries(folder):
    return {z.name: sorted(zipfile.ZipFile(z).namelist()) for z in sorted(pathlib.Path(folder).glob("*.zip"))}
svc, sls = entries(sys.argv[1]), entries(sys.argv[2])
if svc == sls:
    print(f"   the same {len(svc)} zips with the same entries", file=sys.stderr)
else:
    differ = sorted(n for n in set(svc) | set(sls) if svc.get(n) != sls.get(n))
    print(f"   the zips differ (timing goes on) in {len(differ)}: " +
          "; ".join(f"{n}: svc {svc.get(n)}, serverless {sls.get(n)}" for n in differ[:3]), file=sys.stderr)
PY
        # Every bundle of both tools run once under node with the same event
        # (the function's own path, a query string); the responses compared
        # without the cold-start time, which differs by nature.
        for tool in svc sls; do
            for zip in "$work/out/$tool"/*.zip; do
                mkdir -p "$work/run/$tool/$(basename "$zip" .zip)"
                python3 -m zipfile -e "$zip" "$work/run/$tool/$(basename "$zip" .zip)"
            done
        done
        node - "$work/run" <<'JS' || true
const path = require("path");
const [, , run] = process.argv;
console.log = () => {};  // the handlers' request logs
(async () => {
  const names = require("fs").readdirSync(path.join(run, "sls")).sort();
  const differ = [];
  for (const name of names) {
    const event = {
      rawPath: `/${name}`, rawQueryString: "kind=book", queryStringParameters: { kind: "book" },
      headers: { "user-agent": "bench" }, requestContext: { requestId: "r", http: { method: "GET", sourceIp: "127.0.0.1" } },
    };
    const answer = {};
    for (const tool of ["svc", "sls"]) {
      try {
        const { handler } = require(path.join(run, tool, name, "src", `${name}.js`));
        const response = await handler(event, { awsRequestId: "bench" });
        const body = JSON.parse(response.body);
        delete body.coldStart;
        answer[tool] = JSON.stringify([response.statusCode, body]);
      } catch (error) {
        answer[tool] = `error: ${error.message}`;
      }
    }
    if (answer.svc !== answer.sls) differ.push(`${name}: svc ${answer.svc.slice(0, 80)}, serverless ${answer.sls.slice(0, 80)}`);
  }
  process.stderr.write(differ.length
    ? `   the handlers answer differently (timing goes on): ${differ.slice(0, 3).join("; ")}\n`
    : `   all ${names.length} bundled handlers of both tools give the same responses\n`);
})();
JS
    fi
    [ "$only" = svc ] && zips svc
    time_it svc "$svc_runs" 3
fi

# ---------- the figures ----------

echo
echo "== esbuild, $functions TypeScript functions each into its own zip, whole process (load: $(cut -d' ' -f1-3 /proc/loadavg)) =="
python3 - "$only" "$(json sls)" "$(json svc)" <<'PY'
import json, sys
only = sys.argv[1]
def result(path):
    r = json.load(open(path))["results"][0]
    return r["median"], r["min"], len(r["times"])
rows = []
if only != "svc":
    rows.append(("serverless package", result(sys.argv[2])))
if only != "serverless":
    rows.append(("svc build", result(sys.argv[3])))
for name, (median, least, runs) in rows:
    print(f"{name:<20} median {median * 1e3:>10,.2f} ms (min {least * 1e3:,.2f}, {runs} runs)")
if len(rows) == 2:
    print(f"{'ratio (medians)':<20} serverless / svc: {rows[0][1][0] / rows[1][1][0]:,.1f}x")
PY
echo "hyperfine JSON: $results/esbuild-{sls,svc}.hyperfine.json"
