#!/bin/bash
# Regenerates expected/cloudformation-template-update-stack.json of the package
# fixtures with the real Serverless Framework v3 (see README.md). Usage:
#   tests/package/regenerate.sh            # every case
#   tests/package/regenerate.sh minimal    # some cases
# SLS points at the serverless binary (default: /tmp/sls/node_modules/.bin/serverless).
#
# Each case is packaged in a fresh temporary copy of its folder that holds only
# what serverless reads: every file except service.svc, args, env, expected/,
# differences, known-gap and .serverless/. So the deployment zip holds only the
# handler files, and the code hashes in the template (CodeSha256, the
# <Function>LambdaVersion<hash> logical IDs) do not change when the svc side or
# the expected output changes. Nothing is written into the case folder except
# expected/.
#
# serverless runs with a clean environment: PATH, HOME, an empty
# XDG_CACHE_HOME of its own, the dummy AWS credentials and switches below, and
# the case's `env` file, nothing else.
#
# A case that lists `plugins:` needs them installed beside serverless (npm
# install them into /tmp/sls too: serverless looks for a plugin in the service
# folder's node_modules, then in its own), so the copy holds no node_modules
# and the zips none of it. serverless-python-requirements runs
# `python3.12 -m pip` (the runtime's name): a python3.12 must come first on PATH.
set -u
here=$(cd "$(dirname "$0")" && pwd)
SLS=${SLS:-/tmp/sls/node_modules/.bin/serverless}
if [ $# -eq 0 ]; then
  set -- $(cd "$here" && for d in */; do [ -f "$d/serverless.yml" ] && echo "${d%/}"; done)
fi
status=0
for name in "$@"; do
  (
    case_dir="$here/$name"
    [ -f "$case_dir/serverless.yml" ] || { echo "$name: no serverless.yml" >&2; exit 2; }
    work=$(mktemp -d "${TMPDIR:-/tmp}/svc-package.XXXXXX") || exit 2
    trap 'rm -rf "$work"' EXIT
    # The copy lives in a folder named like the case (the folder name does not
    # reach the template, but keep it recognisable in error messages).
    mkdir "$work/$name"
    (cd "$case_dir" && tar -cf - --exclude=./service.svc --exclude=./args --exclude=./env \
        --exclude=./expected --exclude=./differences --exclude=./known-gap \
        --exclude=./.serverless --exclude='*.zip' .) | (cd "$work/$name" && tar -xf -) || exit 2
    cd "$work/$name" || exit 2
    # XDG_CACHE_HOME: an empty cache folder of the run's own, so that a
    # plugin's cache (serverless-python-requirements keeps its pip downloads,
    # installed requirements and layer zips in
    # $XDG_CACHE_HOME/serverless-python-requirements) starts empty and never
    # touches the user's. serverless itself reads it only in `invoke local`.
    mkdir "$work/cache"
    # A service with layers makes serverless ask CloudFormation for its
    # stack: answered in process, "does not exist", as AWS answers a first
    # package (the shim bench/build-vs-serverless.sh uses too).
    vars=(PATH="$PATH" HOME="$HOME" XDG_CACHE_HOME="$work/cache"
          AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1
          SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off
          NODE_OPTIONS="--require $here/../../bench/serverless-no-stack.cjs")
    # env: one NAME=VALUE per line, the value verbatim up to the end of the line.
    if [ -f "$case_dir/env" ]; then
      while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] && vars+=("$line")
      done < "$case_dir/env"
    fi
    # args: one line of shell words (quoted as in a POSIX shell).
    eval "set -- $(cat "$case_dir/args" 2>/dev/null)"
    if ! env -i "${vars[@]}" "$SLS" package "$@" > "$work/log" 2>&1; then
      echo "$name: package failed:" >&2
      sed 's/^/  /' "$work/log" >&2
      exit 1
    fi
    mkdir -p "$case_dir/expected"
    # Through a temporary file, so that a reader never sees a half-written file.
    cp .serverless/cloudformation-template-update-stack.json "$case_dir/expected/.tmp" \
      && mv "$case_dir/expected/.tmp" "$case_dir/expected/cloudformation-template-update-stack.json" \
      || exit 1
    # The files in each zip serverless made, one `<zip><TAB><entry>` a line,
    # sorted (for the cases whose zips svc compares).
    python3 - .serverless > "$case_dir/expected/.tmp" <<'PY' \
      && mv "$case_dir/expected/.tmp" "$case_dir/expected/zip-entries.tsv" || exit 1
import pathlib, sys, zipfile
for z in sorted(pathlib.Path(sys.argv[1]).glob("*.zip")):
    for name in sorted(zipfile.ZipFile(z).namelist()):
        print(f"{z.name}\t{name}")
PY
    if grep -q '^Warning' "$work/log"; then
      echo "$name: ok (with warnings; see: serverless package in the case folder)"
    else
      echo "$name: ok"
    fi
  ) || status=1
done
exit $status
