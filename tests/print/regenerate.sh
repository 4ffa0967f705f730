#!/bin/bash
# Regenerates expected.yml / expected.json of the print fixtures with the real
# Serverless Framework v3 (see README.md). Usage:
#   tests/print/regenerate.sh            # every case
#   tests/print/regenerate.sh minimal    # some cases
# SLS points at the serverless binary (default: /tmp/sls/node_modules/.bin/serverless).
# serverless runs with a clean environment: PATH, HOME, the dummy AWS
# credentials and switches below, and the case's `env` file, nothing else.
set -u
here=$(cd "$(dirname "$0")" && pwd)
SLS=${SLS:-/tmp/sls/node_modules/.bin/serverless}
if [ $# -eq 0 ]; then
  set -- $(cd "$here" && for d in */; do [ -f "$d/serverless.yml" ] && echo "${d%/}"; done)
fi
status=0
for name in "$@"; do
  (
    cd "$here/$name" || exit 2
    vars=(PATH="$PATH" HOME="$HOME"
          AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1
          SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off)
    # env: one NAME=VALUE per line, the value verbatim up to the end of the line.
    if [ -f env ]; then
      while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] && vars+=("$line")
      done < env
    fi
    # args: one line of shell words (quoted as in a POSIX shell).
    eval "set -- $(cat args 2>/dev/null)"
    # Written to temporary files first, so that a reader never sees a
    # half-written (or empty) expected file.
    env -i "${vars[@]}" "$SLS" print "$@" > .expected.yml.tmp 2> /dev/null \
      || { rm -f .expected.yml.tmp; echo "$name: print failed" >&2; exit 1; }
    env -i "${vars[@]}" "$SLS" print --format json "$@" > .expected.json.tmp 2> /dev/null \
      || { rm -f .expected.yml.tmp .expected.json.tmp; echo "$name: print --format json failed" >&2; exit 1; }
    mv .expected.yml.tmp expected.yml && mv .expected.json.tmp expected.json
    echo "$name: ok"
  ) || status=1
done
exit $status
