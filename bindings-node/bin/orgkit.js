#!/usr/bin/env node
'use strict'
// The `orgkit` command line: the Rust core's (`orgkit --help`), run from
// this package's native addon.
const { runCli } = require('../lib/addon.js')

process.exitCode = runCli(['orgkit', ...process.argv.slice(2)])
