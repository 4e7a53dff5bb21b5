// Time inside and between transactions.
import type { PrismaClient } from '@tenantkit/db'
import { scenario, sleep, userData } from '../scenario.ts'

const stamp = async (db: Pick<PrismaClient, '$queryRawUnsafe'>, fn: string) => {
  const [row] = await db.$queryRawUnsafe<{ t: Date }[]>(`SELECT ${fn} AS t`)
  return row?.t.getTime() ?? Number.NaN
}

export const timeScenarios = [
  scenario(
    'now() advances between transactions',
    async ({ db }) => {
      const first = await stamp(db, 'now()')
      await sleep(20)
      const second = await db.$transaction((tx) => stamp(tx, 'now()'))
      const third = await stamp(db, 'CURRENT_TIMESTAMP')
      return { advances: second > first, advancesAgain: third > second }
    },
    { id: 'now', inTransactionMode: () => ({ advances: false, advancesAgain: false }) },
  ),

  scenario('now() stands still inside one transaction, statement_timestamp() does not', async ({ db }) => {
    return db.$transaction(async (tx) => {
      const now1 = await stamp(tx, 'now()')
      const statement1 = await stamp(tx, 'statement_timestamp()')
      await sleep(20)
      const now2 = await stamp(tx, 'now()')
      const statement2 = await stamp(tx, 'statement_timestamp()')
      return { nowStill: now1 === now2, statementAdvances: statement2 > statement1 }
    })
  }),

  scenario('statement_timestamp() and clock_timestamp() advance between statements', async ({ db }) => {
    const statement1 = await stamp(db, 'statement_timestamp()')
    const clock1 = await stamp(db, 'clock_timestamp()')
    await sleep(20)
    return {
      statement: (await stamp(db, 'statement_timestamp()')) > statement1,
      clock: (await stamp(db, 'clock_timestamp()')) > clock1,
    }
  }),

  scenario("Prisma's @default(now()) and @updatedAt advance between writes", async ({ db }) => {
    const first = await db.user.create({ data: userData('first') })
    await sleep(20)
    const second = await db.user.create({ data: userData('second') })
    return {
      createdAdvances: second.createdAt > first.createdAt,
      updatedAdvances: second.updatedAt > first.updatedAt,
    }
  }),
]
