// Concurrent transactions and connections: what production interleaves, transaction isolation
// runs one after another on one connection.

import type { ScenarioEnv } from '../scenario.ts'
import { emails, outcome, scenario, sleep, userData } from '../scenario.ts'

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
      await warmPool(env)
      const run = (tag: string) =>
        db.$transaction(async (tx) => {
          const { tags } = await tx.contentItem.findUniqueOrThrow({ where: { id: item.id } })
          await sleep(100)
          await tx.contentItem.update({ where: { id: item.id }, data: { tags: [...tags, tag] } })
        })
      await Promise.all([run('a'), run('b')])
      const { tags } = await db.contentItem.findUniqueOrThrow({ where: { id: item.id } })
      return { tags: tags.length }
    },
    { id: 'serialized-transactions', inTransactionMode: () => ({ tags: 2 }) },
  ),

  scenario(
    'a query issued while a transaction is open does not see its uncommitted rows',
    async (env) => {
      const { db } = env
      await warmPool(env)
      let during: Promise<number> | undefined
      await db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('open') })
        during = db.user.count().then((count) => count) // then() sends it now: Prisma queries are lazy
        await sleep(100)
      })
      return { during: await during, after: await db.user.count() }
    },
    { id: 'serialized-transactions', inTransactionMode: (p) => ({ ...p, during: 1 }) },
  ),

  scenario(
    'a transaction queued behind a slow one keeps its own timeout',
    async ({ db }) => {
      const slow = db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('slow') })
        await sleep(400)
      })
      await sleep(20)
      const quick = await outcome(() =>
        db.$transaction((tx) => tx.user.create({ data: userData('quick') }).then(() => 'done'), {
          timeout: 150,
        }),
      )
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

  scenario('a transaction waiting longer than maxWait for the connection still starts', async ({ db }) => {
    const first = db.$transaction(async (tx) => {
      await tx.user.create({ data: userData('first') })
      await sleep(600)
    })
    await sleep(20)
    // maxWait covers taking a pooled connection (in production, opening a second one: ~20 ms)
    const second = await outcome(() =>
      db.$transaction((tx) => tx.user.create({ data: userData('second') }).then(() => 'done'), {
        maxWait: 300,
      }),
    )
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
