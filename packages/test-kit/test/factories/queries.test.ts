// Bulk creates cost one INSERT per model and chunk, whatever the row count: counted at the pg
// connection of a database of the test's own (not the transaction-isolated one, whose savepoints
// would blur the count). Per test, so that no other test's statements — one running concurrently,
// or one that timed out and is still inserting — reach the count.
import { test as base, describe, expect } from 'vitest'
import { createFactories } from '../kit.ts'
import { type CountingDatabase, openCountingDatabase, summarize } from './support/counting-database.ts'

// biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
const test = base.extend('database', async ({}, { onCleanup }): Promise<CountingDatabase> => {
  const database = await openCountingDatabase()
  onCleanup(() => database[Symbol.asyncDispose]())
  return database
})

const inTransaction = (...inserts: string[]) => ['BEGIN', ...inserts, 'COMMIT']
const times = (n: number, statement: string) => Array.from({ length: n }, () => statement)

describe.each(['createManyAndReturn', 'sql'] as const)('insert: %s', (insert) => {
  const factories = (database: CountingDatabase, chunkSize?: number) =>
    createFactories(() => database.db, { insert, chunkSize })

  test('a user is one INSERT, outside any transaction', async ({ database }) => {
    await factories(database).user.create()
    expect(summarize(database.statements)).toEqual(['INSERT users'])
  })

  test('1,000 memberships with their 1,000 users are two INSERTs in one transaction', async ({
    database,
  }) => {
    const f = factories(database)
    const organization = await f.organization.create()
    database.reset()
    const memberships = await f.membership.createList(1000, { organization })
    expect(memberships).toHaveLength(1000)
    expect(summarize(database.statements)).toEqual(inTransaction('INSERT users', 'INSERT memberships'))
  })

  test('a tenant with 200 members and 1,000 items is one INSERT per table', async ({ database }) => {
    const tenant = await factories(database).createTenant({ members: { MEMBER: 200 }, content: 1000 })
    expect(tenant.content).toHaveLength(1000)
    expect(summarize(database.statements)).toEqual(
      inTransaction('INSERT organizations', 'INSERT users', 'INSERT memberships', 'INSERT content_items'),
    )
  })

  test('chunks big lists: 1,000 memberships at 300 rows per INSERT', async ({ database }) => {
    const f = factories(database, 300)
    const organization = await f.organization.create()
    database.reset()
    await f.membership.createList(1000, { organization })
    expect(summarize(database.statements)).toEqual(
      inTransaction(...times(4, 'INSERT users'), ...times(4, 'INSERT memberships')),
    )
  })

  test('where one create per row costs one INSERT per row', async ({ database }) => {
    const f = factories(database)
    const { organization, owner } = await f.createTenant()
    database.reset()
    for (let i = 0; i < 10; i++) await f.contentItem.create({ organization, author: owner.user })
    expect(summarize(database.statements)).toEqual(times(10, 'INSERT content_items'))
  })
})
