#!/usr/bin/env bash
# Measures one federated MCP tools/call in front of one upstream, side by side in one run:
#   upstream    the peer kit's upstream MCP server alone (MCP Python SDK, stateless JSON);
#   mosaic      `mosaic serve` (release) federating it (benches/federation-peers.yaml);
#   cf-jwt      IBM ContextForge (PyPI mcp-contextforge-gateway) fronting it, JWT on /mcp;
#   cf-noauth   the same with MCP_REQUIRE_AUTH=false;
#   nginx       a bare reverse proxy fronting it, as the floor of what any proxy costs.
# The peer kit (PEERS_KIT, default ../shared/bench/peers; its README says what it installs and why
# ContextForge runs with SSRF_ALLOW_LOCALHOST=true, RATE_LIMITING_ENABLED=false, CACHE_TYPE=memory)
# installs and starts the upstream, ContextForge and nginx; this script adds MosAIc and drives wrk
# (benches/federation-peers.py): ROUNDS interleaved rounds of SECONDS per target at 1 and at 8
# connections, medians over rounds, every answer checked, CPU per request of each gateway.
#
#   cargo build --release -p mosaic && benches/federation-peers.sh [ROUNDS] [SECONDS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
seconds="${2:-10}"
kit="$(cd "${PEERS_KIT:-$repo/../shared/bench/peers}" && pwd)"
mosaic="${MOSAIC_BIN:-$repo/target/release/mosaic}"
[[ -x "$mosaic" ]] || { echo "build first: cargo build --release -p mosaic ($mosaic)" >&2; exit 1; }
[[ -x "$kit/start.sh" ]] || { echo "no peer kit at $kit (set PEERS_KIT)" >&2; exit 1; }
# shellcheck source=/dev/null
. "$kit/lib.sh"
port_mosaic=$((PORT_BASE + 20))

"$kit/setup.sh"
data="$(mktemp -d)"
mosaic_pid=""
cleanup() {
  [[ -z "$mosaic_pid" ]] || kill "$mosaic_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  (cd "$repo" && "$kit/stop.sh") || true
  rm -rf "$data"
}
trap cleanup EXIT
# The kit starts its own MosAIc targets too (on the sim, unused here) from the checkout.
(cd "$repo" && MOSAIC_BIN="$mosaic" "$kit/start.sh")

MOSAIC_DATA="$data" MOSAIC_BENCH_PORT="$port_mosaic" \
  MOSAIC_BENCH_UPSTREAM_URL="$(cat "$RUN_DIR/upstream.url")" RUST_LOG=warn \
  "$mosaic" serve --config "$repo/benches/federation-peers.yaml" >"$data/mosaic.log" 2>&1 </dev/null &
mosaic_pid=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port_mosaic/v1/providers" 2>/dev/null | grep -q '"state":"ready"' && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port_mosaic/v1/providers" | grep -q '"state":"ready"' ||
  { tail -n 20 "$data/mosaic.log" >&2; echo "MosAIc did not federate the upstream" >&2; exit 1; }

python3 "$repo/benches/federation-peers.py" "$rounds" "$seconds" \
  "upstream=$(cat "$RUN_DIR/upstream.url")|add||$(cut -d' ' -f1 "$RUN_DIR/upstream.pid")" \
  "mosaic=http://127.0.0.1:$port_mosaic/mcp|add||$mosaic_pid" \
  "cf-jwt=$(cat "$RUN_DIR/cf-jwt.url")|up-add|$(cat "$RUN_DIR/cf-jwt/token")|$(cut -d' ' -f1 "$RUN_DIR/cf-jwt.pid")" \
  "cf-noauth=$(cat "$RUN_DIR/cf-noauth.url")|up-add||$(cut -d' ' -f1 "$RUN_DIR/cf-noauth.pid")" \
  "nginx=$(cat "$RUN_DIR/nginx.url")|add||$(cut -d' ' -f1 "$RUN_DIR/nginx.pid")"
