// Public types of the `orgkit` package. The models and input objects are
// generated from the Rust source by `napi build --dts` (native.d.ts); the
// client, lists, errors and webhooks below are the hand-written JS layer.

import type {
  Organization,
  Member,
  Invite,
  Project,
  ProjectSettings,
  Task,
  Document,
  User,
  Session,
  RateLimit,
  ListOptions,
  TaskListOptions,
  NewOrganization,
  OrganizationPatch,
  NewProject,
  ProjectPatch,
  NewTask,
  TaskPatch,
  UserPatch,
  NewInvite,
  FieldErrorInfo,
  WebhookEvent,
} from './native'

export type {
  Organization,
  Member,
  Invite,
  Project,
  ProjectSettings,
  Task,
  Document,
  User,
  Session,
  RateLimit,
  ListOptions,
  TaskListOptions,
  NewOrganization,
  OrganizationPatch,
  NewProject,
  ProjectPatch,
  NewTask,
  TaskPatch,
  UserPatch,
  NewInvite,
  WebhookEvent,
}

/** The five providers orgkit speaks to. */
export type Provider = 'ourganize' | 'orgstack' | 'achieveapex' | 'kaana' | 'pm415'

/** An id: a number or a string, as the provider uses it. */
export type Id = number | string

/** `admin`, `member`, `owner`, `pending` (case-insensitive), or a provider's own role. */
export type Role = 'owner' | 'admin' | 'member' | 'pending' | (string & {})

export interface ClientOptions {
  provider: Provider
  /** Overrides the provider's default base URL (required for orgstack). */
  baseUrl?: string
  /** Sent as `Authorization: Bearer`. */
  token?: string
  /** achieveapex: `x-api-key`; others: Bearer. */
  apiKey?: string
  /** kaana: the `connect.sid` session cookie. */
  sessionCookie?: string
  /** Per attempt, in seconds (default 30). */
  timeout?: number
  /** For the whole call, every retry and backoff included, in seconds. */
  deadline?: number
  /** Attempts after the first (default 2). */
  maxRetries?: number
  userAgent?: string
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | Iterable<[string, string]>
  /** Send an `Idempotency-Key` with each POST/PATCH so they may be retried. */
  idempotencyKeys?: boolean
  /** Trust the operating system's certificate store instead of the bundled webpki roots. */
  systemRoots?: boolean
}

/** Every call accepts these as its last argument. */
export interface RequestOptions {
  /** Cancels the call (the request, or a retry's backoff sleep); the Promise rejects with `AbortError`. */
  signal?: AbortSignal
}

export interface LoginCredentials {
  email?: string
  username?: string
  password: string
}

export interface InviteCredentials {
  email: string
  password: string
}

