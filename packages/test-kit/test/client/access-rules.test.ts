// expectAccessRules over a small app with each classic multi-tenant bug planted on its own: the
// report names the route (and the app without bugs passes). The app's prefix, roles, fixture
// shapes and declarations are its own, so the kit is shown to need no knowledge of them.
import { describe, expect, it } from 'vitest'
import { AccessRulesError, expectAccessRules } from '../../src/client/access-rules.ts'
import { createApiClient } from '../../src/client/api-client.ts'
import { bindTenancy } from '../../src/client/bound-tenancy.ts'
import { recordRoutes } from '../../src/client/route-table.ts'
import type { TenancyDescription } from '../../src/client/tenancy.ts'
import { TenancyError } from '../../src/errors.ts'
import {
  type AccessBugs,
  accessOf,
  createAccessDemo,
  type DemoTeam,
  ROLES,
  type Role,
} from './access-demo-app.ts'

type DemoTenancy = TenancyDescription<unknown, DemoTeam, { id: string }, Role, { id: string }>

async function setup(bugs: AccessBugs = {}, change: Partial<DemoTenancy> = {}) {
  const demo = createAccessDemo(bugs)
  recordRoutes(demo.app)
  await demo.app.ready()
  const tenancy: DemoTenancy = {
    roles: ROLES,
    tenant: demo.makeTeam,
    member: (_ctx, team, role) => demo.makeMember(team, role),
    children: async (_ctx, team) => ({ docId: team.docId, commentId: team.commentId }),
    routes: { prefix: '/teams/:teamId' },
    access: accessOf,
    ...change,
  }
  const client = createApiClient(demo.app, { mintToken: (_app, user) => demo.sign(user.id) })
  return {
    bound: bindTenancy(tenancy, { app: demo.app, client, context: undefined }),
    [Symbol.asyncDispose]: () => demo.app.close(),
  }
}

/** The AccessRulesError `expectAccessRules` throws (fails the test when it passes instead). */
async function failureOf(bugs: AccessBugs, change: Partial<DemoTenancy> = {}) {
  await using demo = await setup(bugs, change)
  const error = await expectAccessRules(demo.bound).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(AccessRulesError)
  return error as AccessRulesError
}

describe('expectAccessRules', () => {
  it('passes an app that keeps every rule, having called every route as every caller', async () => {
    await using demo = await setup()
    const report = await expectAccessRules(demo.bound)
    expect(report.walked).toEqual(
      expect.arrayContaining([
        'GET /teams/:teamId/docs/:docId/comments/:commentId',
        'PATCH /teams/:teamId/docs/:docId',
        'DELETE /teams/:teamId/docs/:docId',
      ]),
    )
    expect(report.unverified).toEqual([])
    expect(report.leftOut).toEqual([])
    expect([...report.verified].sort()).toEqual(report.rows.map((r) => r.route).sort())
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
    // Outside the tenant routes: anonymous only, and nothing at all for a public route.
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
    expect(error.unverified).toEqual([])
    expect(error.message).toMatch(/Cross-tenant walk: .*must be refused \(404\)/)
    expect(error.report.verified).not.toContain('GET /teams/:teamId/docs/:docId')
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

  it('reports a route validation stopped as not verified, with the option that fixes it: never a pass, never a hole', async () => {
    const error = await failureOf({}, { bodies: { 'PATCH /teams/:teamId/docs/:docId': { name: 'x' } } })
    expect(error.walk).toEqual([])
    expect(error.matrix).toEqual([])
    expect(error.unverified).toEqual([
      {
        route: 'PATCH /teams/:teamId/docs/:docId',
        reason: expect.stringMatching(
          /refused by validation, 400 .*give a valid body in the tenancy's bodies: \{ 'PATCH \/teams\/:teamId\/docs\/:docId': … \}/,
        ),
      },
    ])
    expect(error.report.verified).not.toContain('PATCH /teams/:teamId/docs/:docId')
    expect(error.message).toMatch(
      /1 not verified.*\n[\s\S]*Not verified \(neither a pass nor a hole\):\n {2}PATCH/,
    )
  })

  it('reports a route whose child id the tenancy does not give as not verified, naming the parameter', async () => {
    const error = await failureOf({}, { children: async (_ctx, team) => ({ docId: team.docId }) })
    expect(error.unverified).toEqual([
      {
        route: 'GET /teams/:teamId/docs/:docId/comments/:commentId',
        reason: expect.stringMatching(/no id for :commentId: return one from the tenancy's children/),
      },
    ])
  })
})

describe('tenant routes under several prefixes', () => {
  it('names a route that carries the tenant parameter outside every prefix: never skipped silently', async () => {
    const error = await failureOf({ secondPrefix: true })
    expect(error.unverified).toEqual([
      {
        route: 'GET /team/:teamId/summary',
        reason: expect.stringMatching(
          /it has :teamId, a tenant parameter, but is under none of the tenancy's routes/,
        ),
      },
    ])
  })

  it('walks every prefix given, and finds the hole under the second', async () => {
    const error = await failureOf(
      { secondPrefix: true },
      { routes: { prefix: ['/teams/:teamId', '/team/:teamId'] } },
    )
    expect(error.walk).toEqual([
      expect.objectContaining({ route: 'GET /team/:teamId/summary', call: "this tenant's ids", status: 200 }),
    ])
    expect(error.unverified).toEqual([])
  })

  it('matches a tenant parameter wherever it appears with routes: { param }', async () => {
    const error = await failureOf({ secondPrefix: true }, { routes: { param: 'teamId' } })
    expect(error.report.walked).toContain('GET /team/:teamId/summary')
    expect(error.walk.map((f) => f.route)).toEqual(['GET /team/:teamId/summary'])
  })

  it('lists a route skipped on purpose as left out, with its reason, and passes', async () => {
    await using demo = await setup(
      { secondPrefix: true },
      { skip: { 'GET /team/:teamId/summary': 'public by design: counts only' } },
    )
    const report = await expectAccessRules(demo.bound)
    expect(report.leftOut).toEqual([
      { route: 'GET /team/:teamId/summary', reason: 'public by design: counts only' },
    ])
    expect(report.verified).not.toContain('GET /team/:teamId/summary')
  })
})

describe('the tenancy as expectAccessRules reads it', () => {
  it('refuses a role outside the role order, and a prefix no route is under', async () => {
    await using demo = await setup({}, { roles: ['reader', 'editor'] as unknown as typeof ROLES })
    await expect(expectAccessRules(demo.bound)).rejects.toThrow(TenancyError)
    await expect(expectAccessRules(demo.bound)).rejects.toThrow(
      /declares the role "admin", which is not in the tenancy's roles/,
    )
    await using other = await setup({}, { routes: { prefix: '/orgs/:teamId' } })
    await expect(expectAccessRules(other.bound)).rejects.toThrow(
      /No tenant route in the recorded route table/,
    )
  })

  it('runs the walk alone when the tenancy does not say how routes declare access', async () => {
    await using demo = await setup({}, { access: undefined })
    const report = await expectAccessRules(demo.bound)
    expect(report.rows).toEqual([])
    expect(report.walked.length).toBeGreaterThan(0)
  })
})
