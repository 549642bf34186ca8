"""Failover with the git system of record down: reads are served by the read-only mirror and
say so; writes fail clearly and never land on the mirror."""

from __future__ import annotations

import uuid

import pytest

from clients import ALL_CHANNELS, Channel, assert_ok, list_all_tools, served, text_of, validate_output


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_a_read_fails_over_to_the_mirror(open_failover, channel: Channel) -> None:
    async with open_failover(channel) as client:
        tools = {tool.name: tool for tool in await list_all_tools(client)}
        result = await client.call_tool("git_issues_list", {"repo": "acme/api"})
        content = assert_ok(result, "git_issues_list")
        validate_output(tools["git_issues_list"], content)
        assert "Login times out after 5 seconds on slow networks" in [item["title"] for item in content["items"]]

        provenance = served(result)
        assert provenance["instance"] == "forge-mirror", provenance
        assert provenance["stale"] is False, "caching is off in this configuration"
        failed = provenance["failed_over"]
        assert [attempt["instance"] for attempt in failed] == ["forge-primary"], failed
        assert failed[0]["code"], "the failed attempt names its error code"


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_a_write_is_refused_and_never_reaches_the_mirror(open_failover, channel: Channel) -> None:
    title = f"must not land {channel.id} {uuid.uuid4().hex[:8]}"
    async with open_failover(channel) as client:
        result = await client.call_tool("git_issues_create", {"repo": "acme/api", "title": title})
        assert result.is_error, f"the write succeeded although its system of record is down: {result}"
        message = text_of(result)
        assert "system of record" in message, message
        assert "unavailable" in message, message
        assert "forge-primary" in message, message
        assert result.structured_content is None or "items" not in result.structured_content

        after = await client.call_tool("git_issues_list", {"repo": "acme/api", "state": "all", "per_page": 100})
        content = assert_ok(after, "git_issues_list")
        assert served(after)["instance"] == "forge-mirror"
        assert title not in [item["title"] for item in content["items"]], "the write landed on the mirror"


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_providers_status_reports_the_primary_down(open_failover, channel: Channel) -> None:
    """The sim instance configured `down` fails its health check; the status tool must show
    that (agents use it to see what is degraded) rather than a health nobody checked."""
    async with open_failover(channel) as client:
        tools = {tool.name: tool for tool in await list_all_tools(client)}
        result = await client.call_tool("mosaic_providers_status", {})
        content = assert_ok(result, "mosaic_providers_status")
        validate_output(tools["mosaic_providers_status"], content)
        by_name = {instance["name"]: instance for instance in content["instances"]}
        assert set(by_name) == {"forge-primary", "forge-mirror"}, by_name.keys()
        assert by_name["forge-mirror"]["health"]["status"] == "healthy", by_name["forge-mirror"]
        assert by_name["forge-primary"]["health"]["status"] != "healthy", (
            f"forge-primary is configured `down` but reported {by_name['forge-primary']['health']}"
        )
