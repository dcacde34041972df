// Types for `import ... from 'orgkit/testing'` (testing.mjs): the same as the CommonJS entry.
export * from './testing.js'
import * as testing from './testing.js'
export default testing
