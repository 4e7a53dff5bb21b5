// expectAccessRules over a small app with each classic multi-tenant bug planted on its own: the
// helper fails naming the route (and passes on the app without bugs). The app's prefix, roles
// and declarations are its own, so the kit is shown to need no knowledge of them.
import { describe, expect, it } from 'vitest'
import {
  AccessRulesConfigError,
  AccessRulesError,
  type AccessRulesOptions,
  expectAccessRules,
} from '../../src/client/access-rules.ts'
import { createApiClient } from '../../src/client/api-client.ts'
import { recordRoutes } from '../../src/client/route-table.ts'
import {
  type AccessBugs,
  accessOf,
  createAccessDemo,
  type DemoTenant,
  ROLES,
  type Role,
} from './access-demo-app.ts'

async function setup(bugs: AccessBugs = {}) {
  const demo = createAccessDemo(bugs)
  recordRoutes(demo.app)
  await demo.app.ready()
  const options: AccessRulesOptions<Role, DemoTenant> = {
    client: createApiClient(demo.app, { mintToken: (_app, user) => demo.sign(user.id) }),
    prefix: '/teams/:teamId',
    tenantParam: 'teamId',
    roles: ROLES,
    accessOf,
    makeTenant: demo.makeTenant,
    makeMember: demo.makeMember,
  }
  return { app: demo.app, options, [Symbol.asyncDispose]: () => demo.app.close() }
}

/** The AccessRulesError `expectAccessRules` throws (fails the test when it passes instead). */
async function failureOf(bugs: AccessBugs, change: Partial<AccessRulesOptions<Role, DemoTenant>> = {}) {
  await using demo = await setup(bugs)
  const error = await expectAccessRules(demo.app, { ...demo.options, ...change }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(AccessRulesError)
  return error as AccessRulesError
}

describe('expectAccessRules', () => {
  it('passes an app that keeps every rule, having called every route as every caller', async () => {
    await using demo = await setup()
    const report = await expectAccessRules(demo.app, demo.options)
    expect(report.walked).toEqual(
      expect.arrayContaining([
        'GET /teams/:teamId/docs/:docId/comments/:commentId',
        'PATCH /teams/:teamId/docs/:docId',
        'DELETE /teams/:teamId/docs/:docId',
      ]),
    )
    const row = (route: string) => report.rows.find((r) => r.route === route)
    expect(row('DELETE /teams/:teamId/docs/:docId')?.cells).toEqual({
      anonymous: { expected: 401, got: 401, passed: true },
      reader: { expected: 403, got: 403, passed: true },
      editor: { expected: 403, got: 403, passed: true },
      admin: { expected: 'ok', got: 204, passed: true },
    })
    // The declared exception: an editor may change only what they wrote, so not the kit's doc.
    expect(row('PATCH /teams/:teamId/docs/:docId')).toMatchObject({
      declared: "editor, others' admin",
      cells: { editor: { expected: 403, got: 403 }, admin: { expected: 'ok', got: 200 } },
    })
    // Outside the prefix: anonymous only, and nothing at all for a public route.
    expect(row('GET /me')?.cells).toEqual({ anonymous: { expected: 401, got: 401, passed: true } })
    expect(row('GET /status')?.cells).toEqual({})
    expect(report.calls.walk).toBeGreaterThan(report.walked.length)
    expect(report.calls.matrix).toBeGreaterThan(report.rows.length)
  })

  it('names a route that serves another tenant’s child through the caller’s own tenant id', async () => {
    const error = await failureOf({ foreignChild: true })
    expect(error.walk.map((f) => `${f.route} | ${f.call} | ${f.status}`)).toEqual([
      "GET /teams/:teamId/docs/:docId | own teamId, this tenant's docId | 200",
      "GET /teams/:teamId/docs/:docId/comments/:commentId | own teamId, this tenant's docId | 200",
      "GET /teams/:teamId/docs/:docId/comments/:commentId | own teamId, this tenant's commentId | 200",
      "GET /teams/:teamId/docs/:docId/comments/:commentId | own teamId, this tenant's docId, commentId | 200",
      "PATCH /teams/:teamId/docs/:docId | own teamId, this tenant's docId | 200",
      "DELETE /teams/:teamId/docs/:docId | own teamId, this tenant's docId | 204",
    ])
    expect(error.matrix).toEqual([])
    expect(error.message).toMatch(/Hierarchy walk: .*must get 404/)
  })

  it('names the method whose role check is missing, in a table of route × role', async () => {
    const error = await failureOf({ missingRoleCheck: true })
    expect(error.walk).toEqual([])
    expect(error.matrix.map((row) => row.route)).toEqual(['DELETE /teams/:teamId/docs/:docId'])
    expect(error.message).toContain(
      [
        'route                              declared  anonymous  reader            editor            admin',
        'DELETE /teams/:teamId/docs/:docId  admin     401        ✗ 204 (want 403)  ✗ 404 (want 403)  404',
      ].join('\n'),
    )
  })

  it('finds a list that forgets the tenant filter: the other tenant’s list holds this tenant’s ids', async () => {
    const error = await failureOf({ unfilteredList: true })
    expect(error.walk).toEqual([
      {
        route: 'GET /teams/:teamId/docs',
        call: 'own tenant',
        status: 200,
        detail: expect.stringMatching(/^the answer holds this tenant's (teamId|docId) \(/),
      },
    ])
  })

  it('lists a tenant route that declares no role', async () => {
    const error = await failureOf({ undeclared: true })
    expect(error.matrix.map((row) => [row.route, row.problem])).toEqual([
      ['GET /teams/:teamId/stats', 'declares no role'],
    ])
    expect(error.message).toMatch(/GET \/teams\/:teamId\/stats\s+✗ none\s+–/)
  })

  it('counts a 400 as a call that never reached the handler, not as a pass', async () => {
    const error = await failureOf({}, { bodies: { 'PATCH /teams/:teamId/docs/:docId': { name: 'x' } } })
    expect(error.walk).toContainEqual(
      expect.objectContaining({ route: 'PATCH /teams/:teamId/docs/:docId', status: 400 }),
    )
    expect(error.matrix.map((row) => row.route)).toEqual(['PATCH /teams/:teamId/docs/:docId'])
  })
})

describe('expectAccessRules options', () => {
  it('names the path parameter makeTenant gave no id for', async () => {
    await using demo = await setup()
    const makeTenant = async () => {
      const tenant = await demo.options.makeTenant()
      return { ...tenant, params: { ...tenant.params, commentId: '' } }
    }
    const failure = expectAccessRules(demo.app, { ...demo.options, makeTenant })
    await expect(failure).rejects.toThrow(AccessRulesConfigError)
    await expect(failure).rejects.toThrow(
      /no id for :commentId \(GET \/teams\/:teamId\/docs\/:docId\/comments/,
    )
  })

  it('refuses a tenant parameter the prefix does not have, and a role outside the role order', async () => {
    await using demo = await setup()
    await expect(expectAccessRules(demo.app, { ...demo.options, tenantParam: 'orgId' })).rejects.toThrow(
      /prefix "\/teams\/:teamId" has no :orgId parameter/,
    )
    await expect(
      expectAccessRules(demo.app, {
        ...demo.options,
        roles: ['reader', 'editor'] as unknown as typeof ROLES,
      }),
    ).rejects.toThrow(/declares the role "admin", which is not in roles/)
    await expect(expectAccessRules(demo.app, { ...demo.options, prefix: '/orgs/:teamId' })).rejects.toThrow(
      /No route under \/orgs\/:teamId/,
    )
  })
})
