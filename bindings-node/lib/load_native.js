'use strict'
// Finds the native addon: first through the loader `napi build` generates
// (../native.js: a `.node` file next to the package, as a local build leaves
// it), then in the platform package npm installs as an optional dependency
// of `orgkit` (`@orgkit/linux-x64-gnu`, …). When neither is there the error
// names the missing package and how to get it, instead of napi's generic
// "Cannot find native binding" text. lib/addon.js calls `loadNative()`
// once; the rest is exported for the tests.

/** The platforms a release publishes a package for (see bindings-node/npm/). */
const PLATFORMS = [
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'darwin-x64',
  'darwin-arm64',
  'win32-x64-msvc',
]

const SCOPE = '@orgkit'

function isMusl() {
  try {
    const report = process.report && process.report.getReport()
    return !(report && report.header && report.header.glibcVersionRuntime)
  } catch {
    return false
  }
}

/** napi's name for a platform: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`. */
function platformTuple(platform = process.platform, arch = process.arch, musl) {
  if (platform === 'linux') {
    return `linux-${arch}-${(musl ?? isMusl()) ? 'musl' : 'gnu'}`
  }
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

function isNotFound(error, request) {
  return (
    error != null &&
    error.code === 'MODULE_NOT_FOUND' &&
    typeof error.message === 'string' &&
    error.message.includes(`'${request}'`)
  )
}

function missingBindingError(tuple, cause) {
  const pkg = `${SCOPE}/${tuple}`
  const fromSource = [
    'To build it from source (needs Rust and Node): clone the orgkit repository, then',
    '  cd bindings-node && npm ci && npm run build:release',
    'and use that folder as the package (npm install /path/to/bindings-node).',
  ]
  const lines = PLATFORMS.includes(tuple)
    ? [
        `orgkit: the native binding for ${tuple} is missing: the package ${pkg} is not installed.`,
        `npm installs it with orgkit as an optional dependency. Reinstall with optional dependencies:`,
        `  npm install orgkit            (not --omit=optional or --no-optional)`,
        `  npm install ${pkg}     (to add it by hand)`,
        `If node_modules or package-lock.json came from another platform, delete both and run npm install again.`,
        ...fromSource,
      ]
    : [
        `orgkit: no prebuilt native binding for ${tuple} (there are packages for ${PLATFORMS.join(', ')}).`,
        ...fromSource,
      ]
  const error = new Error(lines.join('\n'), { cause })
  error.code = 'ERR_ORGKIT_NATIVE_BINDING_MISSING'
  error.platformPackage = pkg
  return error
}

/**
 * Loads the addon. `options` replace the process's platform and the two
 * loaders, for the tests.
 */
function loadNative(options = {}) {
  const {
    platform = process.platform,
    arch = process.arch,
    musl,
    requireLoader = () => require('../native.js'),
    requirePackage = (name) => require(name),
  } = options
  let loaderError
  try {
    return requireLoader()
  } catch (error) {
    loaderError = error
  }
  const tuple = platformTuple(platform, arch, musl)
  const pkg = `${SCOPE}/${tuple}`
  try {
    return requirePackage(pkg)
  } catch (error) {
    if (!isNotFound(error, pkg)) {
      const broken = new Error(
        `orgkit: ${pkg} is installed but its native binding could not be loaded: ${error && error.message}`,
        { cause: error },
      )
      broken.code = 'ERR_ORGKIT_NATIVE_BINDING_LOAD'
      broken.platformPackage = pkg
      throw broken
    }
    throw missingBindingError(tuple, loaderError)
  }
}

module.exports = { PLATFORMS, SCOPE, platformTuple, loadNative, missingBindingError }
