// The kit's Vitest fixtures for one schema: `db` (an isolated client of the schema's own type),
// the settings that shape it, and `factories` bound to it.
// Every fixture is lazy: a test that uses none of them touches no database.
import type { DataModel, FactoriesSpec } from '@tenantkit/factories'
import { test as base, inject } from 'vitest'
import { createTestFactories } from './factories/test-factories.ts'
import { asServerRole } from './isolation/app-role.ts'
import type { DatabaseBinding, KitClient } from './isolation/kit-client.ts'
import { createQueryCounter } from './isolation/query-counter.ts'
import { enterTest, openEntry } from './isolation/test-context.ts'
import { type IsolationMode, openTestDatabase, type TestDatabase } from './isolation/test-database.ts'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'

export function kitFixtures<C extends KitClient, DM extends DataModel, FC, E>(
  binding: DatabaseBinding<C>,
  factories: FactoriesSpec<DM, FC, E>,
) {
  return (
    base
      .extend('isolation', { scope: 'test' }, (): IsolationMode => 'transaction')
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
      .extend('tenantkitWorker', { scope: 'file' }, async ({}, { onCleanup }) => {
        const worker = new WorkerDatabases(inject('tenantkit'), binding)
        onCleanup(() => worker.close())
        return worker
      })
      // Every test is registered (no database yet): the app's own client, bound with
      // bindPrismaModule, opens the test's database on its first query if `db` has not.
      .extend(
        'tenantkitTest',
        { auto: true },
        async ({ isolation, tenantkitWorker, task }, { onCleanup }) => {
          let opened: TestDatabase<C> | undefined
          const entry = enterTest(task, async () => {
            opened = await openTestDatabase(tenantkitWorker, isolation, task.name)
            entry.target = opened.target
            return opened.target
          })
          onCleanup(async () => {
            await entry.end()
            await opened?.close(task.result?.state === 'fail')
          })
          return {
            database: async (): Promise<TestDatabase<C>> => {
              await openEntry(entry)
              return opened as TestDatabase<C>
            },
          }
        },
      )
      .extend('db', async ({ tenantkitTest }): Promise<C> => (await tenantkitTest.database()).db)
      /** Factories bound to this test's `db`, faker seeded per test (see docs/factories.md). */
      .extend('factories', ({ db, task, onTestFailed }) =>
        createTestFactories(binding.role === undefined ? db : asServerRole(db, binding.role), factories, {
          task,
          onTestFailed,
        }),
      )
      /** Statements the code under test sends, for query budgets (transaction isolation; docs/query-budgets.md). */
      .extend('queries', ({ db, onTestFailed }) => createQueryCounter(db, { onTestFailed }))
  )
}
