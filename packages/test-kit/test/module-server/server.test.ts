// The module's own app and client, unchanged: the app's routes are recorded from its creation and
// its listen() opens no port; its client sends each test's queries to that test's database.
import { orgTenancy } from '@tenantkit/db/factories'
import { describe } from 'vitest'
import { routesOf } from '../../src/client/route-table.ts'
import { withApp } from '../../src/client/with-app.ts'
import { expectAccessRules } from '../../src/index.ts'
import { expect, test as kitTest } from '../kit.ts'

const test = withApp(kitTest, {
  app: () => import('./src/server.ts').then((module) => module.app),
  mintToken: (_app, user) => `user:${user.id}`,
  tenancy: { ...orgTenancy, routes: { prefix: '/orgs/:orgId' }, outsider: 404 },
})

describe('an app that builds and listens at import', () => {
  test('serves the test through inject, with no port open and its routes recorded', async ({
    app,
    api,
    org,
  }) => {
    expect(app.server.listening).toBe(false)
    expect(routesOf(app).map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining(['GET /orgs/:orgId/members', 'POST /orgs/:orgId/rename']),
    )
    const members = (await api.get(`/orgs/${org.id}/members`)).expectStatus(200)
    expect(members).toHaveLength(1)
  })

  test('writes through its module-level client into the test’s database, rolled back after', async ({
    api,
    org,
    db,
  }) => {
    ;(await api.post(`/orgs/${org.id}/rename`, { body: { name: 'Renamed' } })).expectStatus(200)
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      name: 'Renamed',
    })
  })

  test('one instance serves every test', async ({ app, tenancy }) => {
    const { app: module } = await import('./src/server.ts')
    expect(app).toBe(module)
    // Its tenant routes keep outsiders out, walked from the table it recorded at import.
    const report = await expectAccessRules(tenancy)
    expect(report.walked).toEqual(['GET /orgs/:orgId/members', 'POST /orgs/:orgId/rename'])
  })
})
