import { describe } from 'vitest'
import { expect, test, unchecked } from '../../kit.ts'

describe('POST /orgs/:orgId/members', () => {
  test('answers 404 TK_USER_NOT_FOUND for an email without an account', async ({ api, org }) => {
    const res = await api.post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: 'ghost@example.com', role: 'MEMBER' },
    })
    res.expectError(404, 'TK_USER_NOT_FOUND')
  })

  test('answers 409 TK_ALREADY_MEMBER for a member', async ({ api, org, factories }) => {
    const user = await factories.user.create()
    await factories.membership.with('viewer').create({ user, organization: org })
    const res = await api.post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: user.email, role: 'ADMIN' },
    })
    res.expectError(409, 'TK_ALREADY_MEMBER')
  })

  test.for([
    ['an unknown role', { email: 'a@example.com', role: 'SUPERUSER' }, 'body.role'],
    ['a role in lowercase', { email: 'a@example.com', role: 'admin' }, 'body.role'],
    ['a missing email', { role: 'ADMIN' }, 'body.email'],
    ['an email of the wrong type', { email: true, role: 'ADMIN' }, 'body.email'],
    ['an unknown field', { email: 'a@example.com', role: 'ADMIN', userId: 'x' }, 'body.userId'],
  ] as const)('answers 400 naming the field for %s', async ([, body, field], { api, org }) => {
    const res = await api.post('/orgs/:orgId/members', { params: { orgId: org.id }, body: unchecked(body) })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toContain(field)
  })
})

describe('PATCH /orgs/:orgId/members/:memberId', () => {
  test('refuses to demote the last owner (TK_LAST_OWNER)', async ({ api, org, membership, db }) => {
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: membership.id },
      body: { role: 'ADMIN' },
    })
    res.expectError(409, 'TK_LAST_OWNER')
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe('OWNER')
  })

  test('answers 404 TK_MEMBER_NOT_FOUND for a membership of another organization', async ({
    api,
    org,
    factories,
  }) => {
    const elsewhere = await factories.membership.create()
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: elsewhere.id },
      body: { role: 'VIEWER' },
    })
    res.expectError(404, 'TK_MEMBER_NOT_FOUND')
  })

  test('answers 400 for a member id that is not a uuid', async ({ api, org }) => {
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: '42' },
      body: { role: 'VIEWER' },
    })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toEqual([
      'params.memberId',
    ])
  })
})

describe('DELETE /orgs/:orgId/members/:memberId', () => {
  test('refuses to let the last owner leave (TK_LAST_OWNER)', async ({ api, org, membership }) => {
    const res = await api.delete('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: membership.id },
    })
    res.expectError(409, 'TK_LAST_OWNER')
  })

  test('answers 404 TK_MEMBER_NOT_FOUND for an unknown member', async ({ api, org }) => {
    const res = await api.delete('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: '00000000-0000-4000-8000-000000000000' },
    })
    res.expectError(404, 'TK_MEMBER_NOT_FOUND')
  })
})
