// A typed orgkit program: type-checked with `tsc --strict` (see
// bindings-node/scripts/test.sh). Lists kaana's organizations with their
// members, handling typed errors.
import { Client, NotFoundError, RateLimitError, UnsupportedError, type Organization, type Member } from 'orgkit'

interface OrgWithPeople {
  org: Organization
  people: Member[]
}

export async function directory(baseUrl: string, sessionCookie: string, signal?: AbortSignal): Promise<OrgWithPeople[]> {
  const client = new Client({ provider: 'kaana', baseUrl, sessionCookie, timeout: 10_000, maxRetries: 3 })
  const out: OrgWithPeople[] = []
  for await (const org of client.organizations.list({ signal })) {
    const people = await client.members(org.id).list({ signal }).toArray(1000)
    out.push({ org, people })
  }
  return out
}

export async function projectName(client: Client, id: number): Promise<string | undefined> {
  try {
    const project = await client.projects.get(id)
    const created: Date | undefined = project.createdAt
    return `${project.name ?? '?'} (${created?.getFullYear() ?? 'unknown year'})`
  } catch (e) {
    if (e instanceof NotFoundError) return undefined
    if (e instanceof RateLimitError) {
      await new Promise((r) => setTimeout(r, e.retryAfter ?? 1000)) // milliseconds
      return projectName(client, id)
    }
    if (e instanceof UnsupportedError) throw new Error(`${client.provider} has no projects: ${e.operation}`)
    throw e
  }
}
