// Starts the orgkit-mock binary for one test file and drives its control API.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
export const MOCK_BIN =
  process.env.ORGKIT_MOCK_BIN ?? path.resolve(here, '../../target/x86_64-unknown-linux-gnu/debug/orgkit-mock')

/** Seeded credentials (tests/mock-server/src/seed.rs). */
export const seed = {
  ourganize: { adminKey: 'ogz_admin_4f9c2b7e1d6a', memberKey: 'ogz_member_8a3e6f0c52b1' },
  orgstack: {
    adminUser: 'admin',
    adminPassword: 'orgstack-admin-pw',
    viewerUser: 'viewer',
    viewerPassword: 'orgstack-viewer-pw',
  },
  achieveapex: {
    ownerEmail: 'olivia.owner@achieveapex.test',
    ownerPassword: 'apex-owner-pw',
    apiKey: 'apx_key_3b1f9e27c4d8',
    memberEmail: 'mia.member@achieveapex.test',
    memberPassword: 'apex-member-pw',
  },
  kaana: { adminSid: 'sess-admin-7f3a9c', viewerSid: 'sess-viewer-c05e6d', apiKey: 'kaana_api_9d2e7b4f10' },
  pm415: {
    adminEmail: 'admin@pm415.test',
    adminPassword: 'pm415-admin-pw',
    adminApiKey: '50ca9ba0f7b1444fa55d5',
    memberEmail: 'member@pm415.test',
    memberPassword: 'pm415-member-pw',
    inviteToken: '8s80f934kf94',
    inviteEmail: 'invitee@pm415.test',
  },
}

export async function startMock() {
  const child = spawn(MOCK_BIN, ['--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] })
  const failed = new Promise((_, reject) => {
    child.once('error', (e) => reject(new Error(`cannot start ${MOCK_BIN}: ${e.message}`)))
    child.once('exit', (code) => reject(new Error(`orgkit-mock exited early (${code})`)))
  })
  const lines = createInterface({ input: child.stdout })
  const firstLine = new Promise((resolve) => lines.once('line', resolve))
  const url = (await Promise.race([firstLine, failed])).trim()
  lines.close()
  child.stdout.resume()
  failed.catch(() => {})
  return new Mock(child, url)
}

class Mock {
  constructor(child, url) {
    this.child = child
    this.url = url
  }
  /** Provider P's base URL. */
  base(provider) {
    return `${this.url}/${provider}`
  }
  async control(method, p, body) {
    const res = await fetch(`${this.url}/__mock${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = await res.json()
    if (!res.ok) throw new Error(`mock control ${method} ${p}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  reset() {
    return this.control('POST', '/reset')
  }
  fault(f) {
    return this.control('POST', '/faults', f)
  }
  config(c) {
    return this.control('POST', '/config', c)
  }
  requests(query = {}) {
    const qs = new URLSearchParams(query).toString()
    return this.control('GET', `/requests${qs ? `?${qs}` : ''}`)
  }
  async close() {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin.end()
    await exited
  }
}

/**
 * Registers before/after hooks that start one mock for the calling test
 * file and reset it before each test; returns an object whose `mock` is set.
 */
export function useMock({ before, after, beforeEach }) {
  const ctx = { mock: undefined }
  before(async () => {
    ctx.mock = await startMock()
  })
  beforeEach(async () => {
    await ctx.mock.reset()
  })
  after(async () => {
    await ctx.mock?.close()
  })
  return ctx
}
