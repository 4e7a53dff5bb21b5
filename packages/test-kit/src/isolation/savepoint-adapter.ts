// Transaction-mode isolation at the driver-adapter level: every test runs inside one outer
// transaction on one connection, rolled back at the end. Transactions the code under test opens
// become savepoints, their COMMIT a RELEASE and their ROLLBACK a ROLLBACK TO, so commits made by
// the code under test (or by factories) are undone with the test. See docs/decisions/002.
import { PrismaPg } from '@prisma/adapter-pg'
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { DatabaseOutsideTestError } from '../errors.ts'
import type { Mutex } from './mutex.ts'

/** The test's connection, inside its outer transaction. */
export type TestConnection = {
  client: pg.ClientBase
  /** Serializes the code under test's transactions; plain queries wait for an open one. */
  lock: Mutex
  /** Savepoint counter, so nested names never clash. */
  depth: number
}

type Current = () => TestConnection

const NO_TEST =
  'The test database client was used outside a test (in a top-level statement, beforeAll or after the test ended). Use it inside the test or a beforeEach, or use `isolation: "database"` for suite-level data.'

/**
 * A `pg.Pool` whose queries go to the current test's connection. adapter-pg needs a real Pool
 * instance; using it means values are converted exactly as in production.
 */
class CurrentConnectionPool extends pg.Pool {
  readonly #current: Current
  constructor(current: Current) {
    super({ max: 1 })
    this.#current = current
  }
  override query(...args: unknown[]): never {
    const client = this.#current().client as unknown as { query: (...a: unknown[]) => never }
    return client.query(...args)
  }
}

/** Builds the adapter factory handed to `new PrismaClient({ adapter })`. */
export function createSavepointAdapterFactory(
  current: () => TestConnection | undefined,
): SqlDriverAdapterFactory {
  const connection = () => {
    const conn = current()
    if (!conn) throw new DatabaseOutsideTestError(NO_TEST)
    return conn
  }
  const inner = new PrismaPg(new CurrentConnectionPool(connection))
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: async () => new SavepointAdapter(await inner.connect(), connection),
  }
}

class SavepointAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres'
  readonly adapterName: string
  readonly #inner: SqlDriverAdapter
  readonly #connection: Current

  constructor(inner: SqlDriverAdapter, connection: Current) {
    this.#inner = inner
    this.#connection = connection
    this.adapterName = inner.adapterName
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#statement(() => this.#inner.queryRaw(query))
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#statement(() => this.#inner.executeRaw(query))
  }

  executeScript(script: string): Promise<void> {
    return this.#statement(() => this.#inner.executeScript(script))
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: true }
  }

  async startTransaction(_isolationLevel?: IsolationLevel): Promise<Transaction> {
    // Isolation levels cannot change inside the outer transaction; tests that need them use
    // `database` isolation.
    const conn = this.#connection()
    const release = await conn.lock.acquire()
    const name = `tk_tx_${++conn.depth}`
    try {
      await conn.client.query(`SAVEPOINT ${name}`)
    } catch (error) {
      release()
      throw error
    }
    return new SavepointTransaction(this.#inner, conn.client, name, release)
  }

  /** Owned by the fixture: disconnecting the PrismaClient must not end the test's connection. */
  async dispose(): Promise<void> {}

  /**
   * A statement outside any transaction: in production it runs in autocommit and a failure leaves
   * the connection usable. Here it runs under its own savepoint for the same reason: a unique
   * violation must not abort the test's outer transaction.
   */
  async #statement<T>(run: () => Promise<T>): Promise<T> {
    const conn = this.#connection()
    return conn.lock.run(async () => {
      await conn.client.query('SAVEPOINT tk_stmt')
      try {
        const result = await run()
        await conn.client.query('RELEASE SAVEPOINT tk_stmt')
        return result
      } catch (error) {
        await conn.client
          .query('ROLLBACK TO SAVEPOINT tk_stmt; RELEASE SAVEPOINT tk_stmt')
          .catch(() => undefined)
        throw error
      }
    })
  }
}

const COMMIT = /^\s*(COMMIT|END)\s*;?\s*$/i
const ROLLBACK = /^\s*(ROLLBACK|ABORT)\s*;?\s*$/i
const BEGIN = /^\s*(BEGIN|START TRANSACTION)\b/i

/**
 * The code under test's transaction, as a savepoint. Prisma's engine sends COMMIT / ROLLBACK as
 * SQL and then calls commit() / rollback() to release the connection; both forms end here.
 */
class SavepointTransaction implements Transaction {
  readonly provider = 'postgres'
  readonly adapterName: string
  readonly options = { usePhantomQuery: false }
  readonly #inner: SqlDriverAdapter
  readonly #client: pg.ClientBase
  readonly #name: string
  readonly #release: () => void
  #ended = false

  constructor(inner: SqlDriverAdapter, client: pg.ClientBase, name: string, release: () => void) {
    this.#inner = inner
    this.#client = client
    this.#name = name
    this.#release = release
    this.adapterName = inner.adapterName
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#inner.queryRaw(query)
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    if (COMMIT.test(query.sql)) return this.#end('commit').then(() => 0)
    if (ROLLBACK.test(query.sql)) return this.#end('rollback').then(() => 0)
    if (BEGIN.test(query.sql)) return 0
    return this.#inner.executeRaw(query)
  }

  commit(): Promise<void> {
    return this.#end('commit')
  }

  rollback(): Promise<void> {
    return this.#end('rollback')
  }

  async createSavepoint(name: string): Promise<void> {
    await this.#client.query(`SAVEPOINT ${name}`)
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.#client.query(`ROLLBACK TO SAVEPOINT ${name}`)
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.#client.query(`RELEASE SAVEPOINT ${name}`)
  }

  async #end(how: 'commit' | 'rollback'): Promise<void> {
    if (this.#ended) return
    this.#ended = true
    try {
      if (how === 'commit') await this.#client.query(`RELEASE SAVEPOINT ${this.#name}`)
      else await this.#client.query(`ROLLBACK TO SAVEPOINT ${this.#name}; RELEASE SAVEPOINT ${this.#name}`)
    } finally {
      this.#release()
    }
  }
}
