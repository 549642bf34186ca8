"""Protocol negotiation: a client that lets the server choose gets the current revision."""

from __future__ import annotations

import pytest
from mcp import Client, StdioServerParameters

import gateway
from clients import READ_TIMEOUT_S


@pytest.mark.anyio
async def test_auto_negotiation_over_http_picks_2026_07_28(server: gateway.Server) -> None:
    async with Client(server.mcp_url, mode="auto", read_timeout_seconds=READ_TIMEOUT_S, cache=None) as client:
        assert client.protocol_version == "2026-07-28"
        assert client.server_capabilities.tools is not None


@pytest.mark.anyio
async def test_auto_negotiation_over_stdio_picks_2026_07_28(gateway_config, tmp_path) -> None:
    params = StdioServerParameters(
        command=str(gateway.binary()),
        args=["stdio", "--config", str(gateway_config)],
        env=gateway.server_env(tmp_path),
        cwd=str(gateway.REPO),
    )
    async with Client(params, mode="auto", read_timeout_seconds=READ_TIMEOUT_S, cache=None) as client:
        assert client.protocol_version == "2026-07-28"
        assert client.server_capabilities.tools is not None


@pytest.mark.anyio
async def test_legacy_handshake_over_http_reports_the_server(server: gateway.Server) -> None:
    async with Client(server.mcp_url, mode="legacy", read_timeout_seconds=READ_TIMEOUT_S, cache=None) as client:
        assert client.protocol_version == "2025-11-25"
        assert client.server_info is not None
        assert client.server_info.name, "the server names itself"
        assert client.server_capabilities.tools is not None
