'use strict'
// Models arrive from the addon as JSON (built in Rust, off this thread; see
// src/json.rs) with timestamps as epoch milliseconds: `JSON.parse` and a
// `Date` per timestamp are several times cheaper than building each object
// property by property through N-API. Where JSON could not carry a value
// exactly (an integer beyond 2^53 in `extra`, …) the addon sends the object
// itself, already built; it passes through unchanged.

// Every model's timestamp fields (each model has a subset; none has another
// field by these names, and `extra` is left alone).
const TIMESTAMPS = ['createdAt', 'updatedAt', 'dueDate', 'completedAt', 'expiresAt']

function dates(o) {
  for (let i = 0; i < TIMESTAMPS.length; i++) {
    const k = TIMESTAMPS[i]
    const v = o[k]
    if (v !== undefined) o[k] = new Date(v)
  }
  return o
}

/** A model from the addon: its JSON, or the object when JSON could not carry it. */
function model(r) {
  return typeof r === 'string' ? dates(JSON.parse(r)) : r
}

/** A list of models from the addon, as `model`. */
function models(r) {
  if (typeof r !== 'string') return r
  const items = JSON.parse(r)
  for (let i = 0; i < items.length; i++) dates(items[i])
  return items
}

/** The items of a native page. */
function pageItems(page) {
  const json = page.itemsJson
  return json == null ? page.items : models(json)
}

module.exports = { model, models, pageItems }
