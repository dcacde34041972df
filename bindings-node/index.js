'use strict'
// orgkit: one typed client for five organization-management REST APIs.
// `Client` and its resources live in lib/client.js, lists in
// lib/paginator.js, errors in errors.js; the native addon does the work.

const native = require('./lib/native.js')
const errors = require('./errors.js')
const { Client } = require('./lib/client.js')
const { Paginator } = require('./lib/paginator.js')
const webhooks = require('./lib/webhooks.js')

const { fromNative, ...errorClasses } = errors

module.exports = {
  Client,
  Paginator,
  webhooks,
  version: native.version(),
  ...errorClasses,
}
