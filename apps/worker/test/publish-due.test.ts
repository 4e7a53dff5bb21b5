// What one batch publishes, on the test's rolled-back transaction (no other connection involved):
// due items only, of every tenant, oldest first, each with its audit event.
import { describe } from 'vitest'
import { publishDueBatch } from '../src/publish-due.ts'
import { daysFromNow, expect, test } from './kit.ts'

const HOUR = 3_600_000

describe('publishDueBatch', () => {
  test('publishes a due item: PUBLISHED, publishedAt the clock, publishAt cleared, one audit event', async ({
    db,
    factories,
  }) => {
    const tenant = await factories.createTenant()
    const author = tenant.owner.user
    const publishAt = daysFromNow(1)
    const item = await factories.contentItem
      .with('scheduled')
      .create({ organization: tenant.organization, author, publishAt })
    const now = new Date(publishAt.getTime() + 1000)

    const published = await publishDueBatch(db, { now, batchSize: 10, workerId: 'worker-a' })

    expect(published).toEqual([{ id: item.id, organizationId: tenant.organization.id, publishAt }])
    const stored = await db.contentItem.findUniqueOrThrow({ where: { id: item.id } })
    expect(stored).toMatchObject({ status: 'PUBLISHED', publishedAt: now, publishAt: null, updatedAt: now })
    const events = await db.auditEvent.findMany({ where: { targetId: item.id } })
    expect(events).toEqual([
      expect.objectContaining({
        organizationId: tenant.organization.id,
        actorId: null,
        action: 'content.published',
        targetType: 'content_item',
        targetId: item.id,
        createdAt: now,
        data: { from: 'SCHEDULED', to: 'PUBLISHED', publishAt: publishAt.toISOString(), worker: 'worker-a' },
      }),
    ])
  })

  test('publishes an item whose publishAt is exactly now', async ({ db, factories }) => {
    const publishAt = daysFromNow(2)
    const item = await factories.contentItem.with('scheduled').create({ publishAt })
    const published = await publishDueBatch(db, { now: publishAt, batchSize: 10, workerId: 'w' })
    expect(published.map((p) => p.id)).toEqual([item.id])
  })

  test('leaves not-yet-due, draft, already-published and archived items alone', async ({ db, factories }) => {
    const { organization, owner } = await factories.createTenant()
    const author = owner.user
    const now = daysFromNow(10)
    const due = await factories.contentItem
      .with('scheduled')
      .create({ organization, author, publishAt: new Date(now.getTime() - HOUR) })
    const later = await factories.contentItem
      .with('scheduled')
      .create({ organization, author, publishAt: new Date(now.getTime() + HOUR) })
    const others = await factories.contentItem.createList([
      { organization, author, status: 'DRAFT' },
      { organization, author, status: 'PUBLISHED' },
      { organization, author, status: 'ARCHIVED' },
      // A stray publishAt on a row that is not SCHEDULED does not make it due.
      { organization, author, status: 'ARCHIVED', publishAt: new Date(now.getTime() - HOUR) },
    ])
    const before = await db.contentItem.findMany({
      where: { id: { in: [later.id, ...others.map((o) => o.id)] } },
    })

    const published = await publishDueBatch(db, { now, batchSize: 100, workerId: 'w' })

    expect(published.map((p) => p.id)).toEqual([due.id])
    const after = await db.contentItem.findMany({ where: { id: { in: before.map((row) => row.id) } } })
    expect(after).toEqual(expect.arrayContaining(before))
    expect(after).toHaveLength(before.length)
    expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(1)
    expect(await publishDueBatch(db, { now, batchSize: 100, workerId: 'w' })).toEqual([])
  })

  test('publishes items of several tenants in one batch, each event in its item’s organization', async ({
    db,
    factories,
  }) => {
    const tenants = await Promise.all(
      [1, 2, 3].map(() => factories.createTenant({ content: { SCHEDULED: 4 } })),
    )
    const items = tenants.flatMap((tenant) => tenant.content)

    const published = await publishDueBatch(db, { now: daysFromNow(31), batchSize: 100, workerId: 'w' })

    expect(published.map((p) => p.id).sort()).toEqual(items.map((i) => i.id).sort())
    for (const tenant of tenants) {
      const events = await db.auditEvent.findMany({
        where: { organizationId: tenant.organization.id, action: 'content.published' },
      })
      expect(events.map((e) => e.targetId).sort()).toEqual(tenant.content.map((i) => i.id).sort())
    }
    expect(await db.contentItem.count({ where: { status: 'SCHEDULED' } })).toBe(0)
  })

  test('takes at most batchSize items, those scheduled earliest first', async ({ db, factories }) => {
    const { organization, owner } = await factories.createTenant()
    const base = daysFromNow(1).getTime()
    const items = await factories.contentItem.with('scheduled').createList(7, (i) => ({
      organization,
      author: owner.user,
      // Created in one order, scheduled in the reverse one.
      publishAt: new Date(base + (7 - i) * HOUR),
    }))
    const byPublishAt = [...items].sort(
      (a, b) => (a.publishAt?.getTime() ?? 0) - (b.publishAt?.getTime() ?? 0),
    )
    const now = daysFromNow(2)

    const first = await publishDueBatch(db, { now, batchSize: 3, workerId: 'w' })
    const second = await publishDueBatch(db, { now, batchSize: 3, workerId: 'w' })
    const third = await publishDueBatch(db, { now, batchSize: 3, workerId: 'w' })

    expect([first, second, third].map((batch) => batch.length)).toEqual([3, 3, 1])
    expect([...first, ...second, ...third].map((p) => p.id)).toEqual(byPublishAt.map((i) => i.id))
  })
})
