// Transaction-mode isolation at the driver-adapter level: every test runs inside one outer
// transaction on one connection, rolled back at the end. Transactions the code under test opens
// become savepoints, their COMMIT a RELEASE and their ROLLBACK a ROLLBACK TO, so commits made by
// the code under test (or by factories) are undone with the test. See docs/decisions/002.
import { createHash } from 'node:crypto'
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
import { OuterClientInTransactionError } from './errors.ts'
import { SettingsTracker, type SettingUses, schemaSettingUses } from './local-settings.ts'
import type { Mutex } from './mutex.ts'
import { isPureRead } from './pure-read.ts'
import { answerLocate, StatementLog } from './statement-log.ts'
import { transactionCallbacksAwaiting } from './transaction-callbacks.ts'

/** The test's connection, inside its outer transaction. */
export type TestConnection = {
  client: pg.ClientBase
  /** Serializes the code under test's transactions; plain queries wait for an open one. */
  lock: Mutex
  /** Savepoint counter, so nested names never clash. */
  depth: number
  /**
   * `tk_stmt`, the savepoint a statement outside a transaction runs under: `fresh` when it is open and
   * marks the current state (the next statement runs under it as is); `stale` when it is open but
   * marks the state before the last write (released and opened again, in one round trip, before the
   * next statement, or released as the next transaction opens its own); undefined when none is open.
   */
  statementSavepoint?: 'fresh' | 'stale'
}

/** What the adapter keeps per test connection. */
type ConnectionState = { conn: TestConnection; settings: SettingsTracker; log: StatementLog }
type CurrentState = () => ConnectionState

const NO_TEST =
  'The test database client was used outside a test (in a top-level statement, beforeAll or after the test ended). Use it inside the test or a beforeEach, or use `isolation: "database"` for suite-level data.'

/**
 * A `pg.Pool` whose queries go to the current test's connection. adapter-pg needs a real Pool
 * instance; using it means values are converted exactly as in production.
 */
class CurrentConnectionPool extends pg.Pool {
  readonly #current: () => TestConnection
  constructor(current: () => TestConnection) {
    super({ max: 1 })
    this.#current = current
  }
  override query(...args: unknown[]): never {
    const client = this.#current().client as unknown as { query: (...a: unknown[]) => never }
    return client.query(...args)
  }
}

/**
 * What the adapter keeps per test connection, shared by every adapter on it (the file's client, the
 * test's own, the app's module-level client): one settings tracker and one statement log per
 * connection, whichever client sends the statement.
 */
const connectionStates = new WeakMap<TestConnection, ConnectionState>()

/**
 * A statement's name: its text's hash, so the same SQL is parsed once per connection. Only queries
 * whose result columns are listed by name (Prisma's are): a `*` would let a table changed within the
 * test change a named statement's result type, which PostgreSQL refuses where production, with
 * unnamed statements, would not.
 */
function statementNameGenerator(query: SqlQuery): string {
  const { sql } = query
  if (!/^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql) || sql.replace(/\(\*\)/g, '').includes('*')) {
    return '' // pg sends an empty name as an unnamed statement
  }
  return `tk_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`
}

/** Builds the adapter factory handed to `new PrismaClient({ adapter })`. */
export function createSavepointAdapterFactory(
  current: () => TestConnection | undefined,
): SqlDriverAdapterFactory {
  const states = connectionStates
  // The schema is the template's for every test of the file: read the settings it names once.
  let schemaUses: Promise<SettingUses> | undefined
  const state = (): ConnectionState => {
    const conn = current()
    if (!conn) throw new DatabaseOutsideTestError(NO_TEST)
    let known = states.get(conn)
    if (!known) {
      const schema = () => {
        schemaUses ??= schemaSettingUses(conn.client).catch((error: unknown) => {
          schemaUses = undefined
          throw error
        })
        return schemaUses
      }
      known = { conn, settings: new SettingsTracker(conn.client, schema), log: new StatementLog() }
      states.set(conn, known)
    }
    return known
  }
  // Named statements (adapter-pg's own option): the worker's connection keeps each statement parsed
  // from test to test, so a repeated query skips PostgreSQL's parse and plan.
  const inner = new PrismaPg(new CurrentConnectionPool(() => state().conn), { statementNameGenerator })
  return {
    provider: 'postgres',
    adapterName: inner.adapterName,
    connect: async () => new SavepointAdapter(await inner.connect(), state),
  }
}

class SavepointAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres'
  readonly adapterName: string
  readonly #inner: SqlDriverAdapter
  readonly #state: CurrentState

  constructor(inner: SqlDriverAdapter, state: CurrentState) {
    this.#inner = inner
    this.#state = state
    this.adapterName = inner.adapterName
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const located = answerLocate(query.sql, () => this.#state().log)
    if (located) return Promise.resolve(located)
    return this.#statement(query, () => this.#inner.queryRaw(query))
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#statement(query, () => this.#inner.executeRaw(query))
  }

  executeScript(script: string): Promise<void> {
    return this.#statement({ sql: script, args: [], argTypes: [] }, () => this.#inner.executeScript(script))
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: true }
  }

  /**
   * Returns at once and queues for the connection: the transaction opens its savepoint when its
   * first statement gets the lock, so waiting behind another transaction does not use up
   * `maxWait` (it counts against `timeout`, as a wait for a row lock does in production).
   */
  async startTransaction(_isolationLevel?: IsolationLevel): Promise<Transaction> {
    // Isolation levels cannot change inside the outer transaction; tests that need them use
    // `database` isolation.
    const state = this.#state()
    // The new transaction's own `$transaction` awaits this call: one more means an open one does.
    if (state.conn.lock.busy && transactionCallbacksAwaiting() > 1) {
      throw new OuterClientInTransactionError('$transaction')
    }
    const turn = state.conn.lock.acquire()
    return new SavepointTransaction(this.#inner, state, `tk_tx_${++state.conn.depth}`, turn)
  }

  /** Owned by the fixture: disconnecting the PrismaClient must not end the test's connection. */
  async dispose(): Promise<void> {}

  /**
   * A statement outside any transaction: in production it runs in autocommit and a failure leaves
   * the connection usable. Here it runs under its own savepoint for the same reason: a unique
   * violation must not abort the test's outer transaction.
   */
  async #statement<T>(query: SqlQuery, run: () => Promise<T>): Promise<T> {
    const { conn, settings, log } = this.#state()
    if (conn.lock.busy && transactionCallbacksAwaiting() > 0) throw new OuterClientInTransactionError('query')
    return conn.lock.run(async () => {
      await settings.ready()
      const unit: SettingUses = new Map()
      await settings.note(query.sql, query.args, unit)
      if (conn.statementSavepoint !== 'fresh') {
        const release = conn.statementSavepoint === 'stale' ? `RELEASE SAVEPOINT ${STATEMENT}; ` : ''
        conn.statementSavepoint = undefined
        await conn.client.query(`${release}SAVEPOINT ${STATEMENT}`)
        conn.statementSavepoint = 'fresh'
      }
      log.record(query.sql)
      let result: T
      try {
        result = await run()
      } catch (error) {
        // The savepoint stays, undone and open for the next statement.
        await conn.client.query(`ROLLBACK TO SAVEPOINT ${STATEMENT}`).catch(() => {
          conn.statementSavepoint = undefined
        })
        throw error
      }
      if (unit.size === 0 && settings.idle()) {
        // No setting to put back: the savepoint is renewed only when the next statement or
        // transaction needs it, and not at all after a read, which changed nothing it marks.
        if (!isPureRead(query.sql)) conn.statementSavepoint = 'stale'
        return result
      }
      // Autocommit ends the statement's transaction: its SET LOCAL / set_config(…, true) end too.
      // The next statement's savepoint opens in the same round trip (none is open if it throws).
      conn.statementSavepoint = undefined
      conn.statementSavepoint = (await settings.release(STATEMENT, unit, { reopen: true }))
        ? 'fresh'
        : undefined
      return result
    })
  }
}

/** The savepoint a statement outside any transaction runs under (autocommit's stand-in). */
export const STATEMENT = 'tk_stmt'
const COMMIT = /^\s*(COMMIT|END)\s*;?\s*$/i
const ROLLBACK = /^\s*(ROLLBACK|ABORT)\s*;?\s*$/i
const BEGIN = /^\s*(BEGIN|START TRANSACTION)\b/i
/** SQLSTATE in_failed_sql_transaction: an earlier statement failed, the rest are refused. */
const ABORTED = '25P02'

/**
 * A statement of a transaction that ended (its timeout expired while it queued behind another):
 * carries Prisma's code for a closed transaction, which Prisma reports as P2028.
 */
class TransactionClosedError extends Error {
  override name = 'TransactionClosedError'
  readonly code = 'P2028'
  constructor() {
    super(
      'Transaction already closed: it ended (timed out, or committed or rolled back) before this statement ran. In transaction isolation its wait for the test connection, behind the transactions started before it, counts against its `timeout`.',
    )
  }
}

/**
 * The code under test's transaction, as a savepoint. Prisma's engine sends COMMIT / ROLLBACK as
 * SQL and then calls commit() / rollback() to release the connection; both forms end here.
 */
