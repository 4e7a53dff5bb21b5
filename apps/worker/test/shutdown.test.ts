// Graceful shutdown of a worker process: SIGTERM or SIGINT during a batch lets that batch commit,
// then the worker exits 0 without starting another; an idle worker exits at once; a second signal
// exits at once with 1, leaving nothing half-done.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe } from 'vitest'
import { backendsGone, blockedBackend, expect, minutesAgo, test } from './kit.ts'

describe('a worker process asked to stop', () => {
  test.override({ isolation: 'database' })

  test.for(['SIGTERM', 'SIGINT'] as const)(
    'on %s during a batch, commits that batch, starts no other and exits 0',
    async (signal, { db, factories, spawnWorker, lockOrganization }) => {
      const { organization, owner } = await factories.createTenant()
      // Fifteen due items, batches of ten: the signal arrives while the first ten are in flight.
      const items = await factories.contentItem
        .with('scheduled')
        .createList(15, (i) => ({ organization, author: owner.user, publishAt: minutesAgo(30 - i) }))
      const lock = await lockOrganization(organization.id)

      const worker = spawnWorker({ id: 'stopping', env: { WORKER_BATCH_SIZE: '10' } })
      await blockedBackend(db, worker.id)
      worker.child.kill(signal)
      await worker.waitForLog(
        (entry) => entry.msg === `${signal}: finishing the batch in flight, then stopping`,
      )
      // Still running: its batch cannot commit while the lock is held.
      const early = await Promise.race([worker.exited, sleep(300).then(() => 'running')])
      expect(early, worker.output()).toBe('running')
      await lock.release()

      expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null })
      const published = await db.contentItem.findMany({
        where: { status: 'PUBLISHED' },
        orderBy: { id: 'asc' },
      })
      const firstTen = items.slice(0, 10).map((item) => item.id)
      expect(published.map((item) => item.id)).toEqual(firstTen.sort())
      expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(10)
      expect(worker.logs().at(-1)).toMatchObject({ msg: 'publisher stopped', published: 10, batches: 1 })
    },
  )

  test('when idle, exits 0 at once on SIGTERM', async ({ spawnWorker }) => {
    const worker = spawnWorker({ id: 'idle', env: { WORKER_POLL_INTERVAL_MS: '3600000' } })
    await worker.waitForLog((entry) => entry.msg === 'publisher started')
    worker.child.kill('SIGTERM')
    // The poll interval is an hour: exiting now means the wait was cut short, not waited out.
    expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null })
    expect(worker.logs().at(-1)).toMatchObject({ msg: 'publisher stopped', published: 0 })
  })

  test('on a second signal, exits 1 at once; its batch is then committed whole or not at all', async ({
    db,
    factories,
    spawnWorker,
    lockOrganization,
  }) => {
    const { organization, owner } = await factories.createTenant()
    await factories.contentItem
      .with('scheduled')
      .createList(3, { organization, author: owner.user, publishAt: minutesAgo(1) })
    const lock = await lockOrganization(organization.id)

    const worker = spawnWorker({ id: 'impatient' })
    await blockedBackend(db, worker.id)
    worker.child.kill('SIGTERM')
    await worker.waitForLog((entry) => entry.msg.startsWith('SIGTERM: finishing'))
    worker.child.kill('SIGTERM')

    expect(await worker.exited, worker.output()).toEqual({ code: 1, signal: null })
    await lock.release()
    // The batch is one statement: its backend, waiting for the lock, has not noticed that the
    // process is gone, and may finish the statement once the lock is free. Either way nothing is
    // half-done: three items with three events, or none.
    await backendsGone(db, worker.id)
    const published = await db.contentItem.count({ where: { status: 'PUBLISHED' } })
    expect([0, 3]).toContain(published)
    expect(await db.auditEvent.count({ where: { action: 'content.published' } })).toBe(published)
  })
})
