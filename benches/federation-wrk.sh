#!/usr/bin/env bash
# Measures one federated MCP tools/call (`add {"a":1,"b":2}`, the stateless 2026-07-28 request
# of ../shared/bench/mcp-call.lua) with wrk, in one run:
#   direct        the fixture upstream itself over streamable HTTP (no MosAIc);
#   mosaic-http   MosAIc federating that same upstream process over streamable HTTP;
#   mosaic-stdio  MosAIc federating its own fixture process over stdio.
# MosAIc's overhead is its latency minus the direct one. Each target: a 2 s unrecorded warm-up,
# then SECONDS at 1 connection and SECONDS at CONNECTIONS connections.
#
#   benches/federation-wrk.sh [SECONDS] [CONNECTIONS]
# Needs: wrk, curl, a release build (`cargo build --release -p mosaic -p mosaic-federation`).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
connections="${2:-8}"
lua="${MCP_CALL_LUA:-$repo/../shared/bench/mcp-call.lua}"
mosaic="${MOSAIC_BIN:-$repo/target/release/mosaic}"
fixture="${FIXTURE_BIN:-$repo/target/release/mosaic-fixture-upstream}"
for binary in "$mosaic" "$fixture"; do
  [[ -x "$binary" ]] || { echo "build first: cargo build --release -p mosaic -p mosaic-federation ($binary)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
[[ -f "$lua" ]] || { echo "no wrk script at $lua (set MCP_CALL_LUA)" >&2; exit 1; }

data="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

measure() { # name url
  TOOL=add ARGS='{"a":1,"b":2}' wrk -t1 -c8 -d2s -s "$lua" "$2" >/dev/null
  for conns in 1 "$connections"; do
    echo "== $1, $conns connection(s), ${seconds}s"
    TOOL=add ARGS='{"a":1,"b":2}' \
      wrk -t"$(( conns > 1 ? 2 : 1 ))" -c"$conns" -d"${seconds}s" --latency -s "$lua" "$2"
  done
}

ready() { # url
  for _ in $(seq 1 200); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "not ready: $1" >&2
  exit 1
}

# The upstream, on a port it picks; its first line says which.
"$fixture" http 127.0.0.1:0 >"$data/upstream.out" &
pids+=($!)
for _ in $(seq 1 200); do grep -q "listening on" "$data/upstream.out" 2>/dev/null && break; sleep 0.05; done
upstream="http://$(sed -n 's/^listening on //p' "$data/upstream.out" | head -1)/mcp"
measure direct "$upstream"

for mode in http stdio; do
  port=$((18281 + RANDOM % 1000))
  config="$repo/benches/federation-bench.yaml"
  [[ "$mode" == stdio ]] && config="$repo/benches/federation-stdio-bench.yaml"
  MOSAIC_DATA="$data" MOSAIC_BENCH_PORT="$port" MOSAIC_BENCH_UPSTREAM_URL="$upstream" \
    MOSAIC_BENCH_FIXTURE="$fixture" RUST_LOG=warn \
    "$mosaic" serve --config "$config" >"$data/mosaic-$mode.log" 2>&1 &
  server=$!
  pids+=("$server")
  ready "http://127.0.0.1:$port/readyz"
  # Ready once the upstream's tools are offered.
  for _ in $(seq 1 200); do
    curl -fs "http://127.0.0.1:$port/v1/providers" 2>/dev/null | grep -q '"state":"ready"' && break
    sleep 0.05
  done
  measure "mosaic-$mode" "http://127.0.0.1:$port/mcp"
  kill "$server"
  wait "$server" 2>/dev/null || true
done
