// orgkit's Node benchmarks: orgkit against undici.request and the built-in
// fetch, each parsing with JSON.parse and building plain objects with Date
// timestamps, like orgkit's models, so the comparison is like for like.
//
//   node bench.mjs run --url URL [--reps 3] [--out FILE] [--clients a,b]
//                      [--workloads seq,conc,paginate,bigpage] [--memory 1000,10000,100000]
//                      [--coldstart 15]
//   node bench.mjs mem --client NAME --url URL --total N --expected CHECKSUM
//
// The server is `orgkit-bench serve` (tests/bench/src/server.rs); the
// workload sizes mirror tests/bench/src/workloads.rs, and the expected
// checksums come from the server (`GET /bench/expected`). Every client
// reports the checksum of the objects it built (`checksum` below).
// orgkit is the package run.sh stages in target/bench-node/node_modules/orgkit
// (its JS files, the release addon and its loader); ORGKIT_NODE overrides
// that directory.

import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))

// --- workloads (keep in step with tests/bench/src/workloads.rs) -------------
const SEQ_REQUESTS = 2000, SEQ_ID = 42
const CONC_REQUESTS = 5000, CONC_IN_FLIGHT = 64, CONC_IDS = 1000
const PAGINATE_TOTAL = 10_000, PAGE_LIMIT = 100
const BIGPAGE_REQUESTS = 200, BIGPAGE_LIMIT = 1000
const MEMORY_TOTALS = [1_000, 10_000, 100_000]
const WORKLOADS = ['seq', 'conc', 'paginate', 'bigpage']
const API_KEY = 'bench-key'
const HEADERS = { authorization: `Bearer ${API_KEY}`, accept: 'application/json' }

// workload -> [operations per run, unit]
const SPECS = {
  seq: [SEQ_REQUESTS, 'req/s'],
  conc: [CONC_REQUESTS, 'req/s'],
  paginate: [PAGINATE_TOTAL, 'items/s'],
  bigpage: [BIGPAGE_REQUESTS, 'req/s'],
}
const listUrl = (base, total) => `${base.replace(/\/+$/, '')}/t/${total}`

/** What the server says a correct client reports: per workload, and per list length. */
async function expectedChecksums(base, totals) {
  const res = await fetch(`${base.replace(/\/+$/, '')}/bench/expected?list=${totals.join(',')}`)
  if (!res.ok) throw new Error(`GET /bench/expected: HTTP ${res.status}`)
  return (await res.json()).data
}

// --- what a hand-written client builds ----------------------------------------
function project(d) {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    status: d.status,
    settings: { isPublic: d.settings.isPublic, allowComments: d.settings.allowComments },
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    tags: d.tags.slice(),
  }
}

// --- the checksum (tests/bench/README.md, "Checksum") ----------------------------
// One function for every client: orgkit's models and the objects above have
// the same keys. Line for line the rule of checksum_raw / checksum_orgkit in
// src/rust_clients.rs and checksum in python/bench.py.

/** A timestamp's part: year + month (1-12) + day + hour + minute + second + millisecond, UTC. */
function stamp(t) {
  return (
    t.getUTCFullYear() +
    (t.getUTCMonth() + 1) +
    t.getUTCDate() +
    t.getUTCHours() +
    t.getUTCMinutes() +
    t.getUTCSeconds() +
    t.getUTCMilliseconds()
  )
}

/** The checksum of one project, from the object a client built. */
function checksum(p) {
  const s = p.settings
  let tagLengths = 0
  for (const t of p.tags) tagLengths += t.length
  return (
    Number(p.id) +
    p.name.length +
    p.description.length +
    p.status.length +
    Number(s.isPublic) +
    2 * Number(s.allowComments) +
    stamp(p.createdAt) +
    stamp(p.updatedAt) +
    p.tags.length +
    tagLengths
  )
}

