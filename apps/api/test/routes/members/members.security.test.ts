// Rules that depend on the request body or on concurrency; who may call each route at all is
// the access matrix's job (tenant-isolation.security.test.ts).
import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('POST /orgs/:orgId/members', () => {
  test('lets only an OWNER grant the OWNER role', async ({ api, org, factories }) => {
    const admin = await factories.membership.with('admin').create({ organization: org })
    const newcomer = await factories.user.create()
    const res = await api.as({ id: admin.userId }).post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: newcomer.email, role: 'OWNER' },
    })
    res.expectError(403, 'TK_FORBIDDEN')
  })
})

describe('PATCH /orgs/:orgId/members/:memberId', () => {
  test.for([
    ['promote a member to OWNER', 'member', 'OWNER'],
    ['demote an OWNER', 'owner', 'ADMIN'],
  ] as const)('refuses to let an ADMIN %s', async ([, from, to], { api, org, factories }) => {
    const admin = await factories.membership.with('admin').create({ organization: org })
    const target = await factories.membership.with(from).create({ organization: org })
    const res = await api.as({ id: admin.userId }).patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: target.id },
      body: { role: to },
    })
    res.expectError(403, 'TK_FORBIDDEN')
  })
})

describe('DELETE /orgs/:orgId/members/:memberId', () => {
  test('refuses to let an ADMIN remove an OWNER', async ({ api, org, membership, factories }) => {
    const admin = await factories.membership.with('admin').create({ organization: org })
    const res = await api
      .as({ id: admin.userId })
      .delete('/orgs/:orgId/members/:memberId', { params: { orgId: org.id, memberId: membership.id } })
    res.expectError(403, 'TK_FORBIDDEN')
  })
})

describe('owners leaving at the same moment', () => {
  // Real concurrency needs several connections and real commits: a database of this test's own.
  test.override({ isolation: 'database' })

  test('leave the organization exactly one owner: the last to go gets TK_LAST_OWNER', async ({
    api,
    factories,
    db,
  }) => {
    const tenant = await factories.createTenant({ members: { OWNER: 4, MEMBER: 1 } })
    const orgId = tenant.organization.id
    const owners = tenant.byRole.OWNER
    expect(owners).toHaveLength(5)
    // Open the pool's connections first, so the requests reach their transactions together.
    await Promise.all(owners.map(() => db.$queryRaw`SELECT 1`))
    const responses = await Promise.all(
      owners.map(({ membership }) =>
        api
          .as({ id: membership.userId })
          .delete('/orgs/:orgId/members/:memberId', { params: { orgId, memberId: membership.id } }),
      ),
    )
    const statuses = responses.map((r) => r.status).sort()
    expect(statuses, responses.map((r) => r.text).join('\n')).toEqual([204, 204, 204, 204, 409])
    responses.find((r) => r.status === 409)?.expectError(409, 'TK_LAST_OWNER')
    expect(await db.membership.count({ where: { organizationId: orgId, role: 'OWNER' } })).toBe(1)
  })
})
