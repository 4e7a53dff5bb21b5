import { describe } from 'vitest'
import { eachRole, expect, test } from '../../kit.ts'

describe('PATCH /orgs/:orgId', () => {
  eachRole({ OWNER: 200, ADMIN: 200, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected }) => {
    const res = await client.patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: 'Renamed' } })
    expect(res.status, res.text).toBe(expected)
    if (expected === 403) expect(res.error?.code).toBe('TK_FORBIDDEN')
  })

  test('checks the role before the body: a VIEWER gets 403 even for an invalid body', async ({
    api,
    org,
    factories,
  }) => {
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const res = await api
      .asMember(viewer)
      .patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: '' } })
    res.expectError(403, 'TK_FORBIDDEN')
  })
})

describe('DELETE /orgs/:orgId', () => {
  eachRole({ OWNER: 204, ADMIN: 403, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected, db }) => {
    const res = await client.delete('/orgs/:orgId', { params: { orgId: org.id } })
    expect(res.status, res.text).toBe(expected)
    expect(await db.organization.count({ where: { id: org.id } })).toBe(expected === 204 ? 0 : 1)
  })
})

describe('another organization', () => {
  test('is a 404 for every method, never a 403 that confirms it exists', async ({ api, factories }) => {
    const { organization } = await factories.createTenant()
    const params = { orgId: organization.id }
    ;(await api.get('/orgs/:orgId', { params })).expectError(404, 'TK_ORG_NOT_FOUND')
    ;(await api.patch('/orgs/:orgId', { params, body: { name: 'Mine now' } })).expectError(
      404,
      'TK_ORG_NOT_FOUND',
    )
    ;(await api.delete('/orgs/:orgId', { params })).expectError(404, 'TK_ORG_NOT_FOUND')
  })

  test('does not show up in GET /orgs', async ({ api, org, factories }) => {
    await factories.createTenant()
    const body = (await api.get('/orgs')).expectStatus(200)
    expect(body.items.map((o) => o.id)).toEqual([org.id])
  })

  test('and the list answer 401 to an anonymous caller', async ({ api, org }) => {
    ;(await api.anonymous().get('/orgs')).expectError(401, 'TK_UNAUTHENTICATED')
    ;(await api.anonymous().get('/orgs/:orgId', { params: { orgId: org.id } })).expectError(
      401,
      'TK_UNAUTHENTICATED',
    )
  })
})
