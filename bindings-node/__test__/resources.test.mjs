// Every resource method on every provider that supports it.
import test, { describe, before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { Client, UnsupportedError } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const ctx = useMock({ before, after, beforeEach })

const pm415 = () => new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
const ourganize = (token = seed.ourganize.adminKey) =>
  new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token })
const orgstack = () => new Client({ provider: 'orgstack', baseUrl: ctx.mock.base('orgstack') })
const achieveapex = () =>
  new Client({ provider: 'achieveapex', baseUrl: ctx.mock.base('achieveapex'), apiKey: seed.achieveapex.apiKey })
const kaana = () => new Client({ provider: 'kaana', baseUrl: ctx.mock.base('kaana'), sessionCookie: seed.kaana.adminSid })

describe('pm415', () => {
  test('login, organizations and switching', async () => {
    const c = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415') })
    const session = await c.auth.login({ email: seed.pm415.adminEmail, password: seed.pm415.adminPassword })
    assert.equal(typeof session.token, 'string')
    assert.ok(!Object.keys(session).includes('token'), 'the token is not enumerable')
    assert.equal(session.user.id, 1)
    const orgs = await c.organizations.list().toArray()
    assert.deepEqual(
      orgs.map((o) => o.name),
      ['Acme', 'Globex', 'Initech'],
    )
    assert.deepEqual(orgs[0].roles, ['admin'])
    assert.ok(orgs[0].createdAt instanceof Date)
    assert.equal((await c.organizations.current()).id, 1)
    const created = await c.organizations.create({ name: 'Umbrella' })
    assert.equal(created.name, 'Umbrella')
    assert.equal(typeof created.id, 'number')
    const renamed = await c.organizations.update(created.id, { name: 'Umbrella Corp' })
    assert.equal(renamed.id, created.id)
    const switched = await c.organizations.switch(2)
    assert.equal(switched.id, 2)
    assert.equal((await c.organizations.current()).id, 2, 'the client adopted the new token')
    assert.equal(await c.organizations.delete(created.id), undefined)
    const names = (await c.users.myOrganizations()).map((o) => o.name)
    assert.ok(!names.includes('Umbrella Corp'))
  })

  test('members: list, setRole, resetPasswords, remove', async () => {
    const c = pm415()
    const members = await c.members(1).list().toArray()
    const member = members.find((m) => m.email === seed.pm415.memberEmail)
    assert.equal(member.role, 'member')
    assert.equal(member.isActive, true)
    await c.members(1).setRole(member.userId, 'Admin')
    let again = await c.members(1).list().toArray()
    assert.equal(again.find((m) => m.userId === member.userId).role, 'admin')
    await c.members(1).setRole(member.userId, 'member')
    again = await c.members(1).list().toArray()
    assert.equal(again.find((m) => m.userId === member.userId).role, 'member')
    await c.members(1).resetPasswords([member.userId])
    await c.members(1).remove([member.userId])
    again = await c.members(1).list().toArray()
    assert.ok(!again.some((m) => m.userId === member.userId))
  })

  test('invites: create, validate, accept', async () => {
    const c = pm415()
    const invite = await c.invites.create({ email: 'new.person@pm415.test', organizationId: 1 })
    assert.equal(invite.email, 'new.person@pm415.test')
    assert.match(invite.confirmUrl, /token=/)
    assert.equal(typeof invite.token, 'string')
    const anonymous = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415') })
    const checked = await anonymous.invites.validate(seed.pm415.inviteToken)
    assert.equal(checked.email, seed.pm415.inviteEmail)
    assert.equal(checked.organizationName, 'Acme')
    assert.equal(checked.organization, undefined)
    const session = await anonymous.invites.accept(seed.pm415.inviteToken, {
      email: seed.pm415.inviteEmail,
      password: 'a-new-password',
    })
    assert.equal(typeof session.token, 'string')
    const me = await anonymous.users.me()
    assert.equal(me.email, seed.pm415.inviteEmail)
  })

  test('users: me, updateMe, myOrganizations', async () => {
    const c = pm415()
    const me = await c.users.me()
    assert.equal(me.email, seed.pm415.adminEmail)
    assert.ok(!('password' in me.extra) && !('apiKey' in me.extra), 'secrets are dropped')
    const updated = await c.users.updateMe({ firstName: 'Matt' })
    assert.equal(updated.firstName, 'Matt')
    const mine = await c.users.myOrganizations()
    assert.equal(mine.length, 3)
    assert.deepEqual(mine[0].roles, ['admin'])
  })
})

