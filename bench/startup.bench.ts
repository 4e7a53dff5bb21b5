// startup.*: cold start to a ready template per provider that can run here, split into its parts,
// and a watch re-run to the first query. Every cold start is a fresh Node process
// (children/cold-start.ts), so module loading and the Wasm engines are cold as in a real run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { WorkerDatabases } from '../packages/test-kit/src/isolation/worker-databases.ts'
import { TEMPLATE_PREFIX } from '../packages/test-kit/src/provision/database-names.ts'
import { startEmbedded } from '../packages/test-kit/src/provision/providers/embedded.ts'
import { dockerUnavailableReason } from '../packages/test-kit/src/provision/providers/testcontainers.ts'
import { readSettings } from '../packages/test-kit/src/provision/settings.ts'
import { dropDatabase } from '../packages/test-kit/src/provision/stale-databases.ts'
import { COMPILE_CACHE_ENV } from '../packages/test-kit/src/vitest-project.ts'
import { appClient, type BenchContext, type BenchResult, lastJsonLine, runChild, timed } from './lib.ts'

const COLD_START = fileURLToPath(new URL('./children/cold-start.ts', import.meta.url))
const RERUN = fileURLToPath(new URL('./children/rerun.ts', import.meta.url))

type ColdStart = {
  runId: string
  provider: string
  serverVersion: string
  loadMs: number
  serverMs: number
  templateMs: number
  otherMs: number
  cloneMs: number
  migrateSqlMs: number
  stopMs: number
  totalMs: number
}

type Rerun = { loadMs: number; beginMs: number; queryMs: number; totalMs: number }

/**
 * The kit's settings without whatever the caller's shell set, plus `overrides`; Node's compile
 * cache on, as in a Vitest process whose config uses the kit (vitest-project.ts turns it on).
 */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['TEST_DB_PROVIDER', 'TEST_DATABASE_URL', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) {
    delete env[key]
  }
  return { ...env, ...COMPILE_CACHE_ENV, ...overrides }
}

async function child<T>(script: string, env: NodeJS.ProcessEnv): Promise<T> {
  const out = await runChild(process.execPath, [script], { env, timeoutMs: 180_000 })
  const parsed = out.code === 0 ? lastJsonLine<T>(out.stdout) : undefined
  if (!parsed) {
    const tail = `${out.stdout}\n${out.stderr}`.trim().split('\n').slice(-20).join('\n')
    throw new Error(`${script} exited with ${out.code}:\n${tail}`)
  }
  return parsed
}

async function coldStarts(
  ctx: BenchContext,
  runs: number,
  env: NodeJS.ProcessEnv,
  before?: () => Promise<void>,
): Promise<ColdStart[]> {
  const samples: ColdStart[] = []
  for (let i = 0; i < runs; i++) {
    await before?.()
    const sample = await child<ColdStart>(COLD_START, { ...env, BENCH_MIGRATIONS_DIR: ctx.migrationsDir })
    ctx.trackRun(sample.runId)
    samples.push(sample)
  }
  return samples
}

