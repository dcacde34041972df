// orgkit quickstart (Node): the same tour as examples/quickstart.rs.
//
// Starts the orgkit-mock server (path from ORGKIT_MOCK_BIN, default the
// debug build in target/), then for pm415 and ourganize: log in, list
// organizations across pages, create an organization, invite a person,
// change a role, list projects and tasks, complete a task, handle typed
// errors (a 404 and a 409), show rate-limit info and a raw response, and
// call an operation the provider lacks.
//
//   cargo build -p orgkit-mock && (cd bindings-node && npm install && npm run build)
//   node examples/node/quickstart.mjs

import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { Client, NotFoundError, ConflictError, UnsupportedError, OrgkitError } from 'orgkit'

const here = path.dirname(fileURLToPath(import.meta.url))
const mockBin =
  process.env.ORGKIT_MOCK_BIN ?? path.resolve(here, '../../target/x86_64-unknown-linux-gnu/debug/orgkit-mock')

/** Starts the mock; it prints its URL first and exits when its stdin closes. */
async function startMock() {
  const child = spawn(mockBin, ['--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] })
  const failed = new Promise((_, reject) => child.once('error', reject))
  const lines = createInterface({ input: child.stdout })
  const url = await Promise.race([new Promise((resolve) => lines.once('line', resolve)), failed])
  lines.close()
  return { url: url.trim(), stop: () => child.stdin.end() }
}

/** Runs `step` if the provider supports `op`, else says so. */
async function ifSupported(client, op, step) {
  if (client.capabilities().includes(op)) return step()
  console.log(`  (${client.provider} has no ${op}; skipped)`)
}

async function tour(client, { login, person, org }) {
  console.log(`\n== ${client.provider} ==`)

  // Log in (ourganize takes an API key at construction instead).
  if (login) {
    const session = await client.auth.login(login)
    console.log(`logged in as ${session.user?.email}`)
  } else {
    const me = await client.users.me()
    console.log(`using the API key of ${me.email}`)
  }

  // List organizations across pages: `for await` fetches pages as needed.
  await ifSupported(client, 'organizations.list', async () => {
    let n = 0
    for await (const o of client.organizations.list({ limit: 20 })) {
      if (n++ < 3) console.log(`  org ${o.id}: ${o.name} ${o.roles.length ? `(${o.roles.join(', ')})` : ''}`)
    }
    console.log(`  ${n} organizations`)
  })

  // Create an organization.
  await ifSupported(client, 'organizations.create', async () => {
    const created = await client.organizations.create({ name: 'Quickstart Ltd' })
    console.log(`created organization ${created.id} (${created.name})`)
  })

  // Invite a person.
  await ifSupported(client, 'invites.create', async () => {
    const invite = await client.invites.create({ email: 'new.hire@example.com', organizationId: org, role: 'member' })
    console.log(`invited ${invite.email}${invite.expiresAt ? `, expires ${invite.expiresAt.toISOString()}` : ''}`)
  })

  // Change a role.
  await ifSupported(client, 'members.set_role', async () => {
    await client.members(org).setRole(person, 'admin')
    const member = (await client.members(org).list().toArray()).find((m) => m.userId === person)
    console.log(`user ${person} is now ${member?.role} of organization ${org}`)
  })

  // List projects and tasks, and complete a task.
  await ifSupported(client, 'projects.list', async () => {
    const first = await client.projects.list({ limit: 10 }).firstPage()
    console.log(`  ${first.total} projects; the first is "${first.items[0]?.name}"`)
    const project = first.items[0]
    const open = await client.tasks.list({ projectId: project.id, status: 'todo', limit: 5 }).toArray()
    console.log(`  ${open.length} open tasks in "${project.name}"`)
    const done = await client.tasks.complete(open[0].id)
    console.log(`completed task ${done.id} at ${done.completedAt?.toISOString()}`)

    // Any call can also give the HTTP answer it came from; options per call (milliseconds).
    const { data, response } = await client.projects.get(project.id, { timeout: 5_000, maxRetries: 1 }).withResponse()
    console.log(`raw response: ${response.status} for "${data.name}", request ${response.requestId}, ${response.attempts} attempt(s)`)
  })

  // Typed errors: a 404 and a 409.
  try {
    if (client.provider === 'pm415') await client.members(999).list().firstPage()
    else await client.projects.get(999_999)
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e
    console.log(`404 as NotFoundError: ${e.message} (request ${e.requestId})`)
  }
  try {
    if (client.provider === 'pm415') await client.organizations.create({ name: 'Acme' })
    else await client.invites.create({ email: 'max.member@ourganize.test' })
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e
    console.log(`409 as ConflictError: ${e.message}`)
  }

  // Rate-limit info (ourganize sends X-RateLimit-* headers).
  const rl = client.rateLimit
  console.log(rl ? `rate limit: ${rl.remaining}/${rl.limit}, resets ${rl.reset?.toISOString()}` : 'no rate-limit headers seen')

  // An operation the provider lacks fails before any request is sent (a
  // list as soon as it is made).
  try {
    if (client.provider === 'pm415') await client.projects.get(1)
    else client.organizations.list()
  } catch (e) {
    if (!(e instanceof UnsupportedError)) throw e
    console.log(`UnsupportedError: ${e.message}`)
  }
}

const mock = await startMock()
try {
  // `await using` would close them at the end of the block (Node 22+ syntax); close() does it here.
  const pm415 = new Client({ provider: 'pm415', baseUrl: `${mock.url}/pm415`, timeout: 10_000 })
  await tour(pm415, { login: { email: 'admin@pm415.test', password: 'pm415-admin-pw' }, person: 2, org: 1 })
  pm415.close()
  const ourganize = new Client({ provider: 'ourganize', baseUrl: `${mock.url}/ourganize`, token: 'ogz_admin_4f9c2b7e1d6a' })
  await tour(ourganize, { person: 2, org: 1 })
  ourganize.close()
  console.log('\nquickstart finished')
} catch (e) {
  console.error(e instanceof OrgkitError ? `${e.name} (${e.kind}): ${e.message}` : e)
  process.exitCode = 1
} finally {
  mock.stop()
}
