// Proof that database mode gives each test a database of its own where commits are real.
import { describe, inject } from 'vitest'
import { databaseUrl } from '../../src/provision/database-names.ts'
import { createPgClient } from '../../src/provision/pg-clients.ts'
import { expect, test } from '../kit.ts'

describe('database isolation', () => {
  test.override({ isolation: 'database' })

  test('a second connection sees the rows the client committed', async ({ db }) => {
    await db.user.create({ data: { email: 'seen@example.com', fullName: 'Seen', passwordHash: 'x' } })
    const [{ name } = { name: '' }] = await db.$queryRaw<
      { name: string }[]
    >`SELECT current_database() AS name`
    expect(name.startsWith(`tk_run_${inject('tenantkit').runId}_`)).toBe(true)
    const other = createPgClient({ connectionString: databaseUrl(inject('tenantkit').adminUrl, name) })
    await other.connect()
    try {
      const { rows } = await other.query('SELECT email FROM users')
      expect(rows).toEqual([{ email: 'seen@example.com' }])
      await other.query(
        `INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'Other', 'other', now())`,
      )
    } finally {
      await other.end()
    }
    expect(await db.organization.count()).toBe(1)
  })

  test('the next test starts from the migrated template again', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
    expect(await db.organization.count()).toBe(0)
  })

  test('SELECT … FOR UPDATE SKIP LOCKED works across two clients', async ({ db }) => {
    await db.organization.createMany({
      data: [
        { name: 'A', slug: 'a' },
        { name: 'B', slug: 'b' },
      ],
    })
    const [{ name } = { name: '' }] = await db.$queryRaw<
      { name: string }[]
    >`SELECT current_database() AS name`
    const worker = createPgClient({ connectionString: databaseUrl(inject('tenantkit').adminUrl, name) })
    await worker.connect()
    try {
      await worker.query('BEGIN')
      const locked = await worker.query(
        'SELECT slug FROM organizations ORDER BY slug LIMIT 1 FOR UPDATE SKIP LOCKED',
      )
      const next = await db.$queryRaw<
        { slug: string }[]
      >`SELECT slug FROM organizations ORDER BY slug LIMIT 1 FOR UPDATE SKIP LOCKED`
      expect(locked.rows).toEqual([{ slug: 'a' }])
      expect(next).toEqual([{ slug: 'b' }])
      await worker.query('ROLLBACK')
    } finally {
      await worker.end()
    }
  })
})
