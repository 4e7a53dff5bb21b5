// The body of first.child.ts and second.child.ts: whichever runs second must find nothing the
// other left in the database or in the kit, although both run in one worker sharing modules.
import { afterAll, describe } from 'vitest'
import { expect, test } from '../../kit.ts'
import { filesSeen } from './files-seen.ts'

export function defineLeakTests(file: string): void {
  const before = [...filesSeen]
  filesSeen.push(file)
  afterAll(() => {
    console.log(`LEAK-PROBE ${JSON.stringify({ file, pid: process.pid, before })}`)
  })

  test('transaction mode: sees no row an earlier file made', async ({ db, factories }) => {
    expect(await db.organization.count()).toBe(0)
    await factories.createTenant({ organization: { name: `made by ${file}` } })
  })

  describe('database mode', () => {
    test.override({ isolation: 'database' })
    test('commits into a clone of its own, which no later file sees', async ({ db, factories }) => {
      expect(await db.user.count()).toBe(0)
      await factories.user.create({ fullName: `made by ${file}` })
    })
  })

  test("holds no connection of an earlier file's: the kit closed them", async ({ db }) => {
    const connections = () =>
      db.$queryRawUnsafe<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
      )
    // A closed connection's server process may take a moment to leave pg_stat_activity.
    await expect.poll(async () => (await connections())[0]?.n, { timeout: 20_000 }).toBe(1)
  })
}
