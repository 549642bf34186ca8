#!/usr/bin/env bash
# Fuzzes the REST API against its own OpenAPI document with Schemathesis: starts `mosaic demo`
# on a free port with its state in a temporary directory, runs every check (`--checks all`)
# with a fixed seed and a bounded number of examples per operation, stops the demo, and prints
# one summary line `schemathesis: N passed, M failed` (API operations). Exits non-zero when any
# check fails.
#
# Every rule an argument must follow is in the document, so a schema-valid request is never
# refused with 400; what only the deployment or a provider can judge (a pinned instance, a
# cursor the provider did not issue) is 422, which schemathesis.toml beside this file accepts
# for valid data.
#
# Needs .venv with requirements.txt (scripts/test-deps) and target/debug/mosaic (or MOSAIC_BIN).
# SCHEMATHESIS_SEED and SCHEMATHESIS_MAX_EXAMPLES change the seed and the bound; extra arguments
# go to `schemathesis run` (e.g. `--include-path /v1/git.issues.list`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
schemathesis="$repo/.venv/bin/schemathesis"
mosaic="${MOSAIC_BIN:-$repo/target/debug/mosaic}"
seed="${SCHEMATHESIS_SEED:-20261128}"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-50}"

if [[ ! -x "$schemathesis" ]]; then
  echo "schemathesis: $schemathesis is missing; run scripts/test-deps" >&2
  exit 2
fi
if [[ ! -x "$mosaic" ]]; then
  echo "schemathesis: $mosaic is missing; run \`cargo build -p mosaic\`" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-schemathesis.XXXXXX")"
suite=schemathesis
# shellcheck source=../server.sh
source "$repo/tests/server.sh"

port="$(free_port)"
RUST_LOG="${RUST_LOG:-warn}" "$mosaic" demo --listen "127.0.0.1:$port" --data "$work/data" \
  </dev/null >"$work/server.log" 2>&1 &
server_pid=$!

base="http://127.0.0.1:$port"
wait_ready "mosaic demo" "$work/server.log"

echo "=== schemathesis: $base/openapi.json, all checks, seed $seed, up to $max_examples examples per operation"
status=0
# From the temporary directory, so that nothing Schemathesis or Hypothesis writes lands in the
# tree; one worker, so that a seed always replays the same run.
(cd "$work" && "$schemathesis" --config-file "$here/schemathesis.toml" run "$base/openapi.json" \
  --checks all --seed "$seed" --max-examples "$max_examples" --workers 1 \
  --generation-database none --no-color \
  --report junit --report-junit-path "$work/junit.xml" "$@") || status=$?

stop_server
if [[ ! -f "$work/junit.xml" ]]; then
  echo "schemathesis: no report was written (exit status $status)"
  echo "schemathesis: 0 passed, 1 failed"
  exit 1
fi
# One JUnit test case per API operation; a failed or errored one holds a <failure> or <error>.
read -r passed failed < <(python3 - "$work/junit.xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET

cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
outcomes = [any(child.tag in ("failure", "error") for child in case) for case in cases]
print(outcomes.count(False), outcomes.count(True))
EOF
)
if ((status != 0 && failed == 0)); then
  # Schemathesis failed in a way no operation shows (a schema it could not load, a crash).
  failed=1
  echo "--- last lines of the server log"
  tail -n 40 "$work/server.log"
fi
echo "schemathesis: $passed passed, $failed failed"
((failed == 0))
