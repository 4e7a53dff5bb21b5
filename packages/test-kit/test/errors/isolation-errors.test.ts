// Each isolation error, provoked for real (class, stable code, a message naming the fix), and the
// clone pool's background work: a failed clone fails the test that takes it, a failed drop is
// reported once and left to the run's cleanup.
import { randomBytes } from 'node:crypto'
import { PrismaClient } from '@tenantkit/db'
import pg from 'pg'
import { describe, expect, inject, type TestContext, test } from 'vitest'
import { hookDatabase } from '../../src/hooks.ts'
import {
  AppRoleError,
  CloneFailedError,
  ConcurrentTestsError,
  DatabaseOutsideTestError,
  UseDatabaseError,
} from '../../src/index.ts'
import { roleStartupOption } from '../../src/isolation/app-role.ts'
import { ClonePool } from '../../src/isolation/clone-pool.ts'
import type { ClientFactory } from '../../src/isolation/kit-client.ts'
import { routedAdapter } from '../../src/isolation/routed-adapter.ts'
import { createSavepointAdapterFactory } from '../../src/isolation/savepoint-adapter.ts'
import type { TestDatabase } from '../../src/isolation/test-database.ts'
import { WorkerDatabases } from '../../src/isolation/worker-databases.ts'
import { quoteIdent, runDatabasePrefix } from '../../src/provision/database-names.ts'
import { dropDatabase } from '../../src/provision/stale-databases.ts'
import { caught } from './support/caught.ts'

const createClient: ClientFactory<PrismaClient> = (adapter) => new PrismaClient({ adapter })

/** A clone pool of this run (its databases carry the run's prefix), closed after the test. */
type OnTestFinished = TestContext['onTestFinished']

function pool(
  cleanup: OnTestFinished,
  options: { template?: string; warn?: (message: string) => void } = {},
) {
  const { adminUrl, template, runId } = inject('tenantkit')
  const clones = new ClonePool({
    createClient,
    adminUrl,
    template: options.template ?? template,
    prefix: `${runDatabasePrefix(runId)}err${randomBytes(3).toString('hex')}_`,
    size: 1,
    warn: options.warn ?? ((message) => expect.fail(`unexpected warning: ${message}`)),
  })
  cleanup(() => clones.close())
  return clones
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: inject('tenantkit').adminUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    return rowCount === 1
  } finally {
    await admin.end()
  }
}

describe('CloneFailedError (TK_CLONE_FAILED)', () => {
  test('a clone that failed in the background fails the test that takes it, with the cause', async ({
    onTestFinished,
  }) => {
    const warnings: string[] = []
    const clones = pool(onTestFinished, {
      template: 'tk_tpl_no_such_template',
      warn: (m) => warnings.push(m),
    })
    const error = await caught(() => clones.take())
    expect(error).toBeInstanceOf(CloneFailedError)
    expect(error.code).toBe('TK_CLONE_FAILED')
    expect(error.message).toMatch(
      /Could not prepare database tk_run_\S+ from template tk_tpl_no_such_template/,
    )
    expect(error.message).toContain('template database "tk_tpl_no_such_template" does not exist')
    expect(error.message).toMatch(/TEST_KIT_STATE_DIR|TEST_DATABASE_URL/)
    expect(error.cause).toMatchObject({ code: '3D000' })
    // The clone prepared behind it failed too; no test takes it, so closing the pool reports it.
    await clones.close()
    expect(warnings).toEqual([expect.stringMatching(/^\[tenantkit\] Could not prepare database/)])
  })
})

