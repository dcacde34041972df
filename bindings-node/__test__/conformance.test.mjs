// Runs the language-neutral conformance scenarios (tests/conformance/scenarios)
// with the Node bindings against one orgkit-mock subprocess, reset before
// every scenario. The format, the calls and the matching rules are specified
// in tests/conformance/README.md; keep this file in step with it.
// ORGKIT_SCENARIO=<text> runs only the scenarios whose name contains it.
import test, { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client, OrgkitError } from 'orgkit'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SCENARIO_DIR = join(REPO, 'tests', 'conformance', 'scenarios')
const MOCK_BIN =
  process.env.ORGKIT_MOCK_BIN ?? join(REPO, 'target', 'x86_64-unknown-linux-gnu', 'debug', 'orgkit-mock')
const MAX_ITEMS = 10_000

function loadScenarios() {
  const only = process.env.ORGKIT_SCENARIO ?? ''
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(SCENARIO_DIR, f), 'utf8')).scenarios)
    .filter((s) => s.name.includes(only))
}

// ------------------------------------------------------------------ the mock

let mockProcess
let mockUrl

before(async () => {
  mockProcess = spawn(MOCK_BIN, ['--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: mockProcess.stdout })
  mockUrl = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(line.trim()))
    mockProcess.once('error', reject)
    mockProcess.once('exit', (code) => reject(new Error(`orgkit-mock exited with ${code}`)))
  })
  assert.match(mockUrl, /^http:\/\//)
})

after(() => {
  mockProcess?.stdin.end()
})

async function control(method, path, body) {
  const res = await fetch(`${mockUrl}/__mock${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`mock ${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

function received(method, path) {
  const q = new URLSearchParams({ method: method ?? '', path: path ?? '/' })
  return control('GET', `/requests?${q}`)
}

// -------------------------------------------------------------- placeholders

function httpDate(offsetSeconds) {
  const whole = Math.ceil(Date.now() / 1000)
  return new Date((whole + offsetSeconds) * 1000).toUTCString()
}

function expand(value) {
  if (typeof value === 'string' && value.startsWith('{{') && value.endsWith('}}')) {
    const m = /^\{\{http_date:([+-]?\d+)s\}\}$/.exec(value)
    if (!m) throw new Error(`unknown placeholder ${value}`)
    return httpDate(Number(m[1]))
  }
  if (Array.isArray(value)) return value.map(expand)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

// ---------------------------------------------------------- calls and results

class BrokenScenario extends Error {}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase())

/** Results as plain JSON: Dates become ISO strings, undefined fields vanish. */
const plain = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)))

/** The named args, camelCased, absent and null ones left out. */
function pick(args, ...names) {
  const out = {}
  for (const n of names) {
    if (args[n] !== undefined && args[n] !== null) out[camel(n)] = args[n]
  }
  return out
}

function projectFields(args, ...names) {
  const out = pick(args, ...names)
  if (args.settings) out.settings = pick(args.settings, 'is_public', 'allow_comments')
  return out
}

async function collect(paginator) {
  const items = []
  for await (const item of paginator) {
    items.push(item)
    if (items.length > MAX_ITEMS) break
  }
  return plain(items)
}

const ORG_FIELDS = ['name', 'type', 'status', 'industry', 'website', 'description', 'metadata']

