import { describe } from 'vitest'
import { eachRole, expect, test } from '../../kit.ts'

describe('GET /orgs/:orgId/audit', () => {
  eachRole({ OWNER: 200, ADMIN: 200, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected }) => {
    const res = await client.get('/orgs/:orgId/audit', { params: { orgId: org.id } })
    expect(res.status, res.text).toBe(expected)
  })

  test('never shows events of another organization', async ({ api, org, factories }) => {
    const other = await factories.createTenant()
    await factories.auditEvent.createList(3, { organization: other.organization })
    const page = (await api.get('/orgs/:orgId/audit', { params: { orgId: org.id } })).expectStatus(200)
    expect(page.items.filter((e) => e.organizationId !== org.id)).toEqual([])
  })
})
