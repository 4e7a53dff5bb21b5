// The API and the worker together: an item scheduled through the API (inject client) is read back
// through the API as PUBLISHED after one run of the worker, with the worker's audit event.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe } from 'vitest'
import { runPublisher } from '../src/run-publisher.ts'
import { expect, test } from './kit.ts'

describe('schedule through the API, publish with the worker', () => {
  test('a run of the worker at the scheduled time publishes the item and records who did', async ({
    api,
    org,
    db,
    logs,
  }) => {
    const orgId = org.id
    const created = (
      await api.post('/orgs/:orgId/content', { params: { orgId }, body: { title: 'Launch day' } })
    ).expectStatus(201)
    const params = { orgId, contentId: created.id }
    const publishAt = new Date(Date.now() + 3_600_000)
    const scheduled = (
      await api.post('/orgs/:orgId/content/:contentId/schedule', {
        params,
        body: { publishAt: publishAt.toISOString() },
      })
    ).expectStatus(200)
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishAt: publishAt.toISOString() })

    // One run an hour early publishes nothing; one at the scheduled time publishes the item.
    const settings = { db, workerId: 'e2e', once: true, batchSize: 100, pollIntervalMs: 10 }
    const early = await runPublisher({ ...settings, logger: logs.logger('e2e'), now: () => new Date() })
    expect(early.published).toBe(0)
    const onTime = await runPublisher({ ...settings, logger: logs.logger('e2e'), now: () => publishAt })
    expect(onTime.published).toBe(1)

    const item = (await api.get('/orgs/:orgId/content/:contentId', { params })).expectStatus(200)
    expect(item).toMatchObject({ status: 'PUBLISHED', publishAt: null, publishedAt: publishAt.toISOString() })
    const listed = (
      await api.get('/orgs/:orgId/content', { params: { orgId }, query: { status: 'PUBLISHED' } })
    ).expectStatus(200)
    expect(listed.items.map((i) => i.id)).toEqual([created.id])
    const audit = (
      await api.get('/orgs/:orgId/audit', { params: { orgId }, query: { targetId: created.id } })
    ).expectStatus(200)
    expect(audit.items.map((event) => event.action)).toEqual([
      'content.published',
      'content.scheduled',
      'content.created',
    ])
    expect(audit.items[0]).toMatchObject({
      actorId: null,
      data: { from: 'SCHEDULED', to: 'PUBLISHED', publishAt: publishAt.toISOString(), worker: 'e2e' },
    })
  })

  describe('with a worker process on the same database', () => {
    test.override({ isolation: 'database' })

    test('publishes an item the API scheduled a moment ahead, once that moment has passed', async ({
      api,
      org,
      spawnWorker,
    }) => {
      const orgId = org.id
      const created = (
        await api.post('/orgs/:orgId/content', { params: { orgId }, body: { title: 'Soon' } })
      ).expectStatus(201)
      const params = { orgId, contentId: created.id }
      // The API accepts only a future publishAt, and the process runs on the wall clock: a moment
      // the API finds already past (a busy machine) is tried again twice as far ahead.
      let publishAt = new Date(0)
      for (let margin = 1000; ; margin *= 2) {
        publishAt = new Date(Date.now() + margin)
        const response = await api.post('/orgs/:orgId/content/:contentId/schedule', {
          params,
          body: { publishAt: publishAt.toISOString() },
        })
        if (response.status === 200 || margin >= 64_000) {
          response.expectStatus(200)
          break
        }
        response.expectError(400, 'TK_PUBLISH_AT_IN_PAST')
      }
      await sleep(Math.max(0, publishAt.getTime() - Date.now()) + 10)

      const worker = spawnWorker({ id: 'e2e-process', args: ['--once'] })
      expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null })

      const item = (await api.get('/orgs/:orgId/content/:contentId', { params })).expectStatus(200)
      expect(item.status, JSON.stringify(item)).toBe('PUBLISHED')
      expect(new Date(item.publishedAt ?? 0).getTime()).toBeGreaterThanOrEqual(publishAt.getTime())
    })
  })
})