describe('ourganize', () => {
  test('projects: list, get, create, update, delete', async () => {
    const c = ourganize()
    const first = await c.projects.list({ limit: 10, status: 'archived' }).firstPage()
    assert.equal(first.total, 9)
    assert.ok(first.items.every((p) => p.status === 'archived'))
    const p = await c.projects.get(1)
    assert.equal(p.name, 'Project 01')
    assert.equal(p.settings.allowComments, true)
    const created = await c.projects.create({
      name: 'Launch',
      description: 'New site',
      settings: { isPublic: true, allowComments: false },
    })
    assert.equal(created.settings.isPublic, true)
    assert.equal(created.settings.allowComments, false)
    const updated = await c.projects.update(created.id, { name: 'Launch v2', status: 'completed' })
    assert.equal(updated.name, 'Launch v2')
    assert.equal(updated.status, 'completed')
    await c.projects.delete(created.id)
    await assert.rejects(c.projects.get(created.id), { name: 'NotFoundError' })
  })

  test('tasks: list, get, create, update (complete), delete', async () => {
    const c = ourganize()
    const todo = await c.tasks.list({ projectId: 1, status: 'todo', limit: 5 }).toArray()
    assert.equal(todo.length, 10)
    assert.ok(todo.every((t) => t.status === 'todo' && t.projectId === 1))
    const t = await c.tasks.get(todo[0].id)
    assert.equal(t.id, todo[0].id)
    const created = await c.tasks.create(1, { title: 'Write docs', dueDate: '2030-01-01T00:00:00Z' })
    assert.equal(created.title, 'Write docs')
    assert.equal(created.dueDate.toISOString(), '2030-01-01T00:00:00.000Z')
    const at = new Date('2030-01-02T03:04:05Z')
    const done = await c.tasks.update(created.id, { status: 'completed', completedAt: at })
    assert.equal(done.status, 'completed')
    assert.equal(done.completedAt.getTime(), at.getTime())
    await c.tasks.delete(created.id)
    await assert.rejects(c.tasks.get(created.id), { name: 'NotFoundError' })
  })

  test('users and invites', async () => {
    const c = ourganize()
    const users = await c.users.list().toArray()
    assert.equal(users.length, 5)
    const me = await c.users.me()
    assert.equal(me.email, 'ada.admin@ourganize.test')
    const updated = await c.users.updateMe({ firstName: 'Augusta' })
    assert.equal(updated.firstName, 'Augusta')
    const invite = await c.invites.create({ email: 'someone@ourganize.test', role: 'admin' })
    assert.equal(invite.email, 'someone@ourganize.test')
    assert.equal(invite.status, 'pending')
    assert.ok(invite.expiresAt instanceof Date)
  })

  test('rate limit info after a call', async () => {
    const c = ourganize()
    assert.equal(c.rateLimit, null)
    await c.projects.get(1)
    const rl = c.rateLimit
    assert.equal(rl.limit, 1000)
    assert.equal(typeof rl.remaining, 'number')
    assert.ok(rl.reset instanceof Date)
  })

  test('request() escape hatch', async () => {
    const c = ourganize()
    const body = await c.request('GET', '/projects?limit=2&page=2')
    assert.equal(body.success, true)
    assert.deepEqual(
      body.data.map((p) => p.id),
      [3, 4],
    )
    const created = await c.request('post', '/projects', { name: 'Raw' })
    assert.equal(created.data.name, 'Raw')
  })
})

describe('orgstack', () => {
  test('login with a username, then organizations CRUD', async () => {
    const c = orgstack()
    await c.auth.login({ username: seed.orgstack.adminUser, password: seed.orgstack.adminPassword })
    const suspended = await c.organizations.list({ status: 'suspended' }).toArray()
    assert.deepEqual(
      suspended.map((o) => o.id),
      ['org_10', 'org_20', 'org_40'],
    )
    const found = await c.organizations.list({ search: 'hooli', sort: 'name', order: 'asc' }).toArray()
    assert.ok(found.length > 0 && found.every((o) => /hooli/i.test(o.name)))
    const org = await c.organizations.get('org_01')
    assert.equal(org.name, 'Acme Labs')
    assert.equal(typeof org.id, 'string')
    const created = await c.organizations.create({ name: 'Cyberdyne Systems', description: 'T-800' })
    const updated = await c.organizations.update(created.id, { status: 'archived' })
    assert.equal(updated.status, 'archived')
    await c.organizations.delete(created.id)
    await assert.rejects(c.organizations.get(created.id), { name: 'NotFoundError' })
  })
})

