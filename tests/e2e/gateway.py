"""Starting and stopping `mosaic` processes for the end-to-end tests.

The tests build nothing: they run the binary `scripts/test` (or `cargo build -p mosaic`) left in
`target/debug/mosaic`, or the one named by `MOSAIC_BIN`.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# How long a server may take to answer `/readyz` after it was started.
READY_TIMEOUT_S = 30.0
# How long a server may take to exit after SIGTERM before it is killed.
STOP_TIMEOUT_S = 10.0


def binary() -> Path:
    """The `mosaic` executable under test; fails clearly when it was not built."""
    path = Path(os.environ.get("MOSAIC_BIN", REPO / "target" / "debug" / "mosaic"))
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; run `cargo build -p mosaic` first (scripts/test does)")
    return path


def fixture(name: str) -> Path:
    """The path of a configuration file in tests/e2e/fixtures."""
    path = FIXTURES / name
    if not path.is_file():
        raise FileNotFoundError(f"no fixture configuration {path}")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(data_dir: Path, port: int | None = None) -> dict[str, str]:
    """The variables the fixture configurations expand: where to keep data, where to listen."""
    env = {"MOSAIC_DATA": str(data_dir), "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
    if port is not None:
        env["MOSAIC_E2E_PORT"] = str(port)
    return env


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it when the test process dies, even by SIGKILL,
    so that an interrupted run leaves no server behind."""
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


@dataclass
class Server:
    """One running `mosaic serve`."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def mcp_url(self) -> str:
        return f"{self.base_url}/mcp"

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it does not exit in time; always reaps the process."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(config: Path, data_dir: Path) -> Server:
    """Starts `mosaic serve --config CONFIG` on a free port and waits until `/readyz` is 200.

    Raises with the server's log when it exits early or does not become ready in time; the
    process is stopped in both cases.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = data_dir / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(binary()), "serve", "--config", str(config)],
            env={**os.environ, **server_env(data_dir, port)},
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            preexec_fn=_die_with_parent,
        )
    server = Server(process=process, port=port, log=log)
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise RuntimeError(f"mosaic serve exited with {code} before it was ready:\n{server.log_tail()}")
        try:
            response = httpx2.get(f"{server.base_url}/readyz", timeout=1.0)
            if response.status_code == 200:
                return
            last_error = f"/readyz answered {response.status_code}: {response.text[:200]}"
        except httpx2.TransportError as error:
            last_error = f"{type(error).__name__}: {error}"
        time.sleep(0.05)
    raise RuntimeError(
        f"mosaic serve was not ready within {READY_TIMEOUT_S}s ({last_error}):\n{server.log_tail()}"
    )
