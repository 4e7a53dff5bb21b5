// seedDemoData, as `pnpm db:seed` runs it, on the test's (rolled back) database.

import { DEFAULT_PASSWORD, seedDemoData, verifyPassword } from '@tenantkit/db/factories'
import { describe } from 'vitest'
import { expect, test } from '../kit.ts'

describe('seedDemoData', () => {
  test('seeds two tenants whose listed logins work, and only once', async ({ db }) => {
    const demo = await seedDemoData(db)
    expect(demo.created).toBe(true)
    expect(demo.organizations.map((o) => o.slug)).toEqual(['acme', 'globex'])
    for (const login of demo.logins) {
      const user = await db.user.findUniqueOrThrow({
        where: { email: login.email },
        include: { memberships: { include: { organization: true } } },
      })
      expect(
        user.memberships.some((m) => m.organization.slug === login.organization && m.role === login.role),
        JSON.stringify(login),
      ).toBe(true)
    }
    const owner = await db.user.findUniqueOrThrow({ where: { email: 'owner@acme.test' } })
    expect(await verifyPassword(DEFAULT_PASSWORD, owner.passwordHash)).toBe(true)
    const statuses = await db.contentItem.groupBy({
      by: ['status'],
      where: { organization: { slug: 'acme' } },
    })
    expect(statuses).toHaveLength(4)

    const again = await seedDemoData(db)
    expect(again.created).toBe(false)
    expect(await db.organization.count()).toBe(2)
  })

  test('reset replaces the demo data instead of adding to it', async ({ db }) => {
    await seedDemoData(db)
    const counts = async () => [
      await db.organization.count(),
      await db.user.count(),
      await db.contentItem.count(),
    ]
    const before = await counts()
    const again = await seedDemoData(db, { reset: true, password: 'another-pass-1' })
    expect(again.created).toBe(true)
    expect(await counts()).toEqual(before)
    const owner = await db.user.findUniqueOrThrow({ where: { email: 'owner@acme.test' } })
    expect(await verifyPassword('another-pass-1', owner.passwordHash)).toBe(true)
  })
})
