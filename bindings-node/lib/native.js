'use strict'
// The native addon: the single place it is loaded (see load_native.js).

module.exports = require('./load_native.js').loadNative()
