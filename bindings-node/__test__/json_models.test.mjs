// Models reach JS as JSON built natively (src/json.rs) and parsed once in
// JS: camelCase field names (only a model's own fields: `extra` and
// `metadata` keep their keys), missing fields left out, timestamps as
// Dates, everything else exactly as sent — and integers beyond ±(2^53−1),
// which a JS number cannot hold, as strings with the same digits.
import test, { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { Client } from 'orgkit'

const full = (id) => ({
  id,
  name: `Projekt ${id} — «ünïcödé» 🚀 "quoted" \\ back`,
  description: 'line\nbreak\ttab\u2028sep',
  status: id % 2 ? 'active' : 'someNewStatus',
  settings: { isPublic: true, allowComments: false, theme: { dark: [1, 2.5, -0, null] } },
  organizationId: `org-${id}`,
  tags: ['a', 'b'],
  createdAt: '2024-03-02T09:15:01.123456Z',
  updatedAt: '2024-06-02T19:45:01+02:00',
  vendorField: { nested: { createdAt: 'stays a string', snake_key: 1 }, n: 9007199254740991, f: 1e300, small: -0.5 },
  ['123']: 'numeric key',
})
const sparse = (id) => ({ id: String(id), name: null })
// Written into the JSON text as bare numbers (JSON.stringify would round them).
const BIG = {
  '"__2^53+1__"': '9007199254740993',
  '"__2^64+1__"': '18446744073709551617',
  '"__-2^63-1__"': '-9223372036854775809',
  '"__BIG__"': '12345678901234567890',
}
const big = (placeholder, name) => ({ id: placeholder, name, vendorField: { big: '__BIG__', list: ['__BIG__', 1] } })
const bigOnes = [big('__2^53+1__', 'two53'), big('__2^64+1__', 'two64'), big('__-2^63-1__', 'neg63')]

// Before 1970 with digits past the millisecond, and a leap second.
const edgeTimes = { id: 77, name: 'times', createdAt: '1969-12-31T23:59:59.999999Z', updatedAt: '2016-12-31T23:59:60.5Z' }

let server, base
const seen = []
before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    seen.push(url.pathname)
    let body
    if (url.pathname === '/projects') {
      const data = [full(1), sparse(2), full(3), ...bigOnes]
      body = { success: true, data, meta: { page: 1, limit: 100, total: data.length } }
    } else {
      const id = url.pathname.split('/').pop()
      const named = { '9007199254740993': 0, '18446744073709551617': 1, '-9223372036854775809': 2 }
      body = { success: true, data: id in named ? bigOnes[named[id]] : id === '2' ? sparse(2) : id === '77' ? edgeTimes : full(Number(id)) }
    }
    let text = JSON.stringify(body)
    for (const [k, v] of Object.entries(BIG)) text = text.replaceAll(k, v)
    res.setHeader('content-type', 'application/json')
    res.end(text)
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${server.address().port}`
})
after(() => server.close())

const client = () => new Client({ provider: 'ourganize', baseUrl: base, apiKey: 'k', maxRetries: 0 })

test('models: camelCase fields, Dates, extras as sent, missing fields left out', async () => {
  const items = (await client().projects.list({ limit: 100 }).firstPage()).items
  assert.equal(items.length, 6)
  const [p] = items
  assert.deepEqual(Object.keys(p), ['id', 'name', 'description', 'status', 'settings', 'organizationId', 'tags', 'createdAt', 'updatedAt', 'extra'])
  assert.ok(p.createdAt instanceof Date && p.updatedAt instanceof Date)
  assert.equal(p.createdAt.toISOString(), '2024-03-02T09:15:01.123Z')
  assert.equal(p.updatedAt.toISOString(), '2024-06-02T17:45:01.000Z')
  // (the server's JSON.stringify already wrote -0 as 0)
  assert.deepStrictEqual(p.settings, { isPublic: true, allowComments: false, extra: { theme: { dark: [1, 2.5, 0, null] } } })
  assert.deepEqual(p.extra.vendorField, { nested: { createdAt: 'stays a string', snake_key: 1 }, n: 9007199254740991, f: 1e300, small: -0.5 })
  assert.equal(p.extra['123'], 'numeric key')
  assert.equal(p.name, full(1).name)
  assert.equal(p.description, full(1).description)
  assert.equal(p.status, 'active')
  assert.equal(items[2].status, 'active')
  assert.ok(!('organizationId' in items[1]) && !('createdAt' in items[1]) && !('name' in items[1]), 'missing fields are left out')
  assert.equal(items[1].id, '2', 'a string id stays a string')
})

test('integers beyond 2^53 keep every digit, as strings; get(id) sends them back', async () => {
  const c = client()
  const items = (await c.projects.list({ limit: 100 }).firstPage()).items
  assert.deepEqual(
    items.slice(3).map((p) => p.id),
    ['9007199254740993', '18446744073709551617', '-9223372036854775809'],
  )
  for (const p of items.slice(3)) {
    assert.equal(p.extra.vendorField.big, '12345678901234567890')
    assert.deepEqual(p.extra.vendorField.list, ['12345678901234567890', 1])
    seen.length = 0
    const again = await c.projects.get(p.id)
    assert.deepEqual(seen, [`/projects/${p.id}`], 'the same digits went out')
    assert.equal(again.id, p.id)
    assert.equal(again.name, p.name)
  }
  assert.equal((await c.projects.get(1)).id, 1, 'safe ids stay numbers')
})

test('one model by get is the same object as in a page', async () => {
  const c = client()
  const got = await c.projects.get(1)
  const viaPage = (await c.projects.list({ limit: 100 }).firstPage()).items[0]
  assert.deepStrictEqual(got, viaPage)
  const ac = new AbortController()
  assert.deepStrictEqual(await c.projects.get(1, { signal: ac.signal }), got)
  assert.equal((await c.projects.get(4)).status, 'someNewStatus', 'an unknown enum value passes through')
})

test('timestamps: the millisecond JS keeps (floored, before 1970 too); a leap second is the instant after it', async () => {
  const p = await client().projects.get(77)
  assert.equal(p.createdAt.toISOString(), '1969-12-31T23:59:59.999Z')
  assert.equal(p.createdAt.getTime(), -1)
  // new Date('…T23:59:60.5Z') would be an Invalid Date.
  assert.equal(p.updatedAt.toISOString(), '2017-01-01T00:00:00.500Z')
})
