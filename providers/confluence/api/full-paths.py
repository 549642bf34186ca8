#!/usr/bin/env python3
"""Put the v2 server's path, `/wiki/api/v2`, in front of every path of the trimmed Confluence
description (`prism.json`), and make its server the site's root, so that Prism serves the
operations at the paths the adapter sends (`/wiki/api/v2/pages/{id}`).

usage: python3 scripts/trim-api-description.py confluence && python3 providers/confluence/api/full-paths.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "/wiki/api/v2"

path = os.path.join(HERE, "prism.json")
with open(path) as source:
    description = json.load(source)
description["paths"] = {
    (p if p.startswith(PREFIX) else PREFIX + p): operations
    for p, operations in description["paths"].items()
}
for server in description.get("servers", []):
    server["url"] = server["url"].removesuffix(PREFIX)
with open(path, "w") as target:
    json.dump(description, target, indent=1, sort_keys=True)
    target.write("\n")
