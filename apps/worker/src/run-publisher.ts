// The publisher's loop: publish due items batch after batch while there are full batches, then
// wait for the poll interval. Stopping (the signal) never interrupts a batch: the one in flight
// commits, then the loop returns.
import { setTimeout as sleep } from 'node:timers/promises'
import type { PrismaClient } from '@tenantkit/db'
import { describeError } from './describe-error.ts'
import type { Logger } from './logger.ts'
import { publishDueBatch } from './publish-due.ts'
import type { WorkerSettings } from './settings.ts'

export type RunPublisherOptions = Pick<
  WorkerSettings,
  'pollIntervalMs' | 'batchSize' | 'workerId' | 'once'
> & {
  db: PrismaClient
  logger: Logger
  /** Aborting it stops the loop after the batch in flight. */
  signal?: AbortSignal
  /** The clock deciding what is due (injectable for tests; wall time by default). */
  now?: () => Date
}

export type RunSummary = { published: number; batches: number; failedBatches: number }

/**
 * Runs until `signal` aborts (or, with `once`, until nothing is due). A failed batch is rolled
 * back whole; the loop logs it and tries again after the poll interval, while `once` rethrows.
 * @example await runPublisher({ db, logger, ...settings, signal: controller.signal })
 */
export async function runPublisher(options: RunPublisherOptions): Promise<RunSummary> {
  const { db, logger, signal, batchSize, workerId, once, pollIntervalMs } = options
  const now = options.now ?? (() => new Date())
  const summary: RunSummary = { published: 0, batches: 0, failedBatches: 0 }
  logger.info({ batchSize, pollIntervalMs, once }, once ? 'publishing due items once' : 'publisher started')
  while (!signal?.aborted) {
    const started = performance.now()
    let count: number
    try {
      const items = await publishDueBatch(db, { now: now(), batchSize, workerId })
      count = items.length
      if (count > 0) {
        summary.published += count
        summary.batches += 1
        const organizations = new Set(items.map((item) => item.organizationId)).size
        const ms = Math.round(performance.now() - started)
        logger.info({ count, organizations, ms }, `published ${count} item${count === 1 ? '' : 's'}`)
        for (const item of items)
          logger.debug({ item: item.id, organizationId: item.organizationId }, 'published')
      }
    } catch (error) {
      summary.failedBatches += 1
      if (once) {
        logger.error({ err: error }, 'batch failed and was rolled back')
        const message = `A batch failed and was rolled back (none of it is published): ${describeError(error)}`
        throw new Error(message, { cause: error })
      }
      logger.error({ err: error }, `batch failed and was rolled back; retrying in ${pollIntervalMs} ms`)
      count = 0
    }
    // A full batch means more may be due right now.
    if (count === batchSize) continue
    if (once) break
    await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined)
  }
  logger.info(summary, signal?.aborted ? 'publisher stopped' : 'nothing more is due')
  return summary
}