class SavepointTransaction implements Transaction {
  readonly provider = 'postgres'
  readonly adapterName: string
  readonly options = { usePhantomQuery: false }
  readonly #inner: SqlDriverAdapter
  readonly #state: ConnectionState
  readonly #name: string
  readonly #turn: Promise<() => void>
  /** How this transaction's statements used settings (see local-settings.ts). */
  readonly #uses: SettingUses = new Map()
  /** Resolves with the lock's release once the savepoint exists. */
  #opened: Promise<() => void> | undefined
  #ended = false

  constructor(inner: SqlDriverAdapter, state: ConnectionState, name: string, turn: Promise<() => void>) {
    this.#inner = inner
    this.#state = state
    this.#name = name
    this.#turn = turn
    this.adapterName = inner.adapterName
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#run(query, () => this.#inner.queryRaw(query))
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    if (COMMIT.test(query.sql)) return this.#end('commit').then(() => 0)
    if (ROLLBACK.test(query.sql)) return this.#end('rollback').then(() => 0)
    if (BEGIN.test(query.sql)) return 0
    return this.#run(query, () => this.#inner.executeRaw(query))
  }

  commit(): Promise<void> {
    return this.#end('commit')
  }

  rollback(): Promise<void> {
    return this.#end('rollback')
  }

  async createSavepoint(name: string): Promise<void> {
    await this.#open()
    await this.#client.query(`SAVEPOINT ${name}`)
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.#open()
    await this.#client.query(`ROLLBACK TO SAVEPOINT ${name}`)
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.#open()
    await this.#client.query(`RELEASE SAVEPOINT ${name}`)
  }

  get #client(): pg.ClientBase {
    return this.#state.conn.client
  }

  /** Waits for this transaction's turn on the connection and opens its savepoint, once. */
  #open(): Promise<() => void> {
    this.#opened ??= (async () => {
      const release = await this.#turn
      try {
        if (this.#ended) throw new TransactionClosedError()
        await this.#state.settings.ready()
        // Not inside the next statement's savepoint: undoing a failed statement after this
        // transaction would undo the transaction too.
        const { conn } = this.#state
        const open = conn.statementSavepoint ? `RELEASE SAVEPOINT ${STATEMENT}; ` : ''
        conn.statementSavepoint = undefined
        await this.#client.query(`${open}SAVEPOINT ${this.#name}`)
      } catch (error) {
        this.#ended = true
        release()
        throw error
      }
      return release
    })()
    return this.#opened
  }

  async #run<T>(query: SqlQuery, run: () => Promise<T>): Promise<T> {
    await this.#open()
    await this.#state.settings.note(query.sql, query.args, this.#uses)
    // Prisma refuses statements of a closed transaction; this guards the race with its timeout.
    if (this.#ended) throw new TransactionClosedError()
    this.#state.log.record(query.sql)
    return run()
  }

  async #end(how: 'commit' | 'rollback'): Promise<void> {
    if (this.#ended) return
    this.#ended = true
    if (!this.#opened) {
      // No statement ever ran: nothing to undo; give the turn back when it comes.
      void this.#turn.then((release) => release())
      return
    }
    let release: () => void
    try {
      release = await this.#opened
    } catch {
      return // opening failed, and released the lock
    }
    try {
      if (how === 'commit') await this.#commit()
      else await this.#rollback()
    } finally {
      release()
    }
  }

  /**
   * PostgreSQL answers COMMIT of a transaction in which a statement failed (the code caught the
   * error and went on) with a ROLLBACK, and the connection stays usable. RELEASE SAVEPOINT fails
   * instead (25P02), so that case rolls back here and resolves, as production does. The next
   * statement outside a transaction needs its savepoint: it opens in the round trip that ends this
   * transaction, as a statement's RELEASE opens the next one's.
   */
  async #commit(): Promise<void> {
    const { conn } = this.#state
    try {
      const reopened = await this.#state.settings.release(this.#name, this.#uses, { reopen: STATEMENT })
      conn.statementSavepoint = reopened ? 'fresh' : undefined
    } catch (error) {
      await this.#rollback()
      if ((error as { code?: string }).code !== ABORTED) throw error
    }
  }

  async #rollback(): Promise<void> {
    const { conn } = this.#state
    conn.statementSavepoint = undefined
    await this.#client.query(
      `ROLLBACK TO SAVEPOINT ${this.#name}; RELEASE SAVEPOINT ${this.#name}; SAVEPOINT ${STATEMENT}`,
    )
    conn.statementSavepoint = 'fresh'
  }
}
