#!/usr/bin/env bash
# Measures an MCP tools/call through the whole gateway over loopback HTTP with wrk (the
# stateless 2026-07-28 request of ../shared/bench/mcp-call.lua), against a zero-latency sim
# provider, once with the cache disabled and once answered from L1.
#
#   benches/mcp-wrk.sh [SECONDS] [CONNECTIONS]
# Needs: wrk (Debian package), a release build (`cargo build --release -p mosaic`); MOSAIC_BIN
# names another binary (an earlier build, to compare side by side in one run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
connections="${2:-8}"
lua="${MCP_CALL_LUA:-$repo/../shared/bench/mcp-call.lua}"
binary="${MOSAIC_BIN:-$repo/target/release/mosaic}"
[[ -x "$binary" ]] || { echo "build first: cargo build --release -p mosaic" >&2; exit 1; }
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
[[ -f "$lua" ]] || { echo "no wrk script at $lua (set MCP_CALL_LUA)" >&2; exit 1; }

data="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT
for ttl in 0s 1h; do
  port=$((18181 + RANDOM % 1000))
  MOSAIC_DATA="$data" MOSAIC_BENCH_TTL="$ttl" MOSAIC_BENCH_PORT="$port" RUST_LOG=warn \
    "$binary" serve --config "$repo/benches/mcp-bench.yaml" >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "== pm_issues_get through MosAIc, cache ttl $ttl, $connections connections, ${seconds}s"
  TOOL=pm_issues_get ARGS='{"key":"PLAT-1"}' \
    wrk -t"${WRK_THREADS:-1}" -c"$connections" -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:$port/mcp"
  kill "$server"
  wait "$server" 2>/dev/null || true
done
