// Behaviour chosen by CHILD_MODE: pass, fail, or sleep (until the parent interrupts the run).
import { expect, test } from '../../../src/index.ts'

test('child run', async ({ db }) => {
  await db.user.create({ data: { email: 'child@example.com', fullName: 'Child', passwordHash: 'x' } })
  const mode = process.env.CHILD_MODE ?? 'pass'
  if (mode === 'sleep') {
    console.log('child: sleeping')
    await new Promise((resolve) => setTimeout(resolve, 100_000))
  }
  expect(mode).not.toBe('fail')
})
