"""Bad input gets a clear error, never a hang: unknown tools, arguments that violate the
schema, and malformed JSON-RPC."""

from __future__ import annotations

import json
import os
import re
import subprocess

import httpx2
import pytest
from mcp import MCPError

import gateway
from clients import ALL_CHANNELS, EXPECTED_VERSION, MODERN, Channel, text_of

PARSE_ERROR = -32700
INVALID_PARAMS = -32602


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_an_unknown_tool_is_an_error(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        try:
            result = await client.call_tool("git_issues_delete_everything", {"repo": "acme/api"})
        except MCPError as error:
            # The specification's protocol error for an unknown tool: invalid params.
            assert error.code == INVALID_PARAMS, (error.code, error.message)
            assert "git_issues_delete_everything" in error.message, error.message
        else:
            assert result.is_error, f"calling an unknown tool succeeded: {result}"
            assert "git_issues_delete_everything" in text_of(result)


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_arguments_violating_the_schema_name_the_field(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        wrong_type = await client.call_tool("git_issues_get", {"repo": "acme/api", "number": "seven"})
        assert wrong_type.is_error
        assert "number" in text_of(wrong_type), text_of(wrong_type)

        missing = await client.call_tool("git_issues_create", {"repo": "acme/api"})
        assert missing.is_error
        assert "title" in text_of(missing), text_of(missing)

        nested = await client.call_tool("pm_issues_search", {"status": ["in_progress", "sideways"]})
        assert nested.is_error
        assert re.search(r"status\W*1", text_of(nested)), f"the path status[1] is not named: {text_of(nested)}"

        unknown_field = await client.call_tool("kb_pages_search", {"query": "on-call", "colour": "blue"})
        assert unknown_field.is_error
        assert "colour" in text_of(unknown_field), text_of(unknown_field)

        bad_value = await client.call_tool("git_issues_list", {"repo": "not a repo"})
        assert bad_value.is_error
        # The field is named apart from the echoed value.
        assert "repo" in text_of(bad_value).replace('"not a repo"', ""), text_of(bad_value)


def _post_raw(url: str, body: bytes, headers: dict[str, str]) -> httpx2.Response:
    return httpx2.post(
        url,
        content=body,
        headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream", **headers},
        timeout=10.0,
    )


def _json_rpc_error(response: httpx2.Response) -> dict:
    text = response.text
    if response.headers.get("content-type", "").startswith("text/event-stream"):
        data = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
        assert data, f"an event stream without data: {text!r}"
        text = data[0]
    try:
        message = json.loads(text)
    except json.JSONDecodeError:
        raise AssertionError(
            f"HTTP {response.status_code} {response.headers.get('content-type')!r} with a body that is not a "
            f"JSON-RPC message: {text[:300]!r}"
        ) from None
    assert isinstance(message, dict) and message.get("jsonrpc") == "2.0", message
    assert "error" in message, message
    return message


@pytest.mark.parametrize(
    "headers",
    [{}, {"MCP-Protocol-Version": EXPECTED_VERSION[MODERN]}],
    ids=["no-version-header", "2026-07-28-header"],
)
@pytest.mark.parametrize("body", [b'{"jsonrpc": "2.0", "id": 1, "method": ', b"not json at all"], ids=["truncated", "garbage"])
def test_malformed_json_over_http_is_a_parse_error(server: gateway.Server, headers: dict, body: bytes) -> None:
    response = _post_raw(server.mcp_url, body, headers)
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text[:500]}"
    message = _json_rpc_error(response)
    assert message["error"]["code"] == PARSE_ERROR, message
    assert message.get("id") is None, message


def test_a_garbage_line_over_stdio_is_skipped_and_serving_goes_on(gateway_config, tmp_path) -> None:
    """A line that is not JSON on stdin neither kills nor stalls the server: the request after
    it is answered. (Over stdio the official SDKs ignore such lines rather than answer them,
    so that two peers cannot bounce parse errors at each other; a parse-error reply, if sent,
    must be well formed.)"""
    initialize = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-11-25",
            "capabilities": {},
            "clientInfo": {"name": "e2e-raw", "version": "1.0.0"},
        },
    }
    stdin = b"this is not json\n" + json.dumps(initialize).encode() + b"\n"
    completed = subprocess.run(
        [str(gateway.binary()), "stdio", "--config", str(gateway_config)],
        input=stdin,
        capture_output=True,
        env={**os.environ, **gateway.server_env(tmp_path)},
        cwd=gateway.REPO,
        timeout=30,
    )
    stderr_tail = completed.stderr.decode(errors="replace")[-2000:]
    lines = [json.loads(line) for line in completed.stdout.decode().splitlines() if line.strip()]
    for line in lines:
        if "error" in line and line.get("id") is None:
            assert line["error"]["code"] == PARSE_ERROR, line
    answers = [line for line in lines if line.get("id") == 7]
    assert answers, f"the initialize after the garbage line was not answered: {lines}\n{stderr_tail}"
    assert answers[0]["result"]["protocolVersion"] == "2025-11-25", answers[0]
    assert completed.returncode == 0, f"mosaic stdio exited with {completed.returncode} at end of input:\n{stderr_tail}"
