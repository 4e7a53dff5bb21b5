// A running worker: its own database client (named in pg_stat_activity), the startup check, and
// the publisher loop in the background until `stop()`. What `pnpm start` and `pnpm dev` run.
import { resolve } from 'node:path'
import { createPrismaClient } from '@tenantkit/db'
import { loadMigrations } from '@tenantkit/migrations'
import { checkDatabase } from './check-database.ts'
import type { Logger } from './logger.ts'
import { type RunSummary, runPublisher } from './run-publisher.ts'
import type { WorkerSettings } from './settings.ts'

/** The repository's migration history: the schema this checkout's SQL is written against. */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../prisma/migrations')

export type StartWorkerOptions = {
  logger: Logger
  /** Default: the repository's prisma/migrations. */
  migrationsDir?: string
  /** The clock deciding what is due (default wall time). */
  now?: () => Date
  /** Aborting it stops the worker like `stop()` does, even while it is still starting. */
  signal?: AbortSignal
}

export type RunningWorker = {
  /** Settles when the loop has ended and the client is disconnected. */
  done: Promise<RunSummary>
  /** Finishes the batch in flight, stops, disconnects. */
  stop(): Promise<RunSummary>
}

/** What pg_stat_activity shows as the worker's application_name. */
export function applicationName(workerId: string): string {
  return `tenantkit-worker ${workerId}`.slice(0, 63)
}

/** `DATABASE_URL` with the worker's application_name, so each worker's sessions are findable. */
export function workerConnectionUrl(databaseUrl: string, workerId: string): string {
  const url = new URL(databaseUrl)
  url.searchParams.set('application_name', applicationName(workerId))
  return url.toString()
}

/**
 * Checks the database (WorkerDatabaseError if unreachable or not migrated), then publishes in the
 * background.
 * @example const worker = await startWorker({ ...settings, databaseUrl }, { logger }); await worker.stop()
 */
export async function startWorker(
  settings: WorkerSettings & { databaseUrl: string },
  options: StartWorkerOptions,
): Promise<RunningWorker> {
  const migrations = loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR)
  await checkDatabase({
    url: settings.databaseUrl,
    expectedMigrations: migrations.migrationDirectories.map((migration) => migration.path),
  })
  const db = createPrismaClient({ url: workerConnectionUrl(settings.databaseUrl, settings.workerId) })
  const controller = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal
  const done = runPublisher({
    ...settings,
    db,
    logger: options.logger,
    now: options.now,
    signal,
  }).finally(() => db.$disconnect())
  return {
    done,
    stop() {
      controller.abort()
      return done
    },
  }
}
