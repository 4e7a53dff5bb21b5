import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('GET /orgs/:orgId/members', () => {
  test('lists the members with their user and role, oldest first', async ({ api, org, user, factories }) => {
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const body = (await api.get('/orgs/:orgId/members', { params: { orgId: org.id } })).expectStatus(200)
    expect(body.items.map((m) => [m.userId, m.role])).toEqual([
      [user.id, 'OWNER'],
      [viewer.userId, 'VIEWER'],
    ])
    expect(body.items[0]).toMatchObject({ email: user.email, fullName: user.fullName })
  })

  test('lists a tenant’s owner and members with their roles, and shows its content to each', async ({
    api,
    factories,
  }) => {
    const tenant = await factories.createTenant({ members: { ADMIN: 2, MEMBER: 5, VIEWER: 1 }, content: 20 })
    const orgId = tenant.organization.id
    const everyone = [tenant.owner, ...tenant.members]
    const body = (
      await api.as({ id: tenant.owner.membership.userId }).get('/orgs/:orgId/members', { params: { orgId } })
    ).expectStatus(200)
    expect(
      body.items.map((m) => [m.userId, m.role]),
      JSON.stringify(body),
    ).toEqual(everyone.map((m) => [m.user.id, m.role]))

    const writers = everyone.filter((m) => m.role !== 'VIEWER').map((m) => m.user.id)
    for (const { membership } of everyone) {
      const page = (
        await api
          .as({ id: membership.userId })
          .get('/orgs/:orgId/content', { params: { orgId }, query: { limit: 100 } })
      ).expectStatus(200)
      expect(page.items.map((i) => i.id)).toEqual(tenant.content.map((i) => i.id).reverse())
      for (const item of page.items) expect(writers).toContain(item.authorId)
    }
  })

  test('lists the members an organization was made with, who wrote its content', async ({
    api,
    factories,
    db,
  }) => {
    const organization = await factories.organization.create({ members: 5, content: 10 })
    const params = { orgId: organization.id }
    const someone = await db.membership.findFirstOrThrow({ where: { organizationId: organization.id } })
    const members = (
      await api.as({ id: someone.userId }).get('/orgs/:orgId/members', { params })
    ).expectStatus(200)
    expect(members.items.map((m) => m.role)).toEqual(Array(5).fill('MEMBER'))
    const content = (
      await api.as({ id: someone.userId }).get('/orgs/:orgId/content', { params, query: { limit: 100 } })
    ).expectStatus(200)
    expect(content.items).toHaveLength(10)
    const memberIds = members.items.map((m) => m.userId)
    for (const item of content.items) expect(memberIds).toContain(item.authorId)
  })

  test('lists two hundred members added in one go, in the order they joined', async ({
    api,
    org,
    user,
    factories,
  }) => {
    const viewers = await factories.membership.with('viewer').createList(200, { organization: org })
    const body = (await api.get('/orgs/:orgId/members', { params: { orgId: org.id } })).expectStatus(200)
    expect(body.items).toHaveLength(201)
    expect(body.items[0]).toMatchObject({ userId: user.id, role: 'OWNER' })
    expect(body.items.slice(1).map((m) => [m.id, m.role])).toEqual(viewers.map((m) => [m.id, 'VIEWER']))
  })

  test('shows a membership that made its own organization as that organization’s only OWNER', async ({
    api,
    factories,
  }) => {
    const owner = await factories.membership.create()
    const client = api.as({ id: owner.userId })
    const params = { orgId: owner.organizationId }
    const body = (await client.get('/orgs/:orgId/members', { params })).expectStatus(200)
    expect(body.items.map((m) => [m.id, m.userId, m.role])).toEqual([[owner.id, owner.userId, 'OWNER']])
    expect((await client.get('/orgs/:orgId', { params })).expectStatus(200).role).toBe('OWNER')
  })
})

