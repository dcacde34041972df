const test = require('node:test')
const assert = require('node:assert/strict')
const { Client, OrgkitError, UnsupportedError, version } = require('orgkit')

test('CommonJS require works', async () => {
  assert.equal(typeof version, 'string')
  const c = new Client({ provider: 'pm415', baseUrl: 'http://127.0.0.1:9' })
  await assert.rejects(c.projects.list().firstPage(), (e) => e instanceof UnsupportedError && e instanceof OrgkitError)
})
