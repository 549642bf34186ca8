"""2025-11-25 sessions as the official SDK uses them: it ends its session when it closes, the
server confirms with a 2xx (so the SDK logs no failure), and the ended session is gone."""

from __future__ import annotations

import logging
import re

import httpx2
import pytest
from mcp import Client

import gateway
from clients import READ_TIMEOUT_S

SDK_LOGGER = "mcp.client.streamable_http"
SESSION_NOT_FOUND = -32001


@pytest.mark.anyio
async def test_the_sdk_ends_its_session_cleanly_and_the_session_is_gone(
    server: gateway.Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=SDK_LOGGER)
    async with Client(server.mcp_url, mode="legacy", read_timeout_seconds=READ_TIMEOUT_S, cache=None) as client:
        assert client.protocol_version == "2025-11-25"
        assert (await client.list_tools()).tools
    sdk_lines = [record.getMessage() for record in caplog.records if record.name == SDK_LOGGER]
    failures = [line for line in sdk_lines if "termination failed" in line]
    assert not failures, failures
    session_ids = [match.group(1) for line in sdk_lines if (match := re.search(r"Received session ID: (\S+)", line))]
    assert session_ids, f"the SDK never reported a session: {sdk_lines}"

    # The session the SDK ended answers as ended: 404, with a JSON-RPC error the SDK knows.
    answer = httpx2.post(
        server.mcp_url,
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream",
            "Mcp-Session-Id": session_ids[-1],
            "MCP-Protocol-Version": "2025-11-25",
        },
        json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
        timeout=READ_TIMEOUT_S,
    )
    assert answer.status_code == 404, answer.text
    assert answer.json()["error"]["code"] == SESSION_NOT_FOUND, answer.text
    again = httpx2.delete(
        server.mcp_url,
        headers={"Mcp-Session-Id": session_ids[-1], "MCP-Protocol-Version": "2025-11-25"},
        timeout=READ_TIMEOUT_S,
    )
    assert again.status_code == 404, again.text
    assert again.json()["error"]["code"] == "session_not_found", again.text
