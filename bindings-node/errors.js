'use strict'
// The error classes of orgkit. The native addon rejects with a plain Error
// whose `orgkit` property carries the error's kind and details; this file
// turns it into the class for that kind (by kind, never by message). The
// SDK has already scrubbed every secret the client holds out of them.

const KIND = Symbol('orgkit.kind')

/** Details every error carries (undefined where unknown), in `util.inspect` order. */
const FIELDS = ['status', 'code', 'requestId', 'retryAfter', 'provider', 'operation', 'method', 'host', 'path', 'attempts']

class OrgkitError extends Error {
  /**
   * @param {string} message the SDK's message: kind, status, operation,
   *   request (method, host, path) and attempts, then what went wrong
   * @param {object} [details] kind, status, code, requestId, retryAfter
   *   (milliseconds), fieldErrors, provider, operation, method, host, path,
   *   attempts, retryable, body, cause
   */
  constructor(message, details = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined)
    this.kind = details.kind ?? new.target[KIND] ?? 'Unknown'
    for (const f of FIELDS) this[f] = details[f] ?? undefined
    this.fieldErrors = details.fieldErrors ?? []
    this.retryable = details.retryable ?? false
    // The raw response body (capped, secrets scrubbed): kept for debugging, out of logs.
    Object.defineProperty(this, 'body', { value: details.body ?? undefined, enumerable: false, writable: true })
  }
}

/** The server answered with an error status. */
class ApiError extends OrgkitError {}
class BadRequestError extends ApiError {}
/** 401: missing or wrong credentials. */
class AuthenticationError extends ApiError {}
/** 403: the credentials do not allow this. */
class PermissionDeniedError extends ApiError {}
class NotFoundError extends ApiError {}
class ConflictError extends ApiError {}
class ValidationError extends ApiError {}
class RateLimitError extends ApiError {}
class ServerError extends ApiError {}
/** The server could not be reached, or the connection broke. */
class ConnectionError extends OrgkitError {}
/** An attempt's timeout or the call's deadline passed. */
class TimeoutError extends OrgkitError {}
/** The answer could not be read. */
class DecodeError extends OrgkitError {}
/** This provider has no such operation; raised before any request is sent. */
class UnsupportedError extends OrgkitError {}
/** An argument or option is wrong. */
class InvalidArgumentError extends OrgkitError {}
class WebhookVerificationError extends OrgkitError {}
/** The call was cancelled through its `AbortSignal`. */
class AbortError extends OrgkitError {}

const BY_KIND = {
  BadRequest: BadRequestError,
  Unauthorized: AuthenticationError,
  Forbidden: PermissionDeniedError,
  NotFound: NotFoundError,
  Conflict: ConflictError,
  Validation: ValidationError,
  RateLimited: RateLimitError,
  Server: ServerError,
  Connection: ConnectionError,
  Timeout: TimeoutError,
  Decode: DecodeError,
  Unsupported: UnsupportedError,
  InvalidArgument: InvalidArgumentError,
  WebhookVerification: WebhookVerificationError,
  Aborted: AbortError,
}

const classes = {
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
}

for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, enumerable: false, writable: true, configurable: true })
}
for (const [kind, cls] of Object.entries(BY_KIND)) {
  cls[KIND] = kind
}

// Status codes napi-rs gives errors it raises itself while converting
// arguments: a wrong type from the caller, reported as a TypeError.
const NAPI_ARGUMENT_CODES = new Set([
  'InvalidArg',
  'ObjectExpected',
  'StringExpected',
  'NameExpected',
  'FunctionExpected',
  'NumberExpected',
  'BooleanExpected',
  'ArrayExpected',
  'BigintExpected',
  'DateExpected',
  'ArrayBufferExpected',
  'DetachableArraybufferExpected',
])

/** The class instance for an error the native addon raised. */
function fromNative(error) {
  if (error instanceof OrgkitError) return error
  const info = error && typeof error === 'object' ? error.orgkit : undefined
  if (info && typeof info === 'object' && typeof info.kind === 'string') {
    const cls = BY_KIND[info.kind] ?? (info.status ? ApiError : OrgkitError)
    const details = { kind: info.kind, fieldErrors: info.fieldErrors, retryable: info.retryable, body: info.body }
    for (const f of FIELDS) details[f] = info[f]
    const e = new cls(info.message, details)
    return e
  }
  if (error instanceof Error && NAPI_ARGUMENT_CODES.has(error.code)) {
    return new TypeError(error.message)
  }
  return error
}

module.exports = { ...classes, fromNative }
