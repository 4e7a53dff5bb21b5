// realistic.*: a realistic test (a user, an organization with its membership and 5 content items
// through nested creates, then a findMany with an include: bench/realistic-body.ts), timed whole —
// setup, body, teardown — in the kit's two isolation modes and on PGlite, the in-process
// PostgreSQL that teams reach for to test without Docker: prisma-pglite-bridge behind the same
// generated client (@prisma/adapter-pg over the bridge), the same migrations, with a rollback per
// test (@chax-at/transactional-prisma-testing on top) or the bridge's snapshot reset per test.
// Beside them, the bare body without isolation on each engine. All contenders run in this one
// process, round-robin test by test, so a change in the machine's load hits them alike.
// - realistic.<contender>: the whole test;
// - realistic.<contender>.net: the whole test minus the bare body on the same engine run in the
//   same round (what the isolation adds, in and around the body);
// - realistic.<contender>.hooks: setup + teardown alone.
// Then, each in a fresh Node process (children/realistic-peer.ts): start to first query, and peak
// memory over a run of realistic tests (test process + PostgreSQL; PGlite: the test process).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BridgeContext } from 'prisma-pglite-bridge/testing'
import { createBridgeTemplate } from 'prisma-pglite-bridge/testing'
import type { PrismaClient } from '../packages/db/src/index.ts'
import { enterTest } from '../packages/test-kit/src/isolation/test-context.ts'
import { openTestDatabase } from '../packages/test-kit/src/isolation/test-database.ts'
import { WorkerDatabases } from '../packages/test-kit/src/isolation/worker-databases.ts'
import { COMPILE_CACHE_ENV } from '../packages/test-kit/src/vitest-project.ts'
import {
  appClient,
  type BenchContext,
  type BenchResult,
  lastJsonLine,
  quantile,
  runChild,
  sleep,
  timed,
} from './lib.ts'
import { bridgeClient, loadPglite, type RollbackPeer, realisticBody, rollbackPeer } from './realistic-body.ts'

const PEER = fileURLToPath(new URL('./children/realistic-peer.ts', import.meta.url))

type Timing = { hooks: number; total: number }

async function timeTest<T>(
  setup: () => Promise<T>,
  body: (state: T) => Promise<void>,
  teardown: (state: T) => Promise<void>,
): Promise<Timing> {
  const started = performance.now()
  const state = await setup()
  const setUp = performance.now()
  await body(state)
  const ran = performance.now()
  await teardown(state)
  const ended = performance.now()
  return { hooks: setUp - started + (ended - ran), total: ended - started }
}

/** One contender; `baseline` names the bare body its net samples subtract (same engine, same round). */
type Contender = {
  id: string
  what: string
  baseline?: string
  open(): Promise<void>
  test(i: number): Promise<Timing>
  totals: number[]
  hooks: number[]
  net: number[]
  failed?: string
}

