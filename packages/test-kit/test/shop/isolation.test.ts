// The shop schema is isolated per test in both modes: whatever one test creates (or commits), the
// next test of any order starts from the empty template.
import { describe } from 'vitest'
import { expect, test } from './kit.ts'

const modes = ['transaction', 'database'] as const

for (const isolation of modes) {
  describe(`${isolation} mode`, () => {
    test.override({ isolation })

    for (const n of [1, 2, 3]) {
      test(`test ${n} starts empty and leaves its rows behind in nothing`, async ({ db, factories }) => {
        expect(await db.customer.count()).toBe(0)
        expect(await db.orderLine.count()).toBe(0)
        await factories.orderLine.createList(5)
        // A commit of the code under test (an interactive transaction) is rolled back with the test too.
        await db.$transaction(async (tx) => {
          await tx.customer.create({ data: { email: `committed-${n}@example.com`, name: 'Committed' } })
        })
        expect(await db.customer.count()).toBe(6)
      })
    }
  })
}
