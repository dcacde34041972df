const test = require('node:test')
const assert = require('node:assert/strict')
const { Client, OrgkitError, UnsupportedError, version } = require('orgkit')
const { MockServer, seed } = require('orgkit/testing')

test('CommonJS require works', async () => {
  assert.equal(typeof version, 'string')
  const c = new Client({ provider: 'pm415', baseUrl: 'http://127.0.0.1:9' })
  assert.throws(() => c.projects.list(), (e) => e instanceof UnsupportedError && e instanceof OrgkitError)
  await assert.rejects(c.projects.get(1), UnsupportedError)
  assert.equal(typeof MockServer, 'function')
  assert.equal(typeof seed.PM415_ADMIN_API_KEY, 'string')
})
