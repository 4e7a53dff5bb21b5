// Which test a routed query belongs to (test-context.ts), where it cannot be told: the errors say
// what happened and what to do, and nothing lands in another test's database.
import { describe } from 'vitest'
import { DatabaseOutsideTestError } from '../../src/errors.ts'
import {
  currentAdapter,
  enterTest,
  runInTestContext,
  runOutsideTestContext,
} from '../../src/isolation/test-context.ts'
import { expect, test } from '../kit.ts'

describe('a routed query', () => {
  test('from a test that has ended fails, naming that it ended, instead of reaching another test', async () => {
    const entry = enterTest({ id: 'ended-test', name: 'a test that ended' })
    await entry.end()
    const error = await runInTestContext('ended-test', () => currentAdapter()).catch(
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(DatabaseOutsideTestError)
    expect(String(error)).toMatch(/came from a test after it ended .*Await that work in the test/)
  })

  test('with no test context while two tests run fails, naming the setup file', async ({ db }) => {
    expect(db).toBeDefined() // this test is one of the two
    const other = enterTest({ id: 'other-test', name: 'another test' })
    try {
      const error = await runOutsideTestContext(() => currentAdapter()).catch((thrown: unknown) => thrown)
      expect(error).toBeInstanceOf(DatabaseOutsideTestError)
      expect(String(error)).toMatch(/while 2 tests run in this worker .*'@tenantkit\/test-kit\/setup'/)
    } finally {
      await other.end()
    }
  })

  test('with no test context while one test runs goes to that test', async ({ db }) => {
    await db.organization.create({ data: { name: 'Mine', slug: 'test-context-mine' } })
    const adapter = await runOutsideTestContext(() => currentAdapter())
    const result = await adapter.queryRaw({
      sql: `SELECT count(*)::int AS n FROM organizations WHERE slug = 'test-context-mine'`,
      args: [],
      argTypes: [],
    })
    expect(result.rows).toEqual([[1]])
  })

  test('from a test with no database and no way to open one says which fixture to ask for', async () => {
    const bare = enterTest({ id: 'bare-test', name: 'a bare test' })
    const error = await runInTestContext('bare-test', () => currentAdapter()).catch(
      (thrown: unknown) => thrown,
    )
    await bare.end()
    expect(String(error)).toMatch(/Test "a bare test" has no database for the app's client: ask for `db`/)
  })
})
