// The kit's Vitest fixtures: `db` (an isolated PrismaClient), the settings that shape it, and
// `factories` bound to it.
// Every fixture is lazy: a test that uses none of them touches no database.
import type { PrismaClient } from '@tenantkit/db'
import { test as base, inject } from 'vitest'
import { createTestFactories } from './factories/test-factories.ts'
import { createQueryCounter } from './isolation/query-counter.ts'
import { type IsolationMode, openTestDatabase } from './isolation/test-database.ts'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'

/**
 * `test` with database fixtures.
 * @example
 * import { test, expect } from '@tenantkit/test-kit'
 * test('counts users', async ({ db }) => {
 *   await db.user.create({ data: { … } })
 *   expect(await db.user.count()).toBe(1) // and 0 again in the next test
 * })
 * // a file or describe block that needs real commits:
 * test.override({ isolation: 'database' })
 */
export const test = base
  .extend('isolation', { scope: 'test' }, (): IsolationMode => 'transaction')
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
  .extend('tenantkitWorker', { scope: 'file' }, async ({}, { onCleanup }) => {
    const worker = new WorkerDatabases(inject('tenantkit'))
    onCleanup(() => worker.close())
    return worker
  })
  .extend('db', async ({ isolation, tenantkitWorker, task }, { onCleanup }): Promise<PrismaClient> => {
    const opened = await openTestDatabase(tenantkitWorker, isolation, task.name)
    onCleanup(() => opened.close(task.result?.state === 'fail'))
    return opened.db
  })
  /** Factories bound to this test's `db`, faker seeded per test (see docs/factories.md). */
  .extend('factories', ({ db, task, onTestFailed }) => createTestFactories(db, { task, onTestFailed }))
  /** Statements the code under test sends, for query budgets (transaction isolation; docs/query-budgets.md). */
  .extend('queries', ({ db, onTestFailed }) => createQueryCounter(db, { onTestFailed }))
