// Bulk creates cost one INSERT per model and chunk, whatever the row count, and with the default
// 'sql' strategy the whole graph is one statement (one round trip): counted at the pg connection
// of a database of this file's own (not the transaction-isolated one, whose savepoints would
// blur the count).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createFactories } from '../kit.ts'
import { type CountingDatabase, openCountingDatabase, summarize } from './support/counting-database.ts'

let database: CountingDatabase
beforeAll(async () => {
  database = await openCountingDatabase()
})
afterAll(() => database?.[Symbol.asyncDispose]())
beforeEach(() => database.reset())

const inTransaction = (...inserts: string[]) => ['BEGIN', ...inserts, 'COMMIT']
const times = (n: number, statement: string) => Array.from({ length: n }, () => statement)

/** What a graph of several INSERTs costs: one statement ('sql') or a batch transaction. */
const graphOf = {
  sql: (...inserts: string[]) => [`INSERT ${inserts.map((i) => i.replace(/^INSERT /, '')).join(' + ')}`],
  createManyAndReturn: inTransaction,
}

// Thousands of rows through Prisma's createManyAndReturn take seconds on a busy 2-CPU machine.
describe.each(['createManyAndReturn', 'sql'] as const)('insert: %s', { timeout: 60_000 }, (insert) => {
  const factories = (chunkSize?: number) => createFactories(() => database.db, { insert, chunkSize })
  const graph = graphOf[insert]

  test('a user is one INSERT, outside any transaction', async () => {
    await factories().user.create()
    expect(summarize(database.statements)).toEqual(['INSERT users'])
  })

  test('1,000 memberships with their 1,000 users are two INSERTs, all or nothing', async () => {
    const f = factories()
    const organization = await f.organization.create()
    database.reset()
    const memberships = await f.membership.createList(1000, { organization })
    expect(memberships).toHaveLength(1000)
    expect(summarize(database.statements)).toEqual(graph('INSERT users', 'INSERT memberships'))
  })

  test('a tenant with 200 members and 1,000 items is one INSERT per table', async () => {
    const tenant = await factories().createTenant({ members: { MEMBER: 200 }, content: 1000 })
    expect(tenant.content).toHaveLength(1000)
    expect(summarize(database.statements)).toEqual(
      graph('INSERT organizations', 'INSERT users', 'INSERT memberships', 'INSERT content_items'),
    )
  })

  test('chunks big lists: 1,000 memberships at 300 rows per INSERT', async () => {
    const f = factories(300)
    const organization = await f.organization.create()
    database.reset()
    await f.membership.createList(1000, { organization })
    expect(summarize(database.statements)).toEqual(
      graph(...times(4, 'INSERT users'), ...times(4, 'INSERT memberships')),
    )
  })

  test('where one create per row costs one INSERT per row', async () => {
    const f = factories()
    const { organization, owner } = await f.createTenant()
    database.reset()
    for (let i = 0; i < 10; i++) await f.contentItem.create({ organization, author: owner.user })
    expect(summarize(database.statements)).toEqual(times(10, 'INSERT content_items'))
  })
})

test("insert: 'sql' sends an organization with its owner as one statement, rows typed as stored", async () => {
  const f = createFactories(() => database.db)
  const { organization, owner } = await f.createTenant()
  expect(summarize(database.statements)).toEqual(['INSERT organizations + users + memberships'])
  expect(owner.membership).toEqual(
    await database.db.membership.findUniqueOrThrow({ where: { id: owner.membership.id } }),
  )
  expect(organization.createdAt).toBeInstanceOf(Date)
  expect(owner.user).toEqual(await database.db.user.findUniqueOrThrow({ where: { id: owner.user.id } }))
})
