// isolation.*: per-test overhead of the kit's transaction and database modes against what users
// run today (TRUNCATE, deleteMany, @chax-at/transactional-prisma-testing). Every mode runs the
// same small test body (insert an organization, read it back) N times on the same server, the
// modes taking turns test by test. Two numbers per mode:
// - isolation.<mode>: its setup + teardown around the body (what beforeEach/afterEach cost);
// - isolation.<mode>.net: the whole test minus the bare body run just before it on a plain client
//   (isolation.baseline), so it also counts what the mode changes inside the body (savepoints per
//   statement, no autocommit, a new client's first queries), with the load of the moment cancelled.
import { PrismaTestingHelper } from '@chax-at/transactional-prisma-testing'
import pg from 'pg'
import type { PrismaClient } from '../packages/db/src/index.ts'
import { openTestDatabase } from '../packages/test-kit/src/isolation/test-database.ts'
import { WorkerDatabases } from '../packages/test-kit/src/isolation/worker-databases.ts'
import { appClient, type BenchContext, type BenchResult, quantile, sleep, timed } from './lib.ts'

/** The same small test in every mode: one insert and one select. */
async function testBody(db: PrismaClient, slug: string): Promise<void> {
  const created = await db.organization.create({ data: { name: 'Bench organization', slug } })
  const found = await db.organization.findUnique({ where: { id: created.id } })
  if (found?.slug !== slug) throw new Error(`the test body did not read back its row (${slug})`)
}

/** One test's times in ms: setup + teardown, and the whole test. */
type Timing = { hooks: number; total: number }

/** Times setup, the body and teardown of one test. */
async function timeTest<T>(
  setup: () => Promise<T>,
  body: (state: T) => Promise<void>,
  teardown: (state: T) => Promise<void> | void,
): Promise<Timing & { setup: number; teardown: number }> {
  const started = performance.now()
  const state = await setup()
  const setUp = performance.now()
  await body(state)
  const ran = performance.now()
  await teardown(state)
  const ended = performance.now()
  return {
    setup: setUp - started,
    teardown: ended - ran,
    hooks: setUp - started + (ended - ran),
    total: ended - started,
  }
}

/**
 * One way of isolating tests. `test` runs one whole test and returns its times; `record` is
 * false for warm-up tests. Resources live from `open` to the end of the benchmark.
 */
type Mode = {
  id: string
  what: string
  open(): Promise<void>
  test(i: number, record: boolean): Promise<Timing>
  hooks: number[]
  net: number[]
  failed?: string
}

/**
 * Runs test i of every mode, then test i + 1 of every mode, and so on: a change in the machine's
 * load hits every mode alike, and each net sample is paired with the baseline test (modes[0]) run
 * moments before it. `pause` runs after each round, untimed.
 */
async function roundRobin(
  modes: Mode[],
  count: number,
  warmup: number,
  pause: () => Promise<void>,
  note: (line: string) => void,
): Promise<void> {
  for (let i = 0; i < warmup + count; i++) {
    const record = i >= warmup
    let baseline = 0
    for (const [index, mode] of modes.entries()) {
      if (mode.failed) continue
      try {
        const timing = await mode.test(i, record)
        if (index === 0) baseline = timing.total
        if (record) {
          mode.hooks.push(timing.hooks)
          // The baseline's own samples are its body times.
          mode.net.push(index === 0 ? timing.total : timing.total - baseline)
        }
      } catch (error) {
        mode.failed = error instanceof Error ? error.message : String(error)
        note(`${mode.id}: failed at test ${i}, left out: ${mode.failed}`)
      }
    }
    await pause()
  }
}

