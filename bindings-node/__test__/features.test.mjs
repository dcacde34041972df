// What users of openai-node and stripe-node expect: per-request options,
// raw responses, a logger, close(), credentials from the environment and
// orgkit/testing. Runs against the in-process mock of orgkit/testing.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import {
  Client,
  APIPromise,
  InvalidArgumentError,
  ServerError,
  TimeoutError,
  ConnectionError,
  RateLimitError,
  UnsupportedError,
} from 'orgkit'
import { MockServer, seed } from 'orgkit/testing'

const here = path.dirname(fileURLToPath(import.meta.url))
let mock
before(() => {
  mock = new MockServer()
})
beforeEach(() => mock.reset())
after(() => mock.close())

const KEY = seed.OURGANIZE_ADMIN_KEY
const ourganize = (extra = {}) => new Client({ provider: 'ourganize', baseUrl: mock.baseUrl('ourganize'), apiKey: KEY, ...extra })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ------------------------------------------------------------ per-request options

test('per-request headers, retries, timeout and deadline are what is sent and waited', async () => {
  const c = ourganize()
  await c.projects.get(1, { headers: { 'x-trace-id': 'abc' } })
  assert.equal(mock.requests()[0].headers['x-trace-id'], 'abc')

  mock.clearRequests()
  mock.inject({ provider: 'ourganize', times: 5, action: { status: 503 } })
  const e = await c.projects.get(1, { maxRetries: 0 }).catch((x) => x)
  assert.ok(e instanceof ServerError && e.attempts === 1, `${e}`)
  assert.equal(mock.requestCount('GET', '/projects/1'), 1)
  mock.clearRequests()
  await assert.rejects(c.projects.get(1, { maxRetries: 1 }), (x) => x instanceof ServerError && x.attempts === 2)
  assert.equal(mock.requestCount('GET', '/projects/1'), 2)
  mock.clearFaults()

  mock.inject({ provider: 'ourganize', action: { delay_ms: 2000 } })
  let started = Date.now()
  await assert.rejects(c.projects.get(1, { timeout: 150, maxRetries: 0 }), TimeoutError)
  assert.ok(Date.now() - started < 1500, 'the per-call timeout (milliseconds) cut the attempt')
  mock.clearFaults()

  mock.inject({ provider: 'ourganize', times: 3, action: { status: 503, headers: { 'Retry-After': '5' } } })
  started = Date.now()
  await assert.rejects(c.projects.get(1, { deadline: 300 }), (x) => x.status === 503)
  assert.ok(Date.now() - started < 1500, 'a Retry-After past the deadline is not waited for')
  mock.clearFaults()

  // 1e22 ms fits a duration but not now + it: that panicked the call.
  assert.equal((await c.projects.get(1, { deadline: 1e22, timeout: 1e22 })).id, 1)

  // The per-request value wins over the client's.
  const strict = ourganize({ timeout: 100, maxRetries: 0 })
  mock.inject({ provider: 'ourganize', action: { delay_ms: 400 } })
  assert.equal((await strict.projects.get(2, { timeout: 5000 })).id, 2)
})

test('an idempotency key makes a POST retryable, the same key on every attempt', async () => {
  const c = ourganize()
  mock.inject({ provider: 'ourganize', method: 'POST', times: 1, action: { status: 503 } })
  const p = await c.projects.create({ name: 'Keyed' }, { idempotencyKey: 'create-keyed-1' })
  assert.equal(p.name, 'Keyed')
  const posts = mock.requests({ method: 'POST', path: '/projects' })
  assert.deepEqual(
    posts.map((r) => r.headers['idempotency-key']),
    ['create-keyed-1', 'create-keyed-1'],
  )
  mock.clearRequests()
  mock.inject({ provider: 'ourganize', method: 'POST', times: 1, action: { status: 503 } })
  await assert.rejects(c.projects.create({ name: 'Unkeyed' }), ServerError)
  assert.equal(mock.requestCount('POST', '/projects'), 1, 'without a key a POST is sent once')
})

test('a list takes list and request options in one object, on every page', async () => {
  const c = ourganize()
  const ids = []
  for await (const p of c.projects.list({ limit: 20, status: 'active', headers: { 'x-list': 'yes' }, timeout: 5000 })) ids.push(p.id)
  assert.equal(ids.length, 31)
  const asked = mock.requests({ path: '/projects' })
  assert.equal(asked.length, 2)
  assert.ok(asked.every((r) => r.headers['x-list'] === 'yes' && r.query.status === 'active' && r.query.limit === '20'))
})

// ----------------------------------------------------------------- raw responses

