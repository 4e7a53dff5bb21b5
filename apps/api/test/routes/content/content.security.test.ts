// What the access rules (tenant-isolation.security.test.ts: every route × every role, and the
// cross-tenant walk) cannot say: the rule's other half for authors, and factory-made tenants.
import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()

describe('a MEMBER’s own items', () => {
  test('can be edited, scheduled, published, archived and deleted by their author', async ({
    api,
    org,
    factories,
  }) => {
    const member = await factories.membership.with('member').create({ organization: org })
    const client = api.as({ id: member.userId })
    const created = (
      await client.post('/orgs/:orgId/content', { params: { orgId: org.id }, body: { title: 'Mine' } })
    ).expectStatus(201)
    const params = { orgId: org.id, contentId: created.id }
    ;(
      await client.patch('/orgs/:orgId/content/:contentId', { params, body: { body: 'Edited' } })
    ).expectStatus(200)
    ;(
      await client.post('/orgs/:orgId/content/:contentId/schedule', {
        params,
        body: { publishAt: inAnHour() },
      })
    ).expectStatus(200)
    ;(await client.post('/orgs/:orgId/content/:contentId/publish', { params })).expectStatus(200)
    ;(await client.post('/orgs/:orgId/content/:contentId/archive', { params })).expectStatus(200)
    const deleted = await client.delete('/orgs/:orgId/content/:contentId', { params })
    expect(deleted.status, deleted.text).toBe(204)
  })
})

describe('an item a factory wrote', () => {
  test('can be edited by the MEMBER the factory made its author, and by no other MEMBER', async ({
    api,
    org,
    factories,
  }) => {
    const item = await factories.contentItem.create({ organization: org })
    const members = (await api.get('/orgs/:orgId/members', { params: { orgId: org.id } })).expectStatus(200)
    expect(members.items.find((m) => m.userId === item.authorId)?.role, JSON.stringify(members)).toBe(
      'MEMBER',
    )
    const params = { orgId: org.id, contentId: item.id }
    const byAuthor = await api
      .as({ id: item.authorId })
      .patch('/orgs/:orgId/content/:contentId', { params, body: { title: 'Edited by its author' } })
    expect(byAuthor.expectStatus(200).title).toBe('Edited by its author')
    const other = await factories.membership.with('member').create({ organization: org })
    const byOther = await api
      .as({ id: other.userId })
      .patch('/orgs/:orgId/content/:contentId', { params, body: { title: 'Edited by another' } })
    byOther.expectError(403, 'TK_FORBIDDEN')
  })
})

describe('another organization’s item', () => {
  test('made inside tenant.run is a 404 to the owner of another organization, by either id', async ({
    api,
    org,
    factories,
  }) => {
    const { items, viewer } = await factories.tenant.run(org, async () => ({
      items: await factories.contentItem.with('published').createList(3),
      viewer: await factories.membership.with('viewer').create(),
    }))
    const insider = (
      await api.as({ id: viewer.userId }).get('/orgs/:orgId/content', { params: { orgId: org.id } })
    ).expectStatus(200)
    expect(insider.items.map((i) => i.id)).toEqual(items.map((i) => i.id).reverse())

    // A membership made on its own: a new user, OWNER of a new organization.
    const outsider = await factories.membership.create()
    const client = api.as({ id: outsider.userId })
    for (const { id: contentId } of items) {
      const direct = await client.get('/orgs/:orgId/content/:contentId', {
        params: { orgId: org.id, contentId },
      })
      direct.expectError(404, 'TK_ORG_NOT_FOUND')
      const viaOwn = await client.get('/orgs/:orgId/content/:contentId', {
        params: { orgId: outsider.organizationId, contentId },
      })
      viaOwn.expectError(404, 'TK_CONTENT_NOT_FOUND')
    }
  })
})
