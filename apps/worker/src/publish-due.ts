// One batch of the publisher: claims due SCHEDULED items, marks them PUBLISHED and writes one
// audit event per item, all in one statement (so one transaction). Items another worker holds
// are skipped, never waited for, so any number of workers can run this at once.
import type { PrismaClient } from '@tenantkit/db'

export type PublishBatchOptions = {
  /** The worker's clock: items whose publishAt is at or before it are due; publishedAt is set to it. */
  now: Date
  /** At most this many items. */
  batchSize: number
  /** Recorded in every audit event's data as `worker`. */
  workerId: string
}

export type PublishedItem = {
  id: string
  organizationId: string
  /** When the item was scheduled for (the API keeps publishAt only on SCHEDULED items). */
  publishAt: Date
}

type PublishedRow = { id: string; organization_id: string; publish_at: Date }

/**
 * Publishes up to `batchSize` due items, oldest publishAt first; returns them.
 * @example const items = await publishDueBatch(db, { now: new Date(), batchSize: 100, workerId: 'w1' })
 */
export async function publishDueBatch(
  db: PrismaClient,
  options: PublishBatchOptions,
): Promise<PublishedItem[]> {
  const { now, batchSize, workerId } = options
  // `due` is MATERIALIZED so the row locks are taken once, for exactly `batchSize` rows (an
  // inlined subquery may be re-run by the planner). SKIP LOCKED leaves rows another worker has
  // claimed; a row published meanwhile fails the re-checked WHERE and is dropped too.
  const rows = await db.$queryRaw<PublishedRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id, publish_at
      FROM content_items
      WHERE status = 'SCHEDULED' AND publish_at <= ${now}::timestamptz
      ORDER BY publish_at, id
      LIMIT ${batchSize}::int
      FOR UPDATE SKIP LOCKED
    ),
    published AS (
      UPDATE content_items AS item
      SET status = 'PUBLISHED', published_at = ${now}::timestamptz, publish_at = NULL,
          updated_at = ${now}::timestamptz
      FROM due
      WHERE item.id = due.id
      RETURNING item.id, item.organization_id, due.publish_at
    ),
    audited AS (
      INSERT INTO audit_events (id, organization_id, actor_id, action, target_type, target_id, data, created_at)
      SELECT gen_random_uuid(), organization_id, NULL, 'content.published', 'content_item', id::text,
             jsonb_build_object(
               'from', 'SCHEDULED',
               'to', 'PUBLISHED',
               'publishAt', to_char(publish_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'worker', ${workerId}::text
             ),
             ${now}::timestamptz
      FROM published
    )
    SELECT id, organization_id, publish_at FROM published ORDER BY publish_at, id`
  return rows.map((row) => ({ id: row.id, organizationId: row.organization_id, publishAt: row.publish_at }))
}