function check(body) {
  if (body.success !== true) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 200)}`)
  return body
}

/** A peer from `fetchJson(url) -> decoded body`. */
function peer(base, fetchJson) {
  base = base.replace(/\/+$/, '')
  return {
    async get(id) {
      const body = check(await fetchJson(`${base}/projects/${id}`))
      return checksum(project(body.data))
    },
    async page(limit) {
      const body = check(await fetchJson(`${base}/projects?page=1&limit=${limit}`))
      let sum = 0
      for (const p of body.data.map(project)) sum += checksum(p)
      return sum
    },
    async walk(limit) {
      let n = 0, sum = 0
      for (let page = 1; ; page++) {
        const body = check(await fetchJson(`${base}/projects?page=${page}&limit=${limit}`))
        const items = body.data.map(project)
        n += items.length
        for (const p of items) sum += checksum(p)
        if (items.length === 0 || page * body.meta.limit >= body.meta.total) return [n, sum]
      }
    },
  }
}

async function makeUndici(base) {
  const { request } = await import('undici')
  return peer(base, async (url) => {
    const { statusCode, body } = await request(url, { headers: HEADERS })
    const text = await body.text()
    if (statusCode >= 400) throw new Error(`HTTP ${statusCode}`)
    return JSON.parse(text)
  })
}

async function makeFetch(base) {
  return peer(base, async (url) => {
    const res = await fetch(url, { headers: HEADERS })
    const text = await res.text()
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return JSON.parse(text)
  })
}

// The orgkit package directory (its package.json's ESM entry is index.mjs).
const ORGKIT_DIR = resolve(process.env.ORGKIT_NODE ?? resolve(HERE, '../../../target/bench-node/node_modules/orgkit'))

async function loadOrgkit() {
  return import(pathToFileURL(resolve(ORGKIT_DIR, 'index.mjs')).href)
}

async function makeOrgkit(base) {
  const { Client } = await loadOrgkit()
  const client = new Client({ provider: 'ourganize', baseUrl: base, apiKey: API_KEY })
  return {
    async get(id) {
      return checksum(await client.projects.get(id))
    },
    async page(limit) {
      const first = await client.projects.list({ limit }).firstPage()
      let sum = 0
      for (const p of first.items) sum += checksum(p)
      return sum
    },
    async walk(limit) {
      let n = 0, sum = 0
      for await (const p of client.projects.list({ limit })) {
        n++
        sum += checksum(p)
      }
      return [n, sum]
    },
  }
}

const CLIENTS = {
  orgkit: [makeOrgkit, true, 'orgkit Client (napi addon)'],
  'undici.request': [makeUndici, false, 'undici.request + JSON.parse + plain objects'],
  fetch: [makeFetch, false, 'built-in fetch + JSON.parse + plain objects'],
}

// --- running -------------------------------------------------------------------
const scaled = (full, scale) => Math.max(1, Math.ceil(full * scale))

async function runOnce(c, workload, scale) {
  if (workload === 'seq') {
    let sum = 0
    for (let i = scaled(SEQ_REQUESTS, scale); i > 0; i--) sum += await c.get(SEQ_ID)
    return sum
  }
  if (workload === 'conc') {
    const n = Math.max(scaled(CONC_REQUESTS, scale), CONC_IN_FLIGHT)
    let next = 0, sum = 0
    const worker = async () => {
      while (next < n) {
        const i = next++
        const id = await c.get(1 + (i % CONC_IDS)) // not `sum += await …`: that reads sum before awaiting
        sum += id
      }
    }
    await Promise.all(Array.from({ length: CONC_IN_FLIGHT }, worker))
    return sum
  }
  if (workload === 'paginate') {
    const [n, sum] = await c.walk(PAGE_LIMIT)
    if (n !== PAGINATE_TOTAL) throw new Error(`walked ${n} items, expected ${PAGINATE_TOTAL}`)
    return sum
  }
  if (workload === 'bigpage') {
    let sum = 0
    for (let i = scaled(BIGPAGE_REQUESTS, scale); i > 0; i--) sum += await c.page(BIGPAGE_LIMIT)
    return sum
  }
  throw new Error(`unknown workload ${workload}`)
}

// --- cold start ------------------------------------------------------------------
// Each run is a fresh `node -e`, timed from the code's first statement to the
// client built (in process; what the library costs) and from spawn to exit
// (whole process, Node's own start included). `require('orgkit')` resolves
// the staged package from the directory holding its node_modules.
function coldstartEntries() {
  const staged = basename(dirname(ORGKIT_DIR)) === 'node_modules'
  const orgkitCwd = staged ? dirname(dirname(ORGKIT_DIR)) : HERE
  const spec = staged ? 'orgkit' : ORGKIT_DIR
  const build = "new Client({ provider: 'ourganize', baseUrl: URL, apiKey: KEY })"
  return [
    // [name, is orgkit, code, cwd, node flags]
    ['orgkit', true, `const { Client } = require('${spec}'); ${build}`, orgkitCwd, []],
    ['orgkit (ESM)', true, `const { Client } = await import('${spec}'); ${build}`, orgkitCwd, ['--input-type=module']],
    ['undici', false, "const { Agent } = require('undici'); new Agent()", HERE, []],
    ['node', false, '', HERE, []], // the bare runtime: the floor of "whole process"
  ]
}

function coldstartOnce(url, [name, , code, cwd, flags]) {
  const body = name === 'node' ? code
    : `const URL = ${JSON.stringify(url)}, KEY = ${JSON.stringify(API_KEY)}; const t0 = performance.now(); ` +
      `${code}; console.log(performance.now() - t0)`
  const t = performance.now()
  const p = spawnSync(process.execPath, [...flags, '-e', body], { cwd, encoding: 'utf8' })
  const processMs = performance.now() - t
  if (p.status !== 0) throw new Error(`exit ${p.status}: ${(p.stderr ?? '').trim().slice(-300)}`)
  return [name === 'node' ? null : Number(p.stdout.trim().split('\n').pop()), processMs]
}

/** `runs` fresh processes per entry, interleaved, after one warm-up each (page cache). */
function runColdstart(url, runs) {
  const entries = coldstartEntries()
  const rows = entries.map(([name, orgkit, code]) => ({ name, orgkit, code, inproc_ms: [], process_ms: [] }))
  for (let r = 0; r <= runs; r++) {
    entries.forEach((entry, i) => {
      const row = rows[i]
      if (row.error) return
      try {
        const [inproc, processMs] = coldstartOnce(url, entry)
        if (r === 0) return
        if (inproc !== null) row.inproc_ms.push(inproc)
        row.process_ms.push(processMs)
      } catch (e) {
        row.error = String(e)
      }
    })
  }
  for (const row of rows) {
    const ms = [...(row.inproc_ms.length ? row.inproc_ms : row.process_ms)].sort((a, b) => a - b)
    console.error(
      `node cold start ${row.name.padStart(14)}: ${(ms[ms.length >> 1] ?? NaN).toFixed(1).padStart(6)} ms ` +
        `(${row.inproc_ms.length ? 'in process' : 'whole process'})${row.error ? '  ' + row.error : ''}`,
    )
  }
  return rows
}

function vmhwmKb() {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Number(m[1]) : null
}

function parseArgs(argv) {
  const out = {}
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`)
    out[argv[i].slice(2)] = argv[i + 1]
  }
  return out
}

