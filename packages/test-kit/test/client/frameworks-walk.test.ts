// The access walk and the role matrix on the zod app written for Express 5 (./express-app.ts), for
// Hono 4 (./hono-app.ts) and for NestJS on Express (./nest-app.ts), with the same tenancy as the
// Fastify one (./zod-walk.test.ts) save how routes declare access (declareRoute, read back as
// `route.config`; Nest's `@Roles` and `@Public` metadata): in each framework they find exactly the
// two planted holes, every other route verified, and eachRole runs as each role.
import type { Organization } from '@tenantkit/db'
import type { AppFactories } from '@tenantkit/db/factories'
import { describe, expect } from 'vitest'
import { AccessRulesError, expectAccessRules } from '../../src/client/access-rules.ts'
import { createApiClient } from '../../src/client/api-client.ts'
import type { RecordedRoute } from '../../src/client/route-table.ts'
import type { RouteAccess } from '../../src/client/tenancy.ts'
import { eachRoleFor, withApp } from '../../src/client/with-app.ts'
import { test as kitTest, orgTenancy } from '../kit.ts'
import { buildExpressApp, type Declared, type Role } from './express-app.ts'
import { buildHonoApp } from './hono-app.ts'
import { buildNestApp, type Declared as NestDeclared, ROLES } from './nest-app.ts'

/** The zod app's tenancy, fixtures named org, membership and user; access from declareRoute. */
const tenancy = {
  ...orgTenancy,
  tenantKey: (organization: Organization) => organization.slug,
  children: async ({ factories }: { factories: AppFactories }, organization: Organization) => ({
    contentId: (await factories.contentItem.create({ organization })).id,
  }),
  routes: { prefix: ['/organization/:slug', '/organizations/:organizationSlug'] },
  access: (route: RecordedRoute): RouteAccess<Role> | undefined => {
    const config = route.config as Declared
    if (config.public) return { public: true }
    return config.minRole && { role: config.minRole }
  },
  outsider: 401 as const,
}
const mintToken = (_app: unknown, user: { id: string }) => `token:${user.id}`

const ROUTES = [
  'GET /me',
  'POST /sessions',
  'GET /organization/:slug',
  'PATCH /organization/:slug',
  'GET /organization/:slug/content',
  'POST /organization/:slug/content',
  'GET /organizations/:organizationSlug/content/:contentId',
  'DELETE /organizations/:organizationSlug/content/:contentId',
  'POST /organizations/:organizationSlug/invites',
].sort()
const HOLES = [
  'GET /organizations/:organizationSlug/content/:contentId',
  'POST /organizations/:organizationSlug/invites',
]

const express = withApp(kitTest, { buildApp: buildExpressApp, mintToken, tenancy })
// zValidator keeps its schemas to itself: the bodies no declareRoute gives come from the tenancy.
const hono = withApp(kitTest, {
  buildApp: buildHonoApp,
  mintToken,
  tenancy: {
    ...tenancy,
    bodies: {
      'POST /sessions': { email: 'someone@example.com', password: 'long enough' },
      'PATCH /organization/:slug': { name: 'Renamed' },
      'POST /organizations/:organizationSlug/invites': { email: 'invited@example.com', role: 'VIEWER' },
    },
  },
})

// Nest: `@Roles(...)` and `@Public()` put 'roles' and 'isPublic' on each handler (or its controller);
// the least role listed is the one a route needs. Bodies the declareRoute decorator does not give
// come from the tenancy, as Nest's pipes keep their schemas to themselves.
const nest = withApp(kitTest, {
  buildApp: buildNestApp,
  mintToken,
  tenancy: {
    ...tenancy,
    access: (route: RecordedRoute): RouteAccess<Role> | undefined => {
      const { isPublic, roles } = route.config as NestDeclared
      if (isPublic) return { public: true }
      const least = roles?.toSorted((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))[0]
      return least && { role: least }
    },
    bodies: {
      'POST /sessions': { email: 'someone@example.com', password: 'long enough' },
      'PATCH /organization/:slug': { name: 'Renamed' },
      'POST /organizations/:organizationSlug/invites': { email: 'invited@example.com', role: 'VIEWER' },
    },
  },
})

