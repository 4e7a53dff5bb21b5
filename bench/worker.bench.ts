// worker.publish.*: items published per second by 1, 2 and 4 workers draining 10,000 due items
// (10 tenants × 1,000), batches of 100. Each worker is the real loop (`runPublisher`, `once`) on a
// PrismaClient of its own, so its own connection; all in this process (the SQL statement does
// the work; the JS side of a batch is one query and a map). Every sample starts from a fresh
// clone with the same items; each checks that every item was published exactly once.
import { createLogger } from '../apps/worker/src/logger.ts'
import { runPublisher } from '../apps/worker/src/run-publisher.ts'
import { workerConnectionUrl } from '../apps/worker/src/worker.ts'
import { createAppFactories } from '../packages/db/src/factories/index.ts'
import { createPrismaClient } from '../packages/db/src/index.ts'
import type { BenchContext, BenchResult } from './lib.ts'

const ITEMS = 10_000
const TENANTS = 10
const BATCH_SIZE = 100
const WORKER_COUNTS = [1, 2, 4] as const
/** The factories schedule items 1–30 days ahead: on day 31 all are due. */
const DAY_31 = 31 * 86_400_000

const idOf = (workers: number) => `worker.publish.${workers}worker${workers === 1 ? '' : 's'}`

/** One sample: seconds for `workers` workers to publish ITEMS due items on a fresh database. */
async function drain(ctx: BenchContext, workers: number, seed: number): Promise<number> {
  const database = await ctx.freshDatabase(`worker${workers}`)
  const seeder = createPrismaClient({ url: database.url })
  const clients = Array.from({ length: workers }, (_, i) =>
    createPrismaClient({ url: workerConnectionUrl(database.url, `bench-${i}`) }),
  )
  try {
    const factories = createAppFactories(seeder, { seed })
    for (let t = 0; t < TENANTS; t++)
      await factories.createTenant({ content: { SCHEDULED: ITEMS / TENANTS } })
    await seeder.$executeRawUnsafe('ANALYZE content_items')
    // Connected and warm (Prisma's first query loads its engine), outside the timing.
    await Promise.all(clients.map((db) => db.$queryRaw`SELECT 1`))
    const now = new Date(Date.now() + DAY_31)

    const started = performance.now()
    const summaries = await Promise.all(
      clients.map((db, i) =>
        runPublisher({
          db,
          logger: createLogger({ level: 'silent', workerId: `bench-${i}` }),
          workerId: `bench-${i}`,
          once: true,
          batchSize: BATCH_SIZE,
          pollIntervalMs: 10,
          now: () => now,
        }),
      ),
    )
    const seconds = (performance.now() - started) / 1000

    const published = summaries.reduce((sum, summary) => sum + summary.published, 0)
    const [events] = await seeder.$queryRaw<{ total: bigint; distinct: bigint }[]>`
      SELECT count(*) AS total, count(DISTINCT target_id) AS distinct FROM audit_events WHERE action = 'content.published'`
    if (published !== ITEMS || Number(events?.total) !== ITEMS || Number(events?.distinct) !== ITEMS) {
      throw new Error(
        `${workers} workers published ${published} items with ${events?.total} events (${events?.distinct} distinct), not ${ITEMS}`,
      )
    }
    ctx.log(
      `${idOf(workers)}: ${Math.round(ITEMS / seconds)} items/s (${seconds.toFixed(2)} s; per worker ${summaries.map((s) => s.published).join('/')})`,
    )
    return seconds
  } finally {
    await Promise.all([seeder, ...clients].map((client) => client.$disconnect()))
    await database.drop()
  }
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 1 : 5
  const samples = new Map<number, number[]>(WORKER_COUNTS.map((workers) => [workers, []]))
  // Interleaved, so drift on the server hits every worker count alike.
  for (let round = 0; round < rounds; round++) {
    for (const workers of WORKER_COUNTS) {
      const seconds = await drain(ctx, workers, round)
      samples.get(workers)?.push(ITEMS / seconds)
    }
  }
  return WORKER_COUNTS.map((workers) => ({
    id: idOf(workers),
    what: `items published per second, ${workers} worker${workers === 1 ? '' : 's'} (own connections), ${ITEMS.toLocaleString('en')} due items of ${TENANTS} tenants, batches of ${BATCH_SIZE}`,
    unit: 'items/s',
    samples: samples.get(workers) ?? [],
  }))
}
