// Models reach JS by two paths (src/json.rs): JSON parsed in JS (the fast
// one) or objects built through N-API (when JSON could not carry a value
// exactly, e.g. an integer beyond 2^53 in `extra`). Both must give the same
// objects: a page holding one such item goes the N-API way whole, so its
// other items are compared with the same items read the JSON way.
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
  vendorField: { nested: { createdAt: 'stays a string' }, n: 9007199254740991, f: 1e300, small: -0.5 },
  ['123']: 'numeric key',
})
const sparse = (id) => ({ id: String(id), name: null })
const bigId = { id: 2 ** 60, name: 'big id' }
const unsafe = { id: 99, name: 'unsafe', vendorField: { big: '__BIG__' } }

let server, base
before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    const unsafePage = url.pathname.startsWith('/unsafe')
    const path = url.pathname.replace(/^\/unsafe/, '')
    let body
    if (path === '/projects') {
      const data = [full(1), sparse(2), full(3), bigId]
      if (unsafePage) data.push(unsafe)
      body = { success: true, data, meta: { page: 1, limit: 100, total: data.length } }
    } else {
      const id = Number(path.split('/').pop())
      body = { success: true, data: id === 99 ? unsafe : id === 2 ? sparse(2) : full(id) }
    }
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(body).replace('"__BIG__"', '12345678901234567890'))
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${server.address().port}`
})
after(() => server.close())

const client = (prefix = '') => new Client({ provider: 'ourganize', baseUrl: base + prefix, apiKey: 'k', maxRetries: 0 })

test('JSON and N-API paths build the same models', async () => {
  const fast = (await client().projects.list({ limit: 100 }).firstPage()).items
  const slow = (await client('/unsafe').projects.list({ limit: 100 }).firstPage()).items
  assert.equal(fast.length, 4)
  assert.equal(slow.length, 5)
  assert.equal(typeof slow[4].extra.vendorField.big, 'bigint', 'the N-API path makes a BigInt')
  for (let i = 0; i < fast.length; i++) {
    assert.deepStrictEqual(fast[i], slow[i])
    assert.deepStrictEqual(Object.keys(fast[i]), Object.keys(slow[i]), 'same keys in the same order')
  }
  const [p] = fast
  assert.ok(p.createdAt instanceof Date && p.updatedAt instanceof Date)
  assert.equal(p.createdAt.toISOString(), '2024-03-02T09:15:01.123Z')
  assert.equal(p.updatedAt.toISOString(), '2024-06-02T17:45:01.000Z')
  assert.equal(p.extra.vendorField.nested.createdAt, 'stays a string')
  assert.equal(p.extra['123'], 'numeric key')
  assert.equal(p.name, full(1).name)
  assert.equal(p.description, full(1).description)
  assert.ok(!('organizationId' in fast[1]) && !('createdAt' in fast[1]), 'missing fields are left out')
  assert.equal(fast[3].id, 2 ** 60)
})

test('single models: JSON path, and N-API path for unsafe values', async () => {
  const c = client()
  const got = await c.projects.get(1)
  const viaPage = (await c.projects.list({ limit: 100 }).firstPage()).items[0]
  assert.deepStrictEqual(got, viaPage)
  const u = await c.projects.get(99)
  assert.equal(u.extra.vendorField.big, 12345678901234567890n)
  const ac = new AbortController()
  assert.deepStrictEqual(await c.projects.get(1, { signal: ac.signal }), got)
})