test('withResponse() gives status, headers, request id, attempts and rate limit', async () => {
  const c = ourganize()
  const call = c.projects.get(1)
  assert.ok(call instanceof APIPromise && call instanceof Promise)
  const { data, response } = await call.withResponse()
  assert.equal(data.id, 1)
  assert.ok(data.createdAt instanceof Date)
  assert.equal(response.status, 200)
  assert.match(response.requestId, /^req_/)
  assert.equal(response.headers['x-request-id'], response.requestId)
  assert.equal(response.headers['content-type'].split(';')[0], 'application/json')
  assert.equal(response.attempts, 1)
  assert.equal(response.rateLimit.limit, 1000)
  assert.ok(response.rateLimit.reset instanceof Date)
  assert.equal((await call).id, 1, 'the same call awaited gives the data')

  mock.inject({ provider: 'ourganize', times: 1, action: { status: 503 } })
  const retried = await c.projects.get(2).withResponse()
  assert.equal(retried.response.attempts, 2)
  assert.equal(mock.requestCount('GET', '/projects/2'), 2)

  const gone = await c.projects.delete(3).withResponse()
  assert.equal(gone.data, undefined)
  assert.equal(gone.response.status, 200)
  const raw = await c.request('GET', '/projects?limit=1').withResponse()
  assert.equal(raw.data.data.length, 1)
  assert.equal(raw.response.status, 200)
  await assert.rejects(c.projects.get(999).withResponse(), { name: 'NotFoundError' })
})

test('each page of a list has its response', async () => {
  const pages = []
  for await (const page of ourganize().projects.list({ limit: 20 }).pages()) pages.push(page)
  assert.equal(pages.length, 3)
  const ids = pages.map((p) => p.response.requestId)
  assert.equal(new Set(ids).size, 3)
  assert.ok(pages.every((p) => p.response.status === 200 && p.response.attempts === 1))
  assert.equal(mock.requests({ path: '/projects' }).length, 3)
})

// ------------------------------------------------------------------------ logging

function recorder() {
  const events = []
  const log = (level) => (message, fields) => events.push({ level, message, fields })
  return { events, logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } }
}

async function settle(events, until) {
  for (let i = 0; i < 100 && !until(events); i++) await sleep(10)
}

test('a logger receives the events, and no secret', async () => {
  const { events, logger } = recorder()
  const c = ourganize({ logger, logLevel: 'debug' })
  await c.projects.get(1)
  mock.inject({ provider: 'ourganize', times: 3, action: { status: 503, body: `{"error":"upstream rejected ${KEY}"}` } })
  await assert.rejects(c.projects.get(2), ServerError)
  await settle(events, (e) => e.filter((x) => x.message === 'orgkit: request failed').length === 1)
  const messages = events.map((e) => `${e.level} ${e.message}`)
  for (const want of ['debug orgkit: attempt', 'info orgkit: request finished', 'warn orgkit: retrying', 'warn orgkit: request failed']) {
    assert.ok(messages.includes(want), `no ${want} in ${messages}`)
  }
  const finished = events.find((e) => e.message === 'orgkit: request finished')
  assert.equal(finished.fields.operation, 'projects.get')
  assert.equal(finished.fields.provider, 'ourganize')
  assert.equal(typeof finished.fields.durationMs, 'number')
  const attempt = events.find((e) => e.message === 'orgkit: attempt')
  assert.equal(attempt.fields.status, 200)
  assert.equal(attempt.fields.path, '/ourganize/projects/1')
  assert.ok(!JSON.stringify(events).includes(KEY), 'no secret in any event')

  // The default level is warn; a logger that throws breaks nothing.
  const quiet = recorder()
  const q = ourganize({ logger: quiet.logger })
  await q.projects.get(1)
  await sleep(50)
  assert.deepEqual(quiet.events, [])
  const throwing = { debug() {}, info() {}, warn() { throw new Error('logger bug') }, error() {} }
  const t = ourganize({ logger: throwing, logLevel: 'warn' })
  mock.inject({ provider: 'ourganize', times: 1, action: { status: 503 } })
  assert.equal((await t.projects.get(1)).id, 1)
})

function runNode(code, env) {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', code], { cwd: here, env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve({ stdout, stderr }),
    ),
  )
}

test('ORGKIT_LOG=debug prints the events to stderr without a logger', async () => {
  const code = `import { Client } from 'orgkit'
    const c = new Client({ provider: 'ourganize', baseUrl: ${JSON.stringify(mock.baseUrl('ourganize'))}, apiKey: ${JSON.stringify(KEY)} })
    await c.projects.get(1)`
  const { stderr } = await runNode(code, { ORGKIT_LOG: 'debug' })
  assert.match(stderr, /orgkit debug: attempt .*path=\/ourganize\/projects\/1/)
  assert.match(stderr, /orgkit info: request finished operation=projects\.get/)
  assert.ok(!stderr.includes(KEY))
})

// ---------------------------------------------------------------------- lifecycle