async function cmdMem(args) {
  const total = Number(args.total)
  const c = await CLIENTS[args.client][0](listUrl(args.url, total))
  const t = performance.now()
  const [n, sum] = await c.walk(PAGE_LIMIT)
  const out = {
    total,
    items: n,
    checksum: sum,
    expected: args.expected === undefined ? null : Number(args.expected),
    seconds: (performance.now() - t) / 1000,
    vmhwm_kb: vmhwmKb(),
  }
  process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(0))
}

async function cmdRun(args) {
  const url = args.url
  const reps = Number(args.reps ?? 3)
  const clients = (args.clients ?? Object.keys(CLIENTS).join(',')).split(',').filter(Boolean)
  const workloads = (args.workloads ?? WORKLOADS.join(',')).split(',').filter(Boolean)
  const totals = (args.memory ?? MEMORY_TOTALS.join(',')).split(',').filter(Boolean).map(Number)
  const results = [], errors = [], memory = [], available = []
  const expectedAll = await expectedChecksums(url, totals)
  for (const name of clients) {
    try {
      await CLIENTS[name][0](url)
      available.push(name)
    } catch (e) {
      errors.push({ client: name, workload: 'all', error: `unavailable: ${e}` })
      console.error(`node ${name.padStart(14)}: unavailable: ${e}`)
    }
  }
  for (const workload of workloads) {
    const [ops, unit] = SPECS[workload]
    const expected = expectedAll[workload]
    const base = workload === 'paginate' ? listUrl(url, PAGINATE_TOTAL) : url
    // Repetitions interleave the clients (a, b, c, a, b, c, …) so that load
    // from elsewhere on the machine drifts over all of them alike.
    let live = []
    for (const name of available) {
      try {
        const c = await CLIENTS[name][0](base)
        await runOnce(c, workload, 0.2) // warm-up
        live.push({ name, c, seconds: [], checksums: [] })
      } catch (e) {
        errors.push({ client: name, workload, error: String(e?.stack ?? e) })
        console.error(`node ${name.padStart(14)} ${workload.padStart(9)}: FAILED ${e}`)
      }
    }
    for (let r = 0; r < reps; r++) {
      for (const t of [...live]) {
        try {
          const start = performance.now()
          t.checksums.push(await runOnce(t.c, workload, 1))
          t.seconds.push((performance.now() - start) / 1000)
        } catch (e) {
          errors.push({ client: t.name, workload, error: String(e?.stack ?? e) })
          console.error(`node ${t.name.padStart(14)} ${workload.padStart(9)}: FAILED ${e}`)
          live = live.filter((x) => x !== t)
        }
      }
    }
    for (const { name, seconds, checksums } of live) {
      results.push({ client: name, workload, ops, unit, expected, seconds, checksums })
      const rates = seconds.map((s) => ops / s).sort((a, b) => a - b)
      const ok = checksums.every((c) => c === expected)
      console.error(
        `node ${name.padStart(14)} ${workload.padStart(9)}: ${rates[rates.length >> 1].toFixed(0).padStart(10)} ${unit} ` +
          `(min ${rates[0].toFixed(0)}, max ${rates[rates.length - 1].toFixed(0)})${ok ? '' : '  CHECKSUM MISMATCH'}`,
      )
    }
  }
  for (const name of available) {
    for (const total of totals) {
      const p = spawnSync(
        process.execPath,
        [
          fileURLToPath(import.meta.url), 'mem', '--client', name, '--url', url, '--total', String(total),
          '--expected', String(expectedAll.list[String(total)]),
        ],
        { encoding: 'utf8' },
      )
      try {
        const m = JSON.parse(p.stdout.trim().split('\n').pop())
        m.client = name
        memory.push(m)
        console.error(`node ${name.padStart(14)} memory ${String(total).padStart(6)}: ${JSON.stringify(m)}`)
      } catch {
        errors.push({ client: name, workload: `memory ${total}`, error: `child failed (${p.status}): ${p.stderr.slice(-500)}` })
      }
    }
  }
  const coldstart = Number(args.coldstart ?? 15) > 0 ? runColdstart(url, Number(args.coldstart ?? 15)) : []
  let undiciVersion = '?'
  try {
    undiciVersion = JSON.parse(readFileSync(resolve(HERE, 'node_modules/undici/package.json'), 'utf8')).version
  } catch {}
  const doc = {
    language: 'node',
    runtime: `Node ${process.version}; undici ${undiciVersion}; built-in fetch (undici ${process.versions.undici})`,
    clients: clients.map((n) => ({ name: n, orgkit: CLIENTS[n][1], description: CLIENTS[n][2] })),
    results,
    memory,
    coldstart,
    errors,
  }
  const text = JSON.stringify(doc, null, 2) + '\n'
  if (args.out) writeFileSync(args.out, text)
  else process.stdout.write(text)
}

const [command, ...rest] = process.argv.slice(2)
const args = parseArgs(rest)
if (command === 'run') await cmdRun(args)
else if (command === 'mem') await cmdMem(args)
else {
  console.error('usage: node bench.mjs run|mem --url URL ...')
  process.exit(2)
}
