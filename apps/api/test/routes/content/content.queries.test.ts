// Query budgets for the content list: a page costs the same statements however many items it
// holds, so a query per item (an N+1) fails here, and the fixed cost stays small.
import { describe } from 'vitest'
import { expect, test } from '../../kit.ts'

// 50 rows and two first requests (each compiles its query plan and response serializer): more than
// Vitest's default 5 s on a busy machine.
const ROOMY = { timeout: 20_000 }

describe('GET /orgs/:orgId/content', () => {
  test(
    'a page of 50 items costs the same queries as a page of 5',
    ROOMY,
    async ({ api, org, user, factories, queries }) => {
      const list = () => api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query: { limit: 100 } })
      await factories.contentItem.createList(5, { organization: org, author: user })
      const five = await queries.measure(list)
      expect(five.result.expectStatus(200).items).toHaveLength(5)

      await factories.contentItem.createList(45, { organization: org, author: user })
      const fifty = await queries.measure(list)
      expect(fifty.result.expectStatus(200).items).toHaveLength(50)
      expect(fifty.count, fifty.sql.join('\n')).toBe(five.count)
    },
  )

  test('answers in four queries: the caller, their membership, its organization, the page', async ({
    api,
    org,
    user,
    factories,
    queries,
  }) => {
    await factories.contentItem.createList(3, { organization: org, author: user })
    const listed = await queries.measure(() => api.get('/orgs/:orgId/content', { params: { orgId: org.id } }))
    expect(listed.result.status, listed.result.text).toBe(200)
    expect(listed.count, listed.sql.join('\n')).toBe(4)
  })

  test('filters and the next page cost what the first page costs', async ({
    api,
    org,
    user,
    factories,
    queries,
  }) => {
    await factories.contentItem
      .with('published')
      .createList(6, { organization: org, author: user, tags: ['news'] })
    const list = (query: Record<string, string | number>) => () =>
      api.get('/orgs/:orgId/content', { params: { orgId: org.id }, query })
    const first = await queries.measure(list({ limit: 3 }))
    const { nextCursor } = first.result.expectStatus(200)
    expect(nextCursor).not.toBeNull()
    const costs = {
      next: await queries(list({ limit: 3, cursor: nextCursor ?? '' })),
      status: await queries(list({ status: 'PUBLISHED' })),
      tag: await queries(list({ tag: 'news' })),
      title: await queries(list({ q: 'a' })),
    }
    expect(costs).toEqual({ next: first.count, status: first.count, tag: first.count, title: first.count })
  })
})
