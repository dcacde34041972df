"""Every resource method of both clients, on every provider that has it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

import orgkit
from conftest import (
    ACHIEVEAPEX_OWNER,
    ORGSTACK_ADMIN,
    PM415_ADMIN,
    PM415_INVITE_EMAIL,
    PM415_INVITE_TOKEN,
    Mock,
)
from helpers import call, collect, make

MODES = ["sync", "async"]
pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("mode", MODES)
async def test_ourganize_projects(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "ourganize")
    projects = await collect(c.projects.list(limit=20))
    assert len(projects) == 45
    assert all(isinstance(p, orgkit.Project) for p in projects)
    archived = await collect(c.projects.list(status="archived"))
    assert len(archived) == 9 and {p.status for p in archived} == {"archived"}
    p = await call(c.projects.get(1))
    assert p.id == 1 and p.name == "Project 01"
    assert p.settings is not None and p.settings.allow_comments is True
    assert isinstance(p.created_at, datetime) and p.created_at.tzinfo is not None
    new = await call(
        c.projects.create(
            name="Launch", description="d", settings={"is_public": True, "allow_comments": False}
        )
    )
    assert new.name == "Launch" and new.settings.is_public is True
    upd = await call(c.projects.update(new.id, name="Launch 2", status="on_hold"))
    assert upd.name == "Launch 2" and upd.status == orgkit.ProjectStatus.ON_HOLD
    assert await call(c.projects.delete(new.id)) is None
    with pytest.raises(orgkit.NotFoundError):
        await call(c.projects.get(new.id))


@pytest.mark.parametrize("mode", MODES)
async def test_ourganize_tasks(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "ourganize")
    tasks = await collect(c.tasks.list(project_id=1, limit=7))
    assert len(tasks) == 30 and len({t.id for t in tasks}) == 30
    todo = await collect(c.tasks.list(project_id=1, status="todo"))
    assert len(todo) == 10 and all(t.status == "todo" for t in todo)
    t = await call(c.tasks.get(1))
    assert t.id == 1 and t.project_id == 1
    new = await call(c.tasks.create(1, title="Write docs", description="all of them"))
    assert new.title == "Write docs" and new.project_id == 1
    done = await call(c.tasks.update(new.id, status="completed", completed_at=datetime.now(timezone.utc)))
    assert done.status == orgkit.TaskStatus.COMPLETED and done.completed_at is not None
    again = await call(c.tasks.complete(2))
    assert again.status == "completed"
    assert await call(c.tasks.delete(new.id)) is None


@pytest.mark.parametrize("mode", MODES)
async def test_ourganize_users_and_invites(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "ourganize")
    users = await collect(c.users.list())
    assert len(users) == 5
    me = await call(c.users.me())
    assert me.id == 1 and me.email == "ada.admin@ourganize.test"
    me2 = await call(c.users.update_me(first_name="Adaline"))
    assert me2.first_name == "Adaline"
    invite = await call(c.invites.create(email="new.person@example.com", role="member"))
    assert invite.email == "new.person@example.com"
    assert c.rate_limit is not None and c.rate_limit.limit == 1000
    assert c.rate_limit.remaining is not None and c.rate_limit.reset is not None


@pytest.mark.parametrize("mode", MODES)
async def test_orgstack_organizations(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "orgstack")
    session = await call(c.auth.login(username=ORGSTACK_ADMIN[0], password=ORGSTACK_ADMIN[1]))
    assert isinstance(session, orgkit.Session) and session.token
    orgs = await collect(c.organizations.list(limit=20))
    assert len(orgs) == 45 and orgs[0].id == "org_01"
    found = await collect(c.organizations.list(search="acme"))
    assert found and all("Acme" in (o.name or "") for o in found)
    suspended = await collect(c.organizations.list(status="suspended", sort="name", order="desc"))
    assert len(suspended) == 3
    o = await call(c.organizations.get("org_01"))
    assert o.id == "org_01" and o.status == orgkit.OrganizationStatus.ACTIVE
    new = await call(c.organizations.create(name="Brand New Org", description="x"))
    assert new.name == "Brand New Org"
    upd = await call(c.organizations.update(new.id, description="y"))
    assert upd.description == "y"
    assert await call(c.organizations.delete(new.id)) is None


@pytest.mark.parametrize("mode", MODES)
async def test_achieveapex(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "achieveapex", api_key=None)
    session = await call(c.auth.login(email=ACHIEVEAPEX_OWNER[0], password=ACHIEVEAPEX_OWNER[1]))
    assert session.user is not None and session.user.id == 101
    orgs = await collect(c.organizations.list(limit=10))
    assert len(orgs) == 25
    o = await call(c.organizations.get(1))
    assert o.id == 1 and o.name == "Acme Inc"
    members = await collect(c.members(1).list(limit=4))
    assert len(members) == 15 and members[0].user_id is not None
    invite = await call(c.invites.create(email="someone@example.com", organization_id=1, role="admin"))
    assert invite.email == "someone@example.com" and invite.token
    assert "token" not in repr(invite).replace("token=None", "")


@pytest.mark.parametrize("mode", MODES)
async def test_kaana(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "kaana")
    orgs = await collect(c.organizations.list())
    assert [o.id for o in orgs] == [1, 2, 3]
    assert orgs[0].type == orgkit.OrganizationType.CUSTOMER
    o = await call(c.organizations.get(2))
    assert o.name == "Globex Partners"
    new = await call(
        c.organizations.create(
            name="Kaana New", type="internal", status="active", metadata={"tier": 1}
        )
    )
    assert new.type == "internal" and new.metadata == {"tier": 1}
    upd = await call(c.organizations.update(new.id, website="https://example.com"))
    assert upd.website == "https://example.com"
    dup = await call(c.organizations.duplicate(new.id))
    assert dup.id != new.id
    assert await call(c.organizations.delete(dup.id)) is None
    members = await collect(c.members(1).list())
    assert {m.user_id for m in members} == {101, 102, 103}
    assert await call(c.members(2).add(105, role="member")) is None
    assert await call(c.members(2).set_role(105, orgkit.Role.ADMIN)) is None
    roles = {m.user_id: m.role for m in await collect(c.members(2).list())}
    assert roles[105] == "admin"
    assert await call(c.members(2).remove([105])) is None
    projects = await collect(c.projects.list(organization_id=1))
    assert len(projects) == 3
    tasks = await collect(c.tasks.list(organization_id=1))
    assert len(tasks) == 5
    docs = await collect(c.documents(1).list())
    assert len(docs) == 2 and all(isinstance(d, orgkit.Document) for d in docs)


@pytest.mark.parametrize("mode", MODES)
async def test_pm415(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "pm415", token=None)
    session = await call(c.auth.login(email=PM415_ADMIN[0], password=PM415_ADMIN[1]))
    assert session.user is not None and session.user.email == PM415_ADMIN[0]
    assert "pm415-admin-pw" not in repr(session) and session.token not in repr(session)
    orgs = await collect(c.organizations.list())
    assert [o.name for o in orgs] == ["Acme", "Globex", "Initech"]
    assert orgs[0].roles == [orgkit.Role.ADMIN]
    current = await call(c.organizations.current())
    assert current.id == 1
    new = await call(c.organizations.create(name="Umbrella"))
    assert new.name == "Umbrella"
    upd = await call(c.organizations.update(new.id, name="Umbrella Corp"))
    assert upd.id == new.id
    switched = await call(c.organizations.switch(2))
    assert switched.id == 2
    assert (await call(c.organizations.current())).id == 2
    mine = await call(c.users.my_organizations())
    assert isinstance(mine, list) and {o.id for o in mine} >= {1, 2, 3}
    me = await call(c.users.me())
    assert me.id == 1
    me2 = await call(c.users.update_me(first_name="Matt"))
    assert me2.first_name == "Matt"
    members = await collect(c.members(1).list())
    assert {m.user_id for m in members} == {1, 2, 3}
    assert await call(c.members(1).set_role(2, "admin")) is None
    roles = {m.user_id: m.role for m in await collect(c.members(1).list())}
    assert roles[2] == "admin"
    assert await call(c.members(1).set_role(2, "member")) is None
    assert await call(c.members(1).reset_passwords([2, 3])) is None
    assert await call(c.members(1).remove([3])) is None
    invite = await call(c.invites.create(email="friend@example.com", organization_id=1))
    assert invite.confirm_url and invite.token
    assert invite.token not in repr(invite) and invite.confirm_url not in repr(invite)
    assert await call(c.organizations.delete(new.id)) is None
    check = await call(c.invites.validate(PM415_INVITE_TOKEN))
    assert check.email == PM415_INVITE_EMAIL
    assert check.organization_name == "Acme" and check.organization is None
    joined = await call(
        c.invites.accept(PM415_INVITE_TOKEN, email=PM415_INVITE_EMAIL, password="new-pw-123")
    )
    assert joined.token
    # The client now acts as the invitee, a plain member of Acme.
    assert (await call(c.users.me())).email == PM415_INVITE_EMAIL


@pytest.mark.parametrize("mode", MODES)
async def test_request_escape_hatch(mock: Mock, mode: str) -> None:
    c = make(mock, mode, "ourganize")
    body = await call(c.request("GET", "/projects/2"))
    assert body["data"]["id"] == 2
    created = await call(c.request("post", "/projects", json={"name": "Raw", "tags": ["a"]}))
    assert created["data"]["name"] == "Raw"
    seen = mock.requests(provider="ourganize", method="POST", path="/projects")
    assert seen[-1]["body"] == {"name": "Raw", "tags": ["a"]}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "provider", ["ourganize", "orgstack", "achieveapex", "kaana", "pm415"]
)
async def test_unsupported_before_the_network(mock: Mock, mode: str, provider: str) -> None:
    c = make(mock, mode, provider)
    caps = set(c.capabilities())
    attempts: dict[str, Any] = {
        "organizations.get": lambda: c.organizations.get(1),
        "organizations.duplicate": lambda: c.organizations.duplicate(1),
        "organizations.switch": lambda: c.organizations.switch(1),
        "members.reset_passwords": lambda: c.members(1).reset_passwords([1]),
        "projects.get": lambda: c.projects.get(1),
        "documents.list": lambda: collect(c.documents(1).list()),
        "users.my_organizations": lambda: c.users.my_organizations(),
    }
    tried = 0
    for op, attempt in attempts.items():
        if op in caps:
            continue
        tried += 1
        with pytest.raises(orgkit.UnsupportedError) as info:
            await call(attempt())
        assert info.value.provider == provider and info.value.operation == op
    assert tried > 0
    assert mock.requests(provider=provider) == []
