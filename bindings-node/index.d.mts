// Types for `import ... from 'orgkit'` (index.mjs): the same as the CommonJS entry.
export * from './index.js'
import * as orgkit from './index.js'
export default orgkit
