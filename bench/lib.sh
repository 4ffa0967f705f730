# Shared set-up of the bench/ scripts, sourced by each (not run alone):
# paths, installing the tools from nothing, building svc, and reading
# hyperfine's JSON. See bench/README.md.
#
# Sets: root (the repository), cache (target/bench-cache, or
# SVC_BENCH_CACHE), results (target/bench-results, or SVC_BENCH_RESULTS),
# target_dir (CARGO_TARGET_DIR, else target/); puts $cache/bin on PATH.
# Functions set `svc` (build_svc), `sls` and `sls_name` (need_serverless),
# `plugin_name` and `plugin_names` (need_plugin), `venv` (need_moto),
# `endpoint` and `work` (start_moto).

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SVC_BENCH_CACHE:-$root/target/bench-cache}
results=${SVC_BENCH_RESULTS:-$root/target/bench-results}
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$cache" "$results"
export PATH="$cache/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else return 1; fi; }

# apt-get install, with an `apt-get update` first if the plain install fails.
apt_install() {
    have apt-get || return 1
    as_root apt-get install -y "$@" >/dev/null 2>&1 && return 0
    as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y "$@" >/dev/null 2>&1
}

# python3 (reads hyperfine's JSON); extra arguments are more apt packages.
need_python3() {
    have python3 && return 0
    say "installing python3"
    apt_install python3 "$@"
}

# hyperfine: apt-get, else `cargo install --locked` into the cache.
need_hyperfine() {
    have hyperfine && return 0
    say "installing hyperfine"
    apt_install hyperfine || cargo install hyperfine --locked --root "$cache"
}

# Sets `sls` and `sls_name` (what it is, for the figures): $SLS, else serverless@$SLS_VERSION (default 3.40.0, the
# version of the references in tests/) installed with npm into the cache
# (Node.js and npm from apt-get when missing).
need_serverless() {
    if [ -n "${SLS:-}" ]; then
        sls=$SLS sls_name=$SLS
        return 0
    fi
    local version=${SLS_VERSION:-3.40.0}
    local dir=$cache/serverless-$version
    sls=$dir/node_modules/.bin/serverless sls_name=serverless@$version
    [ -x "$sls" ] && return 0
    if ! have npm; then
        say "installing Node.js and npm"
        apt_install nodejs npm
    fi
    say "installing serverless@$version into $dir (~35 s)"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "serverless@$version" >&2
}

# Keeps serverless offline: dummy credentials it never uses (also as a
# `default` profile, which `serverless package` insists on for a service
# that names it), a region, no telemetry, no notifications.
serverless_offline() {
    printf '[default]\naws_access_key_id = x\naws_secret_access_key = x\n' >"$cache/aws-credentials"
    export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 \
        AWS_SHARED_CREDENTIALS_FILE=$cache/aws-credentials AWS_CONFIG_FILE=$cache/aws-credentials \
        SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off
}

# Sets `venv` (the repository's .venv-peers) and installs moto into it
# when missing, as scripts/test does.
need_moto() {
    venv=$root/.venv-peers
    [ -x "$venv/bin/moto_server" ] && return 0
    say "installing moto into .venv-peers (~40 s)"
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server,cloudformation]'
}

# Starts moto on a free loopback port, stopped on exit. Sets `endpoint`,
# `work` (a scratch folder, removed on exit) and `moto_pid`, and exports
# dummy credentials from the environment and nothing else: no profile
# files, no instance metadata (the chain would try it without credentials).
start_moto() {
    local port
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
    export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true \
        AWS_CONFIG_FILE=$work/none AWS_SHARED_CREDENTIALS_FILE=$work/none NO_COLOR=1
    unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL
}

# Copies the seed's service (examples/aws-python-http-api) into the
# scratch folder and deploys it to moto with `svc deploy` (after
# start_moto and build_svc). Sets `copy`, the copy's service file.
deploy_seed() {
    cp -r "$root/examples/aws-python-http-api" "$work/service"
    copy=$work/service/service.svc
    say "deploying the seed's service to moto"
    $svc deploy "$copy" --endpoint-url "$endpoint" >/dev/null 2>"$work/deploy.err" || { cat "$work/deploy.err" >&2; exit 1; }
}

