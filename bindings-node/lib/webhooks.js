'use strict'
// Standard Webhooks (ourganize): verify a delivery, sign a payload.

const { inspect } = require('node:util')
const native = require('./native.js')
const { fromNative } = require('../errors.js')
const { checkString, isPlainObject, describe } = require('./call.js')

function bytes(name, body) {
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (Buffer.isBuffer(body)) return body
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  throw new TypeError(`${name} must be a string, Buffer or Uint8Array (the raw request body), got ${describe(body)}`)
}

/**
 * The raw payload (which may carry an invite token) stays readable and in
 * JSON, but out of `console.log`/`util.inspect`.
 */
function hidePayload(event) {
  Object.defineProperty(event, inspect.custom, {
    value() {
      const { payload, data, ...shown } = this
      let view = data
      if (data && typeof data === 'object' && ('token' in data || 'confirmUrl' in data)) {
        const { token, confirmUrl, ...rest } = data
        view = rest
      }
      return { ...shown, data: view, payload: '[hidden]' }
    },
    enumerable: false,
    configurable: true,
  })
  return event
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

/**
 * Checks a delivery's signature and age (5 minutes either way of `options.now`,
 * default the current time); returns the typed event or throws WebhookVerificationError.
 */
function verify(secret, headers, body, options) {
  let now = null
  if (options !== undefined && options !== null) {
    if (!isPlainObject(options)) throw new TypeError(`options must be an object, got ${describe(options)}`)
    now = toDate('options.now', options.now)
  }
  const args = [checkString('secret', secret), headerRecord(headers), bytes('body', body), now]
  try {
    return hidePayload(native.webhooksVerify(...args))
  } catch (e) {
    throw fromNative(e)
  }
}

/** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers for `body`. */
function toDate(name, value) {
  let when = null
  if (value instanceof Date) when = value
  else if (typeof value === 'number') when = new Date(value * 1000)
  else if (value !== undefined && value !== null) {
    throw new TypeError(`${name} must be a Date or unix seconds, got ${describe(value)}`)
  }
  if (when && Number.isNaN(when.getTime())) throw new TypeError(`${name} is not a valid date`)
  return when
}

function sign(secret, msgId, body, timestamp) {
  const when = toDate('timestamp', timestamp)
  const args = [checkString('secret', secret), checkString('msgId', msgId), bytes('body', body), when]
  try {
    return native.webhooksSign(...args)
  } catch (e) {
    throw fromNative(e)
  }
}

module.exports = { verify, sign }
