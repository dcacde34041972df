'use strict'
// The trailing options object of every call: its JS-only checks (types,
// names, the AbortSignal) and its split into what the native addon takes.
// Values are checked by the SDK; durations are milliseconds.

/** The per-request options, in the order the docs list them. */
const REQUEST_OPTIONS = ['timeout', 'deadline', 'maxRetries', 'headers', 'idempotencyKey', 'signal']

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function describe(v) {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v === 'object' ? `an object (${v.constructor?.name ?? 'Object'})` : `${typeof v} ${String(v)}`
}

/** Headers from a plain object, a `Headers`, a `Map` or `[name, value]` pairs. */
function headerRecord(headers) {
  const entries = isPlainObject(headers)
    ? Object.entries(headers)
    : headers && typeof headers[Symbol.iterator] === 'function'
      ? [...(typeof headers.entries === 'function' ? headers.entries() : headers)]
      : null
  if (!entries) throw new TypeError(`headers must be an object of header names to values, got ${describe(headers)}`)
  const out = {}
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError('headers must hold [name, value] pairs')
    const [name, value] = entry
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(' ') : value
    if (typeof name !== 'string' || typeof text !== 'string') {
      throw new TypeError(`headers: the value of ${JSON.stringify(String(name))} must be a string, got ${describe(value)}`)
    }
    out[name] = text
  }
  return out
}

function checkSignal(signal) {
  if (signal === undefined || signal === null) return undefined
  if (typeof signal !== 'object' || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`)
  }
  return signal
}

const NONE = Object.freeze({ native: undefined, signal: undefined, rest: undefined })

/**
 * Splits `options` into the native request options, the signal, and (for
 * lists, `rest: true`) everything else, which is the list's own arguments.
 * Without `rest`, a name that is not a request option is a TypeError.
 */
function splitOptions(options, { rest = false } = {}) {
  if (options === undefined || options === null) return NONE
  if (!isPlainObject(options)) throw new TypeError(`options must be an object, got ${describe(options)}`)
  let native
  let signal
  let others
  for (const key of Object.keys(options)) {
    const value = options[key]
    if (value === undefined) continue
    switch (key) {
      case 'signal':
        signal = checkSignal(value)
        break
      case 'timeout':
      case 'deadline':
      case 'maxRetries':
        if (typeof value !== 'number') throw new TypeError(`${key} must be a number, got ${describe(value)}`)
        ;(native ??= {})[key] = value
        break
      case 'headers':
        ;(native ??= {}).headers = headerRecord(value)
        break
      case 'idempotencyKey':
        if (typeof value !== 'string') throw new TypeError(`idempotencyKey must be a string, got ${describe(value)}`)
        ;(native ??= {}).idempotencyKey = value
        break
      default:
        if (!rest) {
          throw new TypeError(`unknown option ${JSON.stringify(key)}; expected one of ${REQUEST_OPTIONS.join(', ')}`)
        }
        ;(others ??= {})[key] = value
    }
  }
  return { native, signal, rest: others }
}

module.exports = { REQUEST_OPTIONS, isPlainObject, describe, headerRecord, checkSignal, splitOptions }
