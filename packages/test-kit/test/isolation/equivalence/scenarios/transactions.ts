// Interactive, nested and batch transactions: what commits, what rolls back, what the caller sees.
import { emails, outcome, scenario, sleep, userData } from '../scenario.ts'

export const transactionScenarios = [
  scenario('an interactive transaction commits its rows and returns its value', async ({ db }) => {
    const result = await db.$transaction(async (tx) => {
      await tx.user.create({ data: userData('a') })
      await tx.user.create({ data: userData('b') })
      return tx.user.count()
    })
    return { result, committed: await emails(db) }
  }),

  scenario('an interactive transaction that throws rolls back and rejects with the error', async ({ db }) => {
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('a') })
        throw new TypeError('application failure')
      }),
    )
    return { result, committed: await emails(db) }
  }),

  scenario('a nested transaction that commits is undone when the outer one throws', async ({ db }) => {
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('outer') })
        await tx.$transaction(async (inner) => {
          await inner.user.create({ data: userData('inner') })
        })
        throw new Error('outer failure')
      }),
    )
    return { result, committed: await emails(db) }
  }),

  scenario('a nested transaction that throws, caught, rolls back only itself', async ({ db }) => {
    const result = await db.$transaction(async (tx) => {
      await tx.user.create({ data: userData('outer') })
      const inner = await outcome(() =>
        tx.$transaction(async (nested) => {
          await nested.user.create({ data: userData('inner') })
          throw new Error('inner failure')
        }),
      )
      return { inner, seenInside: await tx.user.count() }
    })
    return { result, committed: await emails(db) }
  }),

  scenario(
    'a nested transaction with a unique violation, caught, lets the outer one commit',
    async ({ db }) => {
      const first = await db.user.create({ data: userData('first') })
      const result = await db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('outer') })
        const inner = await outcome(() =>
          tx.$transaction(async (nested) => {
            await nested.user.create({ data: { ...userData('dup'), email: first.email } })
          }),
        )
        await tx.user.create({ data: userData('after') })
        return inner
      })
      return { result, committed: await emails(db) }
    },
  ),

  scenario('a batch transaction with a failing operation rolls back every operation', async ({ db }) => {
    const first = await db.user.create({ data: userData('first') })
    const result = await outcome(() =>
      db.$transaction([
        db.user.create({ data: userData('batch-a') }),
        db.user.create({ data: { ...userData('batch-dup'), email: first.email } }),
        db.user.create({ data: userData('batch-c') }),
      ]),
    )
    return { result, committed: await emails(db), afterwards: await outcome(() => db.user.count()) }
  }),

  scenario('a batch transaction commits every operation', async ({ db }) => {
    const [, , count] = await db.$transaction([
      db.user.create({ data: userData('a') }),
      db.user.create({ data: userData('b') }),
      db.user.count(),
    ])
    return { count, committed: await emails(db) }
  }),

  scenario(
    'a caught unique violation aborts the transaction: later statements fail, COMMIT rolls back',
    async ({ db }) => {
      const first = await db.user.create({ data: userData('first') })
      const result = await outcome(() =>
        db.$transaction(async (tx) => {
          await tx.user.create({ data: userData('before') })
          const duplicate = await outcome(() =>
            tx.user.create({ data: { ...userData('dup'), email: first.email } }),
          )
          const later = await outcome(() => tx.user.create({ data: userData('later') }))
          return { duplicate, later }
        }),
      )
      return { result, committed: await emails(db), afterwards: await outcome(() => db.user.count()) }
    },
  ),

  scenario('a caught error then an uncaught one inside a transaction rejects it', async ({ db }) => {
    const first = await db.user.create({ data: userData('first') })
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        await outcome(() => tx.user.create({ data: { ...userData('dup'), email: first.email } }))
        await tx.user.create({ data: userData('later') })
      }),
    )
    return { result, committed: await emails(db), afterwards: await outcome(() => db.user.count()) }
  }),

  scenario(
    'a caught raw error inside a transaction: COMMIT rolls back and the connection stays usable',
    async ({ db }) => {
      const result = await db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('before') })
        const raw = await outcome(() => tx.$executeRawUnsafe('SELECT * FROM no_such_table'))
        return { raw }
      })
      return {
        result,
        committed: await emails(db),
        afterwards: await outcome(() => db.$queryRaw`SELECT 1 AS one`),
      }
    },
  ),

  scenario('a transaction that outlives its timeout rejects with P2028 and rolls back', async ({ db }) => {
    // The callback sleeps past the timeout: Prisma's timer was set first and expires first, so it
    // fires before the callback goes on however slow the machine is. Prisma rejects only once the
    // callback has ended (its late write refused), so nothing is read before the rollback.
    const result = await outcome(() =>
      db.$transaction(
        async (tx) => {
          await tx.user.create({ data: userData('slow') })
          await sleep(300)
          await tx.user.create({ data: userData('too-late') })
        },
        { timeout: 100 },
      ),
    )
    return { result, committed: await emails(db), afterwards: await outcome(() => db.user.count()) }
  }),

  scenario('a transaction that does nothing commits', async ({ db }) => {
    const result = await db.$transaction(async () => 'nothing')
    return { result, afterwards: await db.user.count() }
  }),
]