// One suite for all: the fixtures differ only in the app's type, which these tests never rely on.
const suites: [string, typeof express][] = [
  ['Express 5', express],
  ['Hono 4', hono as unknown as typeof express],
  ['NestJS 12 on Express', nest as unknown as typeof express],
]
for (const [framework, test] of suites) {
  const eachRole = eachRoleFor(test)
  describe(`the access walk on the zod app in ${framework}`, () => {
    test('finds the two planted holes and nothing else, with every other route verified', async ({
      tenancy,
    }) => {
      const error = await expectAccessRules(tenancy).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(AccessRulesError)
      const { walk, matrix, unverified, report } = error as AccessRulesError
      expect(unverified).toEqual([])
      expect(report.leftOut).toEqual([])
      const holes = [...new Set([...walk.map((f) => f.route), ...matrix.map((r) => r.route)])].sort()
      expect(holes).toEqual(HOLES)
      expect(walk).toContainEqual(
        expect.objectContaining({
          route: 'GET /organizations/:organizationSlug/content/:contentId',
          call: "own organizationSlug, this tenant's contentId",
          status: 200,
        }),
      )
      expect(walk).toContainEqual(
        expect.objectContaining({
          route: 'POST /organizations/:organizationSlug/invites',
          call: "this tenant's ids",
          status: 201,
        }),
      )
      expect(matrix.map((row) => row.route)).toEqual(['POST /organizations/:organizationSlug/invites'])
      expect(matrix[0]?.cells).toMatchObject({
        anonymous: { expected: 401, got: 201 },
        VIEWER: { expected: 403, got: 201 },
      })
      // Every route the app has, read from its router (nested routers and sub-apps under their paths).
      expect([...report.walked].sort()).toEqual(ROUTES.filter((route) => route.includes(' /organization')))
      expect([...report.verified].sort()).toEqual(ROUTES.filter((route) => !HOLES.includes(route)))
    }, 60_000)

    test('the fixtures and the client: the owner reads the organization; an outsider gets 401', async ({
      api,
      org,
      tenancy,
    }) => {
      const res = await api.get('/organization/:slug', { params: { slug: org.slug } })
      expect(res.expectStatus(200)).toMatchObject({ slug: org.slug })
      const outsider = await tenancy.createMember(await tenancy.createTenant(), 'OWNER')
      const refused = await api.asMember(outsider).get('/organization/:slug/content', {
        params: { slug: org.slug },
      })
      expect(refused.expectError(401, 'NOT_A_MEMBER')).toMatchObject({ code: 'NOT_A_MEMBER' })
    })

    eachRole({ VIEWER: 403, MEMBER: 201, OWNER: 201 }, async (client, { org, expected }) => {
      const res = await client.post('/organization/:slug/content', {
        params: { slug: org.slug },
        body: { title: 'Roadmap', kind: 'note' },
      })
      expect(res.status, res.text).toBe(expected)
    })

    test('createApiClient takes the app as it is, its framework told by its shape', async ({
      app,
      user,
      org,
    }) => {
      const api = createApiClient(app, { mintToken }).as(user)
      const created = await api.post(`/organization/${org.slug}/content`, {
        body: { title: 'Loose', kind: 'article', tags: ['a'] },
      })
      expect(created.expectStatus(201)).toMatchObject({ title: 'Loose', tags: ['a'] })
      const invalid = await api.post(`/organization/${org.slug}/content`, { body: { title: 'x' } })
      expect(invalid.status).toBe(400)
      expect((await api.anonymous().get('/me')).status).toBe(401)
    })
  })
}
