// ESM entry: the same objects as the CommonJS entry (one native addon, one
// set of error classes, so `instanceof` agrees across both).
import orgkit from './index.js'

export const {
  Client,
  Paginator,
  APIPromise,
  webhooks,
  version,
  OrgkitError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  ValidationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  TimeoutError,
  DecodeError,
  UnsupportedError,
  InvalidArgumentError,
  WebhookVerificationError,
  AbortError,
} = orgkit

export default orgkit
