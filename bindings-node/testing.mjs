// ESM entry of `orgkit/testing`: the same objects as the CommonJS one.
import testing from './testing.js'

export const { MockServer, seed } = testing
export default testing
