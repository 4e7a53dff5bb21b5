// Every route under /orgs/:orgId, found in Fastify's route table rather than listed here, must
// answer 404 to the OWNER of another organization holding this organization's ids.
import { describe } from 'vitest'
import { expect, expectTenantIsolation, TenantMixError, test } from '../kit.ts'

describe('routes under /orgs/:orgId', () => {
  test('answer 404 to a member of another organization, for every method', async ({
    app,
    api,
    org,
    factories,
  }) => {
    const item = await factories.contentItem.create({ organization: org })
    const member = await factories.membership.with('viewer').create({ organization: org })
    const outsider = await factories.createTenant()

    const report = await expectTenantIsolation(app, {
      client: api.as(outsider.owner.user),
      params: { orgId: org.id, contentId: item.id, memberId: member.id },
    })
    // The walk found the routes by itself (GET routes come with HEAD ones).
    expect(report.checked.length).toBeGreaterThanOrEqual(18)
    expect(report.checked).toContain('DELETE /orgs/:orgId')
  })

  test('answer 404 to a user with no organization at all', async ({ app, api, org, factories }) => {
    const item = await factories.contentItem.create({ organization: org })
    const member = await factories.membership.with('viewer').create({ organization: org })
    const loner = await factories.user.create()
    await expectTenantIsolation(app, {
      client: api.as(loner),
      params: { orgId: org.id, contentId: item.id, memberId: member.id },
    })
  })
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
      [api.asMember(other.owner.membership), other.organization.id],
    ] as const) {
      const page = (await client.get('/orgs/:orgId/content', { params: { orgId } })).expectStatus(200)
      expect(page).toEqual({ items: [], nextCursor: null })
    }
  })
})
