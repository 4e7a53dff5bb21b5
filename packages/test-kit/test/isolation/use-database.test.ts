// The hook-style API gives the same isolation as the fixture.
import { beforeEach, describe, expect, it } from 'vitest'
import { useDatabase } from '../kit.ts'

// useDatabase() serves one test at a time (database.db cannot tell tests apart): never concurrent.
describe('useDatabase()', { concurrent: false }, () => {
  const database = useDatabase()

  beforeEach(async () => {
    await database.db.organization.create({ data: { name: 'Hooked', slug: 'hooked' } })
  })

  it('sees the row its beforeEach created', async () => {
    expect(await database.db.organization.count()).toBe(1)
  })

  it('starts each test from the same single row', async () => {
    await database.db.organization.create({ data: { name: 'Second', slug: 'second' } })
    expect(await database.db.organization.count()).toBe(2)
  })

  it('again one row: the previous test was rolled back', async () => {
    expect(await database.db.organization.count()).toBe(1)
  })
})
