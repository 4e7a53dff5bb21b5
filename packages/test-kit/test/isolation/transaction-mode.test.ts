import { describe } from 'vitest'
import { expect, test } from '../../src/index.ts'

const user = (email: string) => ({ email, fullName: 'Test User', passwordHash: 'x' })

describe('transaction isolation', () => {
  test('rows a test creates are visible inside the test', async ({ db }) => {
    await db.user.create({ data: user('a@example.com') })
    expect(await db.user.count()).toBe(1)
  })

  test('and gone in the next test of the same file', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
  })

  test('rows committed by $transaction are rolled back too', async ({ db }) => {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('b@example.com') })
    })
    await db.$transaction([db.user.create({ data: user('c@example.com') })])
    expect(await db.user.count()).toBe(2)
  })

  test('the previous test left nothing', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
  })
})