async function dispatch(client, name, a) {
  switch (name) {
    case 'organizations.list':
      return collect(client.organizations.list(pick(a, 'limit', 'search', 'status', 'sort', 'order')))
    case 'organizations.get':
      return plain(await client.organizations.get(a.id))
    case 'organizations.create':
      return plain(await client.organizations.create(pick(a, ...ORG_FIELDS)))
    case 'organizations.update':
      return plain(await client.organizations.update(a.id, pick(a, ...ORG_FIELDS)))
    case 'organizations.delete':
      return plain(await client.organizations.delete(a.id))
    case 'organizations.duplicate':
      return plain(await client.organizations.duplicate(a.id))
    case 'organizations.switch':
      return plain(await client.organizations.switch(a.id))
    case 'organizations.current':
      return plain(await client.organizations.current())
    case 'members.list':
      return collect(client.members(a.organization_id).list(pick(a, 'limit')))
    case 'members.add':
      return plain(await client.members(a.organization_id).add(a.person, a.role))
    case 'members.set_role':
      return plain(await client.members(a.organization_id).setRole(a.person, a.role))
    case 'members.remove':
      return plain(await client.members(a.organization_id).remove(a.people))
    case 'members.reset_passwords':
      return plain(await client.members(a.organization_id).resetPasswords(a.people))
    case 'invites.create':
      return plain(await client.invites.create(pick(a, 'email', 'organization_id', 'role')))
    case 'invites.validate':
      return plain(await client.invites.validate(a.token))
    case 'invites.accept': {
      const session = await client.invites.accept(a.token, { email: a.email, password: a.password })
      return { user: plain(session.user) }
    }
    case 'projects.list':
      return collect(client.projects.list(pick(a, 'organization_id', 'status', 'limit', 'search')))
    case 'projects.get':
      return plain(await client.projects.get(a.id))
    case 'projects.create':
      return plain(
        await client.projects.create(projectFields(a, 'name', 'description', 'status', 'organization_id', 'tags')),
      )
    case 'projects.update':
      return plain(await client.projects.update(a.id, projectFields(a, 'name', 'description', 'status', 'tags')))
    case 'projects.delete':
      return plain(await client.projects.delete(a.id))
    case 'tasks.list':
      return collect(client.tasks.list(pick(a, 'project_id', 'organization_id', 'status', 'limit')))
    case 'tasks.get':
      return plain(await client.tasks.get(a.id))
    case 'tasks.create':
      return plain(
        await client.tasks.create(a.project_id, pick(a, 'title', 'description', 'status', 'assignee_id', 'due_date')),
      )
    case 'tasks.update':
      return plain(
        await client.tasks.update(
          a.id,
          pick(a, 'title', 'description', 'status', 'assignee_id', 'due_date', 'completed_at'),
        ),
      )
    case 'tasks.delete':
      return plain(await client.tasks.delete(a.id))
    case 'documents.list':
      return collect(client.documents(a.organization_id).list())
    case 'users.list':
      return collect(client.users.list(pick(a, 'limit')))
    case 'users.me':
      return plain(await client.users.me())
    case 'users.update_me':
      return plain(await client.users.updateMe(pick(a, 'name', 'first_name', 'last_name', 'email')))
    case 'users.my_organizations':
      return plain(await client.users.myOrganizations())
    case 'auth.login': {
      const session = await client.auth.login(pick(a, 'email', 'username', 'password'))
      return { user: plain(session.user) }
    }
    case 'client.capabilities':
      return plain(client.capabilities())
    case 'client.rate_limit':
      return plain(client.rateLimit)
    case 'client.request':
      return plain(await client.request(a.method, a.path, a.body ?? undefined))
    default:
      throw new BrokenScenario(`unknown call ${name}`)
  }
}

const CLIENT_OPTIONS = [
  'token',
  'api_key',
  'session_cookie',
  'timeout',
  'deadline',
  'max_retries',
  'idempotency_keys',
  'user_agent',
  'headers',
]

function makeClient(provider, baseUrl, options) {
  const unknown = Object.keys(options).filter((k) => !CLIENT_OPTIONS.includes(k))
  if (unknown.length) throw new BrokenScenario(`unknown client options ${unknown}`)
  return new Client({ provider, baseUrl, ...pick(options, ...CLIENT_OPTIONS) })
}

// ------------------------------------------------------------------ matching

const OPERATORS = new Set(['$present', '$not', '$contains', '$prefix', '$len', '$gte', '$lte'])
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
const isMatcher = (v) => isObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => OPERATORS.has(k))
const absentOk = (v) =>
  isMatcher(v) && Object.entries(v).every(([k, x]) => (k === '$present' && x === false) || k === '$not')
const short = (v) => {
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const sameInstant = (a, b) => RFC3339.test(a) && RFC3339.test(b) && Date.parse(a) === Date.parse(b)

function check(expected, actual, path, errors) {
  if (isMatcher(expected)) {
    for (const [op, arg] of Object.entries(expected)) checkOperator(op, arg, actual, path, errors)
    return
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return errors.push(`${path}: expected ${short(expected)}, got ${short(actual)}`)
    for (const [key, want] of Object.entries(expected)) {
      const child = `${path}.${key}`
      if (key in actual && actual[key] !== undefined) check(want, actual[key], child, errors)
      else if (camel(key) in actual && actual[camel(key)] !== undefined) check(want, actual[camel(key)], child, errors)
      else if (want !== null && !absentOk(want)) errors.push(`${child}: missing (expected ${short(want)})`)
    }
    return
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return errors.push(`${path}: expected ${short(expected)}, got ${short(actual)}`)
    }
    expected.forEach((w, i) => check(w, actual[i], `${path}[${i}]`, errors))
    return
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (expected !== actual && !sameInstant(expected, actual)) {
      errors.push(`${path}: expected ${short(expected)}, got ${short(actual)}`)
    }
    return
  }
  if (expected !== (actual === undefined ? null : actual)) {
    errors.push(`${path}: expected ${short(expected)}, got ${short(actual)}`)
  }
}

