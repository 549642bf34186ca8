#!/usr/bin/env python3
"""Trim a provider's prepared API description to the operations MosAIc's adapter uses.

usage: scripts/trim-api-description.py FORGE [FORGE ...] | --all   [--source DIR]

Reads SOURCE/FORGE/prism.json (default source: ../shared/specs beside the repository, where the
full descriptions prepared for Prism live) and providers/FORGE/api/paths.txt (one `METHOD /path/template`
per line, `#` comments), and writes providers/FORGE/api/prism.json with only those operations and every
definition, component, parameter, response and security scheme they reference, transitively.
A listed path or method missing from the source is an error: the adapter would call something
the provider does not describe.
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "providers")
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def wanted_operations(forge):
    wanted = {}
    listing = os.path.join(HERE, forge, "api", "paths.txt")
    if not os.path.isfile(listing):
        sys.exit(f"{forge}: no {listing} listing the operations to keep")
    with open(listing) as lines:
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            method, _, path = line.partition(" ")
            method = method.lower()
            if method not in METHODS or not path.startswith("/"):
                sys.exit(f"{forge}/paths.txt:{number}: expected `METHOD /path`, got {line!r}")
            wanted.setdefault(path.strip(), set()).add(method)
    return wanted


def refs(node):
    """Every `$ref` string inside a JSON value."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def pointer(ref):
    """The keys of a local JSON Pointer reference (`#/components/schemas/a~1b`), unescaped."""
    if not ref.startswith("#/"):
        sys.exit(f"external reference {ref!r} is not supported")
    return [part.replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/")]


def resolve(doc, ref):
    node = doc
    for part in pointer(ref):
        if not isinstance(node, dict) or part not in node:
            sys.exit(f"reference {ref!r} points at nothing in the description")
        node = node[part]
    return node


def unwrap_example_refs(node):
    """`{"value": {"$ref": "#/components/examples/X"}}` points a value at a whole Example
    Object, so Prism answers `{"summary": ..., "value": {...}}` instead of the example; the
    description means a reference to the Example Object itself."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if (
                isinstance(value, dict)
                and set(value) <= {"summary", "description", "value"}
                and isinstance(value.get("value"), dict)
                and set(value["value"]) == {"$ref"}
                and value["value"]["$ref"].startswith("#/components/examples/")
            ):
                node[key] = {"$ref": value["value"]["$ref"]}
            else:
                unwrap_example_refs(value)
    elif isinstance(node, list):
        for item in node:
            unwrap_example_refs(item)


def trim(forge, source):
    full = os.path.join(source, forge, "prism.json")
    if not os.path.isfile(full):
        sys.exit(f"{forge}: no prepared description at {full} (use --source DIR)")
    with open(full) as f:
        doc = json.load(f)
    unwrap_example_refs(doc.get("paths", {}))
    wanted = wanted_operations(forge)
    paths = {}
    for path, methods in sorted(wanted.items()):
        item = doc.get("paths", {}).get(path)
        if item is None:
            sys.exit(f"{forge}: path {path} is not in the description")
        missing = methods - set(item)
        if missing:
            sys.exit(f"{forge}: {path} has no {', '.join(sorted(missing))}")
        # Path-level parameters apply to every method; keep them with the chosen methods.
        paths[path] = {key: value for key, value in item.items() if key in methods or key not in METHODS}
    out = {key: value for key, value in doc.items() if key not in ("paths", "components", "definitions", "parameters", "responses", "tags", "x-tagGroups", "webhooks", "x-webhooks")}
    out["paths"] = paths
    # The closure of references, starting from the kept operations and the security schemes.
    seen = set()
    pending = list(refs(paths))
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        pending.extend(refs(resolve(doc, ref)))
    for ref in sorted(seen):
        *parents, name = pointer(ref)
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[name] = resolve(doc, ref)
    if "components" in doc and "securitySchemes" in doc["components"]:
        out.setdefault("components", {})["securitySchemes"] = doc["components"]["securitySchemes"]
    if "securityDefinitions" in doc:
        out["securityDefinitions"] = doc["securityDefinitions"]
    with open(os.path.join(HERE, forge, "api", "prism.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    operations = sum(len(methods) for methods in wanted.values())
    print(f"{forge}: {operations} operations, {len(seen)} referenced objects")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forges", nargs="*")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--source", default=os.path.join(ROOT, "..", "shared", "specs"))
    args = parser.parse_args()
    forges = sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "api", "paths.txt"))) if args.all else args.forges
    if not forges:
        parser.error("name a forge or pass --all")
    for forge in forges:
        trim(forge, args.source)


if __name__ == "__main__":
    main()
