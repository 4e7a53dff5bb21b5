// Query budgets (Django's assertNumQueries, Rails' assert_queries_count) for a Prisma client in
// transaction isolation: how many statements a test, or one call inside it, sent.
import type { TestContext } from 'vitest'
import { QueryCountUnavailableError } from './errors.ts'
import type { KitClient } from './kit-client.ts'
import { locateStatementLog, measureStatements } from './statement-log.ts'

export type QueryMeasurement<T> = {
  /** Statements `fn` caused (transaction control and the kit's bookkeeping not counted). */
  count: number
  /** Their SQL, in order. */
  sql: string[]
  /** What `fn` returned. */
  result: T
}

export type QueryCounter = {
  /** The number of statements `fn` caused. */
  <T>(fn: () => T | Promise<T>): Promise<number>
  /** Statements the test sent so far, fixtures included. */
  readonly count: number
  /** Their SQL, in order. */
  readonly sql: readonly string[]
  /** Like calling the counter, with the SQL and `fn`'s result. */
  measure<T>(fn: () => T | Promise<T>): Promise<QueryMeasurement<T>>
}

const SHOWN_SQL = 400

/** What a failing test prints: each measurement's count and SQL (long statements cut). */
export function describeMeasurements(measured: readonly { count: number; sql: readonly string[] }[]): string {
  const lines = measured.flatMap(({ count, sql }, i) => [
    `  #${i + 1}: ${count} statement${count === 1 ? '' : 's'}`,
    ...sql.map((s) => `    ${s.length > SHOWN_SQL ? `${s.slice(0, SHOWN_SQL)}…` : s}`),
  ])
  return `[tenantkit] queries measured in this test:\n${lines.join('\n')}`
}

/**
 * Counts the statements sent through `db` (what the `queries` fixture returns). Counted: every
 * query, write and raw statement the code sends; not counted: BEGIN / COMMIT / ROLLBACK /
 * SAVEPOINT and the kit's own bookkeeping. A failing test prints the SQL of each measurement.
 * Transaction isolation only: in database mode it throws QueryCountUnavailableError.
 * @example
 * test('lists content in one query, however long the list', async ({ api, org, queries }) => {
 *   expect(await queries(() => api.get('/orgs/:orgId/content', { params: { orgId: org.id } }))).toBeLessThanOrEqual(4)
 * })
 */
export async function createQueryCounter(
  db: KitClient,
  context?: Pick<TestContext, 'onTestFailed'>,
): Promise<QueryCounter> {
  const log = await locateStatementLog((sql) => db.$queryRawUnsafe(sql))
  if (!log) throw new QueryCountUnavailableError()
  const measured: { count: number; sql: string[] }[] = []
  const measure = async <T>(fn: () => T | Promise<T>): Promise<QueryMeasurement<T>> => {
    const { sql, result } = await measureStatements(fn)
    measured.push({ count: sql.length, sql })
    return { count: sql.length, sql, result }
  }
  context?.onTestFailed(() => {
    if (measured.length > 0) console.info(describeMeasurements(measured))
  })
  const counter = async <T>(fn: () => T | Promise<T>) => (await measure(fn)).count
  return Object.defineProperties(counter, {
    count: { get: () => log.sql.length, enumerable: true },
    sql: { get: () => [...log.sql], enumerable: true },
    measure: { value: measure, enumerable: true },
  }) as QueryCounter
}