/** The total and its parts as results: `<id>`, `<id>.load`, `<id>.server`, … */
function coldStartResults(id: string, label: string, samples: ColdStart[], parts: (keyof ColdStart)[]) {
  const partWhat: Partial<Record<keyof ColdStart, string>> = {
    loadMs:
      "importing the kit's start (providers, the migrations reader; pg loads while the server starts, the schema engine only to migrate)",
    serverMs:
      'provider start (embedded: copy a cached cluster or initdb, start postgres; external: connect and check the role)',
    templateMs:
      'template: found ready (a cached migrated cluster, or on a server that outlives runs), else CREATE DATABASE + migrations through the Wasm schema engine',
    migrateSqlMs: "the migrations' own SQL time (from _prisma_migrations), part of .template",
    cloneMs: 'first clone: admin connection + CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY',
    stopMs: 'stop: drop the run databases / stop the server and remove its folder',
  }
  const suffix: Partial<Record<keyof ColdStart, string>> = {
    loadMs: 'load',
    serverMs: 'server',
    templateMs: 'template',
    migrateSqlMs: 'migrate',
    cloneMs: 'clone',
    stopMs: 'stop',
  }
  const results: BenchResult[] = [
    {
      id,
      what: `${label}: load the kit, start the server, build the template, first clone`,
      unit: 'ms',
      samples: samples.map((s) => s.totalMs),
    },
  ]
  for (const part of parts) {
    results.push({
      id: `${id}.${suffix[part]}`,
      what: partWhat[part] ?? part,
      unit: 'ms',
      samples: samples.map((s) => Number(s[part])),
    })
  }
  return results
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const coldRuns = ctx.quick ? 2 : 5
  const allParts: (keyof ColdStart)[] = [
    'loadMs',
    'serverMs',
    'templateMs',
    'migrateSqlMs',
    'cloneMs',
    'stopMs',
  ]

  // Embedded: the default when there is neither TEST_DATABASE_URL nor Docker. The cluster cache is
  // one of the benchmark's own: emptied before each first-run sample (initdb + migrations), then
  // left as the last one filled it for the warm samples (a copy of the migrated cluster).
  const cacheDir = mkdtempSync(join(tmpdir(), 'tk-bench-cache-'))
  try {
    const env = childEnv({ TEST_DB_PROVIDER: 'embedded', TEST_KIT_CACHE_DIR: cacheDir })
    const emptyCache = async () => rmSync(cacheDir, { recursive: true, force: true })
    const first = await coldStarts(ctx, coldRuns, env, emptyCache)
    const warm = await coldStarts(ctx, coldRuns, env)
    ctx.log(
      `startup.embedded: first run ${first.map((s) => Math.round(s.totalMs)).join(', ')} ms; warm ${warm.map((s) => Math.round(s.totalMs)).join(', ')} ms`,
    )
    results.push(
      ...coldStartResults(
        'startup.embedded',
        'embedded, cold, first run (empty cluster cache)',
        first,
        allParts,
      ),
      ...coldStartResults(
        'startup.embedded.warm',
        'embedded, cold, a later run (cluster cache filled)',
        warm,
        ['loadMs', 'serverMs', 'templateMs', 'cloneMs', 'stopMs'],
      ),
    )
  } finally {
    rmSync(cacheDir, { recursive: true, force: true })
  }

  // External: a server this benchmark starts itself (not counted), as CI's service container.
  const externalRunId = `bx${process.pid}`
  ctx.trackRun(externalRunId)
  const external = await startEmbedded({ runId: externalRunId, cacheDir: readSettings().cacheDir })
  try {
    const admin = new pg.Client({ connectionString: external.adminUrl })
    await admin.connect()
    const dropTemplates = async () => {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [TEMPLATE_PREFIX],
      )
      for (const { datname } of rows) await dropDatabase(admin, datname)
    }
    try {
      const env = childEnv({ TEST_DB_PROVIDER: 'external', TEST_DATABASE_URL: external.adminUrl })
      const built = await coldStarts(ctx, coldRuns, env, dropTemplates)
      const reused = await coldStarts(ctx, coldRuns, env)
      ctx.log(
        `startup.external: built ${built.map((s) => Math.round(s.totalMs)).join(', ')} ms; reused ${reused.map((s) => Math.round(s.totalMs)).join(', ')} ms`,
      )
      results.push(
        ...coldStartResults('startup.external', 'external server, template built', built, [
          'loadMs',
          'serverMs',
          'templateMs',
          'migrateSqlMs',
          'cloneMs',
          'stopMs',
        ]),
        ...coldStartResults('startup.external.reuse', 'external server, template reused', reused, [
          'templateMs',
        ]),
      )
    } finally {
      await admin.end()
    }
  } finally {
    await external.stop()
  }

  // Testcontainers: only with a Docker engine and an image that is there (no registry here).
  const image = process.env.TEST_PG_IMAGE?.trim()
  const missingDocker = await dockerUnavailableReason(readSettings().dockerHost)
  if (missingDocker) {
    ctx.note(`startup.testcontainers: skipped, no Docker engine (${missingDocker})`)
  } else if (!image) {
    ctx.note(
      'startup.testcontainers: skipped, TEST_PG_IMAGE is not set (set it to a local image, e.g. TEST_PG_IMAGE=local/postgres:15)',
    )
  } else {
    const env = childEnv({
      TEST_DB_PROVIDER: 'testcontainers',
      TEST_PG_IMAGE: image,
      // Ryuk needs its own image from a registry; the kit's watchdog removes the container anyway.
      TESTCONTAINERS_RYUK_DISABLED: process.env.TESTCONTAINERS_RYUK_DISABLED ?? 'true',
    })
    const containers = await coldStarts(ctx, ctx.quick ? 1 : 3, env)
    ctx.log(
      `startup.testcontainers (${image}, PostgreSQL ${containers[0]?.serverVersion}): ${containers.map((s) => Math.round(s.totalMs)).join(', ')} ms`,
    )
    results.push(
      ...coldStartResults('startup.testcontainers', `testcontainers (${image})`, containers, allParts),
    )
  }

  // Watch re-run: the server and the template are up; a new worker process opens its
  // transaction-mode database and runs a first query. The first child creates the worker's
  // database (as the first run did); the measured ones reuse it, as re-runs do.
  const rerunEnv = childEnv({ BENCH_SERVER_INFO: JSON.stringify(ctx.server), VITEST_POOL_ID: 'bench-rerun' })
  await child<Rerun>(RERUN, rerunEnv)
  const reruns: Rerun[] = []
  for (let i = 0; i < (ctx.quick ? 3 : 10); i++) reruns.push(await child<Rerun>(RERUN, rerunEnv))
  results.push(
    {
      id: 'startup.rerun',
      what: 'watch re-run, new worker process: load kit + Prisma, WorkerDatabases + beginTest, first query',
      unit: 'ms',
      samples: reruns.map((r) => r.totalMs),
    },
    {
      id: 'startup.rerun.load',
      what: 're-run: importing the kit and the generated Prisma client',
      unit: 'ms',
      samples: reruns.map((r) => r.loadMs),
    },
    {
      id: 'startup.rerun.begin',
      what: 're-run: new WorkerDatabases + beginTest (pool connect, BEGIN; worker database exists)',
      unit: 'ms',
      samples: reruns.map((r) => r.beginMs),
    },
    {
      id: 'startup.rerun.query',
      what: 're-run: first query (PrismaClient start, Wasm query compiler, plan, execute)',
      unit: 'ms',
      samples: reruns.map((r) => r.queryMs),
    },
  )

  // The same in a process whose modules are loaded (a worker that survives the re-run).
  const inProcess: number[] = []
  for (let i = 0; i < (ctx.quick ? 6 : 21); i++) {
    const worker = new WorkerDatabases(ctx.server, appClient)
    try {
      const [ms] = await timed(async () => {
        const { db, end } = await worker.beginTest()
        await db.organization.count()
        await end()
      })
      if (i > 0) inProcess.push(ms) // the first one creates the worker database
    } finally {
      await worker.close()
    }
  }
  results.push({
    id: 'startup.rerun.inprocess',
    what: 're-run in a warm process: new WorkerDatabases + beginTest + first query + end',
    unit: 'ms',
    samples: inProcess,
  })
  return results
}
