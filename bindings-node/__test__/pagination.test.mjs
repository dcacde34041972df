// Lists are async iterables fetching pages lazily.
import test, { before, after, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { Client, Paginator, ServerError } from 'orgkit'
import { useMock, seed } from './mock.mjs'

const ctx = useMock({ before, after, beforeEach })

const ourganize = () =>
  new Client({ provider: 'ourganize', baseUrl: ctx.mock.base('ourganize'), token: seed.ourganize.adminKey })

test('for await walks every page (ourganize page/limit)', async () => {
  const list = ourganize().projects.list({ limit: 20 })
  assert.ok(list instanceof Paginator)
  const ids = []
  for await (const p of list) ids.push(p.id)
  assert.equal(ids.length, 45)
  assert.deepEqual(ids, Array.from({ length: 45 }, (_, i) => i + 1))
  const asked = await ctx.mock.requests({ provider: 'ourganize', path: '/projects' })
  assert.deepEqual(
    asked.map((r) => r.query.page ?? '1'),
    ['1', '2', '3'],
  )
})

test('pages are fetched lazily: breaking out stops fetching', async () => {
  let seen = 0
  for await (const _ of ourganize().projects.list({ limit: 10 })) {
    if (++seen === 5) break
  }
  const asked = await ctx.mock.requests({ provider: 'ourganize', path: '/projects' })
  assert.equal(asked.length, 1)
})

test('next() calls made together take every item once, in order, across pages', async () => {
  const it = ourganize().projects.list({ limit: 20 })[Symbol.asyncIterator]()
  // 47 calls before any is awaited: pages 2 and 3 are fetched while calls wait.
  const results = await Promise.all(Array.from({ length: 47 }, () => it.next()))
  assert.deepEqual(
    results.slice(0, 45).map((r) => [r.done, r.value.id]),
    Array.from({ length: 45 }, (_, i) => [false, i + 1]),
  )
  assert.deepEqual(results.slice(45), [
    { value: undefined, done: true },
    { value: undefined, done: true },
  ])
  const asked = await ctx.mock.requests({ provider: 'ourganize', path: '/projects' })
  assert.deepEqual(
    asked.map((r) => r.query.page ?? '1'),
    ['1', '2', '3'],
  )
})

test('a page that fails mid-walk rejects one next(); the walk is over after it', async () => {
  const c = new Client({
    provider: 'ourganize',
    baseUrl: ctx.mock.base('ourganize'),
    token: seed.ourganize.adminKey,
    maxRetries: 0,
  })
  const it = c.projects.list({ limit: 20 })[Symbol.asyncIterator]()
  for (let i = 1; i <= 20; i++) assert.equal((await it.next()).value.id, i)
  await ctx.mock.fault({ provider: 'ourganize', method: 'GET', path: '/projects', times: 1, action: { status: 500 } })
  const [failed, queued] = [it.next(), it.next()]
  await assert.rejects(failed, ServerError)
  assert.deepEqual(await queued, { value: undefined, done: true })
  assert.deepEqual(await it.next(), { value: undefined, done: true })
  assert.equal((await ctx.mock.requests({ provider: 'ourganize', path: '/projects' })).length, 2)
})

test('return() ends a walk: no page after it is fetched', async () => {
  const it = ourganize().projects.list({ limit: 10 })[Symbol.asyncIterator]()
  assert.equal((await it.next()).value.id, 1)
  assert.deepEqual(await it.return('stop'), { value: 'stop', done: true })
  assert.deepEqual(await it.next(), { value: undefined, done: true })
  assert.equal((await ctx.mock.requests({ provider: 'ourganize', path: '/projects' })).length, 1)

  // Called while a page is on its way, it still ends the walk: the page
  // hands out nothing.
  const walk = ourganize().projects.list({ limit: 10 })[Symbol.asyncIterator]()
  const pending = walk.next()
  assert.deepEqual(await walk.return(), { value: undefined, done: true })
  assert.deepEqual(await pending, { value: undefined, done: true })
  assert.deepEqual(await walk.next(), { value: undefined, done: true })
})

test('.pages() yields { items, total } page by page; .firstPage() one page', async () => {
  const c = ourganize()
  const sizes = []
  for await (const page of c.projects.list({ limit: 20 }).pages()) {
    assert.equal(page.total, 45)
    sizes.push(page.items.length)
  }
  assert.deepEqual(sizes, [20, 20, 5])
  const first = await c.projects.list({ limit: 20 }).firstPage()
  assert.equal(first.items.length, 20)
  assert.equal(first.hasNext, true)
  const last = await c.projects.list({ limit: 20, page: 3 }).firstPage()
  assert.equal(last.hasNext, false)
})

test('orgstack pages by number, achieveapex by offset', async () => {
  const os = new Client({ provider: 'orgstack', baseUrl: ctx.mock.base('orgstack') })
  await os.auth.login({ username: seed.orgstack.adminUser, password: seed.orgstack.adminPassword })
  const orgs = await os.organizations.list({ limit: 20 }).toArray()
  assert.equal(orgs.length, 45)
  assert.equal(new Set(orgs.map((o) => o.id)).size, 45)

  const ax = new Client({ provider: 'achieveapex', baseUrl: ctx.mock.base('achieveapex'), apiKey: seed.achieveapex.apiKey })
  const pages = []
  for await (const page of ax.organizations.list({ limit: 10 }).pages()) pages.push(page.items.length)
  assert.deepEqual(pages, [10, 10, 5])
  const skips = (await ctx.mock.requests({ provider: 'achieveapex', path: '/organizations' })).map((r) => r.query.$skip)
  assert.deepEqual(
    skips.map((s) => s ?? '0'),
    ['0', '10', '20'],
  )
})

test('a list can be iterated twice, and toArray has a cap', async () => {
  const list = ourganize().projects.list({ limit: 20 })
  assert.equal((await list.toArray()).length, 45)
  assert.equal((await list.toArray()).length, 45)
  await assert.rejects(list.toArray(30), RangeError)
})

test('tasks across pages with a status filter', async () => {
  const tasks = []
  for await (const t of ourganize().tasks.list({ projectId: 1, limit: 4 })) tasks.push(t)
  assert.equal(tasks.length, 30)
})
