import { describe, expectTypeOf } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('POST /orgs', () => {
  test('creates the organization with a slug from its name and makes the creator its OWNER', async ({
    api,
    user,
    db,
  }) => {
    const created = (await api.post('/orgs', { body: { name: '  Wörld Café ' } })).expectStatus(201)
    expect(created).toMatchObject({ name: 'Wörld Café', slug: 'world-cafe', role: 'OWNER' })
    const membership = await db.membership.findUniqueOrThrow({
      where: { userId_organizationId: { userId: user.id, organizationId: created.id } },
    })
    expect(membership.role).toBe('OWNER')
    const events = await db.auditEvent.findMany({ where: { organizationId: created.id } })
    expect(events).toEqual([
      expect.objectContaining({ action: 'organization.created', actorId: user.id, targetId: created.id }),
    ])
  })

  test('uses the slug it is given', async ({ api }) => {
    const created = (await api.post('/orgs', { body: { name: 'Acme', slug: 'acme-hq' } })).expectStatus(201)
    expect(created.slug).toBe('acme-hq')
  })

  test('adds a suffix when the slug derived from the name is taken', async ({ api, factories }) => {
    await factories.organization.create({ name: 'Taken', slug: 'taken-name' })
    const created = (await api.post('/orgs', { body: { name: 'Taken Name' } })).expectStatus(201)
    expect(created.slug).toMatch(/^taken-name-[0-9a-f]{6}$/)
  })
})

describe('GET /orgs', () => {
  test('lists the organizations the caller belongs to, with their role', async ({
    api,
    org,
    user,
    factories,
  }) => {
    const viewerOf = await factories.organization.create({ name: '000 Viewed' })
    await factories.membership.with('viewer').create({ user, organization: viewerOf })
    await factories.organization.create({ name: '000 Not mine' })
    const body = (await api.get('/orgs')).expectStatus(200)
    expectTypeOf(body.items[0]?.role).toEqualTypeOf<'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER' | undefined>()
    expect(body.items.map((o) => [o.id, o.role])).toEqual([
      [viewerOf.id, 'VIEWER'],
      [org.id, 'OWNER'],
    ])
  })

  test('tells organizations of the same name apart by their slugs', async ({ api, org, user, factories }) => {
    const namesakes = await factories.organization.createList(3, { name: 'Acme' })
    await factories.membership
      .with('viewer')
      .createList(namesakes.map((organization) => ({ user, organization })))
    const body = (await api.get('/orgs')).expectStatus(200)
    const acmes = body.items.filter((o) => o.id !== org.id)
    expect(acmes.map((o) => [o.name, o.role])).toEqual(Array(3).fill(['Acme', 'VIEWER']))
    expect(new Set(acmes.map((o) => o.slug)).size, JSON.stringify(body)).toBe(3)
    for (const { slug } of acmes) expect(slug).toMatch(/^acme-/)
  })
})

describe('GET /orgs/:orgId', () => {
  test('shows the owner an organization was made with their OWNER role', async ({ api, factories, db }) => {
    const organization = await factories.organization.with('withOwner').create()
    const owner = await db.membership.findFirstOrThrow({ where: { organizationId: organization.id } })
    const body = (
      await api.as({ id: owner.userId }).get('/orgs/:orgId', { params: { orgId: organization.id } })
    ).expectStatus(200)
    expect(body).toMatchObject({ id: organization.id, slug: organization.slug, role: 'OWNER' })
  })

  test('returns the organization to any member, with their role', async ({ api, org, factories }) => {
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const body = (
      await api.as({ id: viewer.userId }).get('/orgs/:orgId', { params: { orgId: org.id } })
    ).expectStatus(200)
    expect(body).toMatchObject({ id: org.id, name: org.name, slug: org.slug, role: 'VIEWER' })
  })
})

describe('PATCH /orgs/:orgId', () => {
  test('renames the organization and records who did it', async ({ api, org, user, db }) => {
    const res = await api.patch('/orgs/:orgId', {
      params: { orgId: org.id },
      body: { name: 'New Name', slug: 'new-name' },
    })
    expect(res.expectStatus(200)).toMatchObject({ id: org.id, name: 'New Name', slug: 'new-name' })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'organization.updated' },
    })
    expect(event).toMatchObject({ actorId: user.id, targetId: org.id })
    expect(event.data).toEqual({
      from: { name: org.name, slug: org.slug },
      to: { name: 'New Name', slug: 'new-name' },
    })
  })

  test('keeps what the body leaves out', async ({ api, org }) => {
    const res = await api.patch('/orgs/:orgId', { params: { orgId: org.id }, body: {} })
    expect(res.expectStatus(200)).toMatchObject({ name: org.name, slug: org.slug })
  })
})

describe('DELETE /orgs/:orgId', () => {
  test('deletes the organization with its memberships and content', async ({
    api,
    org,
    user,
    factories,
    db,
  }) => {
    await factories.contentItem.createList(2, { organization: org, author: user })
    const res = await api.delete('/orgs/:orgId', { params: { orgId: org.id } })
    expect(res.status, res.text).toBe(204)
    expect(res.text).toBe('')
    expect(await db.organization.findUnique({ where: { id: org.id } })).toBeNull()
    expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(0)
    expect(await db.contentItem.count({ where: { organizationId: org.id } })).toBe(0)
    ;(await api.get('/orgs/:orgId', { params: { orgId: org.id } })).expectError(404, 'TK_ORG_NOT_FOUND')
  })
})