describe('achieveapex', () => {
  test('login, organizations, members, invites', async () => {
    const login = new Client({ provider: 'achieveapex', baseUrl: ctx.mock.base('achieveapex') })
    const session = await login.auth.login({ email: seed.achieveapex.ownerEmail, password: seed.achieveapex.ownerPassword })
    assert.equal(session.user.id, 101)
    const c = achieveapex()
    const orgs = await c.organizations.list({ limit: 10 }).toArray()
    assert.equal(orgs.length, 25)
    const org = await c.organizations.get(2)
    assert.equal(org.name, 'Acme Solutions')
    assert.equal(org.subscriptionStatus, 'trialing')
    const members = await c.members(1).list({ limit: 4 }).toArray()
    assert.equal(members.length, 15)
    assert.ok(members.every((m) => m.organizationId === 1 && typeof m.membershipId === 'number'))
    const invite = await c.invites.create({ email: 'new@achieveapex.test', organizationId: 1, role: 'admin' })
    assert.equal(invite.role, 'admin')
    assert.equal(invite.status, 'pending')
    assert.equal(typeof invite.token, 'string')
  })
})

describe('kaana', () => {
  test('organizations: list, get, create, update, duplicate, delete', async () => {
    const c = kaana()
    const orgs = await c.organizations.list().toArray()
    assert.equal(orgs.length, 3)
    assert.equal(orgs[0].type, 'customer')
    assert.deepEqual(orgs[0].metadata, { tier: 'gold', region: 'emea' })
    const got = await c.organizations.get(3)
    assert.equal(got.status, 'inactive')
    const created = await c.organizations.create({
      name: 'Soylent',
      type: 'vendor',
      industry: 'Food',
      website: 'https://soylent.example.com',
      metadata: { tier: 'bronze' },
    })
    assert.equal(created.type, 'vendor')
    const updated = await c.organizations.update(created.id, { description: 'It is people' })
    assert.equal(updated.description, 'It is people')
    const copy = await c.organizations.duplicate(created.id)
    assert.notEqual(copy.id, created.id)
    await c.organizations.delete(copy.id)
    await c.organizations.delete(created.id)
    assert.equal((await c.organizations.list().toArray()).length, 3)
  })

  test('members: list, add, setRole, remove', async () => {
    const c = kaana()
    const m = c.members(1)
    assert.equal((await m.list().toArray()).length, 3)
    await m.add(106, 'member')
    await m.setRole(106, 'admin')
    let all = await m.list().toArray()
    assert.equal(all.find((x) => x.userId === 106).role, 'admin')
    await m.remove([106])
    all = await m.list().toArray()
    assert.ok(!all.some((x) => x.userId === 106))
  })

  test('projects, tasks and documents of an organization', async () => {
    const c = kaana()
    assert.equal((await c.projects.list({ organizationId: 1 }).toArray()).length, 3)
    const tasks = await c.tasks.list({ organizationId: 1 }).toArray()
    assert.equal(tasks.length, 5)
    assert.ok(tasks.every((t) => t.organizationId === 1))
    const docs = await c.documents(1).list().toArray()
    assert.equal(docs.length, 2)
    assert.equal(docs[0].mimeType, 'application/pdf')
    assert.equal((await c.documents(3).list().toArray()).length, 0)
  })
})

test('capabilities differ per provider and match what works', () => {
  const caps = Object.fromEntries(
    ['ourganize', 'orgstack', 'achieveapex', 'kaana', 'pm415'].map((p) => [
      p,
      new Client({ provider: p, baseUrl: 'http://127.0.0.1:9' }).capabilities(),
    ]),
  )
  assert.ok(caps.pm415.includes('organizations.switch'))
  assert.ok(!caps.pm415.includes('projects.list'))
  assert.ok(caps.ourganize.includes('tasks.update'))
  assert.ok(caps.kaana.includes('organizations.duplicate'))
  assert.ok(caps.achieveapex.includes('members.list'))
  assert.ok(!caps.orgstack.includes('members.list'))
})

test('UnsupportedError for every operation a provider lacks', async () => {
  const c = new Client({ provider: 'orgstack', baseUrl: ctx.mock.base('orgstack') })
  const calls = [
    () => c.organizations.duplicate('org_01'),
    () => c.organizations.switch('org_01'),
    () => c.members('org_01').list().firstPage(),
    () => c.invites.create({ email: 'a@b.test' }),
    () => c.projects.list().firstPage(),
    () => c.tasks.get(1),
    () => c.documents(1).list().firstPage(),
    () => c.users.me(),
  ]
  for (const call of calls) {
    // A list throws when it is created; any other call rejects.
    await assert.rejects(async () => call(), UnsupportedError)
  }
  assert.throws(() => c.projects.list(), UnsupportedError)
  assert.deepEqual(await ctx.mock.requests(), [])
})
