import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('GET /orgs/:orgId/audit', () => {
  test('lists what happened in the organization, newest first, with who did it', async ({
    api,
    org,
    user,
  }) => {
    const created = (
      await api.post('/orgs/:orgId/content', { params: { orgId: org.id }, body: { title: 'Audited' } })
    ).expectStatus(201)
    const params = { orgId: org.id, contentId: created.id }
    ;(await api.post('/orgs/:orgId/content/:contentId/publish', { params })).expectStatus(200)

    const page = (await api.get('/orgs/:orgId/audit', { params: { orgId: org.id } })).expectStatus(200)
    expect(page.items.map((e) => e.action)).toEqual(['content.published', 'content.created'])
    expect(page.items[0]).toMatchObject({
      organizationId: org.id,
      actorId: user.id,
      targetType: 'content_item',
      targetId: created.id,
      data: { from: 'DRAFT', to: 'PUBLISHED' },
    })
  })

  test('filters by action and target, and pages with a cursor', async ({ api, org, factories }) => {
    const items = await factories.contentItem.createList(3, { organization: org })
    await factories.auditEvent.createList(
      items.map((item) => ({
        organization: org,
        action: 'content.updated',
        targetType: 'content_item',
        targetId: item.id,
      })),
    )
    await factories.auditEvent.create({ organization: org, action: 'member.added' })
    const query = { action: 'content.updated', limit: 2 }
    const first = (await api.get('/orgs/:orgId/audit', { params: { orgId: org.id }, query })).expectStatus(
      200,
    )
    const cursor = first.nextCursor ?? ''
    const second = (
      await api.get('/orgs/:orgId/audit', { params: { orgId: org.id }, query: { ...query, cursor } })
    ).expectStatus(200)
    expect([...first.items, ...second.items].map((e) => e.targetId)).toEqual(items.map((i) => i.id).reverse())
    expect(second.nextCursor).toBeNull()

    const target = items[0]?.id ?? ''
    const one = (
      await api.get('/orgs/:orgId/audit', { params: { orgId: org.id }, query: { targetId: target } })
    ).expectStatus(200)
    expect(one.items.map((e) => e.targetId)).toEqual([target])
  })
  test('shows the event an organization’s afterCreate hook recorded', async ({ api, factories }) => {
    const organization = await factories.organization
      .afterCreate(async (created, { factories }) => {
        // Runs inside tenant.run of the new organization: the event needs no organization.
        await factories.auditEvent.create({
          action: 'organization.created',
          targetType: 'organization',
          targetId: created.id,
          data: { name: created.name },
        })
      })
      .create()
    const owner = await factories.membership.with('owner').create({ organization })
    const page = (
      await api.as({ id: owner.userId }).get('/orgs/:orgId/audit', { params: { orgId: organization.id } })
    ).expectStatus(200)
    expect(page.items, JSON.stringify(page)).toEqual([
      expect.objectContaining({
        organizationId: organization.id,
        actorId: null,
        action: 'organization.created',
        targetType: 'organization',
        targetId: organization.id,
        data: { name: organization.name },
      }),
    ])
  })

  test('lists one event per item that a hooked content factory wrote, by its author', async ({
    api,
    org,
    user,
    factories,
  }) => {
    const recorded = factories.contentItem.afterCreate(async (item, { factories }) => {
      await factories.auditEvent.create({
        actorId: item.authorId,
        action: 'content.created',
        targetType: 'content_item',
        targetId: item.id,
        data: { title: item.title, slug: item.slug },
      })
    })
    const items = await recorded.createList(3, { organization: org, author: user })
    const page = (
      await api.get('/orgs/:orgId/audit', { params: { orgId: org.id }, query: { action: 'content.created' } })
    ).expectStatus(200)
    expect(page.items.map((e) => [e.targetId, e.actorId, e.data])).toEqual(
      items.map((i) => [i.id, user.id, { title: i.title, slug: i.slug }]).reverse(),
    )
  })

  test('shows an event by a member with that member as its actor', async ({ api, org, factories }) => {
    const event = await factories.auditEvent.with('byMember').create({ organization: org })
    const page = (await api.get('/orgs/:orgId/audit', { params: { orgId: org.id } })).expectStatus(200)
    expect(page.items.map((e) => [e.id, e.actorId])).toEqual([[event.id, event.actorId]])
    const members = (await api.get('/orgs/:orgId/members', { params: { orgId: org.id } })).expectStatus(200)
    expect(members.items.map((m) => m.userId)).toContain(event.actorId)
  })
})