function matches(expected, actual) {
  const sub = []
  check(expected, actual, '', sub)
  return sub.length === 0
}

function checkOperator(op, arg, actual, path, errors) {
  const fail = (what) => errors.push(`${path}: expected ${what}, got ${short(actual)}`)
  const present = actual !== null && actual !== undefined
  switch (op) {
    case '$present':
      if (arg !== present) fail(`present = ${arg}`)
      break
    case '$not':
      if (matches(arg, actual)) fail(`anything but ${short(arg)}`)
      break
    case '$contains': {
      const ok =
        typeof actual === 'string' && typeof arg === 'string'
          ? actual.includes(arg)
          : Array.isArray(actual) && actual.some((item) => matches(arg, item))
      if (!ok) fail(`something containing ${short(arg)}`)
      break
    }
    case '$prefix':
      if (!(typeof actual === 'string' && actual.startsWith(arg))) fail(`a string starting with ${short(arg)}`)
      break
    case '$len': {
      let len
      if (Array.isArray(actual) || typeof actual === 'string') len = actual.length
      else if (isObject(actual)) len = Object.keys(actual).length
      if (len !== arg) fail(`length ${arg}`)
      break
    }
    case '$gte':
    case '$lte':
      if (typeof actual !== 'number' || (op === '$gte' ? actual < arg : actual > arg)) fail(`a number ${op} ${arg}`)
      break
    default:
      errors.push(`${path}: unknown matcher ${op}`)
  }
}

const countOk = (want, n) => (isObject(want) ? (want.min ?? n) <= n && n <= (want.max ?? n) : n === want)

// -------------------------------------------------------------- expectations

function checkError(want, e, errors) {
  const what = `error ${e.name}(${JSON.stringify(e.message)}, status=${e.status}, code=${e.code})`
  if (e.kind !== want.kind) errors.push(`${what}: expected kind ${want.kind}, got ${e.kind}`)
  if ('status' in want && (e.status ?? null) !== want.status) {
    errors.push(`${what}: expected status ${want.status}, got ${e.status}`)
  }
  if ('code' in want && (e.code ?? null) !== want.code) errors.push(`${what}: expected code ${want.code}, got ${e.code}`)
  if (want.message_contains != null && !e.message.includes(want.message_contains)) {
    errors.push(`${what}: expected the message to contain ${JSON.stringify(want.message_contains)}`)
  }
  if ('retry_after' in want) {
    const bounds = want.retry_after
    const got = e.retryAfter ?? null
    if (bounds === null && got !== null) errors.push(`${what}: expected no retry_after, got ${got}`)
    else if (bounds !== null && got === null) errors.push(`${what}: expected retry_after ${short(bounds)}, got none`)
    else if (bounds !== null && !((bounds.min ?? -Infinity) <= got && got <= (bounds.max ?? Infinity))) {
      errors.push(`${what}: retry_after ${got} is not within ${short(bounds)}`)
    }
  }
  for (const f of want.field_errors ?? []) {
    const actual = (e.fieldErrors ?? []).map((x) => ({ field: x.field, message: x.message }))
    if (!actual.some((a) => matches(f, a))) errors.push(`${what}: no field error matches ${short(f)}; got ${short(actual)}`)
  }
}

function checkItems(want, actual, errors) {
  if (!Array.isArray(actual)) return errors.push(`expected a list, got ${short(actual)}`)
  if ('count' in want && !countOk(want.count, actual.length)) {
    errors.push(`expected ${short(want.count)} items, got ${actual.length}`)
  }
  for (const [name, item] of [
    ['first', actual[0]],
    ['last', actual[actual.length - 1]],
  ]) {
    if (name in want) {
      if (actual.length) check(want[name], item, `items.${name}`, errors)
      else errors.push(`items.${name}: the list is empty`)
    }
  }
  if ('ids' in want) check(want.ids, actual.map((i) => i?.id ?? null), 'items.ids', errors)
  if ('each' in want) actual.forEach((item, i) => check(want.each, item, `items[${i}]`, errors))
}