type PeerOutput = {
  peer: string
  runId?: string
  startMs: number
  tests: number
  testsMs: number
  nodeMiB: number
  postgresMiB: number
  totalMiB: number
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 50 : 300
  const warmup = ctx.quick ? 5 : 20
  const worker = new WorkerDatabases(ctx.server, appClient)
  const closers: (() => Promise<void>)[] = [() => worker.close()]
  const scratch = mkdtempSync(join(tmpdir(), 'tk-bench-pglite-'))
  closers.push(async () => rmSync(scratch, { recursive: true, force: true }))

  try {
    // PGlite's databases come from one template with the migrations applied (the bridge's "build
    // once, load per file"), dumped to a file for the child processes too.
    const [templateMs, template] = await timed(() =>
      createBridgeTemplate({ client: bridgeClient, migrations: { migrationsPath: ctx.migrationsDir } }),
    )
    const templateFile = join(scratch, 'template.tar')
    writeFileSync(templateFile, Buffer.from(await template.arrayBuffer()))
    ctx.log(
      `pglite template: built in ${templateMs.toFixed(0)} ms, ${(template.size / 2 ** 20).toFixed(1)} MiB`,
    )

    // Database mode takes a clone from the warm pool: rounds are spaced so the pool refills (and
    // drops the used clone) between them, as in isolation.bench.ts.
    const cloneTimes: number[] = []
    for (let i = 0; i < (ctx.quick ? 5 : 15); i++) {
      const [cloneMs, clone] = await timed(() => ctx.freshDatabase('realclonetime'))
      cloneTimes.push(cloneMs)
      await clone.drop()
    }
    const gap = Math.min(250, Math.max(20, Math.ceil(2 * quantile(cloneTimes, 0.95) + 10)))
    ctx.log(`clone: median ${quantile(cloneTimes, 0.5).toFixed(1)} ms; ${gap} ms pause between rounds`)

    let plain: PrismaClient | undefined
    let barePglite: BridgeContext<PrismaClient> | undefined
    let rollbackContext: BridgeContext<PrismaClient> | undefined
    let rollback: RollbackPeer | undefined
    let resetContext: BridgeContext<PrismaClient> | undefined
    const pglite = async () => {
      const context = await loadPglite(template)
      closers.push(async () => {
        await context.prisma.$disconnect()
        await context.close()
      })
      return context
    }

    const contenders: Contender[] = [
      {
        id: 'realistic.body.postgres',
        what: "the realistic body alone on PostgreSQL: plain client (adapter-pg on the kit's server: a Unix socket where it has one), no isolation",
        open: async () => {
          const database = await ctx.freshDatabase('realbody')
          plain = ctx.createClient(database.url)
          closers.push(async () => {
            await plain?.$disconnect()
            await database.drop()
          })
        },
        test: (i) =>
          timeTest(
            async () => required(plain),
            (db) => realisticBody(db, `pg-${i}`),
            async () => {},
          ),
        totals: [],
        hooks: [],
        net: [],
      },
      {
        id: 'realistic.transaction',
        what: "kit, transaction mode (beginTest: BEGIN on the worker's pooled connection, statements as savepoints; ROLLBACK)",
        baseline: 'realistic.body.postgres',
        open: async () => {},
        test: (i) =>
          timeTest(
            () => openTestDatabase(worker, 'transaction', `realistic tx ${i}`),
            (opened) => realisticBody(opened.db, `tx-${i}`),
            (opened) => opened.close(false),
          ),
        totals: [],
        hooks: [],
        net: [],
      },
      {
        id: 'realistic.body.pglite',
        what: 'the realistic body alone on PGlite (prisma-pglite-bridge, same client), no isolation',
        open: async () => {
          barePglite = await pglite()
        },
        test: (i) =>
          timeTest(
            async () => required(barePglite).prisma,
            (db) => realisticBody(db, `pgl-${i}`),
            async () => {},
          ),
        totals: [],
        hooks: [],
        net: [],
      },
      {
        id: 'realistic.pglite.rollback',
        what: 'PGlite (bridge) + @chax-at/transactional-prisma-testing: startNewTransaction; rollbackCurrentTransaction, waited for',
        baseline: 'realistic.body.pglite',
        open: async () => {
          rollbackContext = await pglite()
          rollback = rollbackPeer(rollbackContext)
        },
        test: (i) => {
          const peer = required(rollback)
          return timeTest(
            () => peer.helper.startNewTransaction({ timeout: 60_000 }),
            () => realisticBody(peer.proxy, `rb-${i}`),
            async () => {
              peer.helper.rollbackCurrentTransaction()
              await peer.settled()
            },
          )
        },
        totals: [],
        hooks: [],
        net: [],
      },
      {
        id: 'realistic.pglite.reset',
        what: "PGlite (bridge), the bridge's snapshot reset per test (snapshotDb once; resetDb before each test)",
        baseline: 'realistic.body.pglite',
        open: async () => {
          resetContext = await pglite()
          await resetContext.bridge.snapshotDb()
        },
        test: (i) => {
          const context = required(resetContext)
          return timeTest(
            async () => {
              await context.bridge.resetDb()
              return context.prisma
            },
            (db) => realisticBody(db, `rs-${i}`),
            async () => {},
          )
        },
        totals: [],
        hooks: [],
        net: [],
      },
      {
        // Last in the round, so its background clone and DROP run during the pause.
        id: 'realistic.database',
        what: "kit, database mode (a clone from the warm pool, connected ahead; the worker's warm client routed to it; background DROP)",
        baseline: 'realistic.body.postgres',
        open: async () => {},
        test: (i) =>
          timeTest(
            // As the `db` fixture does: the test registered, its clone its route.
            async () => {
              const entry = enterTest({ id: `realistic-db-${i}`, name: `realistic db ${i}` })
              const opened = await openTestDatabase(worker, 'database', `realistic db ${i}`)
              entry.target = opened.target
              return { entry, opened }
            },
            ({ opened }) => realisticBody(opened.db, `db-${i}`),
            async ({ entry, opened }) => {
              await entry.end()
              await opened.close(false)
            },
          ),
        totals: [],
        hooks: [],
        net: [],
      },
    ]

    for (const contender of contenders) {
      try {
        await contender.open()
      } catch (error) {
        contender.failed = error instanceof Error ? error.message : String(error)
        ctx.note(`${contender.id}: could not start, left out: ${contender.failed}`)
      }
    }
    for (let i = 0; i < warmup + count; i++) {
      const record = i >= warmup
      const round = new Map<string, number>()
      for (const contender of contenders) {
        if (contender.failed) continue
        try {
          const timing = await contender.test(i)
          round.set(contender.id, timing.total)
          if (!record) continue
          contender.totals.push(timing.total)
          contender.hooks.push(timing.hooks)
          const base = contender.baseline === undefined ? undefined : round.get(contender.baseline)
          if (base !== undefined) contender.net.push(timing.total - base)
        } catch (error) {
          contender.failed = error instanceof Error ? error.message : String(error)
          ctx.note(`${contender.id}: failed at test ${i}, left out: ${contender.failed}`)
        }
      }
      await sleep(gap)
    }

    // Correctness, not speed: the rollback peer's tests must have left no row behind.
    const rollbackContender = contenders.find((c) => c.id === 'realistic.pglite.rollback')
    if (rollbackContext && rollbackContender && !rollbackContender.failed) {
      const left = await rollbackContext.prisma.organization.count()
      if (left !== 0) {
        rollbackContender.failed = `${left} organizations survived its rollbacks`
        ctx.note(`realistic.pglite.rollback: left out: ${rollbackContender.failed}`)
      }
    }

    const results: BenchResult[] = []
    for (const contender of contenders) {
      if (contender.failed || contender.totals.length === 0) continue
      results.push({
        id: contender.id,
        what: `whole test: ${contender.what}`,
        unit: 'ms',
        samples: contender.totals,
      })
    }
    for (const contender of contenders) {
      if (contender.failed || contender.baseline === undefined || contender.net.length === 0) continue
      results.push(
        {
          id: `${contender.id}.net`,
          what: `${contender.id}: whole test minus ${contender.baseline} of the same round`,
          unit: 'ms',
          samples: contender.net,
        },
        {
          id: `${contender.id}.hooks`,
          what: `${contender.id}: setup + teardown alone`,
          unit: 'ms',
          samples: contender.hooks,
        },
      )
    }
    for (const result of results) {
      ctx.log(
        `${result.id}: median ${quantile(result.samples, 0.5).toFixed(2)} ms, p95 ${quantile(result.samples, 0.95).toFixed(2)}`,
      )
    }

    results.push(...(await peers(ctx, templateFile)))
    return results
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
}

/**
 * Start-up and peak memory, each contender in fresh Node processes taking turns; the first round
 * is a warm-up (the kit's cluster cache, Node's compile cache, the page cache), not recorded.
 */
async function peers(ctx: BenchContext, templateFile: string): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 1 : 3
  const tests = ctx.quick ? 50 : 300
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['TEST_DB_PROVIDER', 'TEST_DATABASE_URL', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) {
    delete env[key]
  }
  Object.assign(env, COMPILE_CACHE_ENV, {
    // The kit's default: the embedded server from the cluster cache (warm after the first round).
    TEST_DB_PROVIDER: 'embedded',
    BENCH_MIGRATIONS_DIR: ctx.migrationsDir,
    BENCH_PGLITE_TEMPLATE: templateFile,
  })
  // The start from the migrations is timed alone (no tests after it).
  const kinds: { key: string; peer: string; source?: string; tests?: number }[] = [
    { key: 'kit', peer: 'kit' },
    { key: 'pglite.rollback', peer: 'pglite-rollback' },
    { key: 'pglite.reset', peer: 'pglite-reset' },
    { key: 'pglite.migrations', peer: 'pglite-rollback', source: 'migrations', tests: 0 },
  ]
  const outputs = new Map<string, PeerOutput[]>()
  for (let round = 0; round <= rounds; round++) {
    for (const kind of kinds) {
      const childEnv = {
        ...env,
        BENCH_PEER: kind.peer,
        BENCH_PGLITE_SOURCE: kind.source ?? 'template',
        BENCH_TESTS: String(kind.tests ?? tests),
      }
      const out = await runChild(process.execPath, [PEER], { env: childEnv, timeoutMs: 300_000 })
      const parsed = out.code === 0 ? lastJsonLine<PeerOutput>(out.stdout) : undefined
      if (!parsed) {
        const tail = `${out.stdout}\n${out.stderr}`.trim().split('\n').slice(-20).join('\n')
        throw new Error(`realistic-peer.ts (${kind.key}) exited with ${out.code}:\n${tail}`)
      }
      if (parsed.runId) ctx.trackRun(parsed.runId)
      ctx.log(
        `${round === 0 ? 'warm-up ' : ''}${kind.key}: first query at ${parsed.startMs.toFixed(0)} ms; ${parsed.tests} tests in ${parsed.testsMs.toFixed(0)} ms; peak ${parsed.totalMiB.toFixed(0)} MiB (node ${parsed.nodeMiB.toFixed(0)}, postgres ${parsed.postgresMiB.toFixed(0)})`,
      )
      if (round > 0) outputs.set(kind.key, [...(outputs.get(kind.key) ?? []), parsed])
    }
  }
  const of = (key: string) => outputs.get(key) ?? []
  return [
    {
      id: 'realistic.startup.kit',
      what: 'kit, fresh process: start to first query (embedded server from the warm cluster cache, template ready, worker database + BEGIN, first query)',
      unit: 's',
      samples: of('kit').map((o) => o.startMs / 1000),
    },
    {
      id: 'realistic.startup.pglite',
      what: 'PGlite, fresh process: start to first query (loadBridgeTemplate from a template file with the migrations applied)',
      unit: 's',
      samples: of('pglite.rollback').map((o) => o.startMs / 1000),
    },
    {
      id: 'realistic.startup.pglite.migrations',
      what: 'PGlite, fresh process: start to first query (new PGliteBridge + pushMigrations)',
      unit: 's',
      samples: of('pglite.migrations').map((o) => o.startMs / 1000),
    },
    {
      id: 'realistic.memory.kit',
      what: `kit, transaction mode, ${tests} realistic tests: peak RSS of the test process + the highest sum of its postgres processes' RSS`,
      unit: 'MiB',
      samples: of('kit').map((o) => o.totalMiB),
    },
    {
      id: 'realistic.memory.kit.postgres',
      what: "the postgres processes' part of realistic.memory.kit (sum of RSS; shared memory counts in each)",
      unit: 'MiB',
      samples: of('kit').map((o) => o.postgresMiB),
    },
    {
      id: 'realistic.memory.pglite.rollback',
      what: `PGlite + chax rollback, ${tests} realistic tests: peak RSS of the test process (PGlite runs in it)`,
      unit: 'MiB',
      samples: of('pglite.rollback').map((o) => o.totalMiB),
    },
    {
      id: 'realistic.memory.pglite.reset',
      what: `PGlite + snapshot reset, ${tests} realistic tests: peak RSS of the test process (PGlite runs in it)`,
      unit: 'MiB',
      samples: of('pglite.reset').map((o) => o.totalMiB),
    },
  ]
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the contender was not opened')
  return value
}
