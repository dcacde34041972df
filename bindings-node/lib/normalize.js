'use strict'
// Models after JSON.parse, shaped by the description the generator emits
// (lib/models.js): timestamps become Dates, nested models are normalized,
// a credential (a session's token) is not enumerable, and secret fields
// (an invite's token and link) stay out of util.inspect. No model is
// named here: a new model or field needs no change in this file.

const { inspect } = require('node:util')
const MODELS = require('./models.js')

const toDate = (v) => new Date(v)

/** util.inspect of a model without its hidden fields. */
function inspector(hidden) {
  return function () {
    const shown = { ...this }
    for (const k of hidden) delete shown[k]
    return shown
  }
}

// The description, in the form the loop below wants.
const PLAN = {}
for (const [name, d] of Object.entries(MODELS)) {
  PLAN[name] = {
    times: d.times ?? [],
    models: Object.entries(d.models ?? {}),
    credentials: d.credentials ?? [],
    inspect: d.hidden?.length ? inspector(d.hidden) : undefined,
  }
}

function one(plan, o) {
  if (o === null || typeof o !== 'object') return o
  for (let i = 0; i < plan.times.length; i++) {
    const k = plan.times[i]
    const v = o[k]
    if (v != null) o[k] = Array.isArray(v) ? v.map(toDate) : new Date(v)
  }
  for (let i = 0; i < plan.models.length; i++) {
    const [k, model] = plan.models[i]
    if (o[k] != null) normalize(model, o[k])
  }
  for (const k of plan.credentials) {
    if (k in o) Object.defineProperty(o, k, { value: o[k], enumerable: false, writable: false, configurable: true })
  }
  if (plan.inspect) {
    Object.defineProperty(o, inspect.custom, { value: plan.inspect, enumerable: false, configurable: true })
  }
  return o
}

/** `value` (one model of type `model`, or an array of them) normalized in place. */
function normalize(model, value) {
  const plan = PLAN[model]
  if (!plan || value === null || value === undefined) return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) one(plan, value[i])
    return value
  }
  return one(plan, value)
}

module.exports = { normalize }
