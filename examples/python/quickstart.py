"""orgkit in five minutes, against the mock server: no network, no account.

    cargo build -p orgkit-mock && python examples/python/quickstart.py

It starts the mock (the binary named by $ORGKIT_MOCK_BIN, by default the
workspace's debug build), logs in to pm415, walks organizations, creates
one, invites a person, changes a role and switches organizations; then
lists ourganize projects across pages, completes a task, reads the rate
limit, and shows the typed errors (404, 409, unsupported) a program can
catch. It mirrors examples/quickstart.rs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orgkit

REPO = Path(__file__).resolve().parents[2]
MOCK_BIN = os.environ.get(
    "ORGKIT_MOCK_BIN", str(REPO / "target" / "x86_64-unknown-linux-gnu" / "debug" / "orgkit-mock")
)

# Seeded mock credentials (tests/mock-server/README.md).
PM415_ADMIN_EMAIL = "admin@pm415.test"
PM415_ADMIN_PASSWORD = "pm415-admin-pw"
PM415_ORG_ACME = 1
PM415_ORG_GLOBEX = 2
PM415_MEMBER_USER_ID = 2
OURGANIZE_ADMIN_KEY = "ogz_admin_4f9c2b7e1d6a"


def step(title: str) -> None:
    print(f"\n== {title}")


def pm415(base_url: str) -> None:
    client = orgkit.Client("pm415", base_url)

    step("pm415: log in")
    session = client.auth.login(email=PM415_ADMIN_EMAIL, password=PM415_ADMIN_PASSWORD)
    email = session.user.email if session.user else None
    print(f"logged in as {email} (the client now sends the returned token)")

    step("pm415: list organizations")
    for org in client.organizations.list():
        roles = ", ".join(org.roles)
        print(f"  #{org.id!s:<3} {org.name or '':<12} my roles: {roles}")

    step("pm415: create an organization")
    created = client.organizations.create(name="Quickstart Inc")
    print(f"created #{created.id} {created.name!r}")

    step("pm415: invite a person to it")
    invite = client.invites.create(email="new.hire@example.com", organization_id=created.id)
    hidden = invite.token is not None and invite.token not in repr(invite)
    print(f"invite link made for {invite.email}; repr hides its token: {'yes' if hidden else 'NO'}")

    step("pm415: make a member an admin of Acme, then revoke it")
    acme = client.members(PM415_ORG_ACME)
    acme.set_role(PM415_MEMBER_USER_ID, orgkit.Role.ADMIN)
    for m in acme.list():
        print(f"  user #{m.user_id!s:<2} {m.email or '':<20} {m.role or '?'}")
    acme.set_role(PM415_MEMBER_USER_ID, "member")

    step("pm415: switch organization (the client adopts the new org-scoped token)")
    client.organizations.switch(PM415_ORG_GLOBEX)
    current = client.organizations.current()
    print(f"current organization: #{current.id} {current.name}")

    step("pm415: typed errors")
    try:
        client.organizations.create(name="Acme")
        raise SystemExit("expected a conflict")
    except orgkit.ConflictError as e:
        print(f"409 as expected: {e}")
    try:
        client.organizations.delete(99_999)
        raise SystemExit("expected not found")
    except orgkit.NotFoundError as e:
        print(f"404 as expected: {e}")


def ourganize(base_url: str) -> None:
    client = orgkit.Client("ourganize", base_url, api_key=OURGANIZE_ADMIN_KEY)

    step("ourganize: list every project, 20 per page, fetched lazily")
    projects = client.projects.list(limit=20)
    print(f"{projects.first_page().total} projects in total")
    for n, page in enumerate(projects.pages(), start=1):
        names = ", ".join(p.name or "" for p in page.items[:3])
        print(f"  page {n}: {len(page.items)} projects, starting {names}")

    step("ourganize: list the open tasks of project 1 and complete one")
    first = client.tasks.list(project_id=1, status="todo", limit=5).first_page()
    if not first.items:
        raise SystemExit("project 1 has no open task")
    task = first.items[0]
    print(f"{first.total} open tasks; completing #{task.id} {task.title!r}")
    done = client.tasks.complete(task.id)
    print(f"task #{done.id} is now {done.status}")

    step("ourganize: rate limit after the last call")
    rl = client.rate_limit
    if rl is not None:
        print(f"limit {rl.limit}, remaining {rl.remaining}, resets at {rl.reset}")

    step("ourganize: typed errors")
    try:
        client.projects.get(424_242)
        raise SystemExit("expected not found")
    except orgkit.NotFoundError as e:
        print(f"404 as expected: {e}")
    try:
        client.organizations.list().first_page()
        raise SystemExit("expected unsupported")
    except orgkit.UnsupportedError as e:
        print(f"no request sent: {e}")
        print(f"ourganize supports: {', '.join(client.capabilities())}")


def main() -> int:
    mock = subprocess.Popen(
        [MOCK_BIN, "--port", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert mock.stdout is not None and mock.stdin is not None
    try:
        url = mock.stdout.readline().strip()
        print(f"mock server listening on {url}")
        pm415(f"{url}/pm415")
        ourganize(f"{url}/ourganize")
        print("\nAll done.")
        return 0
    finally:
        mock.stdin.close()  # the mock exits when its stdin closes
        mock.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
