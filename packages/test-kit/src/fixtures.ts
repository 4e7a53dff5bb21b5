// The kit's Vitest fixtures: `db` (an isolated PrismaClient) and the settings that shape it.
// Every fixture is lazy: a test that uses none of them touches no database.
import { createPrismaClient, type PrismaClient } from '@tenantkit/db'
import { test as base, inject } from 'vitest'
import { WorkerDatabases } from './isolation/worker-databases.ts'
import './provision/context.ts'
import { readSettings } from './provision/settings.ts'

/**
 * - `transaction` (default): the test runs in one transaction that is rolled back at its end;
 *   transactions of the code under test become savepoints. Sub-millisecond, but everything runs
 *   on one connection.
 * - `database`: the test gets a database of its own, cloned from the migrated template, for
 *   code that needs real commits seen by other connections (workers, SKIP LOCKED, LISTEN/NOTIFY).
 */
export type IsolationMode = 'transaction' | 'database'

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
  .extend(
    'db',
    async ({ isolation, tenantkitWorker, task, onTestFailed }, { onCleanup }): Promise<PrismaClient> => {
      if (isolation === 'transaction') {
        const { db, end } = await tenantkitWorker.beginTest()
        onCleanup(end)
        return db
      }
      const clones = tenantkitWorker.clones()
      const clone = await clones.take()
      const db = createPrismaClient({ url: clone.url })
      let keep = false
      if (readSettings().keepFailedDb) {
        onTestFailed(() => {
          keep = true
          console.info(`[tenantkit] kept the database of failed test "${task.name}": ${clone.url}`)
        })
      }
      onCleanup(async () => {
        await db.$disconnect()
        if (!keep) clones.discard(clone)
      })
      return db
    },
  )
