import { describe, expectTypeOf } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('POST /orgs/:orgId/content', () => {
  test('creates a draft by the caller with a slug from its title, and records it', async ({
    api,
    org,
    user,
    db,
  }) => {
    const res = await api.post('/orgs/:orgId/content', {
      params: { orgId: org.id },
      body: { title: 'Hello, World!', body: 'First post', tags: ['news', 'how-to'] },
    })
    const item = res.expectStatus(201)
    expectTypeOf(item.status).toEqualTypeOf<'DRAFT' | 'SCHEDULED' | 'PUBLISHED' | 'ARCHIVED'>()
    expect(item).toMatchObject({
      organizationId: org.id,
      authorId: user.id,
      title: 'Hello, World!',
      slug: 'hello-world',
      status: 'DRAFT',
      tags: ['news', 'how-to'],
      publishAt: null,
      publishedAt: null,
    })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'content.created', targetId: item.id },
    })
    expect(event.actorId).toBe(user.id)
  })

  test('suffixes a derived slug that is taken, and keeps defaults for what is left out', async ({
    api,
    org,
  }) => {
    const first = (
      await api.post('/orgs/:orgId/content', { params: { orgId: org.id }, body: { title: 'Same' } })
    ).expectStatus(201)
    const second = (
      await api.post('/orgs/:orgId/content', { params: { orgId: org.id }, body: { title: 'Same' } })
    ).expectStatus(201)
    expect(first).toMatchObject({ slug: 'same', body: '', tags: [] })
    expect(second.slug).toMatch(/^same-[0-9a-f]{6}$/)
  })

  test('allows the same slug in two organizations', async ({ api, org, factories }) => {
    const other = await factories.createTenant()
    await factories.contentItem.create({
      organization: other.organization,
      author: other.owner.user,
      slug: 'shared',
    })
    const res = await api.post('/orgs/:orgId/content', {
      params: { orgId: org.id },
      body: { title: 'Shared', slug: 'shared' },
    })
    expect(res.expectStatus(201).slug).toBe('shared')
  })
})

describe('GET /orgs/:orgId/content', () => {
  test('filters by status, tag and title (case-insensitive), newest first', async ({
    api,
    org,
    user,
    factories,
  }) => {
    const author = { organization: org, author: user }
    const [older, newer] = await factories.contentItem.with('published').createList([
      { ...author, title: 'Release Notes 1', tags: ['release'] },
      { ...author, title: 'release notes 2', tags: ['release', 'news'] },
    ])
    await factories.contentItem.with('draft').create({ ...author, title: 'Release draft', tags: ['release'] })
    await factories.contentItem.with('published').create({ ...author, title: 'Other', tags: ['news'] })

    const res = await api.get('/orgs/:orgId/content', {
      params: { orgId: org.id },
      query: { status: 'PUBLISHED', tag: 'release', q: 'RELEASE notes' },
    })
    expect(res.expectStatus(200).items.map((i) => i.id)).toEqual([newer?.id, older?.id])
  })

  test('walks every item exactly once through the cursor', async ({ api, org, user, factories }) => {
    const items = await factories.contentItem.createList(5, { organization: org, author: user })
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = (
        await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 2, cursor } })
      ).expectStatus(200)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(items.map((i) => i.id).reverse())
  })

  test('pages through items created in the same millisecond without loss', async ({
    api,
    org,
    user,
    factories,
  }) => {
    const at = new Date('2026-01-01T00:00:00.000Z')
    const items = await factories.contentItem.createList(3, {
      organization: org,
      author: user,
      createdAt: at,
    })
    const first = (
      await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 2 } })
    ).expectStatus(200)
    const cursor = first.nextCursor ?? ''
    const second = (
      await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 2, cursor } })
    ).expectStatus(200)
    const ids = [...first.items, ...second.items].map((i) => i.id)
    expect(ids.sort()).toEqual(items.map((i) => i.id).sort())
    expect(second.nextCursor).toBeNull()
  })
})

describe('GET /orgs/:orgId/content/:contentId', () => {
  test('returns the item to any member', async ({ api, org, factories }) => {
    const item = await factories.contentItem.create({ organization: org })
    const viewer = await factories.membership.with('viewer').create({ organization: org })
    const res = await api.asMember(viewer).get('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: item.id },
    })
    expect(res.expectStatus(200)).toMatchObject({ id: item.id, title: item.title, slug: item.slug })
  })
})

describe('PATCH /orgs/:orgId/content/:contentId', () => {
  test('changes the given fields only, and records which', async ({ api, org, user, factories, db }) => {
    const item = await factories.contentItem.create({ organization: org, author: user })
    const res = await api.patch('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: item.id },
      body: { title: 'New title', tags: [] },
    })
    expect(res.expectStatus(200)).toMatchObject({
      title: 'New title',
      tags: [],
      slug: item.slug,
      body: item.body,
    })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'content.updated', targetId: item.id },
    })
    expect(event.data).toEqual({ fields: ['tags', 'title'] })
  })
})

describe('the lifecycle', () => {
  test('schedules, publishes and archives an item, recording each step', async ({
    api,
    org,
    user,
    factories,
    db,
  }) => {
    const item = await factories.contentItem.with('draft').create({ organization: org, author: user })
    const params = { orgId: org.id, contentId: item.id }
    const publishAt = new Date(Date.now() + 3_600_000).toISOString()

    const scheduled = (
      await api.post('/orgs/:orgId/content/:contentId/schedule', { params, body: { publishAt } })
    ).expectStatus(200)
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishAt })

    const published = (await api.post('/orgs/:orgId/content/:contentId/publish', { params })).expectStatus(
      200,
    )
    expect(published).toMatchObject({ status: 'PUBLISHED', publishAt: null })
    expect(published.publishedAt).not.toBeNull()

    const archived = (await api.post('/orgs/:orgId/content/:contentId/archive', { params })).expectStatus(200)
    expect(archived.status).toBe('ARCHIVED')

    const actions = await db.auditEvent.findMany({
      where: { targetId: item.id },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    })
    expect(actions.map((a) => a.action)).toEqual([
      'content.scheduled',
      'content.published',
      'content.archived',
    ])
  })

  test('reschedules a scheduled item', async ({ api, org, user, factories }) => {
    const item = await factories.contentItem.with('scheduled').create({ organization: org, author: user })
    const publishAt = new Date(Date.now() + 86_400_000).toISOString()
    const res = await api.post('/orgs/:orgId/content/:contentId/schedule', {
      params: { orgId: org.id, contentId: item.id },
      body: { publishAt },
    })
    expect(res.expectStatus(200).publishAt).toBe(publishAt)
  })
})

describe('DELETE /orgs/:orgId/content/:contentId', () => {
  test('deletes the item and keeps a record of it', async ({ api, org, user, factories, db }) => {
    const item = await factories.contentItem.create({ organization: org, author: user })
    const res = await api.delete('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: item.id },
    })
    expect(res.status, res.text).toBe(204)
    expect(await db.contentItem.findUnique({ where: { id: item.id } })).toBeNull()
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'content.deleted', targetId: item.id },
    })
    expect(event.data).toMatchObject({ title: item.title, slug: item.slug })
  })
})
