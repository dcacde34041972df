// Bad arguments throw TypeError or InvalidArgumentError with a clear message; nothing panics.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { Client, InvalidArgumentError } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const ctx = useMock({ before, after, beforeEach })

test('client options', () => {
  assert.throws(() => new Client(), { name: 'TypeError', message: /options must be an object/ })
  assert.throws(() => new Client({}), { name: 'TypeError', message: /provider is required/ })
  assert.throws(() => new Client({ provider: 42 }), { name: 'TypeError', message: /provider must be a string/ })
  assert.throws(() => new Client({ provider: 'pm415', base_url: 'x' }), {
    name: 'TypeError',
    message: /unknown option "base_url"/,
  })
  assert.throws(() => new Client({ provider: 'acme' }), (e) => e instanceof InvalidArgumentError && /unknown provider "acme"/.test(e.message))
  assert.throws(() => new Client({ provider: 'orgstack' }), (e) => e instanceof InvalidArgumentError && /^baseUrl: /.test(e.message))
  assert.throws(() => new Client({ provider: 'pm415', baseUrl: 'ftp://host' }), { message: /^baseUrl: .*http/ })
  assert.throws(() => new Client({ provider: 'pm415', timeout: -1 }), { message: /^timeout: / })
  assert.throws(() => new Client({ provider: 'pm415', deadline: 0 }), { message: /^deadline: / })
  assert.throws(() => new Client({ provider: 'pm415', timeout: '5' }), { name: 'TypeError' })
  assert.throws(() => new Client({ provider: 'pm415', maxRetries: 1.5 }), InvalidArgumentError)
  assert.throws(() => new Client({ provider: 'pm415', headers: { 'bad header': 'x' } }), { message: /^headers: / })
  assert.throws(() => new Client({ provider: 'pm415', headers: 5 }), { name: 'TypeError' })
  assert.throws(() => new Client({ provider: 'pm415', systemRoots: 'yes' }), { name: 'TypeError', message: /systemRoots/ })
  assert.equal(new Client({ provider: 'pm415', systemRoots: true }).provider, 'pm415')
  const ok = new Client({ provider: 'PM415', timeout: 2.5, deadline: 10, maxRetries: 0, headers: new Map([['x-a', '1']]) })
  assert.equal(ok.provider, 'pm415')
  assert.equal(ok.baseUrl, 'https://pm415.com/')
})

test('call arguments are checked before anything is sent', async () => {
  const c = new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })
  await assert.rejects(c.projects.get({}), { name: 'TypeError', message: /id must be an integer or a non-empty string/ })
  await assert.rejects(c.projects.get(1.5), TypeError)
  await assert.rejects(c.projects.get(''), TypeError)
  await assert.rejects(c.projects.create('name'), { name: 'TypeError', message: /project must be an object/ })
  await assert.rejects(c.projects.create({ name: 7 }), { name: 'TypeError', message: /NewProject\.name/ })
  await assert.rejects(c.projects.create({}), { name: 'TypeError', message: /name/ })
  await assert.rejects(c.projects.get(1, { signal: 'stop' }), { name: 'TypeError', message: /signal must be an AbortSignal/ })
  await assert.rejects(c.projects.get(1, { timeout: 5 }), { name: 'TypeError', message: /unknown option "timeout"/ })
  await assert.rejects(c.tasks.update(1, { dueDate: 'someday' }), { name: 'TypeError', message: /dueDate/ })
  await assert.rejects(c.request(5, '/x'), TypeError)
  await assert.rejects(c.request('NOT A METHOD', '/x'), InvalidArgumentError)
  assert.throws(() => c.projects.list('all'), TypeError)
  assert.throws(() => c.tasks.list(), { name: 'TypeError', message: /projectId/ })
  assert.throws(() => c.members(null), TypeError)
  await assert.rejects(c.tasks.list({}).firstPage(), InvalidArgumentError)
  await assert.rejects(c.tasks.list({ projectId: 1, organizationId: 2 }).firstPage(), InvalidArgumentError)
  await assert.rejects(c.auth.login({ password: 'x' }), InvalidArgumentError)
  await assert.rejects(c.projects.list({ limit: -3 }).firstPage(), InvalidArgumentError)
  await assert.rejects(c.projects.list({ limit: 'ten' }).firstPage(), TypeError)
  assert.deepEqual(await ctx.mock.requests(), [])
})

test('ids go out as they came: numbers and numeric strings', async () => {
  const c = new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })
  assert.equal((await c.projects.get('2')).id, 2)
  const pm = new Client({ provider: 'pm415', baseUrl: ctx.mock.base('pm415'), token: seed.pm415.adminApiKey })
  await pm.members(1).resetPasswords(['2', 3])
  const [req] = await ctx.mock.requests({ provider: 'pm415', method: 'PUT' })
  assert.deepEqual(req.body.usersId ?? JSON.parse(req.body).usersId, [2, 3])
})
