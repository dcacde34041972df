'use strict'
// orgkit: one typed client for five organization-management REST APIs.
// `Client` is lib/client.js (its resources are generated: lib/resources.js),
// calls go through lib/call.js to the native addon, lists are
// lib/paginator.js, errors errors.js.

const addon = require('./lib/addon.js')
const errors = require('./errors.js')
const { Client } = require('./lib/client.js')
const { Paginator } = require('./lib/paginator.js')
const { APIPromise } = require('./lib/api_promise.js')
const webhooks = require('./lib/webhooks.js')

const { fromNative, ...errorClasses } = errors

module.exports = {
  Client,
  Paginator,
  APIPromise,
  webhooks,
  version: addon.version(),
  ...errorClasses,
}
