// Every error class from a real server answer, checked with instanceof.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import * as orgkit from 'orgkit'
import { useMock, seed } from './mock.mjs'

const {
  Client,
  OrgkitError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  ValidationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  DecodeError,
  UnsupportedError,
  InvalidArgumentError,
} = orgkit

const ctx = useMock({ before, after, beforeEach })

const ourganize = (extra = {}) =>
  new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey, ...extra })

/** Awaits a rejection and returns the error. */
/** What `fn` throws (a list checks its arguments when it is created). */
function thrown(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}

async function failure(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  assert.fail('expected a rejection')
}

function isApi(e, cls, status, { fromFault = false } = {}) {
  assert.ok(e instanceof cls, `${e?.name}: ${e?.message}`)
  assert.ok(e instanceof ApiError)
  assert.ok(e instanceof OrgkitError)
  assert.ok(e instanceof Error)
  assert.equal(e.name, cls.name)
  assert.equal(e.status, status)
  if (!fromFault) assert.match(e.requestId, /^req_/)
}

test('BadRequestError (kaana 400)', async () => {
  const c = new Client({ provider: 'kaana', baseUrl: ctx.mock.base('kaana'), sessionCookie: seed.kaana.adminSid })
  const e = await failure(c.organizations.create({ name: 'No type' }))
  isApi(e, BadRequestError, 400)
  assert.equal(e.kind, 'BadRequest')
  assert.match(e.message, /^BadRequest \(400\) in organizations\.create on POST 127\.0\.0\.1:\d+\/kaana\/organizations after 1 attempt: type is required/)
  assert.equal(e.provider, 'kaana')
  assert.equal(e.operation, 'organizations.create')
})

test('AuthenticationError (401) keeps the credential out of the message', async () => {
  const c = ourganize({ token: 'ogz_wrong_secret_value' })
  const e = await failure(c.projects.get(1))
  isApi(e, AuthenticationError, 401)
  assert.equal(e.kind, 'Unauthorized')
  assert.equal(e.code, 'UNAUTHORIZED')
  assert.ok(!e.message.includes('ogz_wrong_secret_value'))
  assert.ok(!JSON.stringify(e).includes('ogz_wrong_secret_value'))
  const pm = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415') })
  const wrong = await failure(pm.auth.login({ email: seed.pm415.adminEmail, password: 'not-the-password' }))
  assert.ok(wrong instanceof AuthenticationError, 'pm415 401 with success:true is still an error')
  assert.ok(!wrong.message.includes('not-the-password'))
})

test('PermissionDeniedError (403)', async () => {
  const c = ourganize({ token: seed.ourganize.memberKey })
  const e = await failure(c.users.list().firstPage())
  isApi(e, PermissionDeniedError, 403)
  assert.equal(e.code, 'FORBIDDEN')
})

test('NotFoundError (404)', async () => {
  const e = await failure(ourganize().projects.get(999))
  isApi(e, NotFoundError, 404)
  assert.equal(e.kind, 'NotFound')
  assert.equal(e.code, 'NOT_FOUND')
  assert.equal(e.retryable, false)
  assert.equal(typeof e.body, 'string')
  assert.ok(!Object.keys(e).includes('body'), 'the raw body stays out of logs')
})

test('ConflictError (409)', async () => {
  const c = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
  const e = await failure(c.organizations.create({ name: 'Acme' }))
  isApi(e, ConflictError, 409)
})

test('ValidationError (422) with field errors', async () => {
  const e = await failure(ourganize().request('POST', '/projects', {}))
  isApi(e, ValidationError, 422)
  assert.equal(e.code, 'VALIDATION_ERROR')
  assert.ok(e.fieldErrors.length > 0)
  assert.equal(e.fieldErrors[0].field, 'name')
})

test('RateLimitError (429) with retryAfter in milliseconds', async () => {
  await ctx.mock.config({ ourganize_rate_limit: 1 })
  const c = ourganize({ maxRetries: 0 })
  await c.projects.get(1)
  const e = await failure(c.projects.get(1))
  isApi(e, RateLimitError, 429)
  assert.equal(typeof e.retryAfter, 'number')
  assert.ok(e.retryAfter >= 1000, `retryAfter ${e.retryAfter} ms: ourganize's Retry-After is whole seconds`)
  assert.equal(e.retryable, true)
  assert.equal(c.rateLimit.remaining, 0)
})

