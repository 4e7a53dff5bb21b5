// Several workers at once, on separate connections and in separate processes, over one set of due
// items: each item is published exactly once (one audit event each), none is skipped. Real
// commits seen across connections: `database` isolation. Every worker's first batch is held in
// flight (organization locks) until all of them hold one, so they provably run at the same time.
import { describe } from 'vitest'
import { runPublisher } from '../src/run-publisher.ts'
import { blockedBackend, daysFromNow, expect, minutesAgo, test } from './kit.ts'

describe('several workers at once', () => {
  test.override({ isolation: 'database' })

  test('four workers on their own connections publish each of 400 items exactly once', async ({
    db,
    factories,
    connect,
    lockOrganization,
    logs,
  }) => {
    const tenants = await Promise.all(
      [1, 2, 3, 4].map(() => factories.createTenant({ content: { SCHEDULED: 100 } })),
    )
    const items = tenants.flatMap((tenant) => tenant.content)
    const now = daysFromNow(31)
    const ids = ['w1', 'w2', 'w3', 'w4']
    const lock = await lockOrganization(...tenants.map((tenant) => tenant.organization.id))

    const runs = ids.map((workerId) =>
      runPublisher({
        db: connect(workerId),
        logger: logs.logger(workerId),
        workerId,
        once: true,
        batchSize: 10,
        pollIntervalMs: 10,
        now: () => now,
      }),
    )
    // All four hold a claimed batch at the same moment, then race through the rest.
    for (const workerId of ids) await blockedBackend(db, workerId)
    await lock.release()
    const summaries = await Promise.all(runs)

    const events = await db.auditEvent.findMany({ where: { action: 'content.published' } })
    expect(events).toHaveLength(items.length)
    expect(new Set(events.map((event) => event.targetId))).toEqual(new Set(items.map((item) => item.id)))
    expect(await db.contentItem.count({ where: { status: 'PUBLISHED' } })).toBe(items.length)
    const byWorker = ids.map(
      (id) => events.filter((event) => (event.data as { worker?: string }).worker === id).length,
    )
    expect(byWorker, JSON.stringify(summaries)).toEqual(summaries.map((summary) => summary.published))
    for (const count of byWorker) expect(count, JSON.stringify(byWorker)).toBeGreaterThanOrEqual(10)
  })

  test('three worker processes publish each of 600 due items exactly once and exit 0', async ({
    db,
    factories,
    spawnWorker,
    lockOrganization,
  }) => {
    const tenants = await Promise.all([1, 2, 3].map(() => factories.createTenant()))
    // The processes run on the wall clock: these items are already due.
    for (const { organization, owner } of tenants) {
      await factories.contentItem
        .with('scheduled')
        .createList(200, (i) => ({ organization, author: owner.user, publishAt: minutesAgo(60 - i / 10) }))
    }
    const lock = await lockOrganization(...tenants.map((tenant) => tenant.organization.id))

    const workers = ['p1', 'p2', 'p3'].map((id) =>
      spawnWorker({ id, args: ['--once'], env: { WORKER_BATCH_SIZE: '20' } }),
    )
    for (const worker of workers) await blockedBackend(db, worker.id)
    await lock.release()
    const exits = await Promise.all(workers.map((worker) => worker.exited))

    const output = workers.map((worker) => worker.output()).join('\n')
    expect(exits, output).toEqual(workers.map(() => ({ code: 0, signal: null })))
    const events = await db.auditEvent.findMany({ where: { action: 'content.published' } })
    expect(events).toHaveLength(600)
    expect(new Set(events.map((event) => event.targetId)).size).toBe(600)
    expect(await db.contentItem.count({ where: { status: 'SCHEDULED' } })).toBe(0)
    // Each process's own account (its last log line) adds up to the same 600.
    const published = workers.map(
      (worker) => worker.logs().find((entry) => entry.msg === 'nothing more is due')?.published,
    )
    expect(
      published.every((count) => typeof count === 'number' && count >= 20),
      output,
    ).toBe(true)
    expect(published.reduce((sum: number, count) => sum + Number(count), 0)).toBe(600)
  })
})
