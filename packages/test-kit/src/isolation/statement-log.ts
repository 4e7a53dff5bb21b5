// What the code under test sent to the database, as the savepoint adapter saw it: every query,
// write and raw statement, but neither the kit's own bookkeeping (its savepoints, settings
// checks) nor transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT).
import { AsyncLocalStorage } from 'node:async_hooks'
import { ColumnTypeEnum, type SqlResultSet } from '@prisma/driver-adapter-utils'

/** A measurement in progress; nested ones each see the statements of the inner ones. */
type Scope = { sql: string[]; parent: Scope | undefined }
const scopes = new AsyncLocalStorage<Scope>()

/** Every statement of one test connection, in order. */
export class StatementLog {
  readonly sql: string[] = []

  record(sql: string): void {
    this.sql.push(sql)
    for (let scope = scopes.getStore(); scope; scope = scope.parent) scope.sql.push(sql)
  }
}

/**
 * Runs `fn` and returns the statements it caused: those issued from its async context (awaited
 * or not), whichever test connection they ran on; concurrent work elsewhere is not counted.
 */
export async function measureStatements<T>(fn: () => T | Promise<T>): Promise<{ sql: string[]; result: T }> {
  const scope: Scope = { sql: [], parent: scopes.getStore() }
  // Awaited inside run(): a Prisma query is lazy and starts in the context that awaits it.
  const result = await scopes.run(scope, async () => await fn())
  return { sql: scope.sql, result }
}

// Finding a client's statement log: the client runs a marker query inside `locating`, and the
// savepoint adapter answers it from memory with the log of the connection it runs on. Any other
// client (database mode, a plain PrismaClient) sends it to PostgreSQL and the box stays empty.
const LOCATE_SQL = 'SELECT 1 AS tenantkit_locate_statement_log'
const locating = new AsyncLocalStorage<{ log?: StatementLog }>()

/** The statement log of the connection `query` runs on, or undefined outside transaction mode. */
export async function locateStatementLog(
  query: (sql: string) => PromiseLike<unknown>,
): Promise<StatementLog | undefined> {
  const box: { log?: StatementLog } = {}
  await locating.run(box, async () => {
    await query(LOCATE_SQL)
  })
  return box.log
}

/** The adapter's side: answers a locating query (and returns its result), or returns undefined. */
export function answerLocate(sql: string, log: () => StatementLog): SqlResultSet | undefined {
  const box = sql === LOCATE_SQL ? locating.getStore() : undefined
  if (!box) return undefined
  box.log = log()
  return { columnNames: ['tenantkit_locate_statement_log'], columnTypes: [ColumnTypeEnum.Int32], rows: [[1]] }
}
