// Query budgets: the `queries` fixture counts the statements the code under test sends, per test
// and per call, without transaction control or the kit's own bookkeeping.
import { describe, it } from 'vitest'
import { createQueryCounter, QueryCountUnavailableError } from '../../src/index.ts'
import { describeMeasurements } from '../../src/isolation/query-counter.ts'
import { expect, test } from '../kit.ts'

let n = 0
const user = (label: string) => ({ email: `${label}-${++n}@example.com`, fullName: label, passwordHash: 'x' })

describe('queries', () => {
  test('counts the statements a call causes', async ({ db, queries }) => {
    expect(await queries(() => db.user.count())).toBe(1)
    expect(await queries(() => db.user.findMany({ where: { isActive: true } }))).toBe(1)
    expect(await queries(async () => undefined)).toBe(0)
  })

  test('does not count BEGIN, COMMIT, ROLLBACK or savepoints, in either kind of transaction', async ({
    db,
    queries,
  }) => {
    const interactive = await queries.measure(() =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: user('a') })
        await tx.$transaction((inner) => inner.user.count())
        return tx.user.count()
      }),
    )
    expect(interactive.count, interactive.sql.join('\n')).toBe(3)
    expect(interactive.sql.join('\n')).not.toMatch(/\b(BEGIN|COMMIT|ROLLBACK|SAVEPOINT)\b/)
    expect(interactive.result).toBe(1)
    const batch = await queries(() => db.$transaction([db.user.count(), db.organization.count()]))
    expect(batch).toBe(2)
    const failed = await queries(() =>
      db.$transaction(async () => Promise.reject(new Error('no'))).catch(() => 0),
    )
    expect(failed).toBe(0)
  })

  test('counts failed statements: production sent them too', async ({ db, queries }) => {
    const first = await db.user.create({ data: user('first') })
    expect(
      await queries(() =>
        db.user.create({ data: { ...user('dup'), email: first.email } }).catch(() => 'failed'),
      ),
    ).toBe(1)
  })

  test('shows an N+1 for what it is', async ({ db, factories, queries }) => {
    const organization = await factories.organization.create()
    await factories.contentItem.createList(5, { organization })
    const perItem = await queries(async () => {
      const items = await db.contentItem.findMany({ where: { organizationId: organization.id } })
      for (const item of items) await db.user.findUnique({ where: { id: item.authorId } })
    })
    const included = await queries(() =>
      db.contentItem.findMany({ where: { organizationId: organization.id }, include: { author: true } }),
    )
    expect(perItem).toBe(6)
    expect(included).toBe(2)
  })

  test('attributes statements to the call that caused them, even when calls overlap', async ({
    db,
    queries,
  }) => {
    const [one, three] = await Promise.all([
      queries(() => db.user.count()),
      queries(async () => {
        await db.user.count()
        await db.organization.count()
        await db.membership.count()
      }),
    ])
    expect([one, three]).toEqual([1, 3])
    const outer = await queries.measure(async () => {
      await db.user.count()
      return queries(() => db.organization.count())
    })
    expect([outer.count, outer.result]).toEqual([2, 1])
  })

  test('count and sql cover the whole test, fixtures included, in order', async ({
    db,
    factories,
    queries,
  }) => {
    await factories.organization.create()
    const before = queries.count
    await db.user.count()
    expect(queries.count).toBe(before + 1)
    expect(queries.sql.at(-1)).toMatch(/SELECT COUNT/i)
    expect(queries.sql.some((sql) => /INSERT INTO ("public"\.)?"organizations"/.test(sql))).toBe(true)
  })

  it('a failing test prints each measurement with its SQL', () => {
    const text = describeMeasurements([
      { count: 1, sql: ['SELECT 1'] },
      { count: 2, sql: ['SELECT 2', `SELECT '${'x'.repeat(500)}'`] },
    ])
    expect(text).toContain('#1: 1 statement\n    SELECT 1')
    expect(text).toContain('#2: 2 statements\n    SELECT 2')
    expect(text).toMatch(/x{100}…$/)
  })
})

describe('queries in database isolation', () => {
  test.override({ isolation: 'database' })

  test('refuses with QueryCountUnavailableError: the count needs the transaction-mode adapter', async ({
    db,
  }) => {
    const error = await createQueryCounter(db).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(QueryCountUnavailableError)
    expect(error).toMatchObject({ code: 'TK_QUERIES_NEED_TRANSACTION_MODE' })
    expect((error as Error).message).toMatch(/isolation: "transaction"/)
  })
})
