"""Drives wrk against the targets of benches/federation-peers.sh and prints one markdown table.

usage: federation-peers.py ROUNDS SECONDS NAME=URL|TOOL|BEARER|PID ...

Per target: a 3 s unrecorded warm-up at 8 connections, then ROUNDS rounds of SECONDS at 1
connection (wrk -t1 -c1) and at 8 (wrk -t2 -c8), the targets in the given order in odd rounds and
reversed in even ones, so that drifting background load spreads over all of them. A cell is the
median over the rounds; failures (answers that are not HTTP 200 with "isError":false, and socket
errors) and requests are summed. CPU per request is utime+stime of the target's whole process tree
(ContextForge's forked workers, nginx's worker) during the runs, divided by the requests answered.
"""

import os
import re
import statistics
import subprocess
import sys

LUA = os.path.join(os.environ["KIT_DIR"], "mcp-call.lua")
TICK = os.sysconf("SC_CLK_TCK")


def tree(root):
    """The process ids below and including `root`."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_ticks(root):
    total = 0
    for pid in tree(root):
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


def seconds_of(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def wrk(target, connections, seconds):
    env = dict(os.environ, TOOL=target["tool"], AUTH_BEARER=target["bearer"])
    threads = "2" if connections > 1 else "1"
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "--latency", "-s", LUA, target["url"]]
    before = cpu_ticks(target["pid"])
    text = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    ticks = cpu_ticks(target["pid"]) - before
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    failed = int(re.search(r"tool-call failures: (\d+) of", text).group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    failed += sum(int(n) for n in sockets.groups()) if sockets else 0
    return {
        "p50": seconds_of(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)),
        "p99": seconds_of(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "requests": requests,
        "failed": failed,
        "cpu": ticks / TICK / max(requests, 1),
    }


def main():
    rounds, seconds = int(sys.argv[1]), int(sys.argv[2])
    targets = []
    for spec in sys.argv[3:]:
        name, rest = spec.split("=", 1)
        url, tool, bearer, pid = rest.split("|")
        targets.append({"name": name, "url": url, "tool": tool, "bearer": bearer, "pid": int(pid)})
    loads = [os.getloadavg()[0]]
    for target in targets:
        wrk(target, 8, 3)
    runs = {(t["name"], c): [] for t in targets for c in (1, 8)}
    for number in range(rounds):
        order = targets if number % 2 == 0 else list(reversed(targets))
        for target in order:
            for connections in (1, 8):
                run = wrk(target, connections, seconds)
                runs[(target["name"], connections)].append(run)
                loads.append(os.getloadavg()[0])
                print(f"round {number + 1} {target['name']} c{connections}: p50 {run['p50'] * 1e3:.2f} ms, "
                      f"{run['rps']:.0f} req/s, {run['failed']} failed", file=sys.stderr, flush=True)

    def median(name, connections, field):
        return statistics.median(run[field] for run in runs[(name, connections)])

    base = {c: median("upstream", c, "p50") for c in (1, 8)}
    print(f"{rounds} rounds x {seconds} s per level; 1-minute load average median "
          f"{statistics.median(loads):.1f} (min {min(loads):.1f}, max {max(loads):.1f})\n")
    print("| target | c1 p50 | c1 p99 | c1 req/s | c8 p50 | c8 p99 | c8 req/s | added p50, c1 "
          "| CPU per call, c1 | failed / calls |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for target in targets:
        name = target["name"]
        added = "—" if name == "upstream" else f"{(median(name, 1, 'p50') - base[1]) * 1e3:.2f} ms"
        failed = sum(run["failed"] for c in (1, 8) for run in runs[(name, c)])
        calls = sum(run["requests"] for c in (1, 8) for run in runs[(name, c)])
        print(f"| {name} | {median(name, 1, 'p50') * 1e3:.2f} ms | {median(name, 1, 'p99') * 1e3:.2f} ms "
              f"| {median(name, 1, 'rps'):.0f} | {median(name, 8, 'p50') * 1e3:.2f} ms "
              f"| {median(name, 8, 'p99') * 1e3:.2f} ms | {median(name, 8, 'rps'):.0f} | {added} "
              f"| {median(name, 1, 'cpu') * 1e3:.2f} ms | {failed} / {calls} |")


if __name__ == "__main__":
    main()
