"""One generic way for the test runners to call any operation: found by
reflection on the public surface (the resource accessor with its scope, the
method, its positional values and keyword arguments), from the core's own
description. No runner knows an operation by name."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import orgkit

SURFACE: dict[str, Any] = json.loads(orgkit._native.surface())
OPERATIONS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    op["name"]: (resource, op) for resource in SURFACE["resources"] for op in resource["operations"]
}
INPUT_FIELDS: dict[str, list[dict[str, Any]]] = {i["name"]: i["fields"] for i in SURFACE["inputs"]}


def is_time(ty: dict[str, Any]) -> bool:
    return bool(ty["kind"] == "time" or (ty["kind"] == "optional" and is_time(ty["of"])))


def python_value(ty: dict[str, Any], value: Any) -> Any:
    """A JSON value as the Python API takes it (timestamps as ``datetime``)."""
    if is_time(ty) and isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def lists(name: str) -> bool:
    """Whether the operation returns a list fetched page by page."""
    returns = OPERATIONS[name][1]["returns"]
    return isinstance(returns, dict) and "page" in returns


def invoke(client: Any, name: str, args: dict[str, Any]) -> Any:
    """Calls ``name`` on ``client`` with JSON ``args`` (flattened, as the
    core takes them); returns what the public method returns (a value, a
    coroutine, or a lazy list)."""
    resource, op = OPERATIONS[name]
    rest = dict(args)
    target = getattr(client, resource["name"])
    if resource["scope"]:
        target = target(*(rest.pop(p["name"], None) for p in resource["scope"]))
    positional: list[Any] = []
    types: dict[str, dict[str, Any]] = {}
    in_order = True  # positional values go in order; after a gap, by keyword
    for p in op["params"]:
        if p["shape"] != "value":
            for f in INPUT_FIELDS[p["input"]]:
                types[f["name"]] = f["ty"]
            continue
        types[p["name"]] = p["ty"]
        if p["named"] or p["name"] not in rest:
            in_order = in_order and p["named"]
            continue
        if in_order:
            positional.append(python_value(p["ty"], rest.pop(p["name"])))
    keyword = {k: python_value(types.get(k, {"kind": "json"}), v) for k, v in rest.items()}
    return getattr(target, op["method"])(*positional, **keyword)
