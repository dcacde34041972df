// Resource safety: no leak over thousands of clients and requests, one
// client under 200 concurrent calls, and secrets that never show in an
// error (however it is rendered), a client or a model.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { inspect } from 'node:util'
import { Client, OrgkitError, webhooks } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const ctx = useMock({ before, after, beforeEach })

// ------------------------------------------------------------------ leaks

// Runs in its own process (with --expose-gc) so the RSS it reads is its own.
const LEAK_SCRIPT = `
import { Client, NotFoundError } from ${JSON.stringify(pathToFileURL(path.join(here, '..', 'index.mjs')).href)}
const [url, ourganizeKey, kaanaSid, apexKey] = process.argv.slice(2)
let requests = 0

async function churn(n) {
  for (let i = 0; i < n; i++) {
    let c = new Client({ provider: 'kaana', baseUrl: url + '/kaana', sessionCookie: kaanaSid })
    if (i % 4 === 0) {
      const o = await c.organizations.get(1 + (i % 3))
      if (o.id !== 1 + (i % 3)) throw new Error('wrong org ' + o.id)
      requests++
    }
    c = null
  }
}

async function rounds(c, apex, n) {
  for (let r = 0; r < n; r++) {
    const p = await c.projects.get(1 + (r % 45))
    if (p.id !== 1 + (r % 45)) throw new Error('wrong project')
    const o = await apex.organizations.get(1 + (r % 25))
    if (o.id !== 1 + (r % 25)) throw new Error('wrong org')
    try {
      await c.projects.get(9999)
      throw new Error('no 404')
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e
    }
    const projects = await c.projects.list({ limit: 20 }).toArray() // 3 pages
    if (projects.length !== 45) throw new Error('projects ' + projects.length)
    const orgs = await apex.organizations.list({ limit: 10 }).toArray() // 3 pages
    if (orgs.length !== 25) throw new Error('orgs ' + orgs.length)
    requests += 9
  }
}

async function batches(c, n, size) {
  for (let b = 0; b < n; b++) {
    const got = await Promise.all(Array.from({ length: size }, (_, i) => c.projects.get(1 + (i % 45))))
    got.forEach((p, i) => { if (p.id !== 1 + (i % 45)) throw new Error('wrong batch item') })
    requests += size
  }
}

async function run(clients, nRounds, nBatches) {
  const c = new Client({ provider: 'ourganize', baseUrl: url + '/ourganize', token: ourganizeKey })
  const apex = new Client({ provider: 'achieveapex', baseUrl: url + '/achieveapex', apiKey: apexKey })
  for (let s = 0; s < 10; s++) {
    await churn(clients / 10)
    await rounds(c, apex, nRounds / 10)
    await batches(c, nBatches / 10, 50)
  }
}

async function settle() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc()
    await new Promise((r) => setTimeout(r, 20))
  }
  return process.memoryUsage().rss
}

const start = process.memoryUsage().rss
await run(200, 30, 10)
const warm = await settle()
const warmupRequests = requests
requests = 0
await run(1000, 120, 10)
const mid = await settle()
await run(1000, 130, 10)
const end = await settle()
console.log(JSON.stringify({ start, warm, mid, end, warmupRequests, requests, clients: 2000 }))
`

