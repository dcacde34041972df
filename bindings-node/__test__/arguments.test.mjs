// Bad arguments throw TypeError (JS-only: not an object, wrong option types)
// or InvalidArgumentError (the SDK's checks, naming the argument in
// camelCase) with a clear message; nothing is sent; nothing panics.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { Client, InvalidArgumentError } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const ctx = useMock({ before, after, beforeEach })

const invalid = (pattern) => (e) => e instanceof InvalidArgumentError && pattern.test(e.message)

test('client options', () => {
  assert.throws(() => new Client(), { name: 'TypeError', message: /options must be an object/ })
  assert.throws(() => new Client({}), { name: 'TypeError', message: /provider is required/ })
  assert.throws(() => new Client({ provider: 42 }), { name: 'TypeError', message: /provider must be a string/ })
  assert.throws(() => new Client({ provider: 'pm415', base_url: 'x' }), {
    name: 'TypeError',
    message: /unknown option "base_url"/,
  })
  assert.throws(() => new Client({ provider: 'acme' }), invalid(/unknown provider "acme"/))
  assert.throws(
    () => new Client({ provider: 'orgstack' }),
    (e) => invalid(/: baseUrl: /)(e) && e.fieldErrors[0].field === 'baseUrl',
  )
  assert.throws(() => new Client({ provider: 'pm415', baseUrl: 'ftp://host' }), invalid(/baseUrl: .*http/))
  // A base URL ends at its path; its user and password would not be sent.
  assert.throws(() => new Client({ provider: 'pm415', baseUrl: 'https://h.example/api?tenant=1' }), invalid(/baseUrl: .*query or fragment/))
  assert.throws(
    () => new Client({ provider: 'pm415', baseUrl: 'https://me:pw-31337@h.example/api' }),
    (e) => invalid(/baseUrl: .*user name or password/)(e) && !e.message.includes('pw-31337'),
  )
  assert.throws(() => new Client({ provider: 'pm415', timeout: -1 }), invalid(/timeout: .*milliseconds/))
  assert.throws(() => new Client({ provider: 'pm415', deadline: 0 }), invalid(/deadline: /))
  assert.throws(() => new Client({ provider: 'pm415', timeout: '5' }), { name: 'TypeError' })
  assert.throws(() => new Client({ provider: 'pm415', maxRetries: 1.5 }), invalid(/maxRetries: /))
  assert.throws(() => new Client({ provider: 'pm415', headers: { 'bad header': 'x' } }), invalid(/headers: /))
  assert.throws(() => new Client({ provider: 'pm415', headers: 5 }), { name: 'TypeError' })
  assert.throws(() => new Client({ provider: 'pm415', systemRoots: 'yes' }), { name: 'TypeError', message: /systemRoots/ })
  assert.throws(() => new Client({ provider: 'pm415', logger: {} }), { name: 'TypeError', message: /logger must have/ })
  assert.throws(() => new Client({ provider: 'pm415', logLevel: 'loud' }), invalid(/logLevel: /))
  assert.equal(new Client({ provider: 'pm415', systemRoots: true }).provider, 'pm415')
  const ok = new Client({ provider: 'PM415', timeout: 2500, deadline: 10_000, maxRetries: 0, headers: new Map([['x-a', '1']]) })
  assert.equal(ok.provider, 'pm415')
  assert.equal(ok.baseUrl, 'https://pm415.com/')
})

