// Every route under /orgs/:orgId, found in Fastify's route table rather than listed here, must
// answer 404 to the OWNER of another organization holding this organization's ids.
import { describe } from 'vitest'
import { expect, expectTenantIsolation, test } from '../kit.ts'

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
