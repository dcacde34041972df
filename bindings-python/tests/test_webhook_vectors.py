"""The shared webhook vectors (tests/conformance/webhooks.json), run
through orgkit.webhooks.verify exactly as the Rust and Node suites run them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import orgkit
from orgkit import webhooks

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "conformance" / "webhooks.json"
CASES: list[dict[str, Any]] = json.loads(VECTORS.read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_webhook_vector(case: dict[str, Any]) -> None:
    headers = [(name, value) for name, value in case["headers"]]
    expected = case["expected"]
    if "ok" in expected:
        ok = expected["ok"]
        event = webhooks.verify(case["secret"], headers, case["body"], now=case["now"])
        assert event.id == ok["id"]
        assert event.event_type == ok["event_type"]
        assert int(event.timestamp.timestamp()) == ok["timestamp"]
        kinds = {"project": orgkit.Project, "task": orgkit.Task, "invite": orgkit.Invite}
        kind = ok.get("data_kind")
        if kind in kinds:
            assert isinstance(event.data, kinds[kind])
        elif kind == "other":
            assert not isinstance(event.data, tuple(kinds.values()))
        # `data` names fields by their JSON key as sent: compare the raw payload.
        for key, value in ok.get("data", {}).items():
            assert event.payload["data"][key] == value, key
        if kind in ("project", "task"):
            assert str(event.data.id) == ok["data"]["id"]
    else:
        with pytest.raises(orgkit.WebhookVerificationError) as info:
            webhooks.verify(case["secret"], headers, case["body"], now=case["now"])
        assert info.value.code == expected["error"]