test('after close() calls reject at once; a call under way finishes', async () => {
  const c = ourganize()
  mock.inject({ provider: 'ourganize', action: { delay_ms: 300 } })
  const running = c.projects.get(1)
  await sleep(50)
  c.close()
  assert.equal(c.closed, true)
  assert.equal((await running).id, 1)
  const started = Date.now()
  const e = await c.projects.get(1).catch((x) => x)
  assert.ok(e instanceof InvalidArgumentError, `${e}`)
  assert.equal(e.fieldErrors[0].field, 'client')
  assert.match(e.message, /client is closed/)
  assert.throws(() => c.projects.list(), InvalidArgumentError)
  assert.ok(Date.now() - started < 200)
  mock.clearRequests()
  await assert.rejects(c.request('GET', '/projects'), InvalidArgumentError)
  assert.equal(mock.requests().length, 0)

  const d = ourganize()
  await d[Symbol.asyncDispose]()
  assert.equal(d.closed, true)
  const s = ourganize()
  s[Symbol.dispose]()
  await assert.rejects(s.users.me(), InvalidArgumentError)
})

// ------------------------------------------------------------ env credentials

test('credentials and the base URL come from ORGKIT_<PROVIDER>_* when not given', async () => {
  const code = `import { Client } from 'orgkit'
    const c = new Client({ provider: 'ourganize' })
    console.log((await c.users.me()).email)`
  const { stdout } = await runNode(code, {
    ORGKIT_OURGANIZE_API_KEY: KEY,
    ORGKIT_OURGANIZE_BASE_URL: mock.baseUrl('ourganize'),
  })
  assert.equal(stdout.trim(), 'ada.admin@ourganize.test')
  assert.equal(mock.requests()[0].headers.authorization, `Bearer ${KEY}`)

  // In-process: achieveapex's key goes as x-api-key; an explicit option wins.
  mock.clearRequests()
  process.env.ORGKIT_ACHIEVEAPEX_API_KEY = seed.ACHIEVEAPEX_API_KEY
  try {
    const apex = new Client({ provider: 'achieveapex', baseUrl: mock.baseUrl('achieveapex') })
    await apex.organizations.get(1)
    assert.equal(mock.requests()[0].headers['x-api-key'], seed.ACHIEVEAPEX_API_KEY)
    mock.clearRequests()
    const explicit = new Client({ provider: 'achieveapex', baseUrl: mock.baseUrl('achieveapex'), apiKey: 'apx_explicit_key' })
    await assert.rejects(explicit.organizations.get(1))
    assert.equal(mock.requests()[0].headers['x-api-key'], 'apx_explicit_key')
  } finally {
    delete process.env.ORGKIT_ACHIEVEAPEX_API_KEY
  }
})

// ------------------------------------------------------------- orgkit/testing

test('orgkit/testing: faults, the request log, rate limits, close', async () => {
  const own = new MockServer({ rateLimit: 2 })
  try {
    assert.match(own.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    const c = new Client({ provider: 'ourganize', baseUrl: own.baseUrl('ourganize'), apiKey: KEY, maxRetries: 0 })
    assert.equal(own.inject([{ provider: 'ourganize', times: 2, action: { status: 502 } }, { provider: 'pm415', action: { status: 500 } }]), 2)
    assert.equal(own.faults().length, 2)
    await assert.rejects(c.projects.get(1), (e) => e.status === 502)
    assert.equal(own.faults()[0].times, 1)
    own.clearFaults()
    await c.projects.get(1)
    await c.projects.get(1)
    await assert.rejects(c.projects.get(1), RateLimitError)
    const log = own.requests({ provider: 'ourganize', method: 'GET', path: '/projects' })
    assert.equal(log.length, 4)
    assert.equal(log[0].method, 'GET')
    assert.equal(log[0].path, '/projects/1')
    assert.equal(typeof log[0].atMs, 'number')
    assert.equal(own.requestCount('GET', '/ourganize/projects'), 4)
    assert.equal(own.requests({ provider: 'pm415' }).length, 0)
    own.reset()
    assert.equal(own.requests().length, 0)
    own.setRateLimit(100)
    assert.equal((await c.projects.get(1)).id, 1)
    assert.throws(() => own.inject({ action: 'nope' }), InvalidArgumentError)
    own.close()
    own.close()
    await assert.rejects(c.projects.get(1), ConnectionError)
    assert.throws(() => own.url, InvalidArgumentError)
  } finally {
    own.close()
  }
  assert.equal(seed.PM415_INVITE_TOKEN, '8s80f934kf94')
})

test('tasks.complete, members.add with its default role, and a list of a missing operation', async () => {
  const c = ourganize()
  const done = await c.tasks.complete(3)
  assert.equal(done.status, 'completed')
  assert.ok(done.completedAt instanceof Date)
  const kaana = new Client({ provider: 'kaana', baseUrl: mock.baseUrl('kaana'), sessionCookie: seed.KAANA_ADMIN_SID })
  await kaana.members(1).add(106)
  const added = (await kaana.members(1).list().toArray()).find((m) => m.userId === 106)
  assert.equal(added.role, 'member')
  mock.clearRequests()
  assert.throws(() => c.organizations.list({ limit: 5 }), (e) => e instanceof UnsupportedError && e.operation === 'organizations.list')
  assert.equal(mock.requests().length, 0)
})
