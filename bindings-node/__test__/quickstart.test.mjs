// examples/node/quickstart.mjs runs to the end against the mock.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { MOCK_BIN } from './mock.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const examples = path.resolve(here, '../../examples/node')

test('the quickstart example runs', async () => {
  // `npm install` in examples/node makes this link; do it here for a fresh clone.
  const link = path.join(examples, 'node_modules/orgkit')
  if (!existsSync(link)) {
    mkdirSync(path.dirname(link), { recursive: true })
    symlinkSync('../../../bindings-node', link, 'dir')
  }
  const { stdout } = await new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(examples, 'quickstart.mjs')],
      { env: { ...process.env, ORGKIT_MOCK_BIN: MOCK_BIN }, timeout: 60_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve({ stdout })),
    ),
  )
  for (const line of [
    'logged in as admin@pm415.test',
    '404 as NotFoundError',
    '409 as ConflictError',
    'pm415 does not support projects.get',
    'ourganize does not support organizations.list',
    'raw response: 200 for ',
    'rate limit: ',
    'completed task ',
    'quickstart finished',
  ]) {
    assert.ok(stdout.includes(line), `missing ${JSON.stringify(line)} in:\n${stdout}`)
  }
})
