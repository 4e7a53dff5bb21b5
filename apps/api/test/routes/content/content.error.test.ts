import { describe } from 'vitest'
import { expect, test, unchecked } from '../../kit.ts'

describe('GET /orgs/:orgId/content pagination', () => {
  test('answers an empty page with no cursor for an empty organization', async ({ api, org }) => {
    const page = (await api.get('/orgs/:orgId/content', { params: { orgId: org.id } })).expectStatus(200)
    expect(page).toEqual({ items: [], nextCursor: null })
  })

  test('gives no cursor when the last page is exactly full', async ({ api, org, user, factories }) => {
    await factories.contentItem.createList(4, { organization: org, author: user })
    const first = (
      await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 2 } })
    ).expectStatus(200)
    const cursor = first.nextCursor ?? ''
    expect(cursor).not.toBe('')
    const last = (
      await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 2, cursor } })
    ).expectStatus(200)
    expect(last.items).toHaveLength(2)
    expect(last.nextCursor).toBeNull()
  })

  test.for([1, 100])('accepts limit=%i', async (limit, { api, org, user, factories }) => {
    await factories.contentItem.createList(2, { organization: org, author: user })
    const page = (
      await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit } })
    ).expectStatus(200)
    expect(page.items).toHaveLength(Math.min(limit, 2))
    expect(page.nextCursor === null).toBe(limit >= 2)
  })

  test('defaults to 20 items a page', async ({ api, org, user, factories }) => {
    await factories.contentItem.createList(21, { organization: org, author: user })
    const page = (await api.get('/orgs/:orgId/content', { params: { orgId: org.id } })).expectStatus(200)
    expect(page.items).toHaveLength(20)
    expect(page.nextCursor).not.toBeNull()
  })

  test.for([
    ['limit=0', { limit: '0' }, 'querystring.limit'],
    ['limit=101', { limit: '101' }, 'querystring.limit'],
    ['limit=-1', { limit: '-1' }, 'querystring.limit'],
    ['limit=2.5', { limit: '2.5' }, 'querystring.limit'],
    ['limit=abc', { limit: 'abc' }, 'querystring.limit'],
    ['limit=0x10', { limit: '0x10' }, 'querystring.limit'],
    ['limit=1e1', { limit: '1e1' }, 'querystring.limit'],
    ['limit=true', { limit: 'true' }, 'querystring.limit'],
    ['an unknown status', { status: 'LIVE' }, 'querystring.status'],
    ['an unknown parameter', { sort: 'title' }, 'querystring.sort'],
    ['a huge search', { q: 'q'.repeat(201) }, 'querystring.q'],
    ['an empty cursor', { cursor: '' }, 'querystring.cursor'],
  ] as const)('answers 400 naming the parameter for %s', async ([, query, field], { api, org }) => {
    const res = await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: unchecked(query) })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toContain(field)
  })

  test.for(['garbage', Buffer.from('["2026-01-01","x"]').toString('base64url')])(
    'answers 400 TK_INVALID_CURSOR for the cursor %s',
    async (cursor, { api, org }) => {
      const res = await api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { cursor } })
      res.expectError(400, 'TK_INVALID_CURSOR')
    },
  )
})

describe('POST /orgs/:orgId/content', () => {
  test.for([
    ['an empty title', { title: '' }, 'body.title'],
    ['a huge title', { title: 't'.repeat(201) }, 'body.title'],
    ['a title of the wrong type', { title: 42 }, 'body.title'],
    ['a huge body', { title: 'T', body: 'b'.repeat(100_001) }, 'body.body'],
    ['tags that are not a list', { title: 'T', tags: 'news' }, 'body.tags'],
    ['a tag with spaces', { title: 'T', tags: ['big news'] }, 'body.tags.0'],
    ['too many tags', { title: 'T', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'body.tags'],
    ['a tag twice', { title: 'T', tags: ['a', 'a'] }, 'body.tags'],
    ['an unknown field', { title: 'T', status: 'PUBLISHED' }, 'body.status'],
    ['a foreign author', { title: 'T', authorId: '00000000-0000-4000-8000-000000000000' }, 'body.authorId'],
  ] as const)('answers 400 naming the field for %s', async ([, body, field], { api, org }) => {
    const res = await api.post('/orgs/:orgId/content', { params: { orgId: org.id }, body: unchecked(body) })
    expect(
      res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field),
      res.text,
    ).toContain(field)
  })

  test('refuses a slug already used in the organization (TK_SLUG_TAKEN)', async ({
    api,
    org,
    user,
    factories,
  }) => {
    await factories.contentItem.create({ organization: org, author: user, slug: 'taken' })
    const res = await api.post('/orgs/:orgId/content', {
      params: { orgId: org.id },
      body: { title: 'T', slug: 'taken' },
    })
    res.expectError(409, 'TK_SLUG_TAKEN')
  })
})

