// One test's database client in either isolation mode; shared by the `db` fixture and
// `useDatabase()` so both behave the same.
import type { KitClient } from './kit-client.ts'
import type { RouteTarget } from './test-context.ts'
import type { WorkerDatabases } from './worker-databases.ts'

/**
 * - `transaction` (default): the test runs in one transaction that is rolled back at its end;
 *   transactions of the code under test become savepoints. Sub-millisecond, one connection.
 * - `database`: the test gets a database of its own, cloned from the migrated template, for code
 *   that needs real commits seen by other connections (workers, SKIP LOCKED, LISTEN/NOTIFY).
 */
export type IsolationMode = 'transaction' | 'database'

export type TestDatabase<C extends KitClient = KitClient> = {
  db: C
  /** The test's own adapter: where clients that outlive the test send its queries. */
  target: RouteTarget
  /** Ends the test's isolation; `failed` keeps a database-mode clone when TEST_KEEP_FAILED_DB=1. */
  close(failed: boolean): Promise<void>
}

export async function openTestDatabase<C extends KitClient>(
  worker: WorkerDatabases<C>,
  mode: IsolationMode,
  label: string,
): Promise<TestDatabase<C>> {
  if (mode === 'transaction') {
    const { db, adapter, end } = await worker.beginTest()
    return { db, target: { adapter }, close: end }
  }
  const clones = worker.clones()
  const clone = await clones.take()
  return {
    // The worker's warm client, routed to this test's clone (test-context.ts).
    db: worker.routedClient(),
    target: { adapter: clone.adapter },
    async close(failed) {
      if (failed && worker.settings.keepFailedDb) {
        const url = await clones.keep(clone)
        const note =
          worker.server.provider === 'external'
            ? ''
            : " (it lives as long as this run's server: use TEST_DATABASE_URL to keep it after the run)"
        console.info(`[tenantkit] kept the database of failed test "${label}": ${url}${note}`)
        return
      }
      clones.discard(clone)
    },
  }
}
