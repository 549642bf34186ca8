"""Connecting the official MCP Python SDK client to the gateway under test.

A *channel* is one way to reach the gateway: a transport (streamable HTTP or stdio) and a
protocol mode. The SDK's `Client(mode=...)` selects the protocol: `"legacy"` runs the
initialize handshake and offers 2025-11-25 (its newest handshake version; over HTTP the
server then keeps a session), a modern version string such as `"2026-07-28"` adopts that
stateless revision directly (every request carries its own `_meta` envelope), and `"auto"`
asks `server/discover` first.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import mcp_types
from mcp import Client, StdioServerParameters

import gateway

LEGACY = "legacy"
MODERN = "2026-07-28"

# The protocol version each mode must end up speaking.
EXPECTED_VERSION = {LEGACY: "2025-11-25", MODERN: "2026-07-28"}

# Seconds a single request may take before the test fails instead of hanging.
READ_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Channel:
    """How a test reaches the gateway."""

    transport: str  # "http" or "stdio"
    mode: str  # LEGACY or MODERN

    @property
    def id(self) -> str:
        return f"{self.transport}-{EXPECTED_VERSION[self.mode]}"


HTTP_CHANNELS = [Channel("http", LEGACY), Channel("http", MODERN)]
STDIO_CHANNELS = [Channel("stdio", LEGACY), Channel("stdio", MODERN)]
ALL_CHANNELS = HTTP_CHANNELS + STDIO_CHANNELS


@asynccontextmanager
async def connect(
    channel: Channel, *, url: str | None = None, config: Path | None = None, data_dir: Path | None = None
) -> AsyncIterator[Client]:
    """An entered SDK client over `channel`: to `url` over HTTP, or to a fresh
    `mosaic stdio --config CONFIG` keeping its data in `data_dir`."""
    if channel.transport == "http":
        if url is None:
            raise ValueError("an HTTP channel needs the server's URL")
        target: Any = url
    else:
        if config is None or data_dir is None:
            raise ValueError("a stdio channel needs a configuration file and a data directory")
        data_dir.mkdir(parents=True, exist_ok=True)
        target = StdioServerParameters(
            command=str(gateway.binary()),
            args=["stdio", "--config", str(config)],
            env=gateway.server_env(data_dir),
            cwd=str(gateway.REPO),
        )
    client = Client(target, mode=channel.mode, read_timeout_seconds=READ_TIMEOUT_S, cache=None)
    async with client:
        assert client.protocol_version == EXPECTED_VERSION[channel.mode], (
            f"{channel.id}: negotiated {client.protocol_version}"
        )
        yield client


async def list_all_tools(client: Client) -> list[mcp_types.Tool]:
    """Every tool, following `nextCursor` (bounded, so a server that never ends a listing
    fails the test instead of hanging it)."""
    tools: list[mcp_types.Tool] = []
    cursor: str | None = None
    for _ in range(50):
        page = await client.list_tools(cursor=cursor)
        tools.extend(page.tools)
        cursor = page.next_cursor
        if cursor is None:
            return tools
    raise AssertionError("tools/list did not end after 50 pages")


def text_of(result: mcp_types.CallToolResult) -> str:
    """The text content blocks of a tool result, joined."""
    return "\n".join(block.text for block in result.content if isinstance(block, mcp_types.TextContent))


def served(result: mcp_types.CallToolResult) -> dict[str, Any]:
    """The gateway's provenance of a result, `_meta["mosaic/served"]`."""
    meta = result.meta or {}
    assert "mosaic/served" in meta, f"result has no _meta['mosaic/served']; _meta = {meta!r}"
    value = meta["mosaic/served"]
    assert isinstance(value, dict), f"_meta['mosaic/served'] is not an object: {value!r}"
    return value


def assert_ok(result: mcp_types.CallToolResult, tool: str) -> dict[str, Any]:
    """Fails with the server's message unless the call succeeded with structured content."""
    assert not result.is_error, f"{tool} failed: {text_of(result)}"
    assert isinstance(result.structured_content, dict), f"{tool}: no structuredContent object"
    return result.structured_content


def validate_output(tool: mcp_types.Tool, structured: Any) -> None:
    """Validates `structured` against the tool's declared outputSchema, independently of the
    SDK's own check, with the schema's declared (or latest) JSON Schema dialect."""
    schema = tool.output_schema
    assert schema is not None, f"{tool.name} declares no outputSchema"
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(structured), key=lambda e: list(e.absolute_path))
    assert not errors, f"{tool.name}: structuredContent violates outputSchema:\n" + "\n".join(
        f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    ) + f"\ncontent: {json.dumps(structured)[:2000]}"
