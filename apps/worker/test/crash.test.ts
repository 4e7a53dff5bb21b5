// A worker whose connection dies in the middle of a batch (pg_terminate_backend while the batch
// is held in flight) leaves nothing half-done: its items stay SCHEDULED without audit events,
// and the next worker — or the same one, on its next poll — publishes them exactly once.
import { describe } from 'vitest'
import { runPublisher } from '../src/run-publisher.ts'
import { blockedBackend, daysFromNow, expect, minutesAgo, test } from './kit.ts'

describe('a worker killed mid-batch', () => {
  test.override({ isolation: 'database' })

  test('publishes nothing of its batch, and the next worker publishes all of it once', async ({
    db,
    factories,
    connect,
    lockOrganization,
    logs,
  }) => {
    const { organization, content } = await factories.createTenant({ content: { SCHEDULED: 8 } })
    const now = daysFromNow(31)
    const settings = { once: true, batchSize: 100, pollIntervalMs: 10, now: () => now }
    const lock = await lockOrganization(organization.id)

    const doomed = runPublisher({
      ...settings,
      db: connect('doomed'),
      logger: logs.logger('doomed'),
      workerId: 'doomed',
    })
    const failed = expect(doomed).rejects.toThrow(/rolled back .*terminating connection .*SQLSTATE 57P01/)
    const pid = await blockedBackend(db, 'doomed')
    // The batch is in flight: its items claimed, updated and audited, none of it committed (the
    // audit events' foreign-key check waits for the organization lock).
    await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`
    await failed
    await lock.release()

    expect(
      await db.contentItem.count({ where: { organizationId: organization.id, status: 'SCHEDULED' } }),
    ).toBe(8)
    expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(0)

    const next = await runPublisher({
      ...settings,
      db: connect('next'),
      logger: logs.logger('next'),
      workerId: 'next',
    })
    expect(next.published).toBe(8)
    const events = await db.auditEvent.findMany({ where: { action: 'content.published' } })
    expect(events.map((event) => event.targetId).sort()).toEqual(content.map((item) => item.id).sort())
    expect(events.every((event) => (event.data as { worker?: string }).worker === 'next')).toBe(true)
  })

  test('as a process with --once, exits 1 naming the cause; a second process publishes the items', async ({
    db,
    factories,
    spawnWorker,
    lockOrganization,
  }) => {
    const { organization, owner } = await factories.createTenant()
    const items = await factories.contentItem
      .with('scheduled')
      .createList(5, { organization, author: owner.user, publishAt: minutesAgo(1) })
    const lock = await lockOrganization(organization.id)

    const doomed = spawnWorker({ id: 'doomed', args: ['--once'] })
    const pid = await blockedBackend(db, 'doomed')
    await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`
    const exit = await doomed.exited
    await lock.release()

    expect(exit, doomed.output()).toEqual({ code: 1, signal: null })
    expect(doomed.output()).toMatch(
      /tenantkit worker: A batch failed and was rolled back \(none of it is published\): terminating connection .*\(SQLSTATE 57P01\)\n/,
    )
    expect(await db.contentItem.count({ where: { status: 'SCHEDULED' } })).toBe(5)
    expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(0)

    const next = spawnWorker({ id: 'next', args: ['--once'] })
    expect(await next.exited, next.output()).toEqual({ code: 0, signal: null })
    const events = await db.auditEvent.findMany({ where: { action: 'content.published' } })
    expect(events.map((event) => event.targetId).sort()).toEqual(items.map((item) => item.id).sort())
  })

  test('as a running process, logs the failed batch and publishes it on its next poll', async ({
    db,
    factories,
    spawnWorker,
    lockOrganization,
  }) => {
    const { organization, owner } = await factories.createTenant()
    await factories.contentItem
      .with('scheduled')
      .createList(5, { organization, author: owner.user, publishAt: minutesAgo(1) })
    const lock = await lockOrganization(organization.id)

    const worker = spawnWorker({ id: 'survivor' })
    const pid = await blockedBackend(db, 'survivor')
    await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`
    const failure = await worker.waitForLog((entry) => entry.level === 50)
    expect(failure.msg).toMatch(/batch failed and was rolled back/)
    expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(0)
    await lock.release()

    await worker.waitForLog((entry) => entry.msg === 'published 5 items')
    worker.child.kill('SIGTERM')
    expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null })
    const events = await db.auditEvent.findMany({ where: { action: 'content.published' } })
    expect(events).toHaveLength(5)
    expect(await db.contentItem.count({ where: { status: 'SCHEDULED' } })).toBe(0)
  })
})