test('no leak over 2,000 clients and 3,000 requests (RSS after gc)', async () => {
  await ctx.mock.config({ ourganize_rate_limit: 1_000_000 })
  const dir = mkdtempSync(path.join(tmpdir(), 'orgkit-leak-'))
  try {
    const script = path.join(dir, 'leak.mjs')
    writeFileSync(script, LEAK_SCRIPT)
    // Every client build loads the trust store these variables name
    // (rustls-platform-verifier); the system's ~150 certificates take ~40 ms
    // to parse in a debug build. One certificate keeps the same code path.
    const env = { ...process.env }
    const bundles = readdirSync('/etc/ssl/certs', { withFileTypes: true }).filter((d) => d.name.endsWith('.pem'))
    if (bundles.length > 0) {
      env.SSL_CERT_FILE = path.join('/etc/ssl/certs', bundles.sort((a, b) => (a.name < b.name ? -1 : 1))[0].name)
      env.SSL_CERT_DIR = dir
    }
    const out = spawnSync(
      process.execPath,
      ['--expose-gc', script, ctx.mock.url, seed.ourganize.adminKey, seed.kaana.adminSid, seed.achieveapex.apiKey],
      { env, encoding: 'utf8', timeout: 120_000 },
    )
    assert.equal(out.status, 0, `leak script failed: ${out.stderr}`)
    const stats = JSON.parse(out.stdout.trim().split('\n').pop())
    const mb = (n) => (n / 1024 / 1024).toFixed(1)
    console.log(
      `RSS MB: start ${mb(stats.start)}, after warm-up ${mb(stats.warm)}, mid ${mb(stats.mid)}, end ${mb(stats.end)}; ` +
        `${stats.requests} requests, ${stats.clients} clients`,
    )
    assert.ok(stats.requests >= 3000)
    assert.equal((await ctx.mock.requests()).length, stats.warmupRequests + stats.requests)
    assert.ok(stats.end - stats.warm < 25 * 1024 * 1024, `RSS grew ${mb(stats.end - stats.warm)} MB: ${JSON.stringify(stats)}`)
    assert.ok(stats.end - stats.mid < 10 * 1024 * 1024, `RSS still climbing: ${JSON.stringify(stats)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

// ------------------------------------------------------------ concurrency

test('200 concurrent calls on one client', async () => {
  const c = new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })
  const ids = Array.from({ length: 200 }, (_, i) => 1 + (i % 45))
  const got = await Promise.all(ids.map((id) => c.projects.get(id)))
  assert.deepEqual(
    got.map((p) => p.id),
    ids,
  )
  assert.ok(got.every((p) => p.name === `Project ${String(p.id).padStart(2, '0')}`))
  assert.equal((await ctx.mock.requests({ provider: 'ourganize' })).length, 200)
})

test('200 concurrent calls of mixed kinds on one client', async () => {
  const c = new Client({ provider: 'kaana', baseUrl: ctx.mock.base('kaana'), sessionCookie: seed.kaana.adminSid })
  const calls = Array.from({ length: 200 }, (_, i) => {
    switch (i % 4) {
      case 0:
        return c.organizations.get(1 + (i % 3)).then((o) => ['org', o.id])
      case 1:
        return c.members(1).list().toArray().then((m) => ['members', m.length])
      case 2:
        return c.organizations.get(999).then(
          () => ['no error'],
          (e) => ['error', e.status],
        )
      default:
        return c.documents(1).list().firstPage().then((p) => ['docs', p.items.length])
    }
  })
  const got = await Promise.all(calls)
  got.forEach((r, i) => {
    const want = [['org', 1 + (i % 3)], ['members', 3], ['error', 404], ['docs', 2]][i % 4]
    assert.deepEqual(r, want, `call ${i}`)
  })
  assert.equal((await ctx.mock.requests({ provider: 'kaana' })).length, 200)
})

// ---------------------------------------------------------------- secrets

const FAKE = {
  token: 'tok-SECRET-7f3a9c11',
  apiKey: 'key-SECRET-51be2d22',
  session: 'sid-SECRET-c0ffee33',
  password: 'pw-SECRET-hunter2-44',
  inviteToken: 'inv-SECRET-9d8e7f55',
}
const ACCEPT_PASSWORD = 'pw-SECRET-accept-55'
const WEBHOOK_SECRET = 'wh-SECRET-raw-88'
const WEBHOOK_WHSEC = 'whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA='

// Every secret of the mock's seed (tests/mock-server/src/seed.rs), also those a server might echo.
const SEED_SECRETS = [
  seed.ourganize.adminKey,
  seed.ourganize.memberKey,
  seed.orgstack.adminPassword,
  seed.orgstack.viewerPassword,
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDEiLCJyb2xlIjoiYWRtaW4ifQ.c2VlZC1hZG1pbg',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDIiLCJyb2xlIjoidmlld2VyIn0.c2VlZC12aWV3ZXI',
  seed.achieveapex.ownerPassword,
  seed.achieveapex.apiKey,
  seed.achieveapex.memberPassword,
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDEifQ.c2VlZC1vd25lcg',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDIifQ.c2VlZC1tZW1iZXI',
  seed.kaana.adminSid,
  seed.kaana.viewerSid,
  'sess-consultant-2b8d41',
  seed.kaana.apiKey,
  seed.pm415.adminPassword,
  seed.pm415.adminApiKey,
  seed.pm415.memberPassword,
  '7e1b0c94d2a3f86e5c1d0',
  'pm415-lead-pw',
  'a4f2e8c61b9d07e3f5a2c',
  seed.pm415.inviteToken,
]
const STATIC_SECRETS = [
  ...SEED_SECRETS,
  ...Object.values(FAKE),
  ACCEPT_PASSWORD,
  WEBHOOK_SECRET,
  WEBHOOK_WHSEC,
  WEBHOOK_WHSEC.slice('whsec_'.length).replace(/=+$/, ''),
  'SECRET',
]

const CREDENTIALS = {
  ourganize: { token: seed.ourganize.adminKey },
  orgstack: {},
  achieveapex: { apiKey: seed.achieveapex.apiKey },
  kaana: { sessionCookie: seed.kaana.adminSid },
  pm415: { token: seed.pm415.adminApiKey },
}
const LOGINS = {
  orgstack: { username: seed.orgstack.adminUser, password: seed.orgstack.adminPassword },
  achieveapex: { email: seed.achieveapex.ownerEmail, password: seed.achieveapex.ownerPassword },
  pm415: { email: seed.pm415.adminEmail, password: seed.pm415.adminPassword },
}
const ORG_ID = { orgstack: 'org_01', achieveapex: 1, kaana: 2, pm415: 1 }

const FAULTS = [
  ['401', { status: 401 }],
  ['403', { status: 403 }],
  ['404', { status: 404 }],
  ['500', { status: 500 }],
  ['html 502', { status: 502, non_json: '<html><body><h1>502 Bad Gateway</h1></body></html>' }],
]

class Recorder {
  texts = []
  dynamic = new Set()

  add(what, text) {
    this.texts.push([what, String(text)])
  }

  value(what, v) {
    if (v === undefined) return
    if (v && typeof v === 'object') {
      if (typeof v.token === 'string') this.dynamic.add(v.token)
      if (typeof v.confirmUrl === 'string') {
        const t = new URL(v.confirmUrl).searchParams.get('token')
        if (t) this.dynamic.add(t)
      }
      if (Array.isArray(v)) v.forEach((x) => this.value(what, x))
      if (Array.isArray(v.items)) v.items.forEach((x) => this.value(what, x))
    }
    this.add(`inspect(${what})`, inspect(v, { depth: Infinity }))
    this.add(`String(${what})`, String(v))
    // An Invite's JSON keeps its token (as Python's to_dict() does); the rest never has a secret.
    const isInvite = v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, inspect.custom)
    if (!isInvite) this.add(`JSON.stringify(${what})`, JSON.stringify(v))
  }

  error(what, e) {
    this.add(`String(${what})`, String(e))
    this.add(`${what}.message`, e.message)
    this.add(`${what}.stack`, e.stack)
    this.add(`inspect(${what})`, inspect(e, { depth: Infinity }))
    this.add(`inspect(${what}, showHidden)`, inspect(e, { depth: Infinity, showHidden: true }))
    this.add(`JSON.stringify(${what})`, JSON.stringify(e))
    if (e.cause !== undefined) this.add(`${what}.cause`, inspect(e.cause, { depth: Infinity }))
  }

  client(what, c) {
    this.add(`inspect(${what})`, inspect(c, { depth: Infinity }))
    this.add(`inspect(${what}, showHidden)`, inspect(c, { depth: Infinity, showHidden: true }))
    this.add(`String(${what})`, String(c))
    this.add(`JSON.stringify(${what})`, JSON.stringify(c))
    for (const h of [c.organizations, c.members(1), c.invites, c.projects, c.tasks, c.documents(1), c.users, c.auth]) {
      this.add(`inspect(${h.constructor.name})`, inspect(h, { depth: Infinity, showHidden: true }))
    }
    this.add(`inspect(${what}.rateLimit)`, inspect(c.rateLimit))
  }

  check() {
    const secrets = [...STATIC_SECRETS, ...[...this.dynamic].filter((s) => s.length >= 6)]
    assert.ok(this.texts.length > 100, `only ${this.texts.length} texts`)
    for (const [what, text] of this.texts) {
      for (const s of secrets) {
        assert.ok(!text.includes(s), `${what} shows secret ${JSON.stringify(s)}: ${text.slice(0, 2000)}`)
      }
    }
  }
}

/** Every operation (as capabilities() names it) with plausible arguments, in an order the seeded mock accepts. */
function operations(p) {
  const org = ORG_ID[p] ?? 1
  const newOrg = { name: 'Safety Org', ...(p === 'kaana' ? { type: 'internal' } : {}), ...(p === 'orgstack' ? { description: 'd' } : {}) }
  const items = (make) => async (c) => [...(await make(c).toArray()), await make(c).firstPage()]
  const remember = (key, fn) => async (c, s) => {
    const r = await fn(c, s)
    s[key] = r.id
    return r
  }
  return [
    ['auth.login', (c, s) => c.auth.login(s.login ?? LOGINS[p])],
    ['organizations.list', items((c) => c.organizations.list())],
    ['organizations.get', (c) => c.organizations.get(org)],
    ['organizations.current', (c) => c.organizations.current()],
    ['organizations.create', remember('org', (c) => c.organizations.create(newOrg))],
    ['organizations.update', (c, s) => c.organizations.update(s.org ?? org, p === 'pm415' ? { name: 'Safety Org 2' } : { description: 'd2' })],
    ['organizations.duplicate', remember('dup', (c, s) => c.organizations.duplicate(s.org ?? org))],
    ['organizations.switch', (c) => c.organizations.switch(2)],
    ['members.list', items((c) => c.members(1).list())],
    ['members.add', (c) => c.members(2).add(105, 'member')],
    ['members.set_role', (c) => (p === 'kaana' ? c.members(2).setRole(105, 'admin') : c.members(1).setRole(2, 'admin'))],
    ['members.reset_passwords', (c) => c.members(1).resetPasswords([2, 3])],
    ['members.remove', (c) => (p === 'kaana' ? c.members(2).remove([105]) : c.members(1).remove([3]))],
    [
      'invites.create',
      (c) => c.invites.create({ email: 'safety.invitee@example.com', role: 'member', ...(p === 'ourganize' ? {} : { organizationId: 1 }) }),
    ],
    ['projects.list', items((c) => (p === 'ourganize' ? c.projects.list({ limit: 20 }) : c.projects.list({ organizationId: 1 })))],
    ['projects.get', (c) => c.projects.get(1)],
    ['projects.create', remember('project', (c) => c.projects.create({ name: 'Safety', description: 'd' }))],
    ['projects.update', (c, s) => c.projects.update(s.project ?? 1, { name: 'Safety 2' })],
    ['tasks.list', items((c) => (p === 'ourganize' ? c.tasks.list({ projectId: 1, limit: 7 }) : c.tasks.list({ organizationId: 1 })))],
    ['tasks.get', (c) => c.tasks.get(1)],
    ['tasks.create', remember('task', (c) => c.tasks.create(1, { title: 'Safety task', dueDate: '2030-01-01T00:00:00Z' }))],
    ['tasks.update', (c, s) => c.tasks.update(s.task ?? 1, { status: 'completed', completedAt: new Date() })],
    ['tasks.complete', (c, s) => c.tasks.complete(s.task ?? 1)],
    ['tasks.delete', (c, s) => c.tasks.delete(s.task ?? 1)],
    ['projects.delete', (c, s) => c.projects.delete(s.project ?? 1)],
    ['documents.list', items((c) => c.documents(1).list())],
    ['users.list', items((c) => c.users.list({ limit: 2 }))],
    ['users.me', (c) => c.users.me()],
    ['users.update_me', (c) => c.users.updateMe({ firstName: 'Safe' })],
    ['users.my_organizations', (c) => c.users.myOrganizations()],
    [
      'organizations.delete',
      async (c, s) => {
        const ids = ['dup', 'org'].filter((k) => s[k] !== undefined).map((k) => s[k])
        for (const id of ids.length ? ids : [org]) await c.organizations.delete(id)
      },
    ],
    ['invites.validate', (c, s) => c.invites.validate(s.inviteToken ?? seed.pm415.inviteToken)],
    [
      'invites.accept',
      (c, s) =>
        c.invites.accept(s.inviteToken ?? seed.pm415.inviteToken, {
          email: seed.pm415.inviteEmail,
          password: s.acceptPassword ?? ACCEPT_PASSWORD,
        }),
    ],
  ]
}

function supported(c, p) {
  const caps = new Set(c.capabilities())
  const ops = operations(p).filter(([name]) => caps.has(name))
  const missing = [...caps].filter((name) => !ops.some(([n]) => n === name))
  assert.deepEqual(missing, [], `${p}: no safety-test call for ${missing}`)
  return ops
}

for (const p of ['ourganize', 'orgstack', 'achieveapex', 'kaana', 'pm415']) {
  test(`secrets never show: ${p}`, async () => {
    const rec = new Recorder()
    const base = ctx.mock.base(p)

    // 1. Seeded credentials: normal answers.
    let c = new Client({ provider: p, baseUrl: base, ...CREDENTIALS[p] })
    rec.client(p, c)
    const failures = []
    let state = {}
    for (const [name, op] of supported(c, p)) {
      try {
        rec.value(name, await op(c, state))
      } catch (e) {
        failures.push(`${name}: ${e}`)
        rec.error(name, e)
      }
    }
    assert.deepEqual(failures, [], `${p}: seeded calls failed`)
    rec.client(p, c)

    // 2. Credentials the mock does not know, of known text: error answers.
    c = new Client({ provider: p, baseUrl: base, token: FAKE.token, apiKey: FAKE.apiKey, sessionCookie: FAKE.session, maxRetries: 0 })
    state = {
      login: { ...(LOGINS[p] ?? { email: 'x@example.com' }), password: FAKE.password },
      inviteToken: FAKE.inviteToken,
      acceptPassword: FAKE.password,
    }
    rec.client(p, c)
    let errors = 0
    const ops = supported(c, p)
    for (const [name, op] of ops) {
      try {
        rec.value(name, await op(c, state))
      } catch (e) {
        assert.ok(e instanceof OrgkitError, `${name}: ${e}`)
        errors++
        rec.error(`${p} ${name} (fake credentials)`, e)
      }
    }
    assert.ok(errors >= ops.length - 1, `${p}: only ${errors} of ${ops.length} calls failed`)
    rec.client(p, c)

    // 3. Seeded credentials, every operation answered by an injected fault.
    await ctx.mock.reset()
    c = new Client({ provider: p, baseUrl: base, ...CREDENTIALS[p], maxRetries: 0 })
    if (LOGINS[p]) rec.value('login', await c.auth.login(LOGINS[p]))
    for (const [label, action] of FAULTS) {
      for (const [name, op] of supported(c, p)) {
        await ctx.mock.fault({ provider: p, action })
        try {
          const r = await op(c, {})
          assert.fail(`${p} ${name} under a ${label} fault returned ${inspect(r)}`)
        } catch (e) {
          assert.ok(e instanceof OrgkitError, `${name} (${label}): ${e}`)
          assert.ok(e.status === action.status || e.kind === 'Decode', `${name} (${label}): ${e.kind} ${e.status}`)
          rec.error(`${p} ${name} (${label})`, e)
        } finally {
          await ctx.mock.control('DELETE', '/faults')
        }
      }
    }
    rec.client(p, c)
    rec.check()
  })
}

test('an Invite shows no token or confirm URL', async () => {
  const c = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
  const checked = await c.invites.validate(seed.pm415.inviteToken)
  const made = await c.invites.create({ email: 'repr.check@example.com', organizationId: 1 })
  assert.ok(made.token && made.confirmUrl, 'the secrets are still there to read')
  for (const [invite, secrets] of [
    [checked, [seed.pm415.inviteToken]],
    [made, [made.token, made.confirmUrl]],
  ]) {
    const shown = [
      inspect(invite, { depth: Infinity }),
      inspect(invite, { depth: Infinity, showHidden: true }),
      inspect([{ nested: invite }], { depth: Infinity }),
      String(invite),
    ]
    for (const text of shown) {
      for (const s of secrets) assert.ok(!text.includes(s), `${s} in ${text}`)
    }
    assert.match(inspect(invite), /email: '/)
    // Still there to read, and in the JSON (like Python's to_dict()).
    assert.equal(JSON.parse(JSON.stringify(invite)).token, invite.token)
  }
})

test('the webhook secret never shows', () => {
  const rec = new Recorder()
  const body = JSON.stringify({ type: 'project.created', timestamp: '2024-01-01T00:00:00Z', data: { id: 1, name: 'P' } })
  const now = new Date()
  for (const secret of [WEBHOOK_SECRET, WEBHOOK_WHSEC]) {
    const headers = webhooks.sign(secret, 'msg_1', body, now)
    rec.add('signed headers', JSON.stringify(headers))
    rec.value('event', webhooks.verify(secret, headers, body, { now }))
    const attempts = [
      () => webhooks.verify(secret + 'x', headers, body, { now }),
      () => webhooks.verify(secret, headers, body + ' ', { now }),
      () => webhooks.verify(secret, headers, body, { now: new Date(now.getTime() + 3_600_000) }),
      () => webhooks.verify(secret, {}, body, { now }),
      () => webhooks.verify(secret, headers, 'not json', { now }),
      () => webhooks.verify('whsec_!!!' + secret, headers, body, { now }),
      () => webhooks.sign('', 'msg_1', body),
    ]
    for (const attempt of attempts) {
      assert.throws(attempt, (e) => {
        rec.error('webhook error', e)
        return true
      })
    }
  }
  for (const [what, text] of rec.texts) {
    for (const s of [WEBHOOK_SECRET, WEBHOOK_WHSEC, WEBHOOK_WHSEC.slice(6).replace(/=+$/, ''), 'SECRET']) {
      assert.ok(!text.includes(s), `${what} shows ${s}: ${text}`)
    }
  }
})
