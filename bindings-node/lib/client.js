'use strict'
// `new Client({...})`: its options, its lifecycle and the few calls that
// are not operations. The resources (`client.projects`, `client.members(org)`)
// come from the generated ClientResources it extends.

const { inspect } = require('node:util')
const { NativeClient } = require('./addon.js')
const { fromNative } = require('../errors.js')
const { ClientResources } = require('./resources.js')
const { Core } = require('./call.js')
const { normalize } = require('./normalize.js')
const { isPlainObject, describe, headerRecord } = require('./options.js')

const STRING_OPTIONS = ['provider', 'baseUrl', 'token', 'apiKey', 'sessionCookie', 'userAgent', 'logLevel']
const NUMBER_OPTIONS = ['timeout', 'deadline', 'maxRetries']
const BOOLEAN_OPTIONS = ['idempotencyKeys', 'systemRoots']
const OTHER_OPTIONS = ['headers', 'logger']
const LOGGER_METHODS = ['debug', 'info', 'warn', 'error']
const PROVIDERS = ['ourganize', 'orgstack', 'achieveapex', 'kaana', 'pm415']

/** The options as the native client takes them, and the logger apart. */
function clientOptions(options) {
  if (!isPlainObject(options)) {
    throw new TypeError(`new Client(options): options must be an object such as { provider: 'pm415' }, got ${describe(options)}`)
  }
  const out = {}
  let logger
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue
    if (STRING_OPTIONS.includes(key)) {
      if (typeof value !== 'string') throw new TypeError(`${key} must be a string, got ${describe(value)}`)
    } else if (NUMBER_OPTIONS.includes(key)) {
      if (typeof value !== 'number') throw new TypeError(`${key} must be a number, got ${describe(value)}`)
    } else if (BOOLEAN_OPTIONS.includes(key)) {
      if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean, got ${describe(value)}`)
    } else if (key === 'headers') {
      out.headers = headerRecord(value)
      continue
    } else if (key === 'logger') {
      if (value === null || typeof value !== 'object' || LOGGER_METHODS.some((m) => typeof value[m] !== 'function')) {
        throw new TypeError(`logger must have ${LOGGER_METHODS.join(', ')} methods (console does), got ${describe(value)}`)
      }
      logger = value
      continue
    } else {
      const known = [...STRING_OPTIONS, ...NUMBER_OPTIONS, ...BOOLEAN_OPTIONS, ...OTHER_OPTIONS]
      throw new TypeError(`unknown option ${JSON.stringify(key)}; expected one of ${known.join(', ')}`)
    }
    out[key] = value
  }
  if (out.provider === undefined) {
    throw new TypeError(`provider is required: one of ${PROVIDERS.join(', ')}`)
  }
  return [out, logger]
}

/**
 * The native side's log callback: each event is `[level, message, fields]`
 * as JSON, handed to `logger.debug/info/warn`. A logger that throws is
 * ignored: logging must never break a call.
 */
function logTo(logger) {
  return (text) => {
    try {
      const [level, message, fields] = JSON.parse(text)
      logger[level](`orgkit: ${message}`, fields)
    } catch {
      // see above
    }
  }
}

/** A URL with any password in it hidden. */
function shownUrl(text) {
  try {
    const url = new URL(text)
    if (url.password) url.password = '[redacted]'
    return url.href
  } catch {
    return '[unparsed]'
  }
}

function build(options) {
  const [opts, logger] = clientOptions(options)
  try {
    return new NativeClient(opts, logger ? logTo(logger) : undefined)
  } catch (e) {
    throw fromNative(e)
  }
}

/** A client for one provider. */
class Client extends ClientResources {
  #native
  #core

  constructor(options) {
    const native = build(options)
    const core = new Core(native)
    super(core)
    this.#native = native
    this.#core = core
  }

  /** The provider id (`"pm415"`, …). */
  get provider() {
    return this.#native.provider
  }

  get baseUrl() {
    return this.#native.baseUrl
  }

  /** The last `{ limit, remaining, reset }` a response reported, or `null`. */
  get rateLimit() {
    const text = this.#native.rateLimit
    return text == null ? null : normalize('RateLimit', JSON.parse(text))
  }

  /** The operations this provider supports, as `"organizations.list"` strings. */
  capabilities() {
    return this.#native.capabilities()
  }

  /** Any request the typed surface lacks: same auth, retries and errors; the JSON answer as is. */
  request(method, path, body, options) {
    return this.#core.request(method, path, body, options)
  }

  /** Whether `close()` was called. */
  get closed() {
    return this.#native.closed
  }

  /** Drops idle connections; later calls reject at once. Calls under way finish. */
  close() {
    this.#native.close()
  }

  /** `await using client = new Client(...)` closes it at the end of the block. */
  async [Symbol.asyncDispose]() {
    this.close()
  }

  /** `using client = new Client(...)` closes it at the end of the block. */
  [Symbol.dispose]() {
    this.close()
  }

  [inspect.custom]() {
    return `Client { provider: '${this.provider}', baseUrl: '${shownUrl(this.baseUrl)}' }`
  }
}

module.exports = { Client }
