// Behaviour chosen by CHILD_MODE: pass, fail, or sleep (until the parent interrupts the run);
// CHILD_ISOLATION=database runs it in database mode.
import { expect, test } from '../../kit.ts'

if (process.env.CHILD_ISOLATION === 'database') test.override({ isolation: 'database' })

test('child run', async ({ db }) => {
  await db.user.create({ data: { email: 'child@example.com', fullName: 'Child', passwordHash: 'x' } })
  const mode = process.env.CHILD_MODE ?? 'pass'
  if (mode === 'sleep') {
    console.log('child: sleeping')
    await new Promise((resolve) => setTimeout(resolve, 100_000))
  }
  expect(mode).not.toBe('fail')
})
