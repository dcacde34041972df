// Public types of the `orgkit` package. The models, inputs, enums and
// resources are generated from the SDK's surface (surface.d.ts, re-exported
// here); the client, options, promises, lists, errors and webhooks below
// are the hand-written JS layer.

import type {
  ClientResources,
  ErrorKind,
  InvitesAcceptParams,
  Invite,
  ListParams,
  Login,
  NewTask,
  OperationName,
  Project,
  Provider,
  RateLimit,
  Task,
  TaskPatch,
  TaskScope,
} from './surface'

export * from './surface'

/**
 * An id: a `number` when it is a safe integer (|n| ≤ 2^53 − 1), otherwise a
 * decimal `string` with the same digits (ids above 2^53 come back as
 * strings and go out unchanged), or the provider's own string id.
 */
export type Id = number | string

/** A date-time argument: a `Date` or an RFC 3339 / ISO 8601 string. */
export type DateInput = Date | string

/** Headers as a plain object, a `Headers`, a `Map` or `[name, value]` pairs. */
export type HeadersInput = Record<string, string | string[] | undefined> | Iterable<[string, string]>

/** What reaches a `logger`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'off'

/** An event's fields: `operation`, `provider`, `method`, `host`, `path`, `status`, `attempt`, `durationMs`, `reason`, `backoffMs`, …; never a secret, header or query. */
export type LogFields = Record<string, string | number>

/** Where a client's log events go (`console` will do). */
export interface Logger {
  debug(message: string, fields: LogFields): void
  info(message: string, fields: LogFields): void
  warn(message: string, fields: LogFields): void
  error(message: string, fields: LogFields): void
}

export interface ClientOptions {
  provider: Provider
  /** Overrides the provider's default base URL (required for orgstack); default `ORGKIT_<PROVIDER>_BASE_URL`. */
  baseUrl?: string
  /** Sent as `Authorization: Bearer` (default `ORGKIT_<PROVIDER>_TOKEN` when no credential is given). */
  token?: string
  /** achieveapex: `x-api-key`; others: Bearer (default `ORGKIT_<PROVIDER>_API_KEY`). */
  apiKey?: string
  /** kaana: the `connect.sid` session cookie (default `ORGKIT_<PROVIDER>_SESSION_COOKIE`). */
  sessionCookie?: string
  /** Per attempt, in milliseconds (default 30 000). */
  timeout?: number
  /** For the whole call, every retry and backoff included, in milliseconds. */
  deadline?: number
  /** Attempts after the first (default 2). */
  maxRetries?: number
  userAgent?: string
  /** Extra headers sent with every request. */
  headers?: HeadersInput
  /** Send an `Idempotency-Key` with each POST/PATCH so they may be retried. */
  idempotencyKeys?: boolean
  /** Trust the operating system's certificate store instead of the bundled webpki roots. */
  systemRoots?: boolean
  /** Receives the client's log events (without one, `ORGKIT_LOG=debug|info|warn` prints them to stderr). */
  logger?: Logger
  /** What reaches `logger` (default: `ORGKIT_LOG`, else `warn`): `warn` retries and failed calls, `info` every call, `debug` every attempt. */
  logLevel?: LogLevel
}

/** Every call accepts these as its last argument (a list: inside its options object); each wins over the client's. */
export interface RequestOptions {
  /** Per attempt, in milliseconds. */
  timeout?: number
  /** For the whole call, every retry and backoff included, in milliseconds. */
  deadline?: number
  /** Attempts after the first. */
  maxRetries?: number
  /** Extra headers for this call. */
  headers?: HeadersInput
  /** The `Idempotency-Key` of a POST/PATCH; with one, the call is retried like a GET. */
  idempotencyKey?: string
  /** Cancels the call (the request, or a retry's backoff sleep); the Promise rejects with `AbortError`. */
  signal?: AbortSignal
}

/** The HTTP side of an answer. */
export interface ResponseInfo {
  /** The HTTP status of the last attempt. */
  status: number
  /** The response headers, lowercase names; a repeated header's values joined with `, `. */
  headers: Record<string, string>
  /** The server's request id (`x-request-id`, …). */
  requestId?: string
  /** How many attempts the call took (1 when no retry was needed). */
  attempts: number
  /** The rate-limit state this answer reported. */
  rateLimit?: RateLimit
}

export interface WithResponse<T> {
  data: T
  response: ResponseInfo
}

/** What every call returns: a Promise of its data that can also give the HTTP answer. */
export declare class APIPromise<T> extends Promise<T> {
  private constructor()
  /** The data with the HTTP answer it came from. */
  withResponse(): Promise<WithResponse<T>>
}

/** One page of a list. */
export interface Page<T> {
  items: T[]
  /** Total items across all pages, when the provider says. */
  total?: number
  hasNext: boolean
  /** The HTTP answer this page came in. */
  readonly response: ResponseInfo | null
}

/** A lazy list: `for await (const item of list)`; pages are fetched as consumed. */
export declare class Paginator<T> implements AsyncIterable<T> {
  private constructor()
  [Symbol.asyncIterator](): AsyncIterator<T>
  /** Page by page. */
  pages(): AsyncIterable<Page<T>>
  /** The first page only. */
  firstPage(): Promise<Page<T>>
  /** All items; rejects with a `RangeError` past `max` (default 10000). */
  toArray(max?: number): Promise<T[]>
}

