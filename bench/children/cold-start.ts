// Child process of startup.bench.ts: one cold start in a fresh Node process, as a Vitest run's
// globalSetup does it (load the kit, start or reach PostgreSQL, build the template), then the
// first clone and the stop. The provider comes from the kit's own settings (TEST_DB_PROVIDER …).
// Prints one JSON line of timings in ms.
const loadStarted = performance.now()
const { startTestServer } = await import('../../packages/test-kit/src/provision/test-server.ts')
const { cloneDatabase } = await import('../../packages/test-kit/src/provision/clone-database.ts')
const { databaseUrl, runDatabasePrefix } = await import(
  '../../packages/test-kit/src/provision/database-names.ts'
)
const loadMs = performance.now() - loadStarted

const migrationsDir = process.env.BENCH_MIGRATIONS_DIR
if (!migrationsDir) throw new Error('BENCH_MIGRATIONS_DIR is not set (the bench runner sets it).')

const serverStarted = performance.now()
const server = await startTestServer({ migrationsDir, log: () => {} })
const startMs = performance.now() - serverStarted
// The kit's start loaded pg while its server started: this import finds it loaded.
const { default: pg } = await import('pg')
try {
  const admin = new pg.Client({ connectionString: server.info.adminUrl })
  const cloneStarted = performance.now()
  await admin.connect()
  const name = `${runDatabasePrefix(server.info.runId)}first`
  await cloneDatabase(admin, name, server.info.template)
  const cloneMs = performance.now() - cloneStarted

  // The migrations' own SQL time, as the schema engine recorded it in _prisma_migrations (the
  // clone carries the template's rows); the rest of the template time is engine and bookkeeping.
  const clone = new pg.Client({ connectionString: databaseUrl(server.info.adminUrl, name) })
  await clone.connect()
  const { rows } = await clone.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM sum(finished_at - started_at)) * 1000)::float8 AS ms FROM _prisma_migrations`,
  )
  await clone.end()
  await admin.end()

  const stopStarted = performance.now()
  await server.stop()
  const stopMs = performance.now() - stopStarted
  console.log(
    JSON.stringify({
      runId: server.info.runId,
      provider: server.info.provider,
      serverVersion: server.info.serverVersion,
      bootMs: loadStarted,
      loadMs,
      serverMs: server.timings.serverMs,
      templateMs: server.timings.templateMs,
      // startTestServer's time outside those two parts: choosing the provider (the Docker probe
      // in auto mode), the admin connection, SHOW server_version.
      otherMs: startMs - server.timings.serverMs - server.timings.templateMs,
      cloneMs,
      migrateSqlMs: rows[0]?.ms ?? 0,
      stopMs,
      totalMs: loadMs + startMs + cloneMs,
    }),
  )
} finally {
  await server.stop()
}