/** Rows of `table` in the database at `url`, through a connection of its own. */
async function countRows(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
    return rows[0]?.n ?? -1
  } finally {
    await client.end()
  }
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 50 : 500
  const warmup = ctx.quick ? 5 : 20
  const worker = new WorkerDatabases(ctx.server, appClient)
  const closers: (() => Promise<void>)[] = [() => worker.close()]

  // Database mode from a warm clone pool: rounds are spaced so the pool refills (and drops the
  // used clone) between them, as when tests take longer than a clone; the other modes' tests
  // then run on a quiet server too. The pause follows the measured clone time.
  const cloneTimes: number[] = []
  for (let i = 0; i < (ctx.quick ? 5 : 15); i++) {
    const [cloneMs, clone] = await timed(() => ctx.freshDatabase('clonetime'))
    cloneTimes.push(cloneMs)
    await clone.drop()
  }
  const gap = Math.min(250, Math.max(20, Math.ceil(2 * quantile(cloneTimes, 0.95) + 10)))
  ctx.log(`clone: median ${quantile(cloneTimes, 0.5).toFixed(1)} ms; ${gap} ms pause between rounds`)

  let plain: PrismaClient | undefined
  let truncateClient: PrismaClient | undefined
  let truncate = ''
  let deleteClient: PrismaClient | undefined
  let chaxUrl = ''
  let chax: { helper: PrismaTestingHelper<PrismaClient>; proxy: PrismaClient } | undefined
  const handoff: number[] = []
  const drop: number[] = []
  const clientOn = async (label: string) => {
    const database = await ctx.freshDatabase(label)
    const client = ctx.createClient(database.url)
    closers.push(async () => {
      await client.$disconnect()
      await database.drop()
    })
    return { client, url: database.url }
  }

  const modes: Mode[] = [
    {
      id: 'isolation.baseline',
      what: 'the test body alone (insert + select), plain client, no isolation',
      hooks: [],
      net: [],
      open: async () => {
        plain = (await clientOn('baseline')).client
      },
      test: (i) =>
        timeTest(
          async () => required(plain),
          (db) => testBody(db, `base-${i}`),
          () => {},
        ),
    },
    {
      id: 'isolation.transaction',
      what: 'transaction mode (beginTest: BEGIN on a pooled connection; end: ROLLBACK)',
      hooks: [],
      net: [],
      open: async () => {},
      test: (i) =>
        timeTest(
          () => openTestDatabase(worker, 'transaction', `tx ${i}`),
          (opened) => testBody(opened.db, `tx-${i}`),
          (opened) => opened.close(false),
        ),
    },
    {
      id: 'isolation.truncate',
      what: 'TRUNCATE … CASCADE of every table in beforeEach',
      hooks: [],
      net: [],
      open: async () => {
        truncateClient = (await clientOn('truncate')).client
        const tables = await truncateClient.$queryRawUnsafe<{ name: string }[]>(
          `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
        )
        truncate = `TRUNCATE TABLE ${tables.map((t) => t.name).join(', ')} CASCADE`
        ctx.log(`truncate: ${truncate}`)
      },
      test: (i) =>
        timeTest(
          async () => {
            const db = required(truncateClient)
            await db.$executeRawUnsafe(truncate)
            return db
          },
          (db) => testBody(db, `tr-${i}`),
          () => {},
        ),
    },
    {
      id: 'isolation.deletemany',
      what: 'deleteMany per table (children first) in beforeEach',
      hooks: [],
      net: [],
      open: async () => {
        deleteClient = (await clientOn('deletemany')).client
      },
      test: (i) =>
        timeTest(
          async () => {
            const db = required(deleteClient)
            await db.auditEvent.deleteMany()
            await db.contentItem.deleteMany()
            await db.membership.deleteMany()
            await db.organization.deleteMany()
            await db.user.deleteMany()
            return db
          },
          (db) => testBody(db, `dm-${i}`),
          () => {},
        ),
    },
    {
      // An interactive $transaction held open per test, reached through a Proxy of the client;
      // every query outside a $transaction gets a SAVEPOINT of its own.
      id: 'isolation.chax',
      what: '@chax-at/transactional-prisma-testing 1.5.0 (startNewTransaction / rollbackCurrentTransaction)',
      hooks: [],
      net: [],
      open: async () => {
        const { client, url } = await clientOn('chax')
        chaxUrl = url
        const helper = new PrismaTestingHelper(client)
        chax = { helper, proxy: helper.getProxyClient() }
      },
      test: (i) => {
        const { helper, proxy } = required(chax)
        return timeTest(
          () => helper.startNewTransaction({ timeout: 60_000 }),
          () => testBody(proxy, `chax-${i}`),
          // It does not wait: the ROLLBACK finishes in the background.
          () => helper.rollbackCurrentTransaction(),
        )
      },
    },
    {
      id: 'isolation.database',
      what: 'database mode, warm clone pool (handoff: take a clone, new PrismaClient, SELECT 1; $disconnect, background DROP)',
      hooks: [],
      net: [],
      open: async () => {},
      test: async (i, record) => {
        const timing = await timeTest(
          async () => {
            const opened = await openTestDatabase(worker, 'database', `db ${i}`)
            await opened.db.$queryRawUnsafe('SELECT 1')
            return opened
          },
          (opened) => testBody(opened.db, `db-${i}`),
          (opened) => opened.close(false),
        )
        if (record) {
          handoff.push(timing.setup)
          drop.push(timing.teardown)
        }
        return timing
      },
    },
  ]

  try {
    for (const mode of modes) {
      try {
        await mode.open()
      } catch (error) {
        mode.failed = error instanceof Error ? error.message : String(error)
        ctx.note(`${mode.id}: could not start, left out: ${mode.failed}`)
      }
    }
    // The database mode goes last, so its background clone and drop run during the pause.
    await roundRobin(modes, count, warmup, () => sleep(gap), ctx.note)

    // Correctness, not speed: every row of every chax test must be gone once its rollbacks land.
    const chaxMode = modes.find((mode) => mode.id === 'isolation.chax')
    if (chaxMode && !chaxMode.failed) {
      let left = -1
      for (let attempt = 0; attempt < 50 && left !== 0; attempt++) {
        await sleep(10)
        left = await countRows(chaxUrl, 'organizations')
      }
      if (left !== 0) {
        chaxMode.failed = `${left} organizations survived its rollbacks`
        ctx.note(`isolation.chax: left out: ${chaxMode.failed}`)
      }
    }

    // Database mode handoff when tests come back to back: the pool drains, tests wait for clones.
    const nowait: number[] = []
    for (let i = 0; i < (ctx.quick ? 20 : 100); i++) {
      const [handoffMs, opened] = await timed(async () => {
        const opened = await openTestDatabase(worker, 'database', `nowait ${i}`)
        await opened.db.$queryRawUnsafe('SELECT 1')
        return opened
      })
      await testBody(opened.db, `nowait-${i}`)
      await opened.close(false)
      nowait.push(handoffMs)
    }

    // Where the handoff goes: the pool's take() alone (the clone comes with a connected client),
    // then the test's first query on it. Same spacing as above.
    const take: number[] = []
    const connect: number[] = []
    const pool = worker.clones()
    for (let i = 0; i < (ctx.quick ? 20 : 100) + 3; i++) {
      await sleep(gap)
      const [takeMs, clone] = await timed(() => pool.take())
      const [connectMs] = await timed(() => clone.db.$queryRawUnsafe('SELECT 1'))
      pool.discard(clone)
      // The first three only let the pool catch up after the back-to-back run.
      if (i >= 3) {
        take.push(takeMs)
        connect.push(connectMs)
      }
    }

    const ms = (id: string, what: string, samples: number[]): BenchResult => ({
      id,
      what,
      unit: 'ms',
      samples,
    })
    const order = ['baseline', 'transaction', 'database', 'truncate', 'deletemany', 'chax']
    const rank = (mode: Mode) => order.indexOf(mode.id.replace('isolation.', ''))
    const measured = modes
      .filter((mode) => !mode.failed && mode.net.length > 0)
      .sort((a, b) => rank(a) - rank(b))
    const results: BenchResult[] = measured.map((mode) =>
      mode.id === 'isolation.baseline'
        ? ms(mode.id, mode.what, mode.net)
        : ms(mode.id, `per-test overhead (setup + teardown), ${mode.what}`, mode.hooks),
    )
    for (const mode of measured.slice(1)) {
      results.push(
        ms(
          `${mode.id}.net`,
          `${mode.id.replace('isolation.', '')}: whole test minus the bare body run just before it`,
          mode.net,
        ),
      )
    }
    results.push(
      ms(
        'isolation.database.handoff',
        'database mode, warm pool: take a clone, new PrismaClient, first query (SELECT 1)',
        handoff,
      ),
      ms(
        'isolation.database.drop',
        'database mode teardown: $disconnect, hand the clone to the background DROP',
        drop,
      ),
      ms(
        'isolation.database.nowait',
        'database mode handoff with tests back to back (the pool drains; tests wait for clones)',
        nowait,
      ),
      ms('isolation.database.take', 'database mode, warm pool: ClonePool.take() alone', take),
      ms(
        'isolation.database.connect',
        'database mode: the first query (SELECT 1) on the client the clone came with',
        connect,
      ),
      ms('isolation.database.clone', 'one CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY', cloneTimes),
    )
    for (const result of results) {
      ctx.log(
        `${result.id}: median ${quantile(result.samples, 0.5).toFixed(2)} ms, p95 ${quantile(result.samples, 0.95).toFixed(2)}`,
      )
    }
    return results
  } finally {
    // Waits for the background clones and drops of database mode, then the plain clients.
    for (const close of closers) await close().catch(() => undefined)
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the mode was not opened')
  return value
}
