# Sourced by the suites under tests/ that drive a running gateway (conformance, schemathesis):
# a free loopback port, waiting for /readyz, and stopping the server on exit. The sourcing
# script sets `suite` (its name in messages) and `work` (a temporary directory it owns) first.

server_pid=""

# Stops the server started last: SIGTERM, then SIGKILL after 10 s.
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the server started last (`server_pid`) answers /readyz on `port`; exits with the
# end of its log `log` when it stops first or is not ready within 30 s.
wait_ready() {
  local name="$1" log="$2"
  for _ in $(seq 1 300); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "$suite: $name exited before it was ready:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      return
    fi
    sleep 0.1
  done
  echo "$suite: $name was not ready within 30 s:" >&2
  tail -n 40 "$log" >&2
  exit 1
}