/** One page of a list. */
export interface Page<T> {
  items: T[]
  /** Total items across all pages, when the provider says. */
  total?: number
  hasNext: boolean
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

export declare class Organizations {
  private constructor()
  list(options?: ListOptions & RequestOptions): Paginator<Organization>
  get(id: Id, options?: RequestOptions): Promise<Organization>
  create(organization: NewOrganization, options?: RequestOptions): Promise<Organization>
  update(id: Id, patch: OrganizationPatch, options?: RequestOptions): Promise<Organization>
  delete(id: Id, options?: RequestOptions): Promise<void>
  /** kaana: a copy of the organization. */
  duplicate(id: Id, options?: RequestOptions): Promise<Organization>
  /** pm415: the client adopts the token scoped to the new organization. */
  switch(id: Id, options?: RequestOptions): Promise<Organization>
  /** pm415: the organization the current token is scoped to. */
  current(options?: RequestOptions): Promise<Organization>
}

/** The people of one organization: `client.members(org)`. */
export declare class Members {
  private constructor()
  list(options?: ListOptions & RequestOptions): Paginator<Member>
  /** kaana. */
  add(person: Id, role?: Role, options?: RequestOptions): Promise<void>
  /** pm415 grants (admin) or revokes (member) admin rights; kaana sets the role. */
  setRole(person: Id, role: Role, options?: RequestOptions): Promise<void>
  remove(people: Id[] | Id, options?: RequestOptions): Promise<void>
  /** pm415. */
  resetPasswords(people: Id[] | Id, options?: RequestOptions): Promise<void>
}

export declare class Invites {
  private constructor()
  create(invite: NewInvite, options?: RequestOptions): Promise<Invite>
  /** pm415: who an invite token belongs to (no credentials needed). */
  validate(token: string, options?: RequestOptions): Promise<Invite>
  /** pm415: accepts the invite by logging in with it; the client then uses the returned token. */
  accept(token: string, credentials: InviteCredentials, options?: RequestOptions): Promise<Session>
}

export declare class Projects {
  private constructor()
  /** kaana lists per organization: pass `organizationId`. */
  list(options?: ListOptions & RequestOptions): Paginator<Project>
  get(id: Id, options?: RequestOptions): Promise<Project>
  create(project: NewProject, options?: RequestOptions): Promise<Project>
  update(id: Id, patch: ProjectPatch, options?: RequestOptions): Promise<Project>
  delete(id: Id, options?: RequestOptions): Promise<void>
}

/** Date fields also accept ISO 8601 strings. */
export type DateInput = Date | string
export type NewTaskInput = Omit<NewTask, 'dueDate'> & { dueDate?: DateInput }
export type TaskPatchInput = Omit<TaskPatch, 'dueDate' | 'completedAt'> & {
  dueDate?: DateInput
  completedAt?: DateInput
}

export declare class Tasks {
  private constructor()
  /** ourganize lists a project's tasks (`projectId`), kaana an organization's (`organizationId`). */
  list(options: TaskListOptions & RequestOptions): Paginator<Task>
  get(id: Id, options?: RequestOptions): Promise<Task>
  create(projectId: Id, task: NewTaskInput, options?: RequestOptions): Promise<Task>
  update(id: Id, patch: TaskPatchInput, options?: RequestOptions): Promise<Task>
  delete(id: Id, options?: RequestOptions): Promise<void>
}

export declare class Documents {
  private constructor()
  list(options?: ListOptions & RequestOptions): Paginator<Document>
}

export declare class Users {
  private constructor()
  /** ourganize: every user (admin keys only). */
  list(options?: ListOptions & RequestOptions): Paginator<User>
  me(options?: RequestOptions): Promise<User>
  updateMe(patch: UserPatch, options?: RequestOptions): Promise<User>
  /** pm415: the caller's organizations, with the caller's role in each. */
  myOrganizations(options?: RequestOptions): Promise<Organization[]>
}

export declare class Auth {
  private constructor()
  /** Logs in; on success the client sends the returned token. `session.token` is not enumerable. */
  login(credentials: LoginCredentials, options?: RequestOptions): Promise<Session>
}

/** A client for one provider. Throws `TypeError` or `InvalidArgumentError` on a bad option. */
export declare class Client {
  constructor(options: ClientOptions)
  readonly provider: Provider
  readonly baseUrl: string
  /** The last rate-limit state a response reported, or `null`. */
  readonly rateLimit: RateLimit | null
  /** The operations this provider supports, as `"organizations.list"`, `"members.set_role"`, … */
  capabilities(): string[]
  readonly organizations: Organizations
  members(organization: Id): Members
  readonly invites: Invites
  readonly projects: Projects
  readonly tasks: Tasks
  documents(organization: Id): Documents
  readonly users: Users
  readonly auth: Auth
  /** Any request the typed surface lacks: same auth, retries and errors; the JSON answer as is (`null` when empty). */
  request(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<any>
}

/** The kinds errors are mapped by (the same names in Rust and Python). */
export type ErrorKind =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'Validation'
  | 'RateLimited'
  | 'Server'
  | 'Timeout'
  | 'Connection'
  | 'Decode'
  | 'Unsupported'
  | 'InvalidArgument'
  | 'WebhookVerification'
  | 'Aborted'

export interface FieldError {
  field: string
  message: string
}

export interface ErrorDetails {
  kind?: ErrorKind | (string & {})
  status?: number
  code?: string
  requestId?: string
  retryAfter?: number
  fieldErrors?: FieldError[]
  provider?: string
  operation?: string
  retryable?: boolean
  body?: string
  cause?: unknown
}

export declare class OrgkitError extends Error {
  constructor(message: string, details?: ErrorDetails)
  readonly kind: ErrorKind | (string & {})
  /** The HTTP status, when a server answered. */
  readonly status: number | undefined
  /** The provider's own error code (`VALIDATION_ERROR`, `NotFound`, …). */
  readonly code: string | undefined
  readonly requestId: string | undefined
  /** Seconds to wait before trying again, when the server said. */
  readonly retryAfter: number | undefined
  readonly fieldErrors: FieldError[]
  readonly provider: string | undefined
  /** The unified operation, e.g. `"organizations.get"`. */
  readonly operation: string | undefined
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean
  /** The response body (capped), for API and decode errors; not enumerable. */
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
