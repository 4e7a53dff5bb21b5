// For suites that prefer hooks to fixtures: the same isolation, driven by beforeEach/afterEach.
import { afterAll, afterEach, beforeEach, inject } from 'vitest'
import { ConcurrentTestsError, UseDatabaseError } from './errors.ts'
import type { DatabaseBinding, KitClient } from './isolation/kit-client.ts'
import { enterTest } from './isolation/test-context.ts'
import { type IsolationMode, openTestDatabase, type TestDatabase } from './isolation/test-database.ts'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'

/** The test a `useDatabase()` serves: one at a time, since `database.db` cannot tell tests apart. */
export type HookDatabase<C> = {
  readonly db: C
  begin(test: { id: string; name: string }): Promise<void>
  end(test: { id: string }, failed: boolean): Promise<void>
}

type Holder<C extends KitClient> = {
  id: string
  entry: ReturnType<typeof enterTest>
  database?: TestDatabase<C>
}

/** The state behind `useDatabase()`, without the hooks (so it can be driven directly). */
export function hookDatabase<C extends KitClient>(
  open: (label: string) => Promise<TestDatabase<C>>,
): HookDatabase<C> {
  let holder: Holder<C> | undefined
  return {
    async begin(test) {
      if (holder) {
        throw new ConcurrentTestsError(
          `"${test.name}" started while another test of the same useDatabase() was running (test.concurrent or --sequence.concurrent), and database.db cannot serve two tests. Use the \`db\` fixture for concurrent tests, or run them one after another (describe.sequential).`,
        )
      }
      // Taken before the first await, so a concurrent test's begin sees it.
      const current: Holder<C> = { id: test.id, entry: enterTest(test) }
      holder = current
      try {
        current.database = await open(test.name)
        current.entry.target = current.database.target
      } catch (error) {
        holder = undefined
        await current.entry.end()
        throw error
      }
    },
    async end(test, failed) {
      if (holder?.id !== test.id) return
      try {
        await holder.entry.end()
        await holder.database?.close(failed)
      } finally {
        holder = undefined
      }
    },
    get db() {
      if (!holder?.database) {
        throw new UseDatabaseError(
          'useDatabase().db is only available inside a test or a beforeEach/afterEach hook: read it there, not at the top of the file or in beforeAll.',
        )
      }
      return holder.database.db
    },
  }
}

/** Registers hooks that give every test of the file (or describe block) an isolated client. */
export function useDatabaseWith<C extends KitClient>(
  binding: DatabaseBinding<C>,
  options: { isolation?: IsolationMode } = {},
): { readonly db: C } {
  let worker: WorkerDatabases<C> | undefined
  const database = hookDatabase((label) => {
    worker ??= new WorkerDatabases(inject('tenantkit'), binding)
    return openTestDatabase(worker, options.isolation ?? 'transaction', label)
  })
  beforeEach(async ({ task }) => {
    await database.begin(task)
  })
  afterEach(async ({ task }) => {
    await database.end(task, task.result?.state === 'fail')
  })
  afterAll(async () => {
    await worker?.close()
  })
  return {
    get db() {
      return database.db
    },
  }
}
