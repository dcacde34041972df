import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import orgkit, { Client, NotFoundError, ApiError, webhooks, Paginator } from 'orgkit'

test('ESM import gives the same objects as require()', () => {
  const cjs = createRequire(import.meta.url)('orgkit')
  assert.equal(Client, cjs.Client)
  assert.equal(NotFoundError, cjs.NotFoundError)
  assert.equal(orgkit.Client, Client)
  assert.equal(typeof webhooks.verify, 'function')
  assert.equal(typeof Paginator, 'function')
  assert.ok(new NotFoundError('x') instanceof cjs.ApiError)
  assert.ok(new cjs.NotFoundError('x') instanceof ApiError)
  assert.equal(new Client({ provider: 'kaana' }).provider, 'kaana')
})
