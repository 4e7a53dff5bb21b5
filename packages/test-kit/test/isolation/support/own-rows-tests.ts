// The body shared by parallel-{a,b,c}.test.ts: files running in parallel workers must never see
// each other's rows.
import { expect, test } from '../../kit.ts'

export function defineOwnRowsTests(marker: string): void {
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
}