test('ServerError (5xx), and retries hide a transient one', async () => {
  await ctx.mock.fault({ provider: 'ourganize', method: 'GET', path: '/projects', times: 1, action: { status: 500 } })
  const e = await failure(ourganize({ maxRetries: 0 }).projects.get(1))
  isApi(e, ServerError, 500, { fromFault: true })
  await ctx.mock.fault({ provider: 'ourganize', method: 'GET', path: '/projects', times: 2, action: { status: 503 } })
  const p = await ourganize().projects.get(1)
  assert.equal(p.id, 1)
  const log = await ctx.mock.requests({ provider: 'ourganize', path: '/projects/1' })
  assert.equal(log.length, 4)
})

test('ConnectionError when the server drops the connection', async () => {
  await ctx.mock.fault({ provider: 'ourganize', times: 1, action: { close: 'before_response' } })
  const e = await failure(ourganize({ maxRetries: 0 }).projects.get(1))
  assert.ok(e instanceof ConnectionError, `${e.name}: ${e.message}`)
  assert.ok(!(e instanceof ApiError))
  assert.equal(e.kind, 'Connection')
  const nobody = new Client({ provider: 'ourganize', baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 })
  assert.ok((await failure(nobody.projects.get(1))) instanceof ConnectionError)
})

test('TimeoutError when an attempt takes too long', async () => {
  await ctx.mock.fault({ provider: 'ourganize', times: 1, action: { delay_ms: 2000 } })
  const started = Date.now()
  const e = await failure(ourganize({ timeout: 200, maxRetries: 0 }).projects.get(1))
  assert.ok(e instanceof TimeoutError, `${e.name}: ${e.message}`)
  assert.ok(Date.now() - started < 1500)
})

test('DecodeError for an answer that is not JSON', async () => {
  await ctx.mock.fault({ provider: 'ourganize', times: 1, action: { status: 200, body: '<html>oops</html>' } })
  const e = await failure(ourganize().projects.get(1))
  assert.ok(e instanceof DecodeError, `${e.name}: ${e.message}`)
  assert.equal(e.kind, 'Decode')
})

test('UnsupportedError before any request is sent', async () => {
  const c = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
  const e = await failure(c.projects.get(1))
  assert.ok(e instanceof UnsupportedError)
  assert.equal(e.kind, 'Unsupported')
  assert.equal(e.provider, 'pm415')
  assert.equal(e.operation, 'projects.get')
  // A list fails when it is created, before any iteration.
  assert.throws(() => c.tasks.list({ projectId: 1 }), UnsupportedError)
  await assert.rejects(c.organizations.duplicate(1), UnsupportedError)
  assert.deepEqual(await ctx.mock.requests(), [])
})

test('InvalidArgumentError from the SDK names the argument', async () => {
  const e = thrown(() => ourganize().projects.list({ limit: 0 }))
  assert.ok(e instanceof InvalidArgumentError)
  assert.match(e.message, /^InvalidArgument in projects\.list: limit: /)
  assert.equal(e.fieldErrors[0]?.field, 'limit')
  const order = thrown(() => ourganize().projects.list({ order: 'sideways' }))
  assert.ok(order instanceof InvalidArgumentError)
  const empty = await failure(ourganize().projects.create({ name: '  ' }))
  assert.ok(empty instanceof InvalidArgumentError)
  assert.deepEqual(await ctx.mock.requests(), [])
})

test('error classes can be constructed and carry their kind', () => {
  const e = new NotFoundError('gone', { status: 404, code: 'x' })
  assert.equal(e.kind, 'NotFound')
  assert.equal(e.status, 404)
  assert.equal(e.name, 'NotFoundError')
  assert.ok(e instanceof ApiError)
  assert.equal(new RateLimitError('slow').kind, 'RateLimited')
})
