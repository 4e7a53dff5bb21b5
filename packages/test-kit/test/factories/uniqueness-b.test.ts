// One of three files that Vitest runs in parallel workers: the e-mails, slugs and ids their
// factories make must never repeat, across workers, files and tests (checked in a shared table).
import { expect, test } from '../../src/index.ts'
import { recordUnique } from './support/shared-values.ts'

for (let i = 0; i < 3; i++) {
  test(`file b makes values no other worker makes (${i})`, async ({ factories }) => {
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
