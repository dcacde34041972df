'use strict'
// `orgkit/testing`: test your own code against all five providers without
// a network. `new MockServer()` starts the in-process emulator (seeded
// data and credentials, fault injection, a request log) on a free
// loopback port, on its own thread; `close()` stops it.

const addon = require('./lib/addon.js')
const { fromNative } = require('./errors.js')
const { isPlainObject, describe } = require('./lib/options.js')

function native(fn) {
  try {
    return fn()
  } catch (e) {
    throw fromNative(e)
  }
}

class MockServer {
  #native

  /**
   * @param {{ rateLimit?: number, rateWindow?: number }} [options]
   *   ourganize's requests per window (default 1000) and the window in milliseconds (default one hour)
   */
  constructor(options = {}) {
    if (!isPlainObject(options)) throw new TypeError(`options must be an object, got ${describe(options)}`)
    const { rateLimit, rateWindow, ...rest } = options
    for (const key of Object.keys(rest)) throw new TypeError(`unknown option ${JSON.stringify(key)}; expected rateLimit, rateWindow`)
    this.#native = native(() => new addon.NativeMockServer(rateLimit, rateWindow))
  }

  /** `http://127.0.0.1:PORT`. */
  get url() {
    return native(() => this.#native.url)
  }

  /** The base URL to give a client for `provider`: `http://127.0.0.1:PORT/pm415`. */
  baseUrl(provider) {
    return `${this.url}/${String(provider).replace(/^\/+|\/+$/g, '')}`
  }

  /**
   * Queues faults (one or an array) in the mock's JSON format, e.g.
   * `{ provider: 'ourganize', method: 'GET', path: '/projects', times: 2, action: { status: 503 } }`;
   * returns how many were queued.
   */
  inject(faults) {
    return native(() => this.#native.inject(JSON.stringify(faults)))
  }

  /** The faults still queued, with their remaining `times`. */
  faults() {
    return JSON.parse(native(() => this.#native.faults()))
  }

  /**
   * The requests received since the last reset or clear:
   * `[{ provider, method, path, query, rawQuery, headers, body, atMs }]`,
   * optionally only those of `provider`, `method` and under `path`.
   */
  requests({ provider, method, path } = {}) {
    return JSON.parse(native(() => this.#native.requests(provider, method, path)))
  }

  /** How many requests have `method` (`''`: any) and a path under `path`. */
  requestCount(method = '', path = '/') {
    return this.requests({ method, path }).length
  }

  /** Back to the seed state: data, tokens, rate limit, faults and request log. */
  reset() {
    native(() => this.#native.reset())
  }

  clearFaults() {
    native(() => this.#native.clearFaults())
  }

  clearRequests() {
    native(() => this.#native.clearRequests())
  }

  /** ourganize's requests per window, from now on (a fresh window starts). */
  setRateLimit(limit) {
    native(() => this.#native.setRateLimit(limit))
  }

  /** Stops the server; closing twice is fine. */
  close() {
    this.#native.close()
  }

  [Symbol.dispose]() {
    this.close()
  }

  async [Symbol.asyncDispose]() {
    this.close()
  }
}

/** The seeded credentials and data the mock accepts, by their Rust names (`seed.PM415_ADMIN_API_KEY`). */
const seed = Object.freeze(JSON.parse(addon.mockSeed()))

module.exports = { MockServer, seed }
