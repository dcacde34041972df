// Type-checked (tsc --strict --noEmit), never run: every public call of the
// package with its argument and result types, and every feature (request
// options, raw responses, logging, lifecycle, orgkit/testing), so that the
// generated surface.d.ts and the hand-written index.d.ts are proven.
import {
  Client,
  Paginator,
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
  type Organization,
  type Member,
  type Invite,
  type Project,
  type Task,
  type Document,
  type User,
  type Session,
  type RateLimit,
  type Page,
  type WebhookEvent,
  type WebhookHeaders,
  type ErrorKind,
  APIPromise,
  type ResponseInfo,
  type WithResponse,
  type RequestOptions,
  type OperationName,
  type Logger,
  type LogFields,
  type Id,
  type ListParams,
  type TaskScope,
  type NewProject,
  type ProjectSettingsInput,
  type InvitesAcceptParams,
  type Role,
  type TaskStatus,
  type ClientResources,
  type Members,
} from 'orgkit'
import { MockServer, seed, type RecordedRequest, type Fault } from 'orgkit/testing'

export async function everyCall(signal: AbortSignal): Promise<void> {
  const v: string = version
  const client = new Client({
    provider: 'pm415',
    baseUrl: 'http://localhost',
    token: 't',
    apiKey: 'k',
    sessionCookie: 's',
    timeout: 5_000,
    deadline: 30_000,
    maxRetries: 2,
    userAgent: `ua/${v}`,
    headers: { 'x-a': '1' },
    idempotencyKeys: true,
    systemRoots: false,
    logger: console,
    logLevel: 'debug',
  })
  const provider: 'ourganize' | 'orgstack' | 'achieveapex' | 'kaana' | 'pm415' = client.provider
  const caps: string[] = client.capabilities()
  const ops: OperationName[] = client.capabilities()
  const rl: RateLimit | null = client.rateLimit
  const reset: Date | undefined = rl?.reset
  const opts: RequestOptions = { signal, timeout: 1_000, deadline: 5_000, maxRetries: 1, headers: { 'x-trace': 'a' }, idempotencyKey: 'k' }

  const orgs: Paginator<Organization> = client.organizations.list({ limit: 50, search: 'a', status: 'active', sort: 'name', order: 'asc', signal })
  for await (const org of orgs) {
    const id: number | string = org.id
    const created: Date | undefined = org.createdAt
    const extra: Record<string, any> = org.extra
    void [id, created, extra]
  }
  for await (const page of orgs.pages()) {
    const p: Page<Organization> = page
    const total: number | undefined = p.total
    void total
  }
  const first: Page<Organization> = await orgs.firstPage()
  const all: Organization[] = await orgs.toArray(100)
  const org: Organization = await client.organizations.get(1, opts)
  await client.organizations.create({ name: 'n', type: 'customer', status: 'active', industry: 'i', website: 'w', description: 'd', metadata: { a: 1 } }, opts)
  await client.organizations.update('org_1', { name: 'm' }, opts)
  const deleted: void = await client.organizations.delete(1, opts)
  await client.organizations.duplicate(1, opts)
  await client.organizations.switch(2, opts)
  await client.organizations.current(opts)

  const members: Member[] = await client.members(1).list({ limit: 10, signal }).toArray()
  await client.members(1).add(2, 'admin', opts)
  await client.members(1).add(2)
  await client.members(1).add(2, undefined, opts)
  await client.members(1).remove(2)
  await client.members('1').setRole('2', 'member', opts)
  await client.members(1).remove([2, '3'], opts)
  await client.members(1).resetPasswords([2], opts)

  const invite: Invite = await client.invites.create({ email: 'a@b.c', organizationId: 1, role: 'member' }, opts)
  const token: string | undefined = invite.token
  await client.invites.validate('tok', opts)
  const accepted: Session = await client.invites.accept('tok', { email: 'a@b.c', password: 'pw' }, opts)

  const projects: Paginator<Project> = client.projects.list({ organizationId: 1, status: 'active', limit: 10, signal })
  const project: Project = await client.projects.get(1, opts)
  const isPublic: boolean | undefined = project.settings?.isPublic
  await client.projects.create({ name: 'p', description: 'd', settings: { isPublic: true, allowComments: false }, tags: ['x'] }, opts)
  await client.projects.update(1, { status: 'archived' }, opts)
  await client.projects.delete(1, opts)

  const tasks: Paginator<Task> = client.tasks.list({ projectId: 1, status: 'todo', limit: 10, signal })
  client.tasks.list({ organizationId: 1 })
  const task: Task = await client.tasks.get(1, opts)
  await client.tasks.create(1, { title: 't', dueDate: new Date() }, opts)
  await client.tasks.create(1, { title: 't', dueDate: '2030-01-01' })
  const done: Task = await client.tasks.update(1, { status: 'completed', completedAt: new Date() }, opts)
  const completedAt: Date | undefined = done.completedAt
  const completed: Task = await client.tasks.complete(1, opts)
  await client.tasks.delete(1, opts)

  const docs: Document[] = await client.documents(1).list({ signal }).toArray()
  const users: Paginator<User> = client.users.list({ limit: 5 })
  const me: User = await client.users.me(opts)
  await client.users.updateMe({ firstName: 'f', lastName: 'l', name: 'n', email: 'e' }, opts)
  const mine: Organization[] = await client.users.myOrganizations(opts)
  const session: Session = await client.auth.login({ email: 'e', password: 'p' }, opts)
  await client.auth.login({ username: 'u', password: 'p' })
  const raw: any = await client.request('GET', '/api/org', undefined, opts)
  await client.request('POST', '/x', { a: 1 })

  const headers: WebhookHeaders = webhooks.sign('secret', 'msg_1', '{}', new Date())
  webhooks.sign('secret', 'msg_1', Buffer.from('{}'), 1700000000)
  const event: WebhookEvent = webhooks.verify('secret', headers, '{}')
  webhooks.verify('secret', { 'webhook-id': ['a'] }, new Uint8Array())
  const when: Date = event.timestamp

  // Raw responses: every call is an APIPromise.
  const call: APIPromise<Project> = client.projects.get(1)
  const raw2: WithResponse<Project> = await call.withResponse()
  const info: ResponseInfo = raw2.response
  const status: number = info.status
  const requestId: string | undefined = info.requestId
  const attempts: number = info.attempts
  const header: string | undefined = info.headers['x-request-id']
  const limitLeft: number | undefined = info.rateLimit?.remaining
  const nothing: WithResponse<void> = await client.projects.delete(1).withResponse()
  const pageResponse: ResponseInfo | null = first.response
  const rawRequest = await client.request('GET', '/x').withResponse()
  const shape: TaskScope & ListParams = { projectId: '18446744073709551617', limit: 5, filters: { q: 'x' } }
  client.tasks.list({ ...shape, signal, timeout: 2_000 })
  const settings: ProjectSettingsInput = { isPublic: true }
  const newProject: NewProject = { name: 'n', settings, organizationId: 1 }
  await client.projects.create(newProject, { idempotencyKey: 'create-n' })
  const params: InvitesAcceptParams = { email: 'a@b.c', password: 'pw' }
  await client.invites.accept('tok', params)
  const role: Role = 'auditor'
  const status2: TaskStatus | undefined = task.status
  const id: Id = task.id
  const m: Members = client.members(id)
  await m.setRole(2, role)
  const resources: ClientResources = client
  const closed: boolean = client.closed
  client.close()
  await client[Symbol.asyncDispose]()
  client[Symbol.dispose]()

  // What the types reject.
  // @ts-expect-error durations are numbers (milliseconds)
  client.projects.get(1, { timeout: '5s' })
  // @ts-expect-error unknown request option
  client.projects.get(1, { retries: 1 })
  // @ts-expect-error a list takes one options object
  client.projects.list({ limit: 1 }, {})
  // @ts-expect-error accept's email and password are one object
  client.invites.accept('t', 'e', 'p')
  // @ts-expect-error settings are nested, not flattened
  client.projects.create({ name: 'n', isPublic: true })

  // Logging.
  const logger: Logger = {
    debug: (message: string, fields: LogFields) => console.debug(message, fields.operation),
    info: () => {},
    warn: () => {},
    error: () => {},
  }
  new Client({ provider: 'ourganize', logger, logLevel: 'off' })

  // orgkit/testing.
  const mock = new MockServer({ rateLimit: 10, rateWindow: 60_000 })
  const url: string = mock.baseUrl('ourganize')
  const fault: Fault = { provider: 'ourganize', method: 'GET', path: '/projects', times: 2, action: { status: 503 } }
  const queued: number = mock.inject([fault])
  const log: RecordedRequest[] = mock.requests({ provider: 'ourganize', method: 'GET' })
  const count: number = mock.requestCount('GET', '/projects')
  const key: string = seed.OURGANIZE_ADMIN_KEY
  mock.reset()
  mock.setRateLimit(5)
  mock.close()

  void [provider, caps, ops, reset, first, all, org, deleted, members, token, accepted, projects, isPublic, tasks, task, completed]
  void [status, requestId, attempts, header, limitLeft, nothing, pageResponse, rawRequest, status2, resources, closed]
  void [url, queued, log.map((r) => r.atMs + r.rawQuery), count, key]
  void [completedAt, docs, users, me, mine, session, raw, when]
}

export function errors(e: unknown): string {
  if (e instanceof AbortError) return 'aborted'
  if (e instanceof NotFoundError || e instanceof ConflictError || e instanceof BadRequestError) return e.message
  if (e instanceof AuthenticationError || e instanceof PermissionDeniedError) return String(e.status)
  if (e instanceof ValidationError) return e.fieldErrors.map((f) => `${f.field}: ${f.message}`).join()
  if (e instanceof RateLimitError) return String((e.retryAfter ?? 0) / 1000) // milliseconds
  if (e instanceof ServerError || e instanceof ApiError) return `${e.requestId} ${e.method} ${e.host}${e.path} ${e.attempts}`
  if (e instanceof ConnectionError || e instanceof TimeoutError || e instanceof DecodeError) return e.kind
  if (e instanceof UnsupportedError) return `${e.provider} ${e.operation}`
  if (e instanceof InvalidArgumentError || e instanceof WebhookVerificationError) return e.code ?? ''
  if (e instanceof OrgkitError) {
    const kind: ErrorKind | string = e.kind
    return `${kind} ${e.retryable}`
  }
  return new NotFoundError('x', { status: 404 }).name
}
