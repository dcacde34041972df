// The package's `orgkit` bin: the core's command line, run from the addon.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { after, before, test } from 'node:test'

import { startMock, seed } from './mock.mjs'

const OURGANIZE_ADMIN_KEY = seed.ourganize.adminKey

const run = promisify(execFile)
const BIN = fileURLToPath(new URL('../bin/orgkit.js', import.meta.url))
let mock

before(async () => {
  mock = await startMock()
})
after(() => mock.close())

async function orgkit(...args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ORGKIT_CONFIG: '/dev/null' } })
    return { code: 0, stdout, stderr }
  } catch (e) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

test('the bin runs an operation and prints JSON without the key', async () => {
  await mock.reset()
  const out = await orgkit('--provider', 'ourganize', '--base-url', mock.base('ourganize'), '--api-key', OURGANIZE_ADMIN_KEY, '--json', 'projects', 'get', '3')
  assert.equal(out.code, 0, out.stderr)
  const project = JSON.parse(out.stdout)
  assert.equal(project.id, 3)
  assert.ok(!(out.stdout + out.stderr).includes(OURGANIZE_ADMIN_KEY))
  assert.deepEqual((await mock.requests()).map((r) => r.path), ['/projects/3'])
})

test('the bin exits with the documented codes', async () => {
  const base = ['--provider', 'ourganize', '--base-url', mock.base('ourganize')]
  assert.equal((await orgkit(...base, '--api-key', OURGANIZE_ADMIN_KEY, 'projects', 'get', '424242')).code, 4)
  assert.equal((await orgkit(...base, '--api-key', 'wrong', 'users', 'me')).code, 3)
  assert.equal((await orgkit(...base, 'projects', 'get', '1', '--no-such-flag')).code, 2)
  assert.equal((await orgkit('--version')).code, 0)
})
