'use strict'
// The one place the native addon is loaded: everything else requires this
// module. load_native.js finds it (a local build's `.node`, else the
// platform package) and names the missing package when there is none.
module.exports = require('./load_native.js').loadNative()
