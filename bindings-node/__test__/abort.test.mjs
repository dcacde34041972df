// AbortSignal cancels a call natively: the HTTP request, or a retry's backoff sleep.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { Client, AbortError, OrgkitError } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const native = createRequire(import.meta.url)('../native.js')
const ctx = useMock({ before, after, beforeEach })

const ourganize = (extra = {}) =>
  new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey, ...extra })

test('abort during a slow request rejects at once; the client still works', async () => {
  await ctx.mock.fault({ provider: 'ourganize', times: 1, action: { delay_ms: 3000 } })
  const c = ourganize()
  const started = Date.now()
  const call = c.projects.get(1, { signal: AbortSignal.timeout(150) })
  await assert.rejects(call, (e) => {
    assert.ok(e instanceof AbortError)
    assert.ok(e instanceof OrgkitError)
    assert.equal(e.name, 'AbortError')
    assert.equal(e.kind, 'Aborted')
    return true
  })
  assert.ok(Date.now() - started < 1500, 'rejected long before the server answered')
  assert.equal((await c.projects.get(2)).id, 2)
  await new Promise((r) => setTimeout(r, 50))
  assert.equal(native.pendingCalls(), 0, 'the native call was unregistered')
})

test('abort during a retry backoff sleep', async () => {
  await ctx.mock.fault({
    provider: 'ourganize',
    method: 'GET',
    times: 1,
    action: { status: 503, headers: { 'Retry-After': '5' } },
  })
  const c = ourganize()
  const controller = new AbortController()
  const call = c.projects.get(1, { signal: controller.signal })
  // Wait until the first attempt was answered, so the client is sleeping.
  for (let i = 0; i < 100 && (await ctx.mock.requests({ provider: 'ourganize' })).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise((r) => setTimeout(r, 100))
  const started = Date.now()
  controller.abort(new Error('user gave up'))
  await assert.rejects(call, (e) => e instanceof AbortError && e.cause?.message === 'user gave up')
  assert.ok(Date.now() - started < 500)
  await new Promise((r) => setTimeout(r, 300))
  const log = await ctx.mock.requests({ provider: 'ourganize' })
  assert.equal(log.length, 1, 'no retry was sent after the abort')
  assert.equal((await c.projects.get(1)).id, 1)
})

test('an already aborted signal sends nothing', async () => {
  const c = ourganize()
  await assert.rejects(c.projects.get(1, { signal: AbortSignal.abort() }), AbortError)
  await assert.rejects(c.projects.list({ signal: AbortSignal.abort() }).firstPage(), AbortError)
  assert.deepEqual(await ctx.mock.requests(), [])
})

test('abort while walking pages stops the walk', async () => {
  const controller = new AbortController()
  const seen = []
  await assert.rejects(async () => {
    for await (const p of ourganize().projects.list({ limit: 10, signal: controller.signal })) {
      seen.push(p.id)
      if (seen.length === 10) controller.abort()
    }
  }, AbortError)
  assert.equal(seen.length, 10)
})

test('a signal that never fires changes nothing', async () => {
  const controller = new AbortController()
  const p = await ourganize().projects.get(3, { signal: controller.signal })
  assert.equal(p.id, 3)
  assert.equal(native.pendingCalls(), 0)
})
