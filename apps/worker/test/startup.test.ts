// Starting the worker: it refuses a database it cannot reach or that lacks a migration, with a
// message naming the database and the fix (and exit 1 as a process); `pnpm start` runs it.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, inject, onTestFinished } from 'vitest'
import { WorkerDatabaseError } from '../src/check-database.ts'
import { main } from '../src/main.ts'
import { readWorkerSettings } from '../src/settings.ts'
import { MIGRATIONS_DIR, startWorker } from '../src/worker.ts'
import { expect, minutesAgo, test } from './kit.ts'

const NOWHERE = 'postgresql://nobody:s3cret-pass@127.0.0.1:1/none'

/** A migrations folder with this checkout's migrations and `extra` ones (names are what count). */
function migrationsWith(...extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenantkit-worker-migrations-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory())
  for (const name of [...names.map((entry) => entry.name), ...extra]) mkdirSync(join(dir, name))
  return dir
}

describe('startWorker refuses to run', () => {
  test('when nothing answers at DATABASE_URL, saying so without the password', async ({ logs }) => {
    const settings = { ...readWorkerSettings({}, []), databaseUrl: NOWHERE }
    const started = startWorker(settings, { logger: logs.logger('w') })
    await expect(started).rejects.toThrow(WorkerDatabaseError)
    await expect(started).rejects.toMatchObject({ code: 'TK_WORKER_DB_UNREACHABLE' })
    await expect(started).rejects.toThrow(
      'Cannot reach the database at postgresql://nobody@127.0.0.1:1/none (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1. Start PostgreSQL or fix DATABASE_URL.',
    )
  })

  test('when the database does not exist, in the server’s words', async ({ logs }) => {
    const url = new URL(inject('tenantkit').adminUrl)
    url.pathname = '/tk_no_such_database'
    const settings = { ...readWorkerSettings({}, []), databaseUrl: url.toString() }
    await expect(startWorker(settings, { logger: logs.logger('w') })).rejects.toThrow(
      /Cannot reach the database at .*\/tk_no_such_database \(DATABASE_URL\): database "tk_no_such_database" does not exist/,
    )
  })

  describe('on a database of its own', () => {
    test.override({ isolation: 'database' })

    test('when it was never migrated', async ({ db, databaseUrl, logs }) => {
      await db.$executeRawUnsafe('DROP SCHEMA public CASCADE')
      await db.$executeRawUnsafe('CREATE SCHEMA public')
      const settings = { ...readWorkerSettings({}, []), databaseUrl }
      const started = startWorker(settings, { logger: logs.logger('w') })
      await expect(started).rejects.toMatchObject({ code: 'TK_WORKER_DB_NOT_MIGRATED' })
      await expect(started).rejects.toThrow(
        /The database at postgres(ql)?:\/\/.* is not migrated \(no migration applied\)\. Run `pnpm db:migrate` with DATABASE_URL set to it/,
      )
    })

    test('when it lacks a migration of this checkout, naming it', async ({ databaseUrl, logs }) => {
      const settings = { ...readWorkerSettings({}, []), databaseUrl }
      const migrationsDir = migrationsWith('20991231000000_future')
      await expect(startWorker(settings, { logger: logs.logger('w'), migrationsDir })).rejects.toThrow(
        /lacks 1 migration: 20991231000000_future\. Run `pnpm db:migrate`/,
      )
    })
  })
})

describe('startWorker on a migrated database', () => {
  test.override({ isolation: 'database' })

  test('runs when the database has migrations beyond this checkout’s, and stops on request', async ({
    db,
    databaseUrl,
    logs,
  }) => {
    await db.$executeRaw`
      INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
      VALUES (gen_random_uuid()::text, 'x', '20991231000000_newer', now(), 1)`
    const settings = { ...readWorkerSettings({}, []), databaseUrl, workerId: 'w' }
    const worker = await startWorker(settings, { logger: logs.logger('w') })
    expect(await worker.stop()).toEqual({ published: 0, batches: 0, failedBatches: 0 })
    expect(logs.entries.map((entry) => entry.msg)).toEqual(['publisher started', 'publisher stopped'])
  })
})

describe('the worker process', () => {
  test.override({ isolation: 'database' })

  test('exits 1 with the message when the database is unreachable', async ({ spawnWorker }) => {
    const worker = spawnWorker({ id: 'nowhere', env: { DATABASE_URL: NOWHERE } })
    expect(await worker.exited).toEqual({ code: 1, signal: null })
    expect(worker.output()).toContain(
      'tenantkit worker: Cannot reach the database at postgresql://nobody@127.0.0.1:1/none (DATABASE_URL)',
    )
    expect(worker.output()).not.toContain('s3cret-pass')
  })

  test('exits 1 with the message when the database is not migrated', async ({ db, spawnWorker }) => {
    await db.$executeRawUnsafe('DROP TABLE _prisma_migrations')
    const worker = spawnWorker({ id: 'unmigrated' })
    expect(await worker.exited).toEqual({ code: 1, signal: null })
    expect(worker.output()).toMatch(/tenantkit worker: The database at .* is not migrated/)
  })

  test('exits 1 naming DATABASE_URL when it is not set', async () => {
    await expect(main([], {})).rejects.toThrow(/^DATABASE_URL is not set\. .*or run `pnpm dev`\.$/)
  })

  test('runs as `pnpm --filter @tenantkit/worker start -- --once`: publishes what is due, exits 0', async ({
    db,
    factories,
    spawnWorker,
  }) => {
    const { organization, owner } = await factories.createTenant()
    const [due] = await factories.contentItem
      .with('scheduled')
      .createList(1, { organization, author: owner.user, publishAt: minutesAgo(1) })
    const worker = spawnWorker({ id: 'via-pnpm', args: ['--once'], viaPnpm: true })
    expect(await worker.exited, worker.output()).toEqual({ code: 0, signal: null })
    expect(await db.contentItem.findUniqueOrThrow({ where: { id: due?.id } })).toMatchObject({
      status: 'PUBLISHED',
    })
    expect(worker.logs().map((entry) => entry.msg)).toEqual([
      'publishing due items once',
      'published 1 item',
      'nothing more is due',
    ])
  })
})
