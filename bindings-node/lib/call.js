'use strict'
// The fixed layer between the generated resources (lib/resources.js) and
// the native addon: an operation's name and its arguments object go to the
// native generic entry as JSON; AbortSignals cancel natively; results come
// back as APIPromises (lists as Paginators) of normalized models. Nothing
// here is per operation.

const { fromNative } = require('../errors.js')
const { invoke } = require('./invoke.js')
const { APIPromise } = require('./api_promise.js')
const { Paginator } = require('./paginator.js')
const { normalize } = require('./normalize.js')
const { isPlainObject, describe, splitOptions } = require('./options.js')

/** A resource's scope argument (`members(organizationId)`): it must be given. */
function scopeArg(name, value) {
  if (value === undefined || value === null) throw new TypeError(`${name} is required`)
  return value
}

/**
 * The arguments object of a call: `values` (positional arguments) plus the
 * fields of each object argument, given as `name, object, required`
 * triples. A field given twice is a TypeError rather than a silent pick.
 */
function gather(values, ...objects) {
  const out = { ...values }
  for (let i = 0; i < objects.length; i += 3) {
    const [name, object, required] = [objects[i], objects[i + 1], objects[i + 2]]
    if (object === undefined || object === null) {
      if (required) throw new TypeError(`${name} is required: an object`)
      continue
    }
    if (!isPlainObject(object)) throw new TypeError(`${name} must be an object, got ${describe(object)}`)
    merge(out, object)
  }
  return out
}

function merge(into, object) {
  for (const key of Object.keys(object)) {
    if (key in into && into[key] !== undefined) throw new TypeError(`${key} is given twice`)
    into[key] = object[key]
  }
}

/**
 * JSON for the native side; a `Date` becomes its ISO 8601 text. What
 * JSON.stringify would quietly turn into `null` or `{}` (NaN, ±Infinity, an
 * invalid Date, a Map or Set), write as another value (a Buffer's
 * `{type, data}`, a typed array's `{"0": …}`), leave out (a function, a
 * symbol), throw on without naming it (a BigInt) or what UTF-8 cannot carry
 * (a lone surrogate) is a TypeError naming its key instead, so a bad value
 * is never sent as another.
 */
function encode(body) {
  return JSON.stringify(body, refuseLossy)
}

/**
 * [`encode`] for an operation's arguments, which also refuses an integer
 * beyond ±(2^53−1): JSON.stringify writes its shortest text (2**60 as
 * 1152921504606847000), another integer than the one held. Such ids come
 * back as decimal strings; pass them that way.
 */
function encodeArgs(args) {
  return JSON.stringify(args, refuseInexact)
}

function refuseLossy(key, value) {
  // `this[key]` is the value before its toJSON (a Date, not its text).
  const given = this[key]
  const what =
    given instanceof Date && Number.isNaN(given.getTime()) ? 'an invalid Date'
    : typeof value === 'number' && !Number.isFinite(value) ? String(value)
    : typeof value === 'string' && !value.isWellFormed() ? 'text with a lone surrogate'
    : typeof value === 'bigint' ? 'a BigInt'
    : ArrayBuffer.isView(given) || given instanceof ArrayBuffer
      ? 'binary data (a Buffer, typed array or ArrayBuffer)'
    : value instanceof Map ? 'a Map'
    : value instanceof Set ? 'a Set'
    : typeof value === 'function' ? 'a function'
    : typeof value === 'symbol' ? 'a symbol'
    : null
  if (what !== null) {
    const hint =
      what === 'a BigInt' ? '; pass it as a decimal string (as ids beyond ±(2^53−1) come back)'
      : what.startsWith('binary') ? '; decode it to a string first'
      : ''
    throw new TypeError(`${key === '' ? 'the arguments' : key}: ${what} cannot be sent as JSON${hint}`)
  }
  return value
}

function refuseInexact(key, value) {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new TypeError(`${key}: ${value} is beyond ±(2^53−1), where a JS number is not exact; pass it as a decimal string`)
  }
  return refuseLossy.call(this, key, value)
}

/** An APIPromise that rejects with `e` (a bad argument found before sending). */
function rejected(e) {
  return new APIPromise(Promise.reject(e), (x) => x)
}

/** One client's calls. */
class Core {
  #native

  constructor(native) {
    this.#native = native
  }

  /**
   * Any operation but a list: `values` are its positional arguments, then
   * its object arguments as `name, object, required` (see `gather`). The
   * result is normalized as `model` (`null`: nothing comes back).
   */
  call(op, values, options, model, ...objects) {
    let raw
    try {
      const { native, signal } = splitOptions(options)
      const text = encodeArgs(objects.length ? gather(values, ...objects) : values)
      raw = invoke(signal, (id) => this.#native.call(op, text, native, id))
    } catch (e) {
      return rejected(e)
    }
    return new APIPromise(raw, model === null ? () => undefined : (data) => normalize(model, data))
  }

  /**
   * A list: `options` holds the list's own arguments and the request
   * options. Fails at once (nothing sent) when the provider lacks `op` or
   * an argument is bad.
   */
  list(op, scope, options, model) {
    const { native, signal, rest } = splitOptions(options, { rest: true })
    const args = { ...scope }
    if (rest) merge(args, rest)
    const text = encodeArgs(args)
    try {
      this.#native.checkCall(op, text)
    } catch (e) {
      throw fromNative(e)
    }
    return new Paginator((id) => this.#native.list(op, text, native, id), signal, model)
  }

  /** Any request the typed surface lacks; the JSON answer as it is (`null` when empty). */
  request(method, path, body, options) {
    let raw
    try {
      if (typeof method !== 'string') throw new TypeError(`method must be a string, got ${describe(method)}`)
      if (typeof path !== 'string') throw new TypeError(`path must be a string, got ${describe(path)}`)
      const { native, signal } = splitOptions(options)
      const text = body === undefined ? null : encode(body)
      raw = invoke(signal, (id) => this.#native.request(method, path, text, native, id))
    } catch (e) {
      return rejected(e)
    }
    return new APIPromise(raw, (data) => data)
  }
}

module.exports = { Core, scopeArg }
