"""Calling tools: answers match their declared outputSchema, carry provenance, and writes are
visible to the reads that follow them."""

from __future__ import annotations

import uuid

import pytest

from clients import ALL_CHANNELS, Channel, assert_ok, list_all_tools, served, validate_output


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_reads_match_their_output_schema(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        tools = {tool.name: tool for tool in await list_all_tools(client)}

        issues = await client.call_tool("git_issues_list", {"repo": "acme/api"})
        content = assert_ok(issues, "git_issues_list")
        validate_output(tools["git_issues_list"], content)
        titles = [item["title"] for item in content["items"]]
        assert "Login times out after 5 seconds on slow networks" in titles
        assert all(item["state"] == "open" for item in content["items"]), "the default filter is open issues"
        assert served(issues)["instance"] == "forge"

        pages = await client.call_tool("kb_pages_search", {"query": "on-call"})
        content = assert_ok(pages, "kb_pages_search")
        validate_output(tools["kb_pages_search"], content)
        assert "On-call guide" in [page["title"] for page in content["items"]]
        assert served(pages)["instance"] == "wiki"

        work = await client.call_tool("pm_issues_search", {"project": "PLAT", "status": ["in_progress"]})
        content = assert_ok(work, "pm_issues_search")
        validate_output(tools["pm_issues_search"], content)
        assert content["items"], "PLAT has work in progress in the seed data"
        for item in content["items"]:
            assert item["project"] == "PLAT"
            assert item["status_category"] == "in_progress"
        assert served(work)["instance"] == "tracker"

        repos = await client.call_tool("git_repos_list", {"owner": "acme"})
        content = assert_ok(repos, "git_repos_list")
        validate_output(tools["git_repos_list"], content)
        names = {repo.get("full_name") for repo in content["items"]}
        assert {"acme/api", "acme/web", "acme/internal-tools"} <= names, names

        status = await client.call_tool("mosaic_providers_status", {})
        content = assert_ok(status, "mosaic_providers_status")
        validate_output(tools["mosaic_providers_status"], content)
        text = str(content)
        for instance in ("forge", "wiki", "tracker"):
            assert instance in text, f"providers status does not mention {instance}: {text[:500]}"

        explain = await client.call_tool(
            "mosaic_route_explain", {"operation": "git.issues.list", "arguments": {"repo": "acme/api"}}
        )
        content = assert_ok(explain, "mosaic_route_explain")
        validate_output(tools["mosaic_route_explain"], content)
        assert "forge" in str(content)


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_a_created_issue_is_read_back(open_gateway, channel: Channel) -> None:
    title = f"e2e {channel.id} {uuid.uuid4().hex[:8]}"
    async with open_gateway(channel) as client:
        tools = {tool.name: tool for tool in await list_all_tools(client)}
        # Read first, so that a stale cached list would show if the write did not invalidate it.
        before = assert_ok(await client.call_tool("git_issues_list", {"repo": "acme/api", "per_page": 100}), "list")
        assert title not in [item["title"] for item in before["items"]]

        created = await client.call_tool(
            "git_issues_create", {"repo": "acme/api", "title": title, "body": "Filed by the e2e suite.", "labels": ["bug"]}
        )
        issue = assert_ok(created, "git_issues_create")
        validate_output(tools["git_issues_create"], issue)
        assert issue["title"] == title
        assert issue["state"] == "open"
        assert served(created)["instance"] == "forge"

        got = await client.call_tool("git_issues_get", {"repo": "acme/api", "number": issue["number"]})
        fetched = assert_ok(got, "git_issues_get")
        validate_output(tools["git_issues_get"], fetched)
        assert fetched["title"] == title
        assert fetched["body"] == "Filed by the e2e suite."
        assert fetched["labels"] == ["bug"]

        after = assert_ok(await client.call_tool("git_issues_list", {"repo": "acme/api", "per_page": 100}), "list")
        assert title in [item["title"] for item in after["items"]], "the new issue is missing from the list"


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_a_work_item_moves_through_its_workflow(open_gateway, channel: Channel) -> None:
    title = f"e2e work {channel.id} {uuid.uuid4().hex[:8]}"
    async with open_gateway(channel) as client:
        tools = {tool.name: tool for tool in await list_all_tools(client)}
        created = assert_ok(await client.call_tool("pm_issues_create", {"project": "OPS", "title": title}), "create")
        validate_output(tools["pm_issues_create"], created)
        assert created["project"] == "OPS"
        assert created["key"].startswith("OPS-")

        moved = await client.call_tool("pm_issues_transition", {"key": created["key"], "to": "in_progress"})
        item = assert_ok(moved, "pm_issues_transition")
        validate_output(tools["pm_issues_transition"], item)
        assert item["status_category"] == "in_progress"

        got = assert_ok(await client.call_tool("pm_issues_get", {"key": created["key"]}), "pm_issues_get")
        assert got["title"] == title
        assert got["status_category"] == "in_progress"

        found = await client.call_tool("pm_issues_search", {"project": "OPS", "status": ["in_progress"], "per_page": 100})
        assert created["key"] in [work["key"] for work in assert_ok(found, "pm_issues_search")["items"]]
