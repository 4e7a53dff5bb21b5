// The body shared by uniqueness-{a,b,c}.test.ts: each file, in its own worker, records the
// e-mails, slugs and ids its factories make in a shared table that rejects repeats.
import { expect, test } from '../../kit.ts'
import { recordUnique } from './shared-values.ts'

export function defineUniqueValuesTests(file: string): void {
  for (let i = 0; i < 3; i++) {
    test(`file ${file} makes values no other worker makes (${i})`, async ({ factories, task }) => {
      const users = factories.user.buildList(200)
      const organizations = factories.organization.buildList(50)
      const origin = `${process.env.VITEST_WORKER_ID}:${factories.namespace}`
      // A repeat (--repeat) of a test draws the same ids on purpose (its seed comes from its name):
      // each round is compared with the same round of the other files.
      const round = `@${task.result?.repeatCount ?? 0}`
      await recordUnique(
        `email${round}`,
        users.map((u) => u.email),
        origin,
      )
      await recordUnique(
        `slug${round}`,
        organizations.map((o) => o.slug),
        origin,
      )
      await recordUnique(
        `id${round}`,
        [...users, ...organizations].map((row) => row.id),
        origin,
      )
      expect(new Set(users.map((u) => u.email)).size).toBe(200)
    })
  }
}