describe('failed drops', () => {
  test('are reported once, naming the database, which the run’s cleanup drops later', async ({
    onTestFinished,
  }) => {
    const warnings: string[] = []
    const clones = pool(onTestFinished, { warn: (m) => warnings.push(m) })
    const clone = await clones.take()
    // PostgreSQL refuses to drop a template database: a real failure for the background drop.
    const admin = new pg.Client({ connectionString: inject('tenantkit').adminUrl })
    await admin.connect()
    onTestFinished(() => admin.end())
    await admin.query(`ALTER DATABASE ${quoteIdent(clone.name)} WITH IS_TEMPLATE true`)
    clones.discard(clone)
    await clones.close()
    expect(warnings).toEqual([
      expect.stringContaining(`could not drop database ${clone.name} (cannot drop a template database)`),
    ])
    expect(warnings[0]).toMatch(/this run's cleanup drops it when the run ends/)
    expect(await databaseExists(clone.name)).toBe(true)
    await dropDatabase(admin, clone.name) // what the run's cleanup does with each of its databases
    expect(await databaseExists(clone.name)).toBe(false)
  })
})

describe('DatabaseOutsideTestError (TK_DB_OUTSIDE_TEST)', () => {
  test('the savepoint adapter, with no test running, says where to use the client', async () => {
    const adapter = await createSavepointAdapterFactory(() => undefined).connect()
    const error = await caught(() => adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] }))
    expect(error).toBeInstanceOf(DatabaseOutsideTestError)
    expect(error.code).toBe('TK_DB_OUTSIDE_TEST')
    expect(error.message).toMatch(
      /used outside a test.*Use it inside the test or a beforeEach.*isolation: "database"/,
    )
  })

  test('through Prisma, after the test ended, the error keeps its code and message', async ({
    onTestFinished,
  }) => {
    const worker = new WorkerDatabases(inject('tenantkit'), createClient)
    onTestFinished(() => worker.close())
    const { db, end } = await worker.beginTest()
    await end()
    const error = await caught(() => db.user.count())
    // Prisma wraps what an adapter throws in its own PrismaClientKnownRequestError, code kept.
    expect(error.code).toBe('TK_DB_OUTSIDE_TEST')
    expect(error.message).toMatch(
      /used outside a test.*Use it inside the test or a beforeEach.*isolation: "database"/,
    )
  })

  test('a database-mode database asked for after the file closed its pool', async ({ onTestFinished }) => {
    const clones = pool(onTestFinished)
    await clones.close()
    const error = await caught(() => clones.take())
    expect(error).toBeInstanceOf(DatabaseOutsideTestError)
    expect(error.code).toBe('TK_DB_OUTSIDE_TEST')
    expect(error.message).toMatch(/after its file's databases were closed.*inside a test or a beforeEach/)
  })
})

/** A stand-in test database whose client is a label (the hook logic never touches it). */
const opened = (label: string): Promise<TestDatabase<never>> =>
  Promise.resolve({ db: label as never, target: { adapter: routedAdapter() }, close: async () => {} })

describe('UseDatabaseError (TK_USE_DATABASE_OUTSIDE_TEST)', () => {
  test('database.db read where no test runs says where to read it', async () => {
    const database = hookDatabase(opened)
    const error = await caught(() => database.db)
    expect(error).toBeInstanceOf(UseDatabaseError)
    expect(error.code).toBe('TK_USE_DATABASE_OUTSIDE_TEST')
    expect(error.message).toMatch(/only available inside a test or a beforeEach\/afterEach hook/)
  })
})

describe('ConcurrentTestsError (TK_CONCURRENT_TESTS)', () => {
  test('a second test entering the same useDatabase() while one runs is refused, the first kept', async () => {
    const database = hookDatabase(opened)
    await database.begin({ id: 'a', name: 'first' })
    const error = await caught(() => database.begin({ id: 'b', name: 'second' }))
    expect(error).toBeInstanceOf(ConcurrentTestsError)
    expect(error.code).toBe('TK_CONCURRENT_TESTS')
    expect(error.message).toMatch(
      /"second" started while another test .*Use the `db` fixture for concurrent tests/,
    )
    // The refused test's afterEach must not end the first test's database.
    await database.end({ id: 'b' }, true)
    expect(database.db).toBe('first')
    await database.end({ id: 'a' }, false)
    await expect(database.begin({ id: 'c', name: 'third' })).resolves.toBeUndefined()
    // Ended as its afterEach would: a test left registered would stand beside the worker's next ones.
    await database.end({ id: 'c' }, false)
  })
})

describe('AppRoleError (TK_APP_ROLE)', () => {
  const role = `tk_missing_role_${randomBytes(3).toString('hex')}`

  test('transaction mode: a role the server does not have names createKit({ role }) and the fix', async ({
    onTestFinished,
  }) => {
    const worker = new WorkerDatabases(inject('tenantkit'), { client: createClient, role })
    onTestFinished(() => worker.close())
    const error = await caught(() => worker.beginTest())
    expect(error).toBeInstanceOf(AppRoleError)
    expect(error.code).toBe('TK_APP_ROLE')
    expect(error.message).toContain(`runs as role "${role}" (createKit({ role }))`)
    expect(error.message).toMatch(/CREATE ROLE .* NOLOGIN, guarded by IF NOT EXISTS/)
    // The connection went back to the pool usable: a test without the role still begins.
    const plain = new WorkerDatabases(inject('tenantkit'), createClient)
    onTestFinished(() => plain.close())
    const { db, end } = await plain.beginTest()
    expect(await db.user.count()).toBe(0)
    await end()
  })

  test('a role name that is not a plain identifier is refused before any connection', () => {
    expect(() => roleStartupOption('app user; DROP')).toThrow(AppRoleError)
    expect(() => roleStartupOption('app user; DROP')).toThrow(/letters, digits and underscores/)
    expect(roleStartupOption('app_user')).toBe('-c role=app_user')
  })
})
