"""Shared fixtures: one `mosaic serve` per fixture configuration for the whole session, stopped
at the end (also when tests fail or the run is interrupted), and the channels tests run over."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The helper modules sit beside the tests; pytest's rootdir-relative imports do not cover them
# when the suite is started from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import clients  # noqa: E402
import gateway  # noqa: E402


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def gateway_config() -> Path:
    """Sim providers for all four kinds, anonymous access, everything allowed."""
    return gateway.fixture("gateway.yaml")


@pytest.fixture(scope="session")
def failover_config() -> Path:
    """A git primary that is down and a read-only mirror sharing its dataset; no cache."""
    return gateway.fixture("failover.yaml")


@pytest.fixture(scope="session")
def server(gateway_config: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[gateway.Server]:
    running = gateway.start_server(gateway_config, tmp_path_factory.mktemp("gateway"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def failover_server(failover_config: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[gateway.Server]:
    running = gateway.start_server(failover_config, tmp_path_factory.mktemp("failover"))
    yield running
    running.stop()


@pytest.fixture
def open_gateway(server: gateway.Server, gateway_config: Path, tmp_path: Path):
    """Opens an SDK client on a channel to the e2e gateway: the shared `mosaic serve` over
    HTTP, or a `mosaic stdio` of its own (with its own data) over stdio."""
    def open_(channel: clients.Channel):
        return clients.connect(channel, url=server.mcp_url, config=gateway_config, data_dir=tmp_path / "stdio")

    return open_


@pytest.fixture
def open_failover(failover_server: gateway.Server, failover_config: Path, tmp_path: Path):
    """Like `open_gateway`, for the failover configuration."""
    def open_(channel: clients.Channel):
        return clients.connect(
            channel, url=failover_server.mcp_url, config=failover_config, data_dir=tmp_path / "stdio"
        )

    return open_
