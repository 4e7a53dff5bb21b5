// One of three files that run in parallel workers: none may see another's rows.
import { expect, test } from '../../src/index.ts'

const marker = 'parallel-c'

for (let i = 0; i < 5; i++) {
  test(`file ${marker} sees only its own rows (${i})`, async ({ db }) => {
    await db.user.createMany({
      data: Array.from({ length: 3 }, (_, k) => ({
        email: `${marker}-${i}-${k}@example.com`,
        fullName: marker,
        passwordHash: 'x',
      })),
    })
    await new Promise((resolve) => setTimeout(resolve, 5))
    const users = await db.user.findMany({ select: { fullName: true } })
    expect(users).toHaveLength(3)
    expect(new Set(users.map((u) => u.fullName))).toEqual(new Set([marker]))
  })
}
