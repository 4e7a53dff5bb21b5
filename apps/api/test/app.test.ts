// The app as a whole: its route table matches the schema map the client is typed from, and the
// current-user override stays locked unless the app was built for tests.
import { createPrismaClient } from '@tenantkit/db'
import { createApiClient, routesOf } from '@tenantkit/test-kit'
import { describe } from 'vitest'
import { createApp, routes } from '../src/app.ts'
import { assertMayActOn } from '../src/plugins/tenancy.ts'
import { expect, test, testConfig } from './kit.ts'

/** The app on a database nothing answers at (a real client, no mock): every query fails. */
function appWithoutDatabase(config = testConfig) {
  return createApp({ db: createPrismaClient({ url: 'postgresql://nobody@127.0.0.1:1/none' }), config })
}

describe('the route table', () => {
  test('has exactly the routes of the schema map, each with its schema', async ({ app }) => {
    const registered = routesOf(app).filter((route) => route.method !== 'HEAD')
    expect(registered.map((route) => `${route.method} ${route.url}`).sort()).toEqual(
      Object.keys(routes).sort(),
    )
    const schemas: Record<string, unknown> = routes
    for (const route of registered) {
      expect(route.schema, `${route.method} ${route.url}`).toBe(schemas[`${route.method} ${route.url}`])
    }
  })
})

describe('a route under /orgs/:orgId', () => {
  test('must declare the role it needs: the app refuses to start without config.minRole', async () => {
    const app = appWithoutDatabase()
    app.register(async (scoped) => {
      scoped.get('/orgs/:orgId/report', async () => ({}))
    })
    await expect(app.ready()).rejects.toThrow(/GET \/orgs\/:orgId\/report declares no config.minRole/)
  })

  test('without minRoleForOthers lets only an OWNER act on what another member owns', async ({
    db,
    factories,
  }) => {
    const app = createApp({ db, config: testConfig })
    app.register(async (scoped) => {
      scoped.post('/orgs/:orgId/nudge/:userId', { config: { minRole: 'VIEWER' } }, async (request) => {
        assertMayActOn(request, (request.params as { userId: string }).userId, 'Not yours')
        return { nudged: true }
      })
    })
    await app.ready()
    const { organization, owner, byRole } = await factories.createTenant({ members: { ADMIN: 1 } })
    const admin = byRole.ADMIN[0]?.user ?? owner.user
    const api = createApiClient(app, { mintToken: (app, user) => app.jwt.sign({ sub: user.id }) })
    const nudge = (by: { id: string }, userId: string) =>
      api.as(by).request({ method: 'POST', url: `/orgs/${organization.id}/nudge/${userId}` })
    expect((await nudge(admin, admin.id)).status).toBe(200)
    ;(await nudge(admin, owner.user.id)).expectError(403, 'TK_FORBIDDEN')
    expect((await nudge(owner.user, admin.id)).status).toBe(200)
    await app.close()
  })
})

describe('overrideCurrentUser', () => {
  test('refuses to run unless the app was built with allowCurrentUserOverride', async () => {
    const app = appWithoutDatabase({ ...testConfig, allowCurrentUserOverride: false })
    await app.ready()
    expect(() => app.overrideCurrentUser(() => undefined)).toThrow(/allowCurrentUserOverride/)
    await app.close()
  })
})

describe('errors', () => {
  test('a failure the catalogue does not know is a 500 that hides its message', async () => {
    const app = appWithoutDatabase()
    await app.ready()
    const api = createApiClient(app, { routes, mintToken: () => 'unused' })
    const res = await api.post('/auth/login', { body: { email: 'a@example.com', password: 'whatever 123' } })
    const error = res.expectError(500, 'TK_INTERNAL')
    expect(error.message).toBe('Internal server error')
    expect(res.text).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|stack/i)
    await app.close()
  })

  test('a malformed URL is a 400 in the envelope', async ({ api }) => {
    const res = await api.anonymous().request({ method: 'GET', url: '/orgs/%E0%A4%A' })
    const error = res.expectError(400, 'TK_BAD_REQUEST')
    expect(error.requestId).toBeTruthy()
  })
})
