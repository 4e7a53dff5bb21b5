// Proof that transaction isolation holds even when the code under test commits, nests or runs
// transactions concurrently, and when a transaction or a whole test fails.
import { Prisma } from '@tenantkit/db'
import { describe } from 'vitest'
import { expect, test } from '../kit.ts'

let n = 0
const user = (label: string) => ({
  email: `${label}-${++n}@example.com`,
  fullName: 'Test User',
  passwordHash: 'x',
})

// Shuffled and repeated: every test must find a clean slate whatever ran before it.
describe('transaction isolation', { shuffle: true, repeats: 3 }, () => {
  test('rows a test creates are visible inside the test', async ({ db }) => {
    await db.user.create({ data: user('a') })
    expect(await db.user.count()).toBe(1)
  })

  test('and gone in the next test of the same file', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
  })

  test('rows committed by interactive and batch $transaction are rolled back with the test', async ({
    db,
  }) => {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('b') })
    })
    await db.$transaction([db.user.create({ data: user('c') })])
    await db.organization.create({
      data: {
        name: 'Nested',
        slug: `nested-${n}`,
        memberships: { create: { role: 'OWNER', user: { create: user('d') } } },
      },
    })
    expect(await db.user.count()).toBe(3)
  })

  test('the previous test left nothing', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
    expect(await db.organization.count()).toBe(0)
  })

  test('a nested $transaction that fails rolls back only itself', async ({ db }) => {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('outer') })
      await expect(
        tx.$transaction(async (inner) => {
          await inner.user.create({ data: user('inner') })
          throw new Error('inner failure')
        }),
      ).rejects.toThrow('inner failure')
      expect(await tx.user.count()).toBe(1)
    })
    expect(await db.user.findMany({ select: { email: true } })).toEqual([
      { email: expect.stringMatching(/^outer-/) },
    ])
  })

  test('a unique violation inside $transaction behaves as in production and leaves the test usable', async ({
    db,
  }) => {
    const first = await db.user.create({ data: user('unique') })
    const error = await db
      .$transaction(async (tx) => {
        await tx.user.create({ data: user('rolled-back') })
        await tx.user.create({ data: { ...user('dup'), email: first.email } })
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError)
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2002')
    expect(await db.user.count()).toBe(1)
    await db.user.create({ data: user('after') })
    expect(await db.user.count()).toBe(2)
  })

  test('a failing statement outside any transaction does not poison the test', async ({ db }) => {
    const first = await db.user.create({ data: user('plain') })
    await expect(db.user.create({ data: { ...user('x'), email: first.email } })).rejects.toMatchObject({
      code: 'P2002',
    })
    await expect(db.$executeRawUnsafe('SELECT * FROM no_such_table')).rejects.toThrow()
    expect(await db.user.count()).toBe(1)
  })

  // Each statement's savepoint is opened by the previous statement's RELEASE: a statement that
  // fails must undo itself only, never a transaction or a statement that ran before it.
  test('a statement that fails right after a $transaction or a failed statement undoes only itself', async ({
    db,
  }) => {
    await db.user.create({ data: user('before') })
    const first = await db.$transaction(async (tx) => tx.user.create({ data: user('committed') }))
    const duplicate = { ...user('dup'), email: first.email }
    await expect(db.user.create({ data: duplicate })).rejects.toMatchObject({ code: 'P2002' })
    await expect(db.user.create({ data: duplicate })).rejects.toMatchObject({ code: 'P2002' })
    await db.user.create({ data: user('after-failures') })
    await expect(db.user.create({ data: duplicate })).rejects.toMatchObject({ code: 'P2002' })
    await db.$transaction([db.user.create({ data: user('batch') })])
    await expect(db.$executeRawUnsafe('SELECT * FROM no_such_table')).rejects.toThrow()
    expect((await db.user.findMany({ orderBy: { email: 'asc' } })).map((u) => u.email.split('-')[0])).toEqual(
      ['after', 'batch', 'before', 'committed'],
    )
  })

  test('two $transactions started together run their statements one after the other', async ({ db }) => {
    const order: string[] = []
    const run = (label: string) =>
      db.$transaction(async (tx) => {
        const before = await tx.user.count()
        order.push(`${label}:counted`)
        await new Promise((resolve) => setTimeout(resolve, 20))
        await tx.user.create({ data: user(label) })
        order.push(`${label}:end`)
        return before
      })
    const [a, b] = await Promise.all([run('first'), run('second')])
    expect(order).toEqual(['first:counted', 'first:end', 'second:counted', 'second:end'])
    expect([a, b]).toEqual([0, 1])
    expect(await db.user.count()).toBe(2)
  })

  test('a plain query issued while a transaction is open waits for it to end', async ({ db }) => {
    const order: string[] = []
    let plain: Promise<number> | undefined
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('open') })
      plain = db.user.count().then((count) => {
        order.push('plain')
        return count
      })
      await new Promise((resolve) => setTimeout(resolve, 30))
      order.push('transaction:end')
    })
    expect(await plain).toBe(1)
    expect(order).toEqual(['transaction:end', 'plain'])
  })

  test.fails('a test that throws midway', async ({ db }) => {
    await db.user.create({ data: user('midway') })
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: user('midway-tx') })
    })
    throw new Error('the test fails here')
  })

  test('leaves a clean slate after a test that threw', async ({ db }) => {
    expect(await db.user.count()).toBe(0)
  })

  test('raw SQL sees the same transaction as the client', async ({ db }) => {
    await db.user.create({ data: user('raw') })
    const rows = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM users`
    expect(rows[0]?.count).toBe(1n)
  })
})
