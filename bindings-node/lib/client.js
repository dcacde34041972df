'use strict'
// `new Client({...})` and its resources; every call returns a Promise.

const { inspect } = require('node:util')
const { NativeClient } = require('./native.js')
const { fromNative } = require('../errors.js')
const { Paginator } = require('./paginator.js')
const { model, models } = require('./models.js')
const {
  invoke,
  run,
  splitOptions,
  requestSignal,
  checkId,
  checkIds,
  checkString,
  checkObject,
  withDates,
  isPlainObject,
  describe,
} = require('./call.js')

const STRING_OPTIONS = ['provider', 'baseUrl', 'token', 'apiKey', 'sessionCookie', 'userAgent']
const NUMBER_OPTIONS = ['timeout', 'deadline', 'maxRetries']
const PROVIDERS = ['ourganize', 'orgstack', 'achieveapex', 'kaana', 'pm415']

function clientOptions(options) {
  if (!isPlainObject(options)) {
    throw new TypeError(`new Client(options): options must be an object such as { provider: 'pm415' }, got ${describe(options)}`)
  }
  const out = {}
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue
    if (STRING_OPTIONS.includes(key)) {
      if (typeof value !== 'string') throw new TypeError(`${key} must be a string, got ${describe(value)}`)
    } else if (NUMBER_OPTIONS.includes(key)) {
      if (typeof value !== 'number') throw new TypeError(`${key} must be a number, got ${describe(value)}`)
    } else if (key === 'headers') {
      out.headers = headerRecord(value)
      continue
    } else if (key === 'idempotencyKeys' || key === 'systemRoots') {
      if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean, got ${describe(value)}`)
    } else {
      throw new TypeError(`unknown option ${JSON.stringify(key)}; expected one of ${[...STRING_OPTIONS, ...NUMBER_OPTIONS, 'headers', 'idempotencyKeys', 'systemRoots'].join(', ')}`)
    }
    out[key] = value
  }
  if (out.provider === undefined) {
    throw new TypeError(`provider is required: one of ${PROVIDERS.join(', ')}`)
  }
  return out
}

/** Headers from a plain object, a `Headers`, a `Map` or `[name, value]` pairs. */
function headerRecord(headers) {
  const entries =
    isPlainObject(headers) ? Object.entries(headers)
    : headers && typeof headers[Symbol.iterator] === 'function' ? [...(typeof headers.entries === 'function' ? headers.entries() : headers)]
    : null
  if (!entries) throw new TypeError(`headers must be an object of header names to values, got ${describe(headers)}`)
  const out = {}
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError('headers must hold [name, value] pairs')
    const [name, value] = entry
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(' ') : value
    if (typeof name !== 'string' || typeof text !== 'string') {
      throw new TypeError(`headers: the value of ${JSON.stringify(String(name))} must be a string, got ${describe(value)}`)
    }
    out[name] = text
  }
  return out
}

/** Lists: the list options object may carry `signal` too. */
function list(optionsName, options, start) {
  const [rest, signal] = splitOptions(optionsName, options)
  return new Paginator((id) => start(rest, id), signal)
}

/** A call with a trailing `{ signal }` argument; `convert` maps its result. */
function call(options, start, convert) {
  return run(() => invoke(requestSignal(options), start, convert))
}

/** The token of a session is kept out of `console.log` and `JSON.stringify`. */
function session(s) {
  const token = s.token
  delete s.token
  Object.defineProperty(s, 'token', { value: token, enumerable: false, writable: false, configurable: true })
  return s
}

/**
 * An invite's token and confirm URL (which carries the token) are kept out
 * of `console.log`/`util.inspect`; like Python's `to_dict()`, JSON keeps them.
 */
function hideInvite(i) {
  if (i && typeof i === 'object') {
    Object.defineProperty(i, inspect.custom, {
      value() {
        const { token, confirmUrl, ...shown } = this
        return shown
      },
      enumerable: false,
      configurable: true,
    })
  }
  return i
}

class Organizations {
  #n
  constructor(native) {
    this.#n = native
  }
  list(options) {
    return list('options', options, (o, id) => this.#n.organizationsList(o, id))
  }
  get(id, options) {
    return call(options, (cid) => this.#n.organizationsGet(checkId('id', id), cid), model)
  }
  create(input, options) {
    return call(options, (cid) => this.#n.organizationsCreate(checkObject('organization', input), cid), model)
  }
  update(id, patch, options) {
    return call(options, (cid) => this.#n.organizationsUpdate(checkId('id', id), checkObject('patch', patch), cid), model)
  }
  delete(id, options) {
    return call(options, (cid) => this.#n.organizationsDelete(checkId('id', id), cid))
  }
  duplicate(id, options) {
    return call(options, (cid) => this.#n.organizationsDuplicate(checkId('id', id), cid), model)
  }
  switch(id, options) {
    return call(options, (cid) => this.#n.organizationsSwitch(checkId('id', id), cid), model)
  }
  current(options) {
    return call(options, (cid) => this.#n.organizationsCurrent(cid), model)
  }
}

class Members {
  #n
  #org
  constructor(native, organization) {
    this.#n = native
    this.#org = checkId('organization', organization)
  }
  list(options) {
    return list('options', options, (o, id) => this.#n.membersList(this.#org, o, id))
  }
  add(person, role = 'member', options) {
    return call(options, (cid) => this.#n.membersAdd(this.#org, checkId('person', person), checkString('role', role), cid))
  }
  setRole(person, role, options) {
    return call(options, (cid) => this.#n.membersSetRole(this.#org, checkId('person', person), checkString('role', role), cid))
  }
  remove(people, options) {
    return call(options, (cid) => this.#n.membersRemove(this.#org, checkIds('people', people), cid))
  }
  resetPasswords(people, options) {
    return call(options, (cid) => this.#n.membersResetPasswords(this.#org, checkIds('people', people), cid))
  }
}

class Invites {
  #n
  constructor(native) {
    this.#n = native
  }
  create(invite, options) {
    return call(options, (cid) => this.#n.invitesCreate(checkObject('invite', invite), cid)).then(hideInvite)
  }
  validate(token, options) {
    return call(options, (cid) => this.#n.invitesValidate(checkString('token', token), cid)).then(hideInvite)
  }
  accept(token, credentials, options) {
    return call(options, (cid) => {
      const { email, password } = checkObject('credentials', credentials)
      return this.#n.invitesAccept(checkString('token', token), checkString('email', email), checkString('password', password), cid)
    }).then(session)
  }
}

class Projects {
  #n
  constructor(native) {
    this.#n = native
  }
  list(options) {
    return list('options', options, (o, id) => this.#n.projectsList(o, id))
  }
  get(id, options) {
    return call(options, (cid) => this.#n.projectsGet(checkId('id', id), cid), model)
  }
  create(input, options) {
    return call(options, (cid) => this.#n.projectsCreate(checkObject('project', input), cid), model)
  }
  update(id, patch, options) {
    return call(options, (cid) => this.#n.projectsUpdate(checkId('id', id), checkObject('patch', patch), cid), model)
  }
  delete(id, options) {
    return call(options, (cid) => this.#n.projectsDelete(checkId('id', id), cid))
  }
}

class Tasks {
  #n
  constructor(native) {
    this.#n = native
  }
  list(options) {
    if (options === undefined) throw new TypeError('tasks.list needs { projectId } (ourganize) or { organizationId } (kaana)')
    return list('options', options, (o, id) => this.#n.tasksList(o, id))
  }
  get(id, options) {
    return call(options, (cid) => this.#n.tasksGet(checkId('id', id), cid), model)
  }
  create(projectId, input, options) {
    return call(options, (cid) =>
      this.#n.tasksCreate(checkId('projectId', projectId), withDates(checkObject('task', input), ['dueDate']), cid),
      model,
    )
  }
  update(id, patch, options) {
    return call(options, (cid) =>
      this.#n.tasksUpdate(checkId('id', id), withDates(checkObject('patch', patch), ['dueDate', 'completedAt']), cid),
      model,
    )
  }
  delete(id, options) {
    return call(options, (cid) => this.#n.tasksDelete(checkId('id', id), cid))
  }
}

class Documents {
  #n
  #org
  constructor(native, organization) {
    this.#n = native
    this.#org = checkId('organization', organization)
  }
  list(options) {
    return list('options', options, (o, id) => this.#n.documentsList(this.#org, o, id))
  }
}

class Users {
  #n
  constructor(native) {
    this.#n = native
  }
  list(options) {
    return list('options', options, (o, id) => this.#n.usersList(o, id))
  }
  me(options) {
    return call(options, (cid) => this.#n.usersMe(cid), model)
  }
  updateMe(patch, options) {
    return call(options, (cid) => this.#n.usersUpdateMe(checkObject('patch', patch), cid), model)
  }
  myOrganizations(options) {
    return call(options, (cid) => this.#n.usersMyOrganizations(cid), models)
  }
}

class Auth {
  #n
  constructor(native) {
    this.#n = native
  }
  login(credentials, options) {
    return call(options, (cid) => this.#n.authLogin(checkObject('credentials', credentials), cid)).then(session)
  }
}

/** A client for one provider. */
class Client {
  #native
  #organizations
  #invites
  #projects
  #tasks
  #users
  #auth

  constructor(options) {
    const opts = clientOptions(options)
    try {
      this.#native = new NativeClient(opts)
    } catch (e) {
      throw fromNative(e)
    }
    this.#organizations = new Organizations(this.#native)
    this.#invites = new Invites(this.#native)
    this.#projects = new Projects(this.#native)
    this.#tasks = new Tasks(this.#native)
    this.#users = new Users(this.#native)
    this.#auth = new Auth(this.#native)
  }

  /** The provider id (`"pm415"`, …). */
  get provider() {
    return this.#native.provider
  }
  get baseUrl() {
    return this.#native.baseUrl
  }
  /** The last `{ limit, remaining, reset }` a response reported, or `null`. */
  get rateLimit() {
    return this.#native.rateLimit ?? null
  }
  /** The operations this provider supports, as `"organizations.list"` strings. */
  capabilities() {
    return this.#native.capabilities()
  }

  get organizations() {
    return this.#organizations
  }
  members(organization) {
    return new Members(this.#native, organization)
  }
  get invites() {
    return this.#invites
  }
  get projects() {
    return this.#projects
  }
  get tasks() {
    return this.#tasks
  }
  documents(organization) {
    return new Documents(this.#native, organization)
  }
  get users() {
    return this.#users
  }
  get auth() {
    return this.#auth
  }

  /** Any request the typed surface lacks: same auth, retries and errors; the JSON answer as is. */
  request(method, path, body, options) {
    return call(options, (cid) =>
      this.#native.request(checkString('method', method), checkString('path', path), body === undefined ? null : body, cid),
    )
  }

  [inspect.custom]() {
    return `Client { provider: '${this.provider}', baseUrl: '${this.baseUrl}' }`
  }
}

module.exports = { Client, Organizations, Members, Invites, Projects, Tasks, Documents, Users, Auth }
