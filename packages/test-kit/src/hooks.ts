// For suites that prefer hooks to fixtures: the same isolation, driven by beforeEach/afterEach.
import { afterAll, afterEach, beforeEach, inject } from 'vitest'
import { ConcurrentTestsError, UseDatabaseError } from './errors.ts'
import type { ClientFactory, KitClient } from './isolation/kit-client.ts'
import { type IsolationMode, openTestDatabase, type TestDatabase } from './isolation/test-database.ts'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'

/** Registers hooks that give every test of the file (or describe block) an isolated client. */
export function useDatabaseWith<C extends KitClient>(
  client: ClientFactory<C>,
  options: { isolation?: IsolationMode } = {},
): { readonly db: C } {
  let worker: WorkerDatabases<C> | undefined
  let current: TestDatabase<C> | undefined
  beforeEach(async (context) => {
    if (current) {
      // One `database.db` serves one test at a time: a second one would silently share it.
      throw new ConcurrentTestsError(
        `"${context.task.name}" started while another test of this useDatabase() was running (test.concurrent or --sequence.concurrent). Use the \`db\` fixture for concurrent tests, or run them one after another.`,
      )
    }
    worker ??= new WorkerDatabases(inject('tenantkit'), client)
    current = await openTestDatabase(worker, options.isolation ?? 'transaction', context.task.name)
  })
  afterEach(async (context) => {
    await current?.close(context.task.result?.state === 'fail')
    current = undefined
  })
  afterAll(async () => {
    await worker?.close()
  })
  return {
    get db() {
      if (!current) {
        throw new UseDatabaseError(
          'useDatabase().db is only available inside a test or a beforeEach/afterEach hook: read it there, not at the top of the file or in beforeAll.',
        )
      }
      return current.db
    },
  }
}