test('call arguments are checked before anything is sent', async () => {
  const c = new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })
  // The SDK checks values and names the argument.
  await assert.rejects(c.projects.get({}), invalid(/in projects\.get: id: expected an id/))
  await assert.rejects(c.projects.get(1.5), invalid(/id: an id must be an integer/))
  await assert.rejects(c.projects.get(''), invalid(/id: must not be empty/))
  await assert.rejects(c.projects.get(), invalid(/id: is required/))
  await assert.rejects(c.projects.create({ name: 7 }), invalid(/name: expected a string/))
  await assert.rejects(c.projects.create({}), invalid(/name: is required/))
  await assert.rejects(c.projects.create({ name: 'x', colour: 'red' }), invalid(/colour: unknown argument/))
  await assert.rejects(c.projects.create({ name: 'x', settings: { isPublc: true } }), invalid(/settings\.isPublc: unknown/))
  await assert.rejects(c.tasks.update(1, { dueDate: 'someday' }), invalid(/dueDate: expected an RFC 3339/))
  await assert.rejects(c.request('NOT A METHOD', '/x'), InvalidArgumentError)
  // A list's arguments are checked when it is created.
  assert.throws(() => c.tasks.list(), invalid(/projectId: give exactly one of projectId/))
  assert.throws(() => c.tasks.list({}), InvalidArgumentError)
  assert.throws(() => c.tasks.list({ projectId: 1, organizationId: 2 }), InvalidArgumentError)
  await assert.rejects(c.auth.login({ password: 'x' }), InvalidArgumentError)
  assert.throws(() => c.projects.list({ limit: -3 }), invalid(/limit: /))
  assert.throws(() => c.projects.list({ limit: 'ten' }), invalid(/limit: expected a whole number/))
  assert.throws(() => c.projects.list({ limt: 5 }), invalid(/limt: unknown argument; expected one of limit, page/))
  // JS-only checks: the shape of the arguments themselves.
  await assert.rejects(c.projects.create('name'), { name: 'TypeError', message: /newProject must be an object/ })
  await assert.rejects(c.projects.create(), { name: 'TypeError', message: /newProject is required/ })
  await assert.rejects(c.tasks.create(1, { title: 't', projectId: 2 }), { name: 'TypeError', message: /projectId is given twice/ })
  await assert.rejects(c.projects.get(1, { signal: 'stop' }), { name: 'TypeError', message: /signal must be an AbortSignal/ })
  await assert.rejects(c.projects.get(1, { retries: 5 }), { name: 'TypeError', message: /unknown option "retries"/ })
  await assert.rejects(c.projects.get(1, { timeout: '5' }), { name: 'TypeError', message: /timeout must be a number/ })
  await assert.rejects(c.projects.get(1, { timeout: -5 }), invalid(/timeout: must be a positive number of milliseconds/))
  await assert.rejects(c.request(5, '/x'), TypeError)
  // What JSON.stringify would send as null, {} or nothing is refused instead.
  await assert.rejects(c.tasks.create(1, { title: 't', dueDate: new Date(NaN) }), {
    name: 'TypeError',
    message: 'dueDate: an invalid Date cannot be sent as JSON',
  })
  assert.throws(() => c.projects.list({ limit: NaN }), { name: 'TypeError', message: 'limit: NaN cannot be sent as JSON' })
  await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', n: Infinity } }), { message: 'n: Infinity cannot be sent as JSON' })
  await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', m: new Map() } }), { message: 'm: a Map cannot be sent as JSON' })
  await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', s: new Set([1]) } }), { message: 's: a Set cannot be sent as JSON' })
  await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', f() {} } }), { message: 'f: a function cannot be sent as JSON' })
  await assert.rejects(c.projects.create({ name: 'a\ud800b' }), { message: 'name: text with a lone surrogate cannot be sent as JSON' })
  // JSON.stringify writes a Buffer as {"type":"Buffer","data":[…]} and a typed
  // array as {"0":…}: another value than the bytes held.
  for (const blob of [Buffer.from('ab'), new Uint8Array([97, 98]), new Float64Array(1), new ArrayBuffer(2), new DataView(new ArrayBuffer(1))]) {
    await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', blob } }), {
      name: 'TypeError',
      message: 'blob: binary data (a Buffer, typed array or ArrayBuffer) cannot be sent as JSON; decode it to a string first',
    })
  }
  await assert.rejects(c.projects.create({ name: Buffer.from('n') }), { message: /^name: binary data/ })
  // JSON.stringify throws on a BigInt without saying where; the key is named.
  const bigint = 'a BigInt cannot be sent as JSON; pass it as a decimal string (as ids beyond ±(2^53−1) come back)'
  await assert.rejects(c.projects.get(12345678901234567890n), { name: 'TypeError', message: `id: ${bigint}` })
  assert.throws(() => c.projects.list({ limit: 5n }), { name: 'TypeError', message: `limit: ${bigint}` })
  await assert.rejects(c.request('POST', '/projects', { json: { name: 'x', n: [1n] } }), { message: `0: ${bigint}` })
  // 2**60 would go out as 1152921504606847000, another id: such ids are strings.
  await assert.rejects(c.projects.get(2 ** 60), {
    name: 'TypeError',
    message: 'id: 1152921504606847000 is beyond ±(2^53−1), where a JS number is not exact; pass it as a decimal string',
  })
  assert.throws(() => c.projects.list({ limit: 2 ** 53 }), { name: 'TypeError', message: /limit: 9007199254740992 is beyond/ })
  assert.throws(() => c.projects.list('all'), TypeError)
  assert.throws(() => c.projects.list({ timeout: 'soon' }), TypeError)
  assert.throws(() => c.members(null), TypeError)
  assert.throws(() => c.members(), { name: 'TypeError', message: /organizationId is required/ })
  // `.` and `..` would name another resource: `/tasks/..` is `/` however it is encoded.
  await assert.rejects(c.tasks.get('..'), invalid(/id: "\.\." is not an id/))
  await assert.rejects(c.projects.delete('.'), invalid(/id: "\." is not an id/))
  await assert.rejects(c.tasks.create('..', { title: 't' }), invalid(/projectId: "\.\." is not an id/))
  assert.throws(() => c.tasks.list({ projectId: '..' }), invalid(/projectId: "\.\." is not an id/))
  assert.deepEqual(await ctx.mock.requests(), [])
})

test('ids go out as they came: numbers and numeric strings', async () => {
  const c = new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })
  assert.equal((await c.projects.get('2')).id, 2)
  const pm = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
  await pm.members(1).resetPasswords(['2', 3])
  const [req] = await ctx.mock.requests({ provider: 'pm415', method: 'PUT' })
  assert.deepEqual(req.body.usersId ?? JSON.parse(req.body).usersId, [2, 3])
  // One person is one id or a list of one.
  await ctx.mock.control('DELETE', '/requests')
  await pm.members(1).resetPasswords(2)
  const [one] = await ctx.mock.requests({ provider: 'pm415', method: 'PUT' })
  assert.deepEqual(one.body.usersId, [2])
})