describe('PATCH /orgs/:orgId/content/:contentId', () => {
  test('refuses to edit an archived item (TK_INVALID_TRANSITION)', async ({ api, org, user, factories }) => {
    const item = await factories.contentItem.with('archived').create({ organization: org, author: user })
    const res = await api.patch('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: item.id },
      body: { title: 'Revived' },
    })
    res.expectError(409, 'TK_INVALID_TRANSITION')
  })

  test('refuses a slug another item has (TK_SLUG_TAKEN)', async ({ api, org, user, factories }) => {
    const [a, b] = await factories.contentItem.createList(2, { organization: org, author: user })
    const res = await api.patch('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: a?.id ?? '' },
      body: { slug: b?.slug },
    })
    res.expectError(409, 'TK_SLUG_TAKEN')
  })

  test.for(['not-a-uuid', '123'])('answers 400 for the content id %s', async (contentId, { api, org }) => {
    const res = await api.patch('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId },
      body: {},
    })
    expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toEqual([
      'params.contentId',
    ])
  })

  test('answers 404 TK_CONTENT_NOT_FOUND for an item that does not exist', async ({ api, org }) => {
    const res = await api.get('/orgs/:orgId/content/:contentId', {
      params: { orgId: org.id, contentId: '00000000-0000-4000-8000-000000000000' },
    })
    res.expectError(404, 'TK_CONTENT_NOT_FOUND')
  })
})

describe('the lifecycle', () => {
  test.for([
    ['publish', 'published'],
    ['publish', 'archived'],
    ['schedule', 'published'],
    ['schedule', 'archived'],
    ['archive', 'archived'],
  ] as const)(
    'refuses to %s an item that is %s (TK_INVALID_TRANSITION)',
    async ([action, status], { api, org, user, factories }) => {
      const item = await factories.contentItem.with(status).create({ organization: org, author: user })
      const params = { orgId: org.id, contentId: item.id }
      const publishAt = new Date(Date.now() + 3_600_000).toISOString()
      const res =
        action === 'schedule'
          ? await api.post('/orgs/:orgId/content/:contentId/schedule', { params, body: { publishAt } })
          : await api.post(`/orgs/:orgId/content/:contentId/${action}`, { params })
      res.expectError(409, 'TK_INVALID_TRANSITION')
    },
  )

  test('refuses a publishAt in the past (TK_PUBLISH_AT_IN_PAST)', async ({ api, org, user, factories }) => {
    const item = await factories.contentItem.create({ organization: org, author: user })
    const res = await api.post('/orgs/:orgId/content/:contentId/schedule', {
      params: { orgId: org.id, contentId: item.id },
      body: { publishAt: '2020-01-01T00:00:00.000Z' },
    })
    res.expectError(400, 'TK_PUBLISH_AT_IN_PAST')
  })

  test.for(['tomorrow', '2026-13-01T00:00:00Z', ''])(
    'answers 400 for publishAt "%s"',
    async (publishAt, { api, org, user, factories }) => {
      const item = await factories.contentItem.create({ organization: org, author: user })
      const res = await api.post('/orgs/:orgId/content/:contentId/schedule', {
        params: { orgId: org.id, contentId: item.id },
        body: { publishAt },
      })
      expect(res.expectError(400, 'TK_VALIDATION_FAILED').fields?.map((f) => f.field)).toEqual([
        'body.publishAt',
      ])
    },
  )
})
