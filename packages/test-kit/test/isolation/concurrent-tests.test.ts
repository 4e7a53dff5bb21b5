// test.concurrent (or --sequence.concurrent) in transaction mode: tests of one file that run at the
// same time each get their own connection and client, and see only their own rows.
import { describe } from 'vitest'
import { expect, test } from '../kit.ts'

const COUNT = 3
let arrived = 0
let allArrived: () => void
const everyoneIn = new Promise<void>((resolve) => {
  allArrived = resolve
})

/** Resolves once every test of the block that runs (all, unless filtered with -t) holds its database. */
function barrier(task: { suite?: { tasks: { mode: string }[] } }): Promise<void> {
  const running = task.suite?.tasks.filter((t) => t.mode === 'run').length ?? 1
  if (++arrived >= running) allArrived()
  return everyoneIn
}

describe('concurrent tests in transaction isolation', { concurrent: true }, () => {
  for (let i = 0; i < COUNT; i++) {
    test(`test ${i} sees only its own rows while the others run`, async ({ db, task }) => {
      await db.user.create({
        data: { email: `concurrent-${i}@example.com`, fullName: `C ${i}`, passwordHash: 'x' },
      })
      await barrier(task)
      await db.$transaction(async (tx) => {
        await tx.organization.create({ data: { name: `Org ${i}`, slug: `concurrent-${i}` } })
      })
      expect(await db.user.findMany({ select: { email: true } })).toEqual([
        { email: `concurrent-${i}@example.com` },
      ])
      expect(await db.organization.count()).toBe(1)
    })
  }
})
