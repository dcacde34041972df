"""Type-checked with `mypy --strict` by scripts/test.sh (not collected by pytest):
every public call, so the stubs are checked against real use. Never run."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import orgkit
from orgkit import (
    AsyncClient,
    Client,
    Document,
    Invite,
    Member,
    Organization,
    Page,
    Project,
    ProjectSettings,
    RateLimit,
    Session,
    Task,
    User,
    WebhookEvent,
)


def blocking(url: str) -> None:
    c = Client(
        "pm415",
        url,
        token="t",
        api_key=None,
        session_cookie=None,
        timeout=5.0,
        deadline=30,
        max_retries=2,
        user_agent="app/1",
        headers={"x-a": "b"},
        idempotency_keys=False,
        system_roots=False,
    )
    provider: str = c.provider
    base: str = c.base_url
    caps: list[str] = c.capabilities()
    rl: RateLimit | None = c.rate_limit
    if rl is not None:
        limit: int | None = rl.limit
        reset: datetime | None = rl.reset
    raw = c.request("GET", "/api/org", json=None)

    s: Session = c.auth.login(email="a@b.c", password="p")
    s2: Session = c.auth.login(username="u", password="p")
    tok: str = s.token

    for org in c.organizations.list(limit=50, search="a", status="active", sort="name", order="asc"):
        o: Organization = org
        name: str | None = o.name
    pages = c.organizations.list().pages()
    for page in pages:
        p: Page[Organization] = page
        total: int | None = p.total
        items: list[Organization] = p.items
    first: Page[Organization] = c.organizations.list().first_page()
    o1: Organization = c.organizations.get(1)
    o2: Organization = c.organizations.create(name="n", type="customer", metadata={"k": [1]})
    o3: Organization = c.organizations.update("x", name="m", status="inactive")
    c.organizations.delete(1)
    o4: Organization = c.organizations.duplicate(1)
    o5: Organization = c.organizations.switch(2)
    o6: Organization = c.organizations.current()

    m: Member
    for m in c.members(1).list(limit=10):
        role: orgkit.Role | None = m.role
    c.members(1).add(5, role=orgkit.Role.ADMIN)
    c.members("org").set_role(5, "member")
    c.members(1).remove([1, "2"])
    c.members(1).reset_passwords([3])

    i: Invite = c.invites.create(email="e@x.y", organization_id=1, role="admin")
    i2: Invite = c.invites.validate("tok")
    s3: Session = c.invites.accept("tok", email="e@x.y", password="p")

    pr: Project
    for pr in c.projects.list(organization_id=1, status="active", limit=5):
        settings = pr.settings
    pr2: Project = c.projects.get(1)
    pr3: Project = c.projects.create(
        name="p", description="d", settings=ProjectSettings(is_public=True, allow_comments=False)
    )
    pr4: Project = c.projects.update(1, name="q", tags=["a"])
    c.projects.delete(1)

    t: Task
    for t in c.tasks.list(project_id=1, status="todo", limit=5):
        done: datetime | None = t.completed_at
    for t in c.tasks.list(organization_id=1):
        pass
    t2: Task = c.tasks.get(1)
    t3: Task = c.tasks.create(1, title="t", due_date=datetime.now(timezone.utc))
    t4: Task = c.tasks.update(1, status="completed", completed_at=datetime.now(timezone.utc))
    t5: Task = c.tasks.complete(1)
    c.tasks.delete(1)

    d: Document
    for d in c.documents(1).list():
        url_: str | None = d.url

    u: User
    for u in c.users.list():
        pass
    me: User = c.users.me()
    me2: User = c.users.update_me(first_name="A", last_name="B")
    mine: list[Organization] = c.users.my_organizations()

    headers: dict[str, str] = orgkit.webhooks.sign("secret", "msg_1", b"{}", timestamp=None)
    event: WebhookEvent = orgkit.webhooks.verify("secret", headers, b"{}")
    kind: orgkit.WebhookEventType = event.event_type
    as_dict = o1.to_dict()

    try:
        c.projects.get(1)
    except orgkit.NotFoundError as e:
        status: int | None = e.status
        code: str | None = e.code
        request_id: str | None = e.request_id
        retry: float | None = e.retry_after
        fields: list[orgkit.FieldError] = e.field_errors
    except orgkit.OrgkitError as e:
        k: str = e.kind


async def asynchronous(url: str) -> None:
    c = AsyncClient("ourganize", url, api_key="k")
    caps: list[str] = c.capabilities()
    raw = await c.request("GET", "/projects")
    s: Session = await c.auth.login(email="a@b.c", password="p")
    async for org in c.organizations.list(limit=10):
        o: Organization = org
    async for page in c.organizations.list().pages():
        p: Page[Organization] = page
    first: Page[Project] = await c.projects.list().first_page()
    o1: Organization = await c.organizations.get(1)
    o2: Organization = await c.organizations.create(name="n")
    o3: Organization = await c.organizations.update(1, name="m")
    await c.organizations.delete(1)
    o4: Organization = await c.organizations.duplicate(1)
    o5: Organization = await c.organizations.switch(1)
    o6: Organization = await c.organizations.current()
    async for m in c.members(1).list():
        mm: Member = m
    await c.members(1).add(1)
    await c.members(1).set_role(1, "admin")
    await c.members(1).remove([1])
    await c.members(1).reset_passwords([1])
    i: Invite = await c.invites.create(email="e@x.y")
    i2: Invite = await c.invites.validate("t")
    s2: Session = await c.invites.accept("t", email="e@x.y", password="p")
    async for pr in c.projects.list():
        ppr: Project = pr
    pr2: Project = await c.projects.get(1)
    pr3: Project = await c.projects.create(name="p")
    pr4: Project = await c.projects.update(1, status="archived")
    await c.projects.delete(1)
    async for t in c.tasks.list(project_id=1):
        tt: Task = t
    t2: Task = await c.tasks.get(1)
    t3: Task = await c.tasks.create(1, title="t")
    t4: Task = await c.tasks.update(1, title="u")
    t5: Task = await c.tasks.complete(1)
    await c.tasks.delete(1)
    async for d in c.documents(1).list():
        dd: Document = d
    async for u in c.users.list():
        uu: User = u
    me: User = await c.users.me()
    me2: User = await c.users.update_me(email="x@y.z")
    mine: list[Organization] = await c.users.my_organizations()
    task = asyncio.create_task(c.projects.get(1))
    got: Project = await task
