// The test kit as the original design (../../shared/seed, pytest + factory-boy) would run the API
// suite, for `suite.seedstyle`: ONE shared database for the run, migrated once; factories that
// commit; every table TRUNCATEd before each test that uses the database; the app still built per
// test (withApp is the kit's own). Swapped in for `@tenantkit/test-kit` by this folder's
// vitest.config.ts, so the API test files run unchanged. Not part of the kit.
import type { DataModel, FactoriesSpec } from '@tenantkit/factories'
import { createFactories } from '@tenantkit/factories'
import pg from 'pg'
import { test as base, inject } from 'vitest'
import { createTestFactories } from '../../packages/test-kit/src/factories/test-factories.ts'
import type { Kit, KitConfig } from '../../packages/test-kit/src/index.ts'
import type { KitClient } from '../../packages/test-kit/src/isolation/kit-client.ts'
import type { IsolationMode } from '../../packages/test-kit/src/isolation/test-database.ts'
import { cloneDatabase } from '../../packages/test-kit/src/provision/clone-database.ts'
import { databaseUrl, runDatabasePrefix } from '../../packages/test-kit/src/provision/database-names.ts'
import '../../packages/test-kit/src/provision/context.ts'
import { createPrismaClient } from '../../packages/db/src/index.ts'

export * from '../../packages/test-kit/src/index.ts'

type Shared = { db: KitClient; truncate: string }
let shared: Promise<Shared> | undefined

/** The run's one database (a migrated copy of the template) and one client on it, per worker. */
function sharedDatabase() {
  shared ??= (async () => {
    const { adminUrl, template, runId } = inject('tenantkit')
    const name = `${runDatabasePrefix(runId)}seedstyle`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
      if (!rowCount) await cloneDatabase(admin, name, template)
    } finally {
      await admin.end()
    }
    // The app schema's client, as the API suite binds it (this harness serves that suite only).
    const db = createPrismaClient({ url: databaseUrl(adminUrl, name) })
    const [row] = await db.$queryRawUnsafe<{ tables: string }[]>(
      `SELECT string_agg(format('%I', tablename), ', ') AS tables FROM pg_tables
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    )
    return { db, truncate: `TRUNCATE TABLE ${row?.tables} RESTART IDENTITY CASCADE` }
  })()
  return shared
}

/** `createKit` with the seed-style `db`: committed writes, emptied before each test. */
export function createKit<C extends KitClient, DM extends DataModel, FC, E>(
  config: KitConfig<C, DM, FC, E>,
): Kit<C, DM, FC, E> {
  const spec = config.factories as FactoriesSpec<DM, FC, E>
  const test = base
    .extend('isolation', { scope: 'test' }, (): IsolationMode => 'transaction')
    .extend('db', async (): Promise<C> => {
      const { db, truncate } = await sharedDatabase()
      await db.$executeRawUnsafe(truncate)
      return db as unknown as C
    })
    .extend('factories', ({ db, task, onTestFailed }) =>
      createTestFactories(db, spec, { task, onTestFailed }),
    )
  return {
    test: test as unknown as Kit<C, DM, FC, E>['test'],
    useDatabase: () => {
      throw new Error('useDatabase is not part of the seed-style harness')
    },
    createFactories: (db, options) => createFactories(db, spec, options),
    config,
  }
}
