'use strict'
// Standard Webhooks (ourganize): verify a delivery, sign a payload.

const native = require('../native.js')
const { fromNative } = require('../errors.js')
const { checkString, isPlainObject, describe } = require('./call.js')

function bytes(name, body) {
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (Buffer.isBuffer(body)) return body
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  throw new TypeError(`${name} must be a string, Buffer or Uint8Array (the raw request body), got ${describe(body)}`)
}

/** Node's `req.headers`, a fetch `Headers`, a `Map` or a plain object. */
function headerRecord(headers) {
  let entries
  if (isPlainObject(headers)) entries = Object.entries(headers)
  else if (headers && typeof headers.entries === 'function') entries = [...headers.entries()]
  else throw new TypeError(`headers must be an object or Headers, got ${describe(headers)}`)
  const out = {}
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue
    out[String(name).toLowerCase()] = Array.isArray(value) ? value.join(' ') : String(value)
  }
  return out
}

/** Checks a delivery's signature and age; returns the typed event or throws WebhookVerificationError. */
function verify(secret, headers, body) {
  const args = [checkString('secret', secret), headerRecord(headers), bytes('body', body)]
  try {
    return native.webhooksVerify(...args)
  } catch (e) {
    throw fromNative(e)
  }
}

/** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers for `body`. */
function sign(secret, msgId, body, timestamp) {
  let when = null
  if (timestamp instanceof Date) when = timestamp
  else if (typeof timestamp === 'number') when = new Date(timestamp * 1000)
  else if (timestamp !== undefined && timestamp !== null) {
    throw new TypeError(`timestamp must be a Date or unix seconds, got ${describe(timestamp)}`)
  }
  if (when && Number.isNaN(when.getTime())) throw new TypeError('timestamp is not a valid date')
  const args = [checkString('secret', secret), checkString('msgId', msgId), bytes('body', body), when]
  try {
    return native.webhooksSign(...args)
  } catch (e) {
    throw fromNative(e)
  }
}

module.exports = { verify, sign }
