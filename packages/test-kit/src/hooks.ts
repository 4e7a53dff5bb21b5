// For suites that prefer hooks to fixtures: the same isolation, driven by beforeEach/afterEach.
import type { PrismaClient } from '@tenantkit/db'
import { afterAll, afterEach, beforeEach, inject } from 'vitest'
import { type IsolationMode, openTestDatabase, type TestDatabase } from './isolation/test-database.ts'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'

/**
 * Registers hooks that give every test of the file (or describe block) an isolated client.
 * @example
 * const database = useDatabase()
 * beforeEach(async () => { await database.db.user.create({ data: … }) })
 * it('sees the row', async () => { expect(await database.db.user.count()).toBe(1) })
 */
export function useDatabase(options: { isolation?: IsolationMode } = {}): { readonly db: PrismaClient } {
  let worker: WorkerDatabases | undefined
  let current: TestDatabase | undefined
  beforeEach(async (context) => {
    worker ??= new WorkerDatabases(inject('tenantkit'))
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
      if (!current)
        throw new Error('useDatabase().db is only available inside a test or a beforeEach/afterEach hook.')
      return current.db
    },
  }
}
