#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from sdk-core/tests/fixtures and the
webhook vectors. Input layouts: see orgkit::__fuzz::decode_input and
webhook_input (sdk-core/src/fuzz.rs)."""

import base64
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")
VECTORS = os.path.join(HERE, "..", "..", "tests", "conformance", "webhooks.json")
# Indexes into STATUSES in sdk-core/src/fuzz.rs: 200, 204, 400, 401, 404, 422, 429, 500
STATUS_BYTES = [0, 2, 5, 6, 8, 11, 12, 13]
HEADERS = b"x-ratelimit-limit:100\nx-ratelimit-remaining:0\nx-ratelimit-reset:1767225600\nretry-after:3\nx-request-id:req-1\x00"


def write(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


for provider in sorted(os.listdir(FIXTURES)):
    pdir = os.path.join(FIXTURES, provider)
    if not os.path.isdir(pdir):
        continue
    for fname in sorted(os.listdir(pdir)):
        if not fname.endswith(".json"):
            continue
        body = open(os.path.join(pdir, fname), "rb").read()
        for op in range(32):
            status = 0 if "error" not in fname and "400" not in fname and "wrong" not in fname else 5
            write(f"decode_{provider}", bytes([op, status, 0, 0]) + body)
        for status in STATUS_BYTES:
            write(f"decode_{provider}", bytes([0, status, 0x15, 1]) + HEADERS + body)

cases = json.load(open(VECTORS))["cases"]
for c in cases:
    h = {k.lower(): v for k, v in c["headers"]}
    rest = b"\x00".join(
        [h.get("webhook-id", "").encode(), h.get("webhook-timestamp", "").encode(),
         h.get("webhook-signature", "").encode(), c["body"].encode()]
    )
    for flags in (0x00, 0x01, 0x60, 0x61):
        write("webhook_verify", bytes([flags]) + rest)

# args: provider byte, operation byte, spelling byte, then a JSON object of
# arguments laid over the operation's sample ones.
ARGS = [
    {}, {"id": "x"}, {"id": 12}, {"organization_id": "org_1"}, {"organizationId": "o"},
    {"project_id": "p"}, {"people": [1, "b"]}, {"person": "c"}, {"limit": 5, "page": 2},
    {"email": "a@b.c", "role": "admin"}, {"name": "N", "settings": {"is_public": True}},
]
for provider in range(5):
    for op in range(32):
        for style in (0, 1):
            for a in ARGS:
                write("args", bytes([provider, op, style]) + json.dumps(a).encode())
