// The body shared by uniqueness-{a,b,c}.test.ts: each file, in its own worker, records the
// e-mails, slugs and ids its factories make in a shared table that rejects repeats.
import { expect, test } from '../../kit.ts'
import { recordUnique } from './shared-values.ts'

export function defineUniqueValuesTests(file: string): void {
  for (let i = 0; i < 3; i++) {
    test(`file ${file} makes values no other worker makes (${i})`, async ({ factories }) => {
      const users = factories.user.buildList(200)
      const organizations = factories.organization.buildList(50)
      const origin = `${process.env.VITEST_WORKER_ID}:${factories.namespace}`
      await recordUnique(
        'email',
        users.map((u) => u.email),
        origin,
      )
      await recordUnique(
        'slug',
        organizations.map((o) => o.slug),
        origin,
      )
      await recordUnique(
        'id',
        [...users, ...organizations].map((row) => row.id),
        origin,
      )
      expect(new Set(users.map((u) => u.email)).size).toBe(200)
    })
  }
}
