'use strict'
// The one place the native addon is loaded: everything else requires this
// module, so where the addon comes from (the napi-generated loader, a
// prebuilt package) changes here only.
module.exports = require('../native.js')
