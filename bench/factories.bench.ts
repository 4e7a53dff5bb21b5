// The same tenant graph — 1 owner, 200 members, 1,000 content items — made four ways on one
// server: the kit's bulk path (createTenant, the default insert: 'sql', the whole graph in one
// statement), the same with insert: 'createManyAndReturn', sequential factory `create` calls,
// and `Promise.all` of those creates (parents first). Every sample starts from empty tables.

import { appFactories, type AppFactories as Factories } from '../packages/db/src/factories/index.ts'
import type { PrismaClient } from '../packages/db/src/index.ts'
import { createFactories, type FactoryOptions } from '../packages/factories/src/index.ts'
import type { BenchContext, BenchResult } from './lib.ts'

const MEMBERS = 200
const CONTENT = 1000

type Way = {
  id: string
  what: string
  options?: FactoryOptions
  make: (factories: Factories) => Promise<unknown>
}

const graph = { members: { MEMBER: MEMBERS }, content: CONTENT }

const ways: Way[] = [
  {
    id: 'factories.bulk',
    what: `createTenant: 1 owner, ${MEMBERS} members, ${CONTENT} items (the default insert: 'sql': one json_populate_recordset INSERT per model and chunk, all in one statement)`,
    make: (factories) => factories.createTenant(graph),
  },
  {
    id: 'factories.bulkprisma',
    what: `the same createTenant with insert: 'createManyAndReturn' (Prisma's bulk insert per model and chunk)`,
    options: { insert: 'createManyAndReturn' },
    make: (factories) => factories.createTenant(graph),
  },
  {
    id: 'factories.sequential',
    what: `the same graph with one await-ed create per row (${1 + 2 * (MEMBERS + 1) + CONTENT} creates)`,
    make: async (f) => {
      const organization = await f.organization.create()
      const authors = []
      for (let i = 0; i <= MEMBERS; i++) {
        const user = await f.user.create()
        await f.membership.create({ user, organization, role: i === 0 ? 'OWNER' : 'MEMBER' })
        authors.push(user)
      }
      for (let i = 0; i < CONTENT; i++) {
        await f.contentItem.create({ organization, author: authors[i % authors.length] })
      }
    },
  },
  {
    id: 'factories.promiseall',
    what: `the same graph with Promise.all of creates, one level at a time`,
    make: async (f) => {
      const organization = await f.organization.create()
      const authors = await Promise.all(Array.from({ length: MEMBERS + 1 }, () => f.user.create()))
      await Promise.all(
        authors.map((user, i) =>
          f.membership.create({ user, organization, role: i === 0 ? 'OWNER' : 'MEMBER' }),
        ),
      )
      await Promise.all(
        Array.from({ length: CONTENT }, (_, i) =>
          f.contentItem.create({ organization, author: authors[i % authors.length] }),
        ),
      )
    },
  },
]

async function emptyTables(db: PrismaClient): Promise<void> {
  await db.$executeRawUnsafe(
    'TRUNCATE audit_events, content_items, memberships, users, organizations RESTART IDENTITY CASCADE',
  )
}

export default async function run(ctx: Pick<BenchContext, 'db' | 'quick'>): Promise<BenchResult[]> {
  const { db, quick } = ctx
  const rounds = quick ? 3 : 10
  const samples = new Map<string, number[]>(ways.map((way) => [way.id, []]))
  // Warm-up: Prisma compiles and caches query plans, faker loads its data, the default password
  // is hashed once; none of that belongs in a sample.
  for (const way of ways.slice(0, 2)) {
    await way.make(createFactories(db, appFactories, way.options))
    await emptyTables(db)
  }
  // Interleave the ways so that drift on the server (autovacuum, cache) hits all of them alike.
  for (let round = 0; round < rounds; round++) {
    for (const way of ways) {
      const factories = createFactories(db, appFactories, { seed: round, ...way.options })
      const start = performance.now()
      await way.make(factories)
      samples.get(way.id)?.push(performance.now() - start)
      await emptyTables(db)
    }
  }
  return ways.map(({ id, what }) => ({ id, what, unit: 'ms', samples: samples.get(id) ?? [] }))
}