const describe = (reqs) =>
  `[${reqs.map((r) => `${r.method} ${r.path}${r.raw_query ? `?${r.raw_query}` : ''}`).join(', ')}]`

async function checkRequests(want, errors) {
  const selected = await received(want.method, want.path)
  const label = `requests ${want.method ?? '*'} ${want.path ?? '/'}`
  if ('count' in want && !countOk(want.count, selected.length)) {
    const everything = await received()
    errors.push(`${label}: expected ${short(want.count)}, the mock received ${selected.length}: ${describe(everything)}`)
  }
  selected.forEach((r, n) => {
    const at = `${label} #${n + 1}`
    for (const [name, matcher] of Object.entries(want.headers ?? {})) {
      check(matcher, r.headers[name.toLowerCase()] ?? null, `${at} header ${name}`, errors)
    }
    if ('query' in want) check(want.query, r.query, `${at} query`, errors)
    if ('body' in want) check(want.body, r.body, `${at} body`, errors)
  })
  if ('queries' in want) {
    if (want.queries.length !== selected.length) {
      errors.push(`${label}: ${want.queries.length} queries expected, ${selected.length} selected`)
    }
    want.queries.forEach((q, n) => {
      if (n < selected.length) check(q, selected[n].query, `${label} #${n + 1} query`, errors)
    })
  }
  for (const name of want.same_headers ?? []) {
    const values = selected.map((r) => r.headers[name.toLowerCase()] ?? null)
    if (!values.length || values[0] === null || values.some((v) => v !== values[0])) {
      errors.push(`${label}: expected one identical ${name} header on every request, got ${short(values)}`)
    }
  }
}

async function checkStep(expect, result, error, elapsed, errors) {
  if (expect.error && error) checkError(expect.error, error, errors)
  else if (expect.error) errors.push(`expected a ${expect.error.kind} error, got a result: ${short(result)}`)
  else if (error) {
    const what = `${error.name}(${JSON.stringify(error.message)}, status=${error.status}, code=${error.code})`
    errors.push(`unexpected ${error.kind} error: ${what}`)
  } else {
    if ('result' in expect) check(expect.result, result, 'result', errors)
    if ('items' in expect) checkItems(expect.items, result, errors)
  }
  for (const want of expect.requests ?? []) await checkRequests(want, errors)
  if ('total_requests' in expect) {
    const everything = await received()
    if (!countOk(expect.total_requests, everything.length)) {
      const got = `${everything.length}: ${describe(everything)}`
      errors.push(`expected ${short(expect.total_requests)} requests in all, the mock received ${got}`)
    }
  }
  if (expect.elapsed?.min != null && elapsed < expect.elapsed.min) {
    errors.push(`took ${elapsed.toFixed(3)}s, expected at least ${expect.elapsed.min}s`)
  }
}

// -------------------------------------------------------------------- runner

async function runScenario(scenario) {
  const { name, provider } = scenario
  await control('POST', '/reset')
  if (scenario.mock_config) await control('POST', '/config', scenario.mock_config)
  const client = makeClient(provider, `${mockUrl}/${provider}`, scenario.client ?? {})
  if (scenario.faults?.length) await control('POST', '/faults', expand(scenario.faults))
  const failures = []
  for (const [i, step] of scenario.steps.entries()) {
    const label = `[${name}] step ${i + 1} (${step.call})`
    await control('DELETE', '/requests')
    if (step.faults?.length) await control('POST', '/faults', expand(step.faults))
    let result = null
    let error
    let broken
    const started = performance.now()
    try {
      result = await dispatch(client, step.call, step.args ?? {})
    } catch (e) {
      if (e instanceof OrgkitError) error = e
      else if (e instanceof BrokenScenario) broken = `broken scenario: ${e.message}`
      else broken = `threw ${e?.name}: ${e?.message}` // a binding bug: the step's failure
    }
    const elapsed = (performance.now() - started) / 1000
    // What the step's own faults left unused must not hit the next step.
    if (step.faults?.length) await control('DELETE', '/faults')
    if (broken) {
      failures.push(`${label}: ${broken}`)
      continue
    }
    const errors = []
    await checkStep(step.expect ?? {}, result, error, elapsed, errors)
    failures.push(...errors.map((e) => `${label}: ${e}`))
  }
  return failures
}

for (const scenario of loadScenarios()) {
  test(scenario.name, async () => {
    const failures = await runScenario(scenario)
    assert.deepEqual(failures, [], failures.join('\n'))
  })
}