describe('POST /orgs/:orgId/members', () => {
  test('adds an existing user by email, in any case, with the given role', async ({
    api,
    org,
    factories,
    db,
  }) => {
    const newcomer = await factories.user.create()
    const res = await api.post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: newcomer.email.toUpperCase(), role: 'ADMIN' },
    })
    const member = res.expectStatus(201)
    expect(member).toMatchObject({ userId: newcomer.id, email: newcomer.email, role: 'ADMIN' })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'member.added' },
    })
    expect(event).toMatchObject({ targetId: member.id, data: { userId: newcomer.id, role: 'ADMIN' } })
  })

  test('adds the user with the given email among several of the same name', async ({
    api,
    org,
    factories,
  }) => {
    const namesakes = await factories.user.createList(3, { fullName: 'Sam Lee' })
    expect(new Set(namesakes.map((u) => u.email)).size).toBe(3)
    for (const { email } of namesakes) expect(email).toMatch(/^sam\.lee\./)
    const chosen = namesakes[1]
    const res = await api.post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: chosen?.email ?? '', role: 'MEMBER' },
    })
    expect(res.expectStatus(201)).toMatchObject({ userId: chosen?.id, fullName: 'Sam Lee', role: 'MEMBER' })
  })

  test('lets an OWNER grant the OWNER role', async ({ api, org, factories }) => {
    const newcomer = await factories.user.create()
    const res = await api.post('/orgs/:orgId/members', {
      params: { orgId: org.id },
      body: { email: newcomer.email, role: 'OWNER' },
    })
    expect(res.expectStatus(201).role).toBe('OWNER')
  })
})

describe('PATCH /orgs/:orgId/members/:memberId', () => {
  test('changes the role and records the change', async ({ api, org, factories, db }) => {
    const member = await factories.membership.with('member').create({ organization: org })
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: member.id },
      body: { role: 'VIEWER' },
    })
    expect(res.expectStatus(200)).toMatchObject({ id: member.id, role: 'VIEWER' })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'member.role_changed', targetId: member.id },
    })
    expect(event.data).toEqual({ userId: member.userId, from: 'MEMBER', to: 'VIEWER' })
  })

  test('lets an owner step down once there is another owner', async ({ api, org, membership, factories }) => {
    await factories.membership.with('owner').create({ organization: org })
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: membership.id },
      body: { role: 'ADMIN' },
    })
    expect(res.expectStatus(200).role).toBe('ADMIN')
  })

  test('answers 200 and writes nothing when the role does not change', async ({
    api,
    org,
    factories,
    db,
  }) => {
    const member = await factories.membership.with('member').create({ organization: org })
    const res = await api.patch('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: member.id },
      body: { role: 'MEMBER' },
    })
    expect(res.expectStatus(200).role).toBe('MEMBER')
    expect(await db.auditEvent.count({ where: { targetId: member.id } })).toBe(0)
  })
})

describe('DELETE /orgs/:orgId/members/:memberId', () => {
  test('removes a member and records it', async ({ api, org, factories, db }) => {
    const member = await factories.membership.with('viewer').create({ organization: org })
    const res = await api.delete('/orgs/:orgId/members/:memberId', {
      params: { orgId: org.id, memberId: member.id },
    })
    expect(res.status, res.text).toBe(204)
    expect(await db.membership.findUnique({ where: { id: member.id } })).toBeNull()
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'member.removed', targetId: member.id },
    })
    expect(event.data).toMatchObject({ userId: member.userId, role: 'VIEWER', left: false })
  })

  test('lets any member leave', async ({ api, org, factories, db }) => {
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const res = await api
      .as({ id: viewer.userId })
      .delete('/orgs/:orgId/members/:memberId', { params: { orgId: org.id, memberId: viewer.id } })
    expect(res.status, res.text).toBe(204)
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'member.removed', targetId: viewer.id },
    })
    expect(event).toMatchObject({ actorId: viewer.userId, data: expect.objectContaining({ left: true }) })
  })
})
