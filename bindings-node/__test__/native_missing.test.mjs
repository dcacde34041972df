// When the platform package is missing, `require('orgkit')` names it and
// says how to get it, instead of napi's "Cannot find native binding" text.
import test from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { loadNative, platformTuple, PLATFORMS } = require('../lib/load_native.js')

function notFound(request) {
  const e = new Error(`Cannot find module '${request}'`)
  e.code = 'MODULE_NOT_FOUND'
  return e
}
const napiFailure = () => {
  throw new Error('Cannot find native binding. npm has a bug related to optional dependencies')
}

test('a missing platform package is named, with how to install it', () => {
  const asked = []
  assert.throws(
    () =>
      loadNative({
        platform: 'darwin',
        arch: 'arm64',
        requireLoader: napiFailure,
        requirePackage: (name) => {
          asked.push(name)
          throw notFound(name)
        },
      }),
    (e) => {
      assert.equal(e.code, 'ERR_ORGKIT_NATIVE_BINDING_MISSING')
      assert.equal(e.platformPackage, '@orgkit/darwin-arm64')
      assert.match(e.message, /the package @orgkit\/darwin-arm64 is not installed/)
      assert.match(e.message, /npm install orgkit/)
      assert.match(e.message, /npm install @orgkit\/darwin-arm64/)
      assert.match(e.message, /optional/)
      assert.match(e.message, /npm run build:release/)
      assert.doesNotMatch(e.message, /npm has a bug/)
      assert.match(e.cause.message, /Cannot find native binding/)
      return true
    },
  )
  assert.deepEqual(asked, ['@orgkit/darwin-arm64'])
})

test('a platform without a prebuilt package says to build from source', () => {
  assert.throws(
    () =>
      loadNative({
        platform: 'freebsd',
        arch: 'x64',
        requireLoader: napiFailure,
        requirePackage: (name) => {
          throw notFound(name)
        },
      }),
    (e) => {
      assert.match(e.message, /no prebuilt native binding for freebsd-x64/)
      assert.match(e.message, /linux-x64-gnu, linux-arm64-gnu/)
      assert.match(e.message, /build it from source/)
      return true
    },
  )
})

test('an installed package that fails to load says so, with the cause', () => {
  const dlopen = new Error('libc.so.6: version `GLIBC_2.99` not found')
  assert.throws(
    () =>
      loadNative({
        platform: 'linux',
        arch: 'x64',
        musl: false,
        requireLoader: napiFailure,
        requirePackage: () => {
          throw dlopen
        },
      }),
    (e) => {
      assert.equal(e.code, 'ERR_ORGKIT_NATIVE_BINDING_LOAD')
      assert.match(e.message, /@orgkit\/linux-x64-gnu is installed but/)
      assert.match(e.message, /GLIBC_2\.99/)
      assert.equal(e.cause, dlopen)
      return true
    },
  )
})

test('the local build wins; the platform package is the fallback', () => {
  const local = { from: 'local' }
  const packaged = { from: 'package' }
  assert.equal(loadNative({ requireLoader: () => local, requirePackage: () => packaged }), local)
  assert.equal(loadNative({ requireLoader: napiFailure, requirePackage: () => packaged }), packaged)
})

test('platform names follow napi and the published package list', () => {
  assert.equal(platformTuple('linux', 'x64', false), 'linux-x64-gnu')
  assert.equal(platformTuple('linux', 'x64', true), 'linux-x64-musl')
  assert.equal(platformTuple('linux', 'arm64', false), 'linux-arm64-gnu')
  assert.equal(platformTuple('darwin', 'x64'), 'darwin-x64')
  assert.equal(platformTuple('win32', 'x64'), 'win32-x64-msvc')
  const npmDirs = path.join(pkg, 'npm')
  for (const tuple of PLATFORMS) {
    const manifest = require(path.join(npmDirs, tuple, 'package.json'))
    assert.equal(manifest.name, `@orgkit/${tuple}`)
  }
})

test('require("orgkit") without its binding names the missing package (real load, copied package)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'orgkit-nobinding-'))
  try {
    const copy = path.join(dir, 'node_modules', 'orgkit')
    // Everything the published main package has, and no .node file.
    for (const f of ['package.json', 'index.js', 'index.mjs', 'errors.js', 'lib', 'native.js']) {
      if (existsSync(path.join(pkg, f))) cpSync(path.join(pkg, f), path.join(copy, f), { recursive: true })
    }
    const run = spawnSync(process.execPath, ['-e', "require('orgkit')"], { cwd: dir, encoding: 'utf8' })
    assert.notEqual(run.status, 0)
    const tuple = platformTuple()
    assert.match(run.stderr, new RegExp(`@orgkit/${tuple} is not installed`))
    assert.match(run.stderr, /ERR_ORGKIT_NATIVE_BINDING_MISSING/)
    assert.doesNotMatch(run.stderr.split('[cause]')[0], /npm has a bug/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
