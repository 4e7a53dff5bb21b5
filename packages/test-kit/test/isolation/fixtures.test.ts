// The kit's `test`: lazy fixtures, and factories bound to the test's isolated client.
import { expect, test } from '../kit.ts'

test('a test that uses no fixture touches no database', ({ task }) => {
  expect(task.name).toContain('no fixture')
})

test('factories write through the test’s own client', async ({ db, factories }) => {
  const membership = await factories.membership.create()
  expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
    role: 'OWNER',
  })
  expect(await db.user.count()).toBe(1)
})

test('and their rows are gone in the next test', async ({ db }) => {
  expect(await db.membership.count()).toBe(0)
  expect(await db.user.count()).toBe(0)
})
