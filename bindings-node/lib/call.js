'use strict'
// Runs one native call as a Promise: argument checks, AbortSignal wiring
// (the native side drops the request, or the retry backoff sleep, when
// `cancel(id)` is called) and error classes.

const native = require('./native.js')
const { fromNative, AbortError } = require('../errors.js')

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

/** An options object (or nothing); returns `[rest, signal]`. */
function splitOptions(name, options) {
  if (options === undefined || options === null) return [undefined, undefined]
  if (!isPlainObject(options)) throw new TypeError(`${name} must be an object, got ${describe(options)}`)
  const { signal, ...rest } = options
  checkSignal(signal)
  return [rest, signal ?? undefined]
}

function checkSignal(signal) {
  if (signal === undefined || signal === null) return
  if (typeof signal !== 'object' || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`)
  }
}

/** Only `{ signal }` is accepted here. */
function requestSignal(options) {
  const [rest, signal] = splitOptions('options', options)
  for (const key of Object.keys(rest ?? {})) {
    throw new TypeError(`unknown option ${JSON.stringify(key)} (only "signal" is accepted here)`)
  }
  return signal
}

function checkId(name, id) {
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id
  if (typeof id === 'string' && id.trim() !== '') return id
  throw new TypeError(`${name} must be an integer or a non-empty string, got ${describe(id)}`)
}

function checkIds(name, ids) {
  const list = Array.isArray(ids) ? ids : [ids]
  return list.map((id, i) => checkId(`${name}[${i}]`, id))
}

function checkString(name, v) {
  if (typeof v !== 'string') throw new TypeError(`${name} must be a string, got ${describe(v)}`)
  return v
}

function checkObject(name, v) {
  if (!isPlainObject(v)) throw new TypeError(`${name} must be an object, got ${describe(v)}`)
  return v
}

/** Accepts `Date`s, ISO strings and epoch milliseconds for these fields. */
function withDates(obj, fields) {
  if (!obj) return obj
  const out = { ...obj }
  for (const f of fields) {
    const v = out[f]
    if (v === undefined || v === null || v instanceof Date) continue
    const d = new Date(v)
    if ((typeof v !== 'string' && typeof v !== 'number') || Number.isNaN(d.getTime())) {
      throw new TypeError(`${f} must be a Date or an ISO 8601 string, got ${describe(v)}`)
    }
    out[f] = d
  }
  return out
}

function abortError(signal) {
  return new AbortError('The operation was aborted', { kind: 'Aborted', cause: signal.reason })
}

function rethrowNative(e) {
  throw fromNative(e)
}

/**
 * Starts `start(callId)` (a native call returning a Promise) unless `signal`
 * is already aborted, and cancels it natively when `signal` aborts. The
 * result goes through `convert` when given (lib/models.js).
 */
function invoke(signal, start, convert) {
  if (signal?.aborted) return Promise.reject(abortError(signal))
  const id = signal ? native.newCallId() : undefined
  let promise
  try {
    promise = start(id)
  } catch (e) {
    return Promise.reject(fromNative(e))
  }
  if (!signal) return promise.then(convert, rethrowNative)
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      native.cancel(id)
      reject(abortError(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        try {
          resolve(convert ? convert(value) : value)
        } catch (e) {
          reject(e)
        }
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(fromNative(e))
      },
    )
  })
}

/** Runs `fn` and returns its Promise; a synchronous throw becomes a rejection. */
function run(fn) {
  try {
    return fn()
  } catch (e) {
    return Promise.reject(e)
  }
}

module.exports = {
  invoke,
  run,
  splitOptions,
  requestSignal,
  checkId,
  checkIds,
  checkString,
  checkObject,
  checkSignal,
  withDates,
  isPlainObject,
  describe,
}
