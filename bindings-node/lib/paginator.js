'use strict'
// Lists as async iterables: pages are fetched one at a time, as consumed,
// each through the native page handle of the one before.

const { invoke } = require('./invoke.js')
const { parseResponse, split } = require('./api_promise.js')
const { normalize } = require('./normalize.js')

/** One page: `items`, `total` (when the provider says), `hasNext`, and its HTTP `response`. */
class Page {
  #responseText
  #response

  constructor(items, total, hasNext, responseText) {
    this.items = items
    this.total = total
    this.hasNext = hasNext
    this.#responseText = responseText
  }

  /** `{ status, headers, requestId, attempts, rateLimit }` of the answer this page came in. */
  get response() {
    if (this.#response === undefined) {
      this.#response = this.#responseText === 'null' ? null : parseResponse(this.#responseText)
    }
    return this.#response
  }
}

function toPage(native, model) {
  const [response, body] = split(native.take())
  const page = JSON.parse(body)
  return new Page(normalize(model, page.items), page.total, page.hasNext, response)
}

/** A lazy list: `for await (const item of list)`, `.pages()`, `.firstPage()`, `.toArray()`. */
class Paginator {
  #fetchFirst
  #signal
  #model

  /**
   * @param {(callId?: number) => Promise<any>} fetchFirst starts the native
   *   call for the first page (a native page with `nextPage`)
   * @param {AbortSignal} [signal]
   * @param {string} model the items' model
   */
  constructor(fetchFirst, signal, model) {
    this.#fetchFirst = fetchFirst
    this.#signal = signal
    this.#model = model
  }

  /** The first page only. */
  async firstPage() {
    return toPage(await invoke(this.#signal, this.#fetchFirst), this.#model)
  }

  /** Every page, fetched as the loop asks. */
  async *pages() {
    let native = await invoke(this.#signal, this.#fetchFirst)
    while (native) {
      const page = toPage(native, this.#model)
      // An empty page ends the walk even if the server claims more.
      if (page.items.length === 0) return
      yield page
      if (!page.hasNext) return
      const current = native
      native = await invoke(this.#signal, (id) => current.nextPage(id))
    }
  }

  /** Every item across every page. */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) {
      yield* page.items
    }
  }

  /** All items in an array; rejects with a RangeError past `max` items. */
  async toArray(max = 10000) {
    const out = []
    for await (const item of this) {
      if (out.length >= max) throw new RangeError(`toArray: more than ${max} items; raise max or iterate with for await`)
      out.push(item)
    }
    return out
  }
}

module.exports = { Paginator, Page }
