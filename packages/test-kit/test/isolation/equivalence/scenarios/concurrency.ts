// Concurrent transactions and connections: what production interleaves, transaction isolation
// runs one after another on one connection. Where an outcome depends on an ordering, the sides
// order themselves with signals (one waits for the other to get somewhere), never with a sleep
// that a busy machine could outlast: see awaitSignal.

import type { ScenarioEnv } from '../scenario.ts'
import { awaitSignal, emails, outcome, PATIENCE_MS, scenario, signal, sleep, userData } from '../scenario.ts'

async function contentItem({ db }: ScenarioEnv) {
  const author = await db.user.create({ data: userData('author') })
  const organization = await db.organization.create({ data: { name: 'acme', slug: 'acme' } })
  return db.contentItem.create({
    data: { organizationId: organization.id, authorId: author.id, title: 'T', slug: 't' },
  })
}

/**
 * Opens `count` pooled connections in production, so a concurrent transaction does not first wait
 * ~20 ms for a new one (which would let the other finish first and hide the race).
 */
async function warmPool({ db }: ScenarioEnv, count = 3): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => db.$queryRaw`SELECT pg_sleep(0.02)::text`))
}

/**
 * The quick transaction's timeout and the second one's maxWait: far above what they take where they
 * run on a connection of their own (a few ms), and below PATIENCE_MS, the time the other side holds
 * the one connection in transaction mode.
 */
const QUICK_TIMEOUT_MS = PATIENCE_MS / 2
const MAX_WAIT_MS = PATIENCE_MS / 3

export const concurrencyScenarios = [
  scenario('concurrent transactions on different rows both commit', async ({ db }) => {
    const run = (label: string) =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: userData(label) })
        await sleep(30)
        await tx.user.create({ data: userData(`${label}-2`) })
        return label
      })
    const results = await Promise.all([run('first'), run('second')])
    return { results, committed: await emails(db) }
  }),

  scenario('concurrent transactions on the same row both apply their atomic updates', async (env) => {
    const { db } = env
    const item = await contentItem(env)
    const run = (tag: string) =>
      db.$transaction(async (tx) => {
        await tx.contentItem.update({ where: { id: item.id }, data: { tags: { push: tag } } })
        await sleep(30)
        return tag
      })
    const results = await Promise.all([run('a'), run('b')])
    const { tags } = await db.contentItem.findUniqueOrThrow({ where: { id: item.id } })
    return { results, tags: tags.sort() }
  }),

  scenario(
    'two read-modify-write transactions on the same row lose an update',
    async (env) => {
      const { db } = env
      const item = await contentItem(env)
      const read = { a: signal(), b: signal() }
      // Each writes only once both have read (in transaction mode the second starts only after the
      // first commits, so the first goes on alone after PATIENCE_MS).
      const run = (tag: 'a' | 'b', other: 'a' | 'b') =>
        db.$transaction(async (tx) => {
          const { tags } = await tx.contentItem.findUniqueOrThrow({ where: { id: item.id } })
          read[tag].send()
          await awaitSignal(read[other].promise)
          await tx.contentItem.update({ where: { id: item.id }, data: { tags: [...tags, tag] } })
        })
      await Promise.all([run('a', 'b'), run('b', 'a')])
      const { tags } = await db.contentItem.findUniqueOrThrow({ where: { id: item.id } })
      return { tags: tags.length }
    },
    { id: 'serialized-transactions', inTransactionMode: () => ({ tags: 2 }) },
  ),

  scenario(
    'a query issued while a transaction is open does not see its uncommitted rows',
    async (env) => {
      const { db } = env
      const during = { count: undefined as Promise<number> | undefined }
      const counted = signal()
      await db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('open') })
        // then() sends it now (Prisma queries are lazy); the callback waits for the signal, not
        // for the query (awaiting db inside its own transaction is another scenario).
        during.count = db.user.count().finally(counted.send)
        // Commits once the count has its answer (transaction mode queues the count behind this
        // transaction: it goes on alone after PATIENCE_MS).
        await awaitSignal(counted.promise)
      })
      return { during: await during.count, after: await db.user.count() }
    },
    { id: 'serialized-transactions', inTransactionMode: (p) => ({ ...p, during: 1 }) },
  ),

  scenario(
    'a transaction queued behind a slow one keeps its own timeout',
    async (env) => {
      const { db } = env
      await warmPool(env)
      const slowStarted = signal()
      const quickDone = signal()
      // The slow one holds its connection until the quick one is done, which in transaction mode
      // (one connection) cannot happen: it holds PATIENCE_MS there, past the quick one's timeout.
      const slow = db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('slow') })
        slowStarted.send()
        await awaitSignal(quickDone.promise)
      })
      await slowStarted.promise
      const quick = await outcome(() =>
        db.$transaction((tx) => tx.user.create({ data: userData('quick') }).then(() => 'done'), {
          timeout: QUICK_TIMEOUT_MS,
        }),
      )
      quickDone.send()
      await slow
      return { quick, committed: await emails(db) }
    },
    {
      id: 'queue-wait-counts-against-timeout',
      inTransactionMode: () => ({
        quick: { error: 'PrismaClientKnownRequestError', code: 'P2028' },
        committed: ['slow@example.com'],
      }),
    },
  ),

  scenario('a transaction waiting longer than maxWait for the connection still starts', async (env) => {
    const { db } = env
    await warmPool(env)
    const firstStarted = signal()
    const secondDone = signal()
    // The first holds its connection until the second is done: in transaction mode (one
    // connection) that is PATIENCE_MS, longer than the second's maxWait.
    const first = db.$transaction(async (tx) => {
      await tx.user.create({ data: userData('first') })
      firstStarted.send()
      await awaitSignal(secondDone.promise)
    })
    await firstStarted.promise
    // maxWait covers taking a pooled connection (in production, a second one of the warm pool)
    const second = await outcome(() =>
      db.$transaction((tx) => tx.user.create({ data: userData('second') }).then(() => 'done'), {
        maxWait: MAX_WAIT_MS,
      }),
    )
    secondDone.send()
    await first
    return { second, committed: await emails(db) }
  }),

  scenario(
    'another connection sees the committed rows',
    async ({ db, connect }) => {
      await db.user.create({ data: userData('seen') })
      const other = await connect()
      const { rows } = await other.query<{ count: number }>('SELECT count(*)::int AS count FROM users')
      return { seenByOther: rows[0]?.count }
    },
    { id: 'one-connection', inTransactionMode: () => ({ seenByOther: 0 }) },
  ),

  scenario(
    'the outer client awaited inside its own transaction runs outside it',
    async ({ db }) => {
      const result = await outcome(() =>
        db.$transaction(async (tx) => {
          await tx.user.create({ data: userData('inside') })
          return db.user.count()
        }),
      )
      return { result, committed: await emails(db) }
    },
    {
      id: 'outer-client',
      inTransactionMode: () => ({
        result: { error: 'PrismaClientKnownRequestError', code: 'TK_OUTER_CLIENT_IN_TRANSACTION' },
        committed: [],
      }),
    },
  ),

  scenario(
    'isolationLevel sets the transaction isolation level',
    async ({ db }) => {
      const level = await db.$transaction(
        (tx) => tx.$queryRaw<{ transaction_isolation: string }[]>`SHOW transaction_isolation`,
        { isolationLevel: 'Serializable' },
      )
      return { level }
    },
    {
      id: 'isolation-levels',
      inTransactionMode: () => ({ level: [{ transaction_isolation: 'read committed' }] }),
    },
  ),
]