# Sets `svc`: the release build of the CLI, built now (in CARGO_TARGET_DIR).
build_svc() {
    say "building svc (release)"
    cargo build --release --quiet --locked --manifest-path "$root/Cargo.toml" -p svc
    svc=$target_dir/release/svc
}

# One line of figures from a hyperfine JSON file: `figure NAME FILE`.
figure() {
    python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))["results"][0]
ms = lambda s: f"{s * 1e3:10.2f} ms"
print(f"{sys.argv[1]:<30} median {ms(r['median'])}   mean {ms(r['mean'])} ± {(r['stddev'] or 0) * 1e3:7.2f}"
      f"   min {ms(r['min'])}   ({len(r['times'])} runs)")
PY
}

# The median of a hyperfine JSON file, in seconds: `median FILE`.
median() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

# How many times as long the first median is: `ratio SLOW_FILE FAST_FILE`.
ratio() {
    python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):,.0f}x")' "$(median "$1")" "$(median "$2")"
}

# "met" or "NOT met" for a median under a bound: `target FILE SECONDS`.
target() {
    python3 -c 'import sys; print("met" if float(sys.argv[1]) < float(sys.argv[2]) else "NOT met")' "$(median "$1")" "$2"
}

# Plugins (and the packages they load, such as esbuild) beside serverless:
# `need_plugin [NAME VERSION]...`, by default serverless-python-requirements
# at $PLUGIN_VERSION (6.1.2). With the cache's serverless, each package that
# is missing there, or there at another version, is installed (one npm
# install, exact versions) next to it; with `SLS=…` each must already be
# beside that serverless (serverless looks for a plugin in the service
# folder's node_modules, then in its own), at whatever version it is. Sets
# `plugin_name` (NAME@VERSION of the first, as found or installed) and
# `plugin_names` (all of them, joined with " + ").
need_plugin() {
    [ $# -gt 0 ] || set -- serverless-python-requirements "${PLUGIN_VERSION:-6.1.2}"
    local from name version found
    local wanted=() missing=() names=()
    from=$(dirname "$(readlink -f "$sls")")
    while [ $# -ge 2 ]; do
        name=$1 version=$2
        shift 2
        wanted+=("$name@$version")
        found=$(node -p 'require(require.resolve(process.argv[1] + "/package.json", { paths: [process.argv[2]] })).version' \
            "$name" "$from" 2>/dev/null) || found=
        if [ -n "$found" ] && { [ -n "${SLS:-}" ] || [ "$found" = "$version" ]; }; then
            names+=("$name@$found")
        else
            missing+=("$name@$version")
            names+=("$name@$version")
        fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
        if [ -n "${SLS:-}" ]; then
            echo "not installed beside $SLS: ${missing[*]}:" \
                "npm install ${wanted[*]} where serverless is" >&2
            exit 1
        fi
        local dir=$cache/serverless-${SLS_VERSION:-3.40.0}
        say "installing ${missing[*]} into $dir"
        npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "${missing[@]}" >&2
    fi
    plugin_name=${names[0]}
    plugin_names=$(printf ' + %s' "${names[@]}")
    plugin_names=${plugin_names# + }
}

# A real CPython 3.12 with pip (a version manager's shim may refuse to run,
# or cost more than svc itself).
find_python312() {
    local candidate
    for candidate in "${PYTHON312:-}" \
        "$(python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null)" \
        $(ls -d "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.12*/bin/python3.12 2>/dev/null | sort -V -r); do
        if [ -n "$candidate" ] && "$candidate" -m pip --version >/dev/null 2>&1; then
            python312=$candidate
            return 0
        fi
    done
    echo "no CPython 3.12 with pip found: set PYTHON312=/path/to/python3.12" >&2
    exit 1
}

# Links the CPython 3.12 find_python312 found as `python3.12` and `python3`
# in the folder $1, put first on PATH: what the plugin runs (the runtime's
# name) and svc's pip both use it.
python312_on_path() {
    mkdir -p "$1"
    ln -sf "$python312" "$1/python3.12"
    ln -sf "$python312" "$1/python3"
    export PATH="$1:$PATH"
}

