'use strict'
// What every call returns: a Promise of its data that can also give the
// HTTP answer it came from, `await call.withResponse()` → `{ data,
// response }` (the pattern of openai-node's APIPromise). The native addon
// answers `response JSON + "\n" + data JSON`, so the data is parsed when
// awaited and the response only when asked for.

const { normalize } = require('./normalize.js')

/** The `{ status, headers, requestId, attempts, rateLimit }` of an answer's JSON. */
function parseResponse(text) {
  const response = JSON.parse(text)
  if (response?.rateLimit) normalize('RateLimit', response.rateLimit)
  return response
}

/** `[response text, data text]` of a native result. */
function split(text) {
  const cut = text.indexOf('\n')
  return [text.slice(0, cut), text.slice(cut + 1)]
}

class APIPromise extends Promise {
  #raw
  #parse
  #data

  /**
   * @param {Promise<string>} raw the native result, already started
   * @param {(data: any) => any} parse makes the JS value of the parsed data
   */
  constructor(raw, parse) {
    // The base promise is never used: then/catch/finally go to the parsed data.
    super((resolve) => resolve(undefined))
    this.#raw = raw
    this.#parse = parse
  }

  // Promise methods called on an APIPromise (`then`, `Promise.all`) make plain Promises.
  static get [Symbol.species]() {
    return Promise
  }

  #value() {
    this.#data ??= this.#raw.then((text) => this.#parse(JSON.parse(split(text)[1])))
    return this.#data
  }

  then(onFulfilled, onRejected) {
    return this.#value().then(onFulfilled, onRejected)
  }

  catch(onRejected) {
    return this.#value().catch(onRejected)
  }

  finally(onFinally) {
    return this.#value().finally(onFinally)
  }

  /** The data with the HTTP answer: `{ data, response: { status, headers, requestId, attempts, rateLimit } }`. */
  withResponse() {
    return this.#raw.then((text) => {
      const [response, data] = split(text)
      return { data: this.#parse(JSON.parse(data)), response: parseResponse(response) }
    })
  }
}

module.exports = { APIPromise, parseResponse, split }
