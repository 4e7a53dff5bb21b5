// withApp({ appScope: 'file' }): the transaction-mode tests of a file share one app, yet each
// still sees only its own rows (requests run in the current test's transaction); a test in
// database mode gets an app of its own. Written to hold in any order (--sequence.shuffle).
import Fastify from 'fastify'
import { describe, expect } from 'vitest'
import { withApp } from '../../src/client/with-app.ts'
import { test as kitTest, orgTenancy } from '../kit.ts'

type App = ReturnType<typeof Fastify>
const transactionApps = new Set<App>()
const databaseApps = new Set<App>()

const test = withApp(kitTest, {
  appScope: 'file',
  buildApp: ({ db }) => {
    const app = Fastify()
    app.get('/organizations/count', async () => ({ count: await db.organization.count() }))
    return app
  },
  mintToken: (_app, user) => `token:${user.id}`,
  tenancy: orgTenancy,
})

const count = async (app: App) =>
  ((await app.inject('/organizations/count')).json() as { count: number }).count

describe("appScope: 'file'", () => {
  for (const i of [1, 2, 3]) {
    test(`test ${i} shares the file's app and sees only its own rows through it`, async ({
      app,
      factories,
    }) => {
      transactionApps.add(app)
      expect(transactionApps.size).toBe(1)
      expect(databaseApps.has(app)).toBe(false)
      expect(await count(app)).toBe(0)
      await factories.organization.create()
      expect(await count(app)).toBe(1)
    })
  }

  describe('in database mode', () => {
    test.override({ isolation: 'database' })
    test('a test gets an app of its own, on its own database', async ({ app, factories }) => {
      databaseApps.add(app)
      expect(transactionApps.has(app)).toBe(false)
      await factories.organization.create()
      expect(await count(app)).toBe(1)
    })
  })
})
