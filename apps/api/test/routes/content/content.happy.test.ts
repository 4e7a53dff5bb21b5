import { describe, expectTypeOf } from 'vitest'
import { createFactories, expect, test } from '../../kit.ts'

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

  test('creates an item from the title, body and tags of a built row', async ({ api, org, factories }) => {
    const draft = factories.contentItem.build({ organization: org })
    const res = await api.post('/orgs/:orgId/content', {
      params: { orgId: org.id },
      body: { title: draft.title, body: draft.body, tags: draft.tags },
    })
    expect(res.expectStatus(201)).toMatchObject({
      organizationId: org.id,
      title: draft.title,
      body: draft.body,
      tags: draft.tags,
      status: 'DRAFT',
    })
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

  test('filters by tag, leaving untagged items out', async ({ api, org, user, factories }) => {
    const author = { organization: org, author: user }
    const tagged = await factories.contentItem.create({ ...author, tags: ['news'] })
    await factories.contentItem.with('untagged').createList(2, author)
    const res = await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { tag: 'news' } })
    expect(res.expectStatus(200).items.map((i) => i.id)).toEqual([tagged.id])
  })

  test('pages through thirty items by status, ten at a time, with the dates each status has', async ({
    api,
    org,
    user,
    factories,
  }) => {
    // Every third item a draft: publishedAt follows the status given, not a trait.
    const items = await factories.contentItem.createList(30, (i) => ({
      organization: org,
      author: user,
      status: i % 3 === 0 ? 'DRAFT' : 'PUBLISHED',
    }))
    const published = items.filter((i) => i.status === 'PUBLISHED')
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = (
        await api.get('/orgs/:orgId/content', {
          params: { orgId: org.id },
          query: { status: 'PUBLISHED', limit: 10, cursor },
        })
      ).expectStatus(200)
      for (const item of page.items) expect(item.publishedAt, JSON.stringify(item)).toBe(item.createdAt)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(2)
    expect(seen).toEqual(published.map((i) => i.id).reverse())

    const drafts = (
      await api.get('/orgs/:orgId/content', {
        params: { orgId: org.id },
        query: { status: 'DRAFT', limit: 100 },
      })
    ).expectStatus(200)
    expect(drafts.items).toHaveLength(10)
    for (const item of drafts.items) expect(item.publishedAt).toBeNull()
  })

  test('serves the same items again when the same seed makes them again', async ({ api, db, factories }) => {
    // Same seed, namespace and clock: the same rows, so the same response. Each round deletes its
    // tenant, as the same seed makes the same ids.
    const options = {
      seed: factories.faker.number.int(2 ** 31 - 1),
      sequenceNamespace: `again${factories.namespace}`,
      now: () => new Date('2026-01-01T00:00:00.000Z'),
    }
    const createAndList = async (seed: number) => {
      const tenant = await createFactories(db, { ...options, seed }).createTenant({
        members: { MEMBER: 2 },
        content: { PUBLISHED: 3, DRAFT: 2 },
      })
      const res = await api
        .as({ id: tenant.owner.membership.userId })
        .get('/orgs/:orgId/content', { params: { orgId: tenant.organization.id } })
      const page = res.expectStatus(200)
      await db.organization.delete({ where: { id: tenant.organization.id } })
      const users = [tenant.owner, ...tenant.members].map((m) => m.user.id)
      await db.user.deleteMany({ where: { id: { in: users } } })
      return page
    }
    const first = await createAndList(options.seed)
    expect(first.items).toHaveLength(5)
    expect(await createAndList(options.seed)).toEqual(first)
    const other = await createAndList(options.seed + 1)
    expect(other.items.map((i) => i.title)).not.toEqual(first.items.map((i) => i.title))
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
    const res = await api.as({ id: viewer.userId }).get('/orgs/:orgId/content/:contentId', {
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

  test('archives a published item and keeps when it was published', async ({
    api,
    org,
    user,
    factories,
    db,
  }) => {
    const item = await factories.contentItem.create({ organization: org, author: user, status: 'PUBLISHED' })
    const publishedAt = item.publishedAt?.toISOString()
    expect(publishedAt).toBe(item.createdAt.toISOString())
    const res = await api.post('/orgs/:orgId/content/:contentId/archive', {
      params: { orgId: org.id, contentId: item.id },
    })
    expect(res.expectStatus(200)).toMatchObject({ status: 'ARCHIVED', publishedAt })
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: 'content.archived', targetId: item.id },
    })
    expect(event.data).toMatchObject({ from: 'PUBLISHED', to: 'ARCHIVED' })
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
