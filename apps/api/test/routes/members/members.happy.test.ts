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
      .asMember(viewer)
      .delete('/orgs/:orgId/members/:memberId', { params: { orgId: org.id, memberId: viewer.id } })
    expect(res.status, res.text).toBe(204)
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'member.removed', targetId: viewer.id },
    })
    expect(event).toMatchObject({ actorId: viewer.userId, data: expect.objectContaining({ left: true }) })
  })
})
