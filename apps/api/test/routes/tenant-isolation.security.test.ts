// Every route of the API, found in Fastify's route table rather than listed here, keeps its access
// rules: a member of another organization gets 404 for this organization's ids (directly, or
// through their own organization's id), lists show only their own rows, and each role gets what
// the route declares (config.minRole) — as the API's tenancy describes them (../tenancy.ts).
import { describe } from 'vitest'
import { routes } from '../../src/app.ts'
import { expect, expectAccessRules, TenantMixError, test } from '../kit.ts'

describe('every route', () => {
  test('keeps the tenant hierarchy and the roles it declares, for every method and role', async ({
    tenancy,
  }) => {
    const report = await expectAccessRules(tenancy)
    // The walk found every tenant route by itself, from Fastify's route table, and verified all.
    const tenantRoutes = Object.keys(routes).filter((route) => route.includes(' /orgs/:orgId'))
    expect([...report.walked].sort()).toEqual(tenantRoutes.sort())
    expect(report.rows.map((row) => row.route).sort()).toEqual(Object.keys(routes).sort())
    expect([...report.verified].sort()).toEqual(Object.keys(routes).sort())
    expect(report.unverified).toEqual([])
    expect(report.leftOut).toEqual([])
    const row = report.rows.find((r) => r.route === 'DELETE /orgs/:orgId/members/:memberId')
    expect(row?.declared).toBe("VIEWER, others' ADMIN")
    expect(row?.cells).toMatchObject({
      anonymous: { got: 401 },
      VIEWER: { expected: 403, got: 403 },
      MEMBER: { expected: 403, got: 403 },
      ADMIN: { expected: 'ok', got: 204 },
    })
  }, 60_000)
})

describe('test data that would mix two organizations', () => {
  test('is refused before anything is written, so neither organization shows any of it', async ({
    api,
    org,
    factories,
  }) => {
    const other = await factories.createTenant()
    const mixed = await factories.tenant
      .run(org, () => factories.contentItem.create({ organization: other.organization }))
      .catch((error: unknown) => error)
    expect(mixed).toBeInstanceOf(TenantMixError)
    // The message names both organizations, so a failing test says which graph was wrong.
    expect(String(mixed)).toContain(org.slug)
    expect(String(mixed)).toContain(other.organization.slug)
    await expect(
      factories.contentItem.create({ organization: org, author: other.owner.user }),
    ).rejects.toThrow(TenantMixError)
    expect(() => factories.tenant.run(org, () => factories.tenant.run(other.organization, () => 0))).toThrow(
      TenantMixError,
    )

    for (const [client, orgId] of [
      [api, org.id],
      [api.as({ id: other.owner.membership.userId }), other.organization.id],
    ] as const) {
      const page = (await client.get('/orgs/:orgId/content', { params: { orgId } })).expectStatus(200)
      expect(page).toEqual({ items: [], nextCursor: null })
    }
  })
})
