// The shared webhook vectors (tests/conformance/webhooks.json), run through
// webhooks.verify exactly as the Rust and Python suites run them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { webhooks, WebhookVerificationError } from '../index.mjs'

const file = fileURLToPath(new URL('../../tests/conformance/webhooks.json', import.meta.url))
const { cases } = JSON.parse(readFileSync(file, 'utf8'))

for (const c of cases) {
  test(`webhook vector ${c.name}`, () => {
    const headers = Object.fromEntries(c.headers)
    const { ok, error } = c.expected
    if (ok) {
      const event = webhooks.verify(c.secret, headers, c.body, { now: c.now })
      assert.equal(event.id, ok.id)
      assert.equal(event.eventType, ok.event_type)
      assert.equal(event.timestamp.getTime() / 1000, ok.timestamp)
      // `data` names fields by their JSON key as sent: compare the raw payload.
      for (const [key, value] of Object.entries(ok.data ?? {})) {
        assert.deepEqual(event.payload.data[key], value, key)
      }
      if (ok.data_kind === 'project' || ok.data_kind === 'task') assert.equal(String(event.data.id), ok.data.id)
      if (ok.data_kind === 'invite') assert.equal(event.data.email, ok.data.email)
    } else {
      assert.throws(
        () => webhooks.verify(c.secret, headers, c.body, { now: c.now }),
        (e) => e instanceof WebhookVerificationError && e.code === error,
      )
    }
  })
}
