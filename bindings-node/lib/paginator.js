'use strict'
// Lists as async iterables: pages are fetched one at a time, as consumed.

const { invoke } = require('./call.js')
const { pageItems } = require('./models.js')

/** A lazy list: `for await (const item of list)`, `.pages()`, `.firstPage()`. */
class Paginator {
  #fetchFirst
  #signal

  /**
   * @param {(callId?: number) => Promise<any>} fetchFirst starts the native
   *   call for the first page (a native page object with `nextPage`).
   * @param {AbortSignal} [signal]
   */
  constructor(fetchFirst, signal) {
    this.#fetchFirst = fetchFirst
    this.#signal = signal
  }

  /** The first page only: `{ items, total, hasNext }`. */
  async firstPage() {
    const page = await invoke(this.#signal, this.#fetchFirst)
    return toPage(page)
  }

  /** Every page, each `{ items, total, hasNext }`, fetched as the loop asks. */
  async *pages() {
    let page = await invoke(this.#signal, this.#fetchFirst)
    while (page) {
      const out = toPage(page)
      // An empty page ends the walk even if the server claims more.
      if (out.items.length === 0) return
      yield out
      if (!out.hasNext) return
      const current = page
      page = await invoke(this.#signal, (id) => current.nextPage(id))
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

function toPage(page) {
  return { items: pageItems(page), total: page.total ?? undefined, hasNext: page.hasNext }
}

module.exports = { Paginator }
