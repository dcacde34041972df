// A hostile server echoes the credentials it got back in its errors: the
// exact secret must show in no part of the error however it is rendered
// (message, stack, String, util.inspect, fieldErrors, body), also when the
// error is wrapped in the Timeout a deadline makes. And the message says
// where the error came from: `Kind (status) in op on METHOD host/path after
// N attempts: message [CODE]`, never the query string.
import test, { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { inspect } from 'node:util'
import { Client, OrgkitError, AuthenticationError, ValidationError, ServerError, TimeoutError, BadRequestError, NotFoundError } from 'orgkit'

const TOKEN = 'sk_live_SECRET_4f1c9a7e2b'
const HEADER_SECRET = 'hdr-SECRET-77aa31'

let server, base, port
const hits = []
before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    hits.push(`${req.method} ${url.pathname}`)
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const extra = req.headers['x-api-token'] ?? ''
    const echoed = `${token} ${encodeURIComponent(token)} ${extra}`
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${token}` })
      res.end(JSON.stringify(body))
    }
    const error = (status, code, message, details) => send(status, { success: false, error: { code, message, details } })
    switch (url.pathname) {
      case '/projects/401':
        return error(401, 'UNAUTHORIZED', `Invalid API key '${echoed}' provided`)
      case '/projects':
        return error(422, 'VALIDATION_ERROR', `rejected ${echoed}`, [{ field: `name ${token}`, message: `password ${echoed} is not allowed` }])
      case '/projects/500':
        return error(500, `ERR_${token}`, `upstream rejected token ${echoed} (password=${token})`)
      case '/projects/200':
        return send(200, { success: false, error: { code: 'REJECTED', message: `the key ${echoed} is not allowed` } })
      case '/projects/42':
        return error(404, 'NOT_FOUND', 'Project 42 not found')
      default:
        return error(404, 'NOT_FOUND', 'no such thing')
    }
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  port = server.address().port
  base = `http://127.0.0.1:${port}`
})
after(() => server.close())

const client = (extra = {}) =>
  new Client({ provider: 'ourganize', baseUrl: base, apiKey: TOKEN, headers: { 'x-api-token': HEADER_SECRET }, maxRetries: 0, ...extra })

async function failure(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  assert.fail('expected a rejection')
}

/** Every way an error can be shown, with the secrets nowhere in it. */
function assertClean(e) {
  assert.ok(e instanceof OrgkitError, String(e))
  const shown = {
    message: e.message,
    stack: e.stack,
    string: String(e),
    inspect: inspect(e, { depth: Infinity }),
    inspectHidden: inspect(e, { depth: Infinity, showHidden: true }),
    fieldErrors: JSON.stringify(e.fieldErrors),
    body: e.body ?? '',
    code: e.code ?? '',
    requestId: e.requestId ?? '',
    json: JSON.stringify(e),
  }
  for (const [where, text] of Object.entries(shown)) {
    for (const secret of [TOKEN, encodeURIComponent(TOKEN), HEADER_SECRET]) {
      assert.ok(!text.includes(secret), `${where} shows ${secret}: ${text}`)
    }
  }
  assert.ok(e.message.includes('[redacted]'), `the echo was scrubbed, not absent: ${e.message}`)
}

test('a 401 that quotes the key', async () => {
  const e = await failure(client().projects.get(401))
  assert.ok(e instanceof AuthenticationError)
  assertClean(e)
})

test('a 422 whose field errors quote the key', async () => {
  const e = await failure(client().projects.create({ name: 'x' }))
  assert.ok(e instanceof ValidationError)
  assert.equal(e.fieldErrors.length, 1)
  assert.match(e.fieldErrors[0].message, /password \[redacted\]/)
  assertClean(e)
})

test('a 500 after retries', async () => {
  hits.length = 0
  const e = await failure(client({ maxRetries: 2 }).projects.get(500))
  assert.ok(e instanceof ServerError)
  assert.equal(e.attempts, 3)
  assert.equal(hits.length, 3)
  assert.match(e.message, / after 3 attempts: /)
  assertClean(e)
})

test('the Timeout a deadline wraps around the last error', async () => {
  // The backoff after the first 500 (full jitter up to 200 ms) mostly runs
  // past the 30 ms deadline: then the Timeout quotes the 500.
  let wrapped
  for (let i = 0; i < 20 && !wrapped; i++) {
    const e = await failure(client({ maxRetries: 5 }).projects.get(500, { deadline: 30 }))
    assert.ok(e instanceof TimeoutError, String(e))
    assert.ok(!inspect(e).includes(TOKEN))
    if (e.message.includes('last error')) wrapped = e
  }
  assert.ok(wrapped, 'a deadline stopped the retries at least once')
  assert.equal(wrapped.status, 500)
  assertClean(wrapped)
})

test('a 200 that says success: false', async () => {
  const e = await failure(client().projects.get(200))
  assert.ok(e instanceof BadRequestError)
  assert.equal(e.status, 200)
  assertClean(e)
})

test('the message names the operation, request and attempts; never the query', async () => {
  const c = client()
  const e = await failure(c.projects.get(42))
  assert.ok(e instanceof NotFoundError)
  assert.equal(e.message, `NotFound (404) in projects.get on GET 127.0.0.1:${port}/projects/42 after 1 attempt: Project 42 not found [NOT_FOUND]`)
  assert.equal(String(e), `NotFoundError: ${e.message}`)
  assert.deepEqual(
    [e.kind, e.status, e.code, e.operation, e.provider, e.method, e.host, e.path, e.attempts, e.retryable],
    ['NotFound', 404, 'NOT_FOUND', 'projects.get', 'ourganize', 'GET', `127.0.0.1:${port}`, '/projects/42', 1, false],
  )
  const q = await failure(c.request('GET', '/projects/42?access_token=abc123secret'))
  assert.match(q.message, new RegExp(`^NotFound \\(404\\) in request on GET 127\\.0\\.0\\.1:${port}/projects/42 after 1 attempt: `))
  assert.ok(!inspect(q).includes('abc123secret'))
})
