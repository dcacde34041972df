'use strict'
// Runs one native call as a Promise, wired to its AbortSignal: aborting
// cancels the call natively (the HTTP request, or a retry's backoff sleep,
// is dropped) and rejects with AbortError. Native errors become the
// error classes of errors.js.

const addon = require('./addon.js')
const { fromNative, AbortError } = require('../errors.js')

function abortError(signal) {
  return new AbortError('The operation was aborted', { kind: 'Aborted', cause: signal.reason })
}

function rethrowNative(e) {
  throw fromNative(e)
}

/**
 * Starts `start(callId)` (a native call returning a Promise) unless `signal`
 * is already aborted, and cancels it natively when `signal` aborts: the
 * HTTP request, or a retry's backoff sleep, is dropped.
 */
function invoke(signal, start) {
  if (signal?.aborted) return Promise.reject(abortError(signal))
  const id = signal ? addon.newCallId() : undefined
  let promise
  try {
    promise = start(id)
  } catch (e) {
    return Promise.reject(fromNative(e))
  }
  if (!signal) return promise.catch(rethrowNative)
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      addon.cancel(id)
      reject(abortError(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(fromNative(e))
      },
    )
  })
}

module.exports = { invoke }
