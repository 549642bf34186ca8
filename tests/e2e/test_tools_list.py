"""tools/list: every catalog operation and both meta tools, fully described."""

from __future__ import annotations

import re

import pytest

from clients import ALL_CHANNELS, Channel, list_all_tools

# The operation catalog as the README documents it; the tools are these names with `_`.
READS = [
    "git.repos.list", "git.repos.get", "git.branches.list", "git.files.get", "git.commits.list",
    "git.issues.list", "git.issues.get", "git.pulls.list", "git.pulls.get",
    "ci.pipelines.list", "ci.runs.list", "ci.runs.get", "ci.runs.logs", "ci.runs.wait",
    "kb.spaces.list", "kb.pages.search", "kb.pages.get",
    "pm.projects.list", "pm.issues.search", "pm.issues.get",
]  # fmt: skip
WRITES = [
    "git.issues.create", "git.issues.update", "git.issues.comment",
    "git.pulls.create", "git.pulls.merge", "git.pulls.comment",
    "ci.runs.trigger", "ci.runs.cancel",
    "kb.pages.create", "kb.pages.update",
    "pm.issues.create", "pm.issues.update", "pm.issues.transition", "pm.issues.comment",
]  # fmt: skip
META_TOOLS = ["mosaic_providers_status", "mosaic_route_explain", "mosaic_tools_search", "mosaic_tools_call"]
# Its answer is the called tool's own, so it promises no output shape.
NO_OUTPUT_SCHEMA = {"mosaic_tools_call"}


def tool_name(operation: str) -> str:
    return operation.replace(".", "_")


# 34 distinct operations: a typo above would otherwise weaken every check below.
assert len(set(READS + WRITES)) == len(READS) + len(WRITES) == 34


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_lists_every_catalog_tool_fully_described(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        tools = await list_all_tools(client)

    names = [tool.name for tool in tools]
    assert len(names) == len(set(names)), f"duplicate tool names: {sorted(names)}"
    expected = {tool_name(op) for op in READS + WRITES} | set(META_TOOLS)
    assert set(names) == expected, (
        f"missing: {sorted(expected - set(names))}, unexpected: {sorted(set(names) - expected)}"
    )
    assert len(tools) == 38

    for tool in tools:
        assert len(tool.name) <= 64, f"{tool.name} is longer than 64 characters"
        assert re.fullmatch(r"[A-Za-z0-9_-]+", tool.name), f"{tool.name} has characters clients reject"
        assert tool.description, f"{tool.name} has no description"
        assert tool.input_schema.get("type") == "object", f"{tool.name}: inputSchema is not an object schema"
        if tool.name in NO_OUTPUT_SCHEMA:
            assert tool.output_schema is None, f"{tool.name} promises an output shape"
        else:
            assert tool.output_schema is not None, f"{tool.name} has no outputSchema"
            assert tool.output_schema.get("type") == "object", f"{tool.name}: outputSchema is not an object schema"
        assert tool.annotations is not None, f"{tool.name} has no annotations"

    by_name = {tool.name: tool for tool in tools}
    for op in READS:
        annotations = by_name[tool_name(op)].annotations
        assert annotations.read_only_hint is True, f"{tool_name(op)} is a read but not readOnlyHint"
    for op in WRITES:
        annotations = by_name[tool_name(op)].annotations
        assert annotations.read_only_hint in (False, None), f"{tool_name(op)} is a write but readOnlyHint"
    # Writes declare whether repeating them is safe, which agents need before a retry.
    assert by_name["git_issues_create"].annotations.idempotent_hint in (False, None)
    assert by_name["pm_issues_transition"].annotations.idempotent_hint is True
    for name in META_TOOLS:
        if name in NO_OUTPUT_SCHEMA:
            # It calls any tool, writes included.
            assert by_name[name].annotations.read_only_hint in (False, None), f"{name} may write"
        else:
            assert by_name[name].annotations.read_only_hint is True, f"{name} only reads"


@pytest.mark.anyio
@pytest.mark.parametrize("channel", ALL_CHANNELS, ids=lambda c: c.id)
async def test_required_arguments_are_declared(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        by_name = {tool.name: tool for tool in await list_all_tools(client)}
    assert set(by_name["git_issues_list"].input_schema.get("required", [])) == {"repo"}
    assert set(by_name["git_issues_create"].input_schema.get("required", [])) == {"repo", "title"}
    assert set(by_name["kb_pages_search"].input_schema.get("required", [])) == {"query"}
    assert set(by_name["pm_issues_transition"].input_schema.get("required", [])) == {"key", "to"}