/**
 * A client for one provider. Throws `TypeError` or `InvalidArgumentError`
 * on a bad option. A list of an operation the provider lacks throws
 * `UnsupportedError` when it is created; any other such call rejects with
 * it; nothing is sent either way.
 */
export declare class Client extends ClientResources {
  constructor(options: ClientOptions)
  readonly provider: Provider
  readonly baseUrl: string
  /** The last rate-limit state a response reported, or `null`. */
  readonly rateLimit: RateLimit | null
  /** Whether `close()` was called. */
  readonly closed: boolean
  /** The operations this provider supports, as `"organizations.list"`, `"members.set_role"`, … */
  capabilities(): OperationName[]
  /** Any request the typed surface lacks: same auth, retries and errors; the JSON answer as is (`null` when empty). */
  request(method: string, path: string, body?: unknown, options?: RequestOptions): APIPromise<any>
  /** Drops idle connections; later calls reject at once with `InvalidArgumentError`. */
  close(): void
  [Symbol.asyncDispose](): Promise<void>
  [Symbol.dispose](): void
}

// Names of 0.1, kept.
/** The options of a list call. */
export type ListOptions = ListParams
/** The options of `tasks.list`: exactly one of `projectId` (ourganize) and `organizationId` (kaana), and the list options. */
export type TaskListOptions = TaskScope & ListParams
export type LoginCredentials = Login
export type InviteCredentials = InvitesAcceptParams
export type NewTaskInput = NewTask
export type TaskPatchInput = TaskPatch

export interface FieldError {
  field: string
  message: string
}

export interface ErrorDetails {
  kind?: ErrorKind | (string & {})
  status?: number
  code?: string
  requestId?: string
  /** Milliseconds. */
  retryAfter?: number
  fieldErrors?: FieldError[]
  provider?: string
  operation?: string
  method?: string
  host?: string
  path?: string
  attempts?: number
  retryable?: boolean
  body?: string
  cause?: unknown
}

/**
 * Every orgkit error. `message` is the SDK's: kind, status, operation,
 * request and attempts, then what went wrong, e.g. `NotFound (404) in
 * projects.get on GET api.example.com/projects/42 after 1 attempt:
 * Project 42 not found [NOT_FOUND]`. No secret the client holds (its
 * credentials, passwords and tokens it has sent or received) appears in
 * any of its properties, however a server echoed it.
 */
export declare class OrgkitError extends Error {
  constructor(message: string, details?: ErrorDetails)
  readonly kind: ErrorKind | (string & {})
  /** The HTTP status, when a server answered. */
  readonly status: number | undefined
  /** The provider's own error code (`VALIDATION_ERROR`, `NotFound`, …). */
  readonly code: string | undefined
  readonly requestId: string | undefined
  /** Milliseconds to wait before trying again, when the server said. */
  readonly retryAfter: number | undefined
  readonly fieldErrors: FieldError[]
  readonly provider: string | undefined
  /** The unified operation, e.g. `"organizations.get"`. */
  readonly operation: string | undefined
  /** The HTTP method of the request that failed. */
  readonly method: string | undefined
  /** Its host (and port). */
  readonly host: string | undefined
  /** Its path, without the query string. */
  readonly path: string | undefined
  /** How many attempts were made. */
  readonly attempts: number | undefined
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean
  /** The response body (capped, secrets scrubbed), for API and decode errors; not enumerable. */
  readonly body: string | undefined
}
export declare class ApiError extends OrgkitError {}
export declare class BadRequestError extends ApiError {}
export declare class AuthenticationError extends ApiError {}
export declare class PermissionDeniedError extends ApiError {}
export declare class NotFoundError extends ApiError {}
export declare class ConflictError extends ApiError {}
export declare class ValidationError extends ApiError {}
export declare class RateLimitError extends ApiError {}
export declare class ServerError extends ApiError {}
export declare class ConnectionError extends OrgkitError {}
export declare class TimeoutError extends OrgkitError {}
export declare class DecodeError extends OrgkitError {}
export declare class UnsupportedError extends OrgkitError {}
export declare class InvalidArgumentError extends OrgkitError {}
export declare class WebhookVerificationError extends OrgkitError {}
export declare class AbortError extends OrgkitError {}

export type WebhookBody = string | Uint8Array | ArrayBuffer
export type WebhookHeadersInput =
  | Record<string, string | string[] | undefined>
  | { entries(): IterableIterator<[string, string]> }

export type WebhookHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** A verified webhook delivery. */
export interface WebhookEvent {
  /** The `webhook-id` (use it to drop duplicate deliveries). */
  id: string
  /** `project.created`, `task.completed`, … (unknown types pass through). */
  eventType: string
  /** When it was sent (`webhook-timestamp`). */
  timestamp: Date
  /** The typed object the event is about, or the raw `data` when it is unknown. */
  data: Project | Task | Invite | any
  /** The whole payload as sent (out of `util.inspect`: it may carry an invite token). */
  payload: any
}

export declare const webhooks: {
  /**
   * Checks the signature and age (5 minutes either way of `options.now`,
   * default the current time) of a delivery; throws `WebhookVerificationError`.
   */
  verify(
    secret: string,
    headers: WebhookHeadersInput,
    body: WebhookBody,
    options?: { now?: Date | number },
  ): WebhookEvent
  /** The three `webhook-*` headers for `body`; `timestamp` is a Date or unix seconds (default now). */
  sign(secret: string, msgId: string, body: WebhookBody, timestamp?: Date | number): WebhookHeaders
}

/** The package version. */
export declare const version: string
