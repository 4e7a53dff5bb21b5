// Child process of realistic.bench.ts: one contender in a fresh Node process, from the process's
// start to its first query, then BENCH_TESTS realistic tests, then the peak memory.
// BENCH_PEER picks the contender:
// - kit: the kit's start as a Vitest run does it (startTestServer: embedded PostgreSQL from the
//   cluster cache, the template), then a worker's transaction-mode database (WorkerDatabases +
//   beginTest) — in one process here, where Vitest uses two;
// - pglite-rollback / pglite-reset: PGlite behind prisma-pglite-bridge, from the template file
//   (BENCH_PGLITE_TEMPLATE) or, with BENCH_PGLITE_SOURCE=migrations, from the migrations
//   (pushMigrations), with a rollback (@chax-at/transactional-prisma-testing) or the bridge's
//   snapshot reset per test.
// Peak memory: for PGlite this process's peak RSS (VmHWM, the kernel's high-water mark of this
// process's memory; not getrusage's maxRSS, which on Linux starts from the RSS of the parent that
// spawned it); for the kit the same plus the highest sum of the RSS of the server's postgres
// processes, sampled every 20 ms (an upper bound: the two peaks may not coincide, and the postgres
// processes' shared memory counts in each).
// Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const peer = process.env.BENCH_PEER ?? ''
const tests = Number(process.env.BENCH_TESTS ?? '100')
const migrationsDir = process.env.BENCH_MIGRATIONS_DIR
if (!migrationsDir) throw new Error('BENCH_MIGRATIONS_DIR is not set (the bench runner sets it).')

/** A size in bytes from /proc/<pid>/status (`VmRSS`, `VmHWM`; 0 once the process is gone). */
function statusBytes(pid: number | 'self', field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}
const rssOf = (pid: number) => statusBytes(pid, 'VmRSS')

/** The postmaster and its children (backends, checkpointer, walwriter …). */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === postmaster) pids.push(Number(entry))
    } catch {}
  }
  return pids
}

const mib = (bytes: number) => bytes / 2 ** 20
const maxRssBytes = () => statusBytes('self', 'VmHWM')

type Output = {
  peer: string
  runId?: string
  /** Process start (Node's time origin) to the first query's answer, in ms. */
  startMs: number
  tests: number
  testsMs: number
  nodeMiB: number
  postgresMiB: number
  totalMiB: number
}

async function kit(): Promise<Output> {
  const { startTestServer } = await import('../../packages/test-kit/src/provision/test-server.ts')
  const { WorkerDatabases } = await import('../../packages/test-kit/src/isolation/worker-databases.ts')
  const { appClient } = await import('../lib.ts')
  const { realisticBody } = await import('../realistic-body.ts')
  const server = await startTestServer({ migrationsDir: required(migrationsDir), log: () => {} })
  let postgresPeak = 0
  let sampler: NodeJS.Timeout | undefined
  try {
    const pidFile = readFileSync(join(server.info.runDir, 'data', 'postmaster.pid'), 'utf8')
    const postmaster = Number(pidFile.split('\n')[0])
    let pids = postgresPids(postmaster)
    let ticks = 0
    const sample = () => {
      // Backends come and go: the process list is read again every 10th sample.
      if (++ticks % 10 === 0) pids = postgresPids(postmaster)
      postgresPeak = Math.max(
        postgresPeak,
        pids.reduce((sum, pid) => sum + rssOf(pid), 0),
      )
    }
    sampler = setInterval(sample, 20)
    const worker = new WorkerDatabases(server.info, appClient)
    try {
      const first = await worker.beginTest()
      await first.db.organization.count()
      const startMs = performance.now()
      await first.end()
      const testsStarted = performance.now()
      for (let i = 0; i < tests; i++) {
        const { db, end } = await worker.beginTest()
        await realisticBody(db, `kit-${i}`)
        await end()
      }
      const testsMs = performance.now() - testsStarted
      pids = postgresPids(postmaster)
      sample()
      return {
        peer,
        runId: server.info.runId,
        startMs,
        tests,
        testsMs,
        nodeMiB: mib(maxRssBytes()),
        postgresMiB: mib(postgresPeak),
        totalMiB: mib(maxRssBytes() + postgresPeak),
      }
    } finally {
      await worker.close()
    }
  } finally {
    clearInterval(sampler)
    await server.stop()
  }
}

async function pglite(reset: boolean): Promise<Output> {
  const { PGliteBridge, pushMigrations } = await import('prisma-pglite-bridge')
  const { bridgeClient, loadPglite, realisticBody, rollbackPeer } = await import('../realistic-body.ts')
  let context: { prisma: ReturnType<typeof bridgeClient>; bridge: InstanceType<typeof PGliteBridge> }
  let close: () => Promise<void>
  if (process.env.BENCH_PGLITE_SOURCE === 'migrations') {
    const bridge = new PGliteBridge()
    await pushMigrations(bridge.pglite, { migrationsPath: required(migrationsDir) })
    context = { prisma: bridgeClient(bridge.adapter), bridge }
    close = () => bridge.close()
  } else {
    const file = required(process.env.BENCH_PGLITE_TEMPLATE)
    const loaded = await loadPglite(new Blob([readFileSync(file)]))
    context = loaded
    close = loaded.close
  }
  try {
    if (reset) await context.bridge.snapshotDb()
    await context.prisma.organization.count()
    const startMs = performance.now()
    const rollback = reset ? undefined : rollbackPeer({ ...context, close })
    const testsStarted = performance.now()
    for (let i = 0; i < tests; i++) {
      if (rollback) {
        await rollback.helper.startNewTransaction({ timeout: 60_000 })
        await realisticBody(rollback.proxy, `rb-${i}`)
        rollback.helper.rollbackCurrentTransaction()
        await rollback.settled()
      } else {
        await context.bridge.resetDb()
        await realisticBody(context.prisma, `rs-${i}`)
      }
    }
    const testsMs = performance.now() - testsStarted
    return {
      peer,
      startMs,
      tests,
      testsMs,
      nodeMiB: mib(maxRssBytes()),
      postgresMiB: 0,
      totalMiB: mib(maxRssBytes()),
    }
  } finally {
    await context.prisma.$disconnect()
    await close()
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error(`BENCH_PEER=${peer}: a setting the runner passes is missing`)
  return value
}

let output: Output
if (peer === 'kit') output = await kit()
else if (peer === 'pglite-rollback') output = await pglite(false)
else if (peer === 'pglite-reset') output = await pglite(true)
else throw new Error(`BENCH_PEER=${peer} is not kit, pglite-rollback or pglite-reset`)
console.log(JSON.stringify(output))
