// Awaiting the outer client inside its own $transaction callback deadlocks on the test's one
// connection; the adapter sees it coming and fails at once with a typed error that names the fix.
import { describe } from 'vitest'
import { OuterClientInTransactionError } from '../../src/index.ts'
import { expect, test } from '../kit.ts'

let n = 0
const user = (label: string) => ({ email: `${label}-${++n}@example.com`, fullName: label, passwordHash: 'x' })
// Long enough that a test waiting for it would hit Vitest's own timeout first.
const LONG = { timeout: 60_000, maxWait: 60_000 }

describe('the outer client inside its own $transaction', () => {
  test('an awaited query fails at once with TK_OUTER_CLIENT_IN_TRANSACTION and the transaction rolls back', async ({
    db,
  }) => {
    const error = await db
      .$transaction(async (tx) => {
        await tx.user.create({ data: user('inside') })
        await db.user.count()
      }, LONG)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TK_OUTER_CLIENT_IN_TRANSACTION' })
    expect(String((error as Error).message)).toMatch(/use the callback's client.*isolation: "database"/is)
    expect(await db.user.count()).toBe(0)
  })

  test('an awaited $transaction fails at once with OuterClientInTransactionError', async ({ db }) => {
    const error = await db
      .$transaction(async (tx) => {
        await tx.user.create({ data: user('inside') })
        await db.$transaction((other) => other.user.count(), LONG)
      }, LONG)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OuterClientInTransactionError)
    expect(error).toMatchObject({ code: 'TK_OUTER_CLIENT_IN_TRANSACTION' })
  })

  test('an awaited batch $transaction is not recognised: the transaction times out (P2028), as documented', async ({
    db,
  }) => {
    // Prisma dispatches batches from a later tick, so the async stack no longer shows the callback.
    const error = await db
      .$transaction(
        async (tx) => {
          await tx.user.create({ data: user('inside') })
          await db.$transaction([db.user.create({ data: user('a') }), db.user.create({ data: user('b') })])
        },
        { timeout: 300 },
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'P2028' })
    expect(await db.user.count()).toBe(2)
  })

  test('a query awaited through Promise.all, from a nested transaction, fails at once', async ({ db }) => {
    const error = await db
      .$transaction(
        (tx) =>
          tx.$transaction(async (inner) => {
            await Promise.all([inner.user.create({ data: user('inner') }), db.user.count()])
          }),
        LONG,
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'TK_OUTER_CLIENT_IN_TRANSACTION' })
  })

  test('a query started inside the callback but awaited after it waits for the transaction, as documented', async ({
    db,
  }) => {
    let later: Promise<number> | undefined
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('inside') })
      later = db.user.count().then((count) => count)
    })
    expect(await later).toBe(1)
  })

  test('the test goes on after the error', async ({ db }) => {
    await db
      .$transaction(async () => {
        await db.user.count()
      }, LONG)
      .catch(() => undefined)
    await db.user.create({ data: user('after') })
    expect(await db.$transaction((tx) => tx.user.count())).toBe(1)
  })
})
