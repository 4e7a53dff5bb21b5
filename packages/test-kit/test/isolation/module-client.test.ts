// The app's own module-level client, unchanged, bound by one module mock (bindPrismaModule): every
// query it sends goes to the database of the test it belongs to — in transaction mode (and its
// commits are undone with the test), in database mode, under test.concurrent, through
// $transaction and $extends, and for work a request starts and awaits.
import { describe, vi } from 'vitest'
import { expect, test } from '../kit.ts'
import { buildModuleApp } from './module-app/app.ts'
import { db as appDb } from './module-app/prisma.ts'

vi.mock(import('./module-app/client.ts'), async (original) =>
  (await import('../../src/index.ts')).bindPrismaModule(await original()),
)

/** A slug every test of this file creates: a row that outlived its test would collide. */
const SLUG = 'module-client-org'

async function createThroughApp() {
  const app = buildModuleApp()
  try {
    const res = await app.inject({ method: 'POST', url: '/orgs', payload: { name: 'Module', slug: SLUG } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ id: string }>()
  } finally {
    await app.close()
  }
}

describe('in transaction mode', () => {
  test('a route writes through the module client in a $transaction, and the test’s db sees it', async ({
    db,
  }) => {
    const created = await createThroughApp()
    expect(await db.organization.findUnique({ where: { slug: SLUG } })).toMatchObject({ id: created.id })
    expect(await db.auditEvent.count({ where: { organizationId: created.id } })).toBe(1)
  })

  test('what the previous test committed is gone: the same slug is free again', async ({ db }) => {
    expect(await db.organization.count({ where: { slug: SLUG } })).toBe(0)
    await createThroughApp()
    expect(await appDb.organization.bySlug(SLUG)).toMatchObject({ slug: SLUG })
  })

  test('a test that asks for no database fixture gets one on the module client’s first query', async () => {
    expect(await appDb.organization.count({ where: { slug: SLUG } })).toBe(0)
    await createThroughApp()
    expect(await appDb.organization.count({ where: { slug: SLUG } })).toBe(1)
  })

  test('work a request starts and awaits runs on the test’s database', async ({ factories }) => {
    await factories.organization.createList(2)
    const app = buildModuleApp()
    const res = await app.inject({ method: 'GET', url: '/stats' })
    await app.close()
    expect(res.json()).toMatchObject({ organizations: 2 })
  })
})

describe('under test.concurrent', () => {
  for (const count of [1, 2, 3]) {
    test.concurrent(`each test sees only its own rows (${count})`, async ({ factories }) => {
      await factories.organization.createList(count)
      await new Promise((resolve) => setTimeout(resolve, 10 * (4 - count)))
      expect(await appDb.organization.count()).toBe(count)
    })
  }
})

describe('in database mode', () => {
  test.override({ isolation: 'database' })

  test('the module client writes to the test’s own database, committed, and db sees it', async ({ db }) => {
    const created = await createThroughApp()
    expect(await db.organization.findUnique({ where: { slug: SLUG } })).toMatchObject({ id: created.id })
    const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
    const [seen] = await appDb.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
    expect(seen?.name).toBe(row?.name)
  })
})
