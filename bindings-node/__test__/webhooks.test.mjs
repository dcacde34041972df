import test from 'node:test'
import assert from 'node:assert/strict'
import { webhooks, WebhookVerificationError, InvalidArgumentError, OrgkitError } from 'orgkit'

const secret = 'whsec_' + Buffer.from('a shared secret of 32 bytes.....').toString('base64')

test('sign then verify gives a typed event', () => {
  const body = JSON.stringify({
    type: 'task.completed',
    data: { id: 7, projectId: 1, title: 'Ship', status: 'completed', completedAt: '2024-05-01T10:00:00Z' },
  })
  const headers = webhooks.sign(secret, 'msg_1', body)
  assert.equal(headers['webhook-id'], 'msg_1')
  assert.match(headers['webhook-signature'], /^v1,/)
  const event = webhooks.verify(secret, headers, body)
  assert.equal(event.id, 'msg_1')
  assert.equal(event.eventType, 'task.completed')
  assert.ok(event.timestamp instanceof Date)
  assert.equal(event.data.id, 7)
  assert.equal(event.data.title, 'Ship')
  assert.ok(event.data.completedAt instanceof Date)
  assert.equal(event.payload.type, 'task.completed')
  // Buffers, Headers objects and Node's header arrays work too.
  const h = new Headers(headers)
  assert.equal(webhooks.verify(secret, h, Buffer.from(body)).id, 'msg_1')
})

test('a tampered body, a wrong secret or an old timestamp fail verification', () => {
  const body = '{"type":"project.created","data":{"id":1,"name":"P"}}'
  const headers = webhooks.sign(secret, 'msg_2', body)
  for (const [s, h, b] of [
    [secret, headers, body.replace('"P"', '"Q"')],
    ['whsec_' + Buffer.from('another secret').toString('base64'), headers, body],
    [secret, webhooks.sign(secret, 'msg_2', body, Math.floor(Date.now() / 1000) - 3600), body],
    [secret, { 'webhook-id': 'msg_2' }, body],
  ]) {
    assert.throws(
      () => webhooks.verify(s, h, b),
      (e) => e instanceof WebhookVerificationError && e instanceof OrgkitError && e.kind === 'WebhookVerification',
    )
  }
  try {
    webhooks.verify('whsec_' + Buffer.from('another secret').toString('base64'), headers, body)
  } catch (e) {
    assert.ok(!e.message.includes('another'), 'the secret is not in the message')
    assert.equal(e.code, 'invalid_signature')
  }
})

test('a signature made at a given time verifies', () => {
  const when = new Date(Date.now() - 60_000)
  const headers = webhooks.sign(secret, 'msg_3', 'x', when)
  assert.equal(headers['webhook-timestamp'], String(Math.floor(when.getTime() / 1000)))
  assert.throws(() => webhooks.verify(secret, headers, 'x'), (e) => e.code === 'invalid_payload')
})

test('bad arguments', () => {
  assert.throws(() => webhooks.sign('', 'msg', 'x'), InvalidArgumentError)
  assert.throws(() => webhooks.sign(secret, 'a.b', 'x'), InvalidArgumentError)
  // A CR or LF in the id would start another header where it is sent.
  assert.throws(() => webhooks.sign(secret, 'a\r\nx-evil: 1', 'x'), (e) => e instanceof InvalidArgumentError && /msg_?[iI]d/.test(e.message))
  assert.throws(() => webhooks.sign(secret, 'msg', 42), TypeError)
  assert.throws(() => webhooks.verify(secret, 'nope', 'x'), TypeError)
})

test('inspecting an event does not show the raw payload (it may carry an invite token)', async () => {
  const { inspect } = await import('node:util')
  const token = 'inv-tok-5e4d3c2b1a'
  const body = JSON.stringify({ type: 'user.invited', data: { email: 'a@b.test', token } })
  const headers = webhooks.sign('whsec_c2VjcmV0LWtleS1ieXRlcw==', 'msg_x', body)
  const event = webhooks.verify('whsec_c2VjcmV0LWtleS1ieXRlcw==', headers, body)
  assert.equal(event.payload.data.token, token)
  assert.ok(!inspect(event, { depth: 10 }).includes(token))
})
