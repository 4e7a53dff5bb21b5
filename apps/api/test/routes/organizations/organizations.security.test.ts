// The role is checked before the body is read; the other rules of every route (roles, other
// organizations, anonymous callers) are the access rules' (tenant-isolation.security.test.ts).
import { describe } from 'vitest'
import { test } from '../../kit.ts'

describe('PATCH /orgs/:orgId', () => {
  test('checks the role before the body: a VIEWER gets 403 even for an invalid body', async ({
    api,
    org,
    factories,
  }) => {
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const res = await api
      .as({ id: viewer.userId })
      .patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: '' } })
    res.expectError(403, 'TK_FORBIDDEN')
  })
})
