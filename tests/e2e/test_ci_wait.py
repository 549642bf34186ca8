"""Following a CI run over MCP with the official SDK: `ci.runs.wait` reports each change of the
run as `notifications/progress` under the caller's progress token, and a request the client
cancels stops the waiting on the server (the run itself goes on)."""

from __future__ import annotations

import re
import urllib.request

import anyio
import pytest

from clients import HTTP_CHANNELS, Channel, assert_ok

WAIT_CALLS = re.compile(r'mosaic_provider_calls_total\{[^}]*operation="ci\.runs\.wait"[^}]*\} (\d+)')


def wait_reads(base_url: str) -> int:
    """How many reads every `ci.runs.wait` so far has made of the forge, from `/metrics`."""
    with urllib.request.urlopen(f"{base_url}/metrics", timeout=5) as answer:
        text = answer.read().decode()
    return sum(int(count) for count in WAIT_CALLS.findall(text))


@pytest.mark.anyio
@pytest.mark.parametrize("channel", HTTP_CHANNELS, ids=lambda c: c.id)
async def test_waiting_reports_progress_until_the_run_succeeds(open_gateway, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        triggered = assert_ok(
            await client.call_tool("ci_runs_trigger", {"repo": "acme/api", "pipeline": "ci", "ref": "main"}),
            "ci_runs_trigger",
        )
        heard: list[tuple[float, str | None]] = []

        async def record(progress: float, total: float | None, message: str | None) -> None:
            heard.append((progress, message))

        waited = assert_ok(
            await client.call_tool(
                "ci_runs_wait",
                {"repo": "acme/api", "run_id": triggered["id"], "timeout_seconds": 60},
                progress_callback=record,
            ),
            "ci_runs_wait",
        )
        assert waited["finished"] is True, waited
        assert waited["run"]["status"] == "success", waited
        assert waited["run"]["id"] == triggered["id"], "answered under the id it was asked by"
        messages = [message or "" for _, message in heard]
        steps = [re.search(r"step (\w+)", message) for message in messages]
        assert [step.group(1) for step in steps if step] == ["checkout", "build", "test"], messages
        assert messages[-1].startswith("succeeded"), messages
        progress = [value for value, _ in heard]
        assert progress == sorted(set(progress)), f"progress only grows: {progress}"
        sizes = [int(re.search(r"(\d+) log bytes", message).group(1)) for message in messages]
        assert sizes == sorted(set(sizes)), f"the log grows with each step: {messages}"


@pytest.mark.anyio
@pytest.mark.parametrize("channel", HTTP_CHANNELS, ids=lambda c: c.id)
async def test_a_cancelled_wait_stops_reading_the_run(open_gateway, server, channel: Channel) -> None:
    async with open_gateway(channel) as client:
        running = assert_ok(
            await client.call_tool("ci_runs_list", {"repo": "acme/web", "status": "running"}), "ci_runs_list"
        )
        assert running["items"], "the seed has a run that stays running"
        run_id = running["items"][0]["id"]
        first_report = anyio.Event()

        async def record(progress: float, total: float | None, message: str | None) -> None:
            first_report.set()

        async def wait_for_it() -> None:
            await client.call_tool(
                "ci_runs_wait",
                {"repo": "acme/web", "run_id": run_id, "timeout_seconds": 600},
                progress_callback=record,
            )

        async with anyio.create_task_group() as group:
            group.start_soon(wait_for_it)
            with anyio.fail_after(10):
                await first_report.wait()
            await anyio.sleep(0.5)
            group.cancel_scope.cancel()

        # The server heard the cancellation: the reads stop (allowing one already under way).
        await anyio.sleep(0.5)
        after_cancel = wait_reads(server.base_url)
        await anyio.sleep(1.0)
        assert wait_reads(server.base_url) - after_cancel <= 1, "the wait went on reading the run"

        # The run itself was not cancelled.
        still = assert_ok(await client.call_tool("ci_runs_get", {"repo": "acme/web", "run_id": run_id}), "ci_runs_get")
        assert still["status"] == "running", still
