// The access walk on an app shaped unlike this repository's API (./zod-app.ts): zod schemas through
// fastify-type-provider-zod, validation before authorization, tenants by slug under two prefixes,
// outsiders answered 401. Its tenancy is given once and drives the fixtures (with the kit's neutral
// names), eachRole and the walk, which finds exactly the two planted holes with every other route
// verified; and the client's types come from the app's own zod schemas.
import { describe, expect, expectTypeOf } from 'vitest'
import { AccessRulesError, expectAccessRules } from '../../src/client/access-rules.ts'
import { createApiClient } from '../../src/client/api-client.ts'
import { eachRoleFor, withApp } from '../../src/client/with-app.ts'
import { test as kitTest } from '../kit.ts'
import { buildZodApp, type Declared, ROLES, routes } from './zod-app.ts'

const test = withApp(kitTest, {
  buildApp: buildZodApp,
  mintToken: (_app, user) => `token:${user.id}`,
  routes,
  tenancy: {
    roles: ROLES,
    tenant: ({ factories }) => factories.organization.create(),
    member: async ({ factories }, organization, role) => {
      const { user, membership } = await factories.$create((plan) => {
        const user = plan.add('user')
        return { user, membership: plan.add('membership', { user, organization, role }) }
      })
      return { ...membership, user }
    },
    tenantKey: (organization) => organization.slug,
    children: async ({ factories }, organization) => ({
      contentId: (await factories.contentItem.create({ organization })).id,
    }),
    routes: { prefix: ['/organization/:slug', '/organizations/:organizationSlug'] },
    access: (route) => {
      const config = route.config as Declared
      if (config.public) return { public: true }
      return config.minRole && { role: config.minRole }
    },
    outsider: 401,
  },
})
const eachRole = eachRoleFor(test)

describe('the access walk on a zod app with two prefixes and 401 for outsiders', () => {
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
    expect(holes).toEqual([
      'GET /organizations/:organizationSlug/content/:contentId',
      'POST /organizations/:organizationSlug/invites',
    ])
    // The read by id alone: the caller's own slug with this tenant's content id gets the item.
    expect(walk).toContainEqual(
      expect.objectContaining({
        route: 'GET /organizations/:organizationSlug/content/:contentId',
        call: "own organizationSlug, this tenant's contentId",
        status: 200,
      }),
    )
    // The route with no authorization: an outsider, anonymous and every role get in.
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
    // Both prefixes were walked, each with its own name for the tenant parameter, bodies from zod.
    expect([...report.walked].sort()).toEqual(
      Object.keys(routes)
        .filter((route) => route.includes(' /organization'))
        .sort(),
    )
    expect([...report.verified].sort()).toEqual(
      Object.keys(routes)
        .filter((route) => !holes.includes(route))
        .sort(),
    )
  }, 60_000)
})

describe('the tenancy gives the fixtures their shape', () => {
  test('tenant, member and user are the app’s own rows; api runs as the owner', async ({
    tenant,
    member,
    user,
    api,
  }) => {
    expect(member).toMatchObject({ organizationId: tenant.id, userId: user.id, role: 'OWNER' })
    const res = await api.get('/organization/:slug', { params: { slug: tenant.slug } })
    expect(res.expectStatus(200)).toMatchObject({ slug: tenant.slug })
  })

  test('an outsider gets the 401 the app answers, with its code read from Fastify’s own error shape', async ({
    api,
    tenancy,
    tenant,
  }) => {
    const other = await tenancy.createTenant()
    const outsider = await tenancy.createMember(other, 'OWNER')
    const res = await api
      .asMember(outsider)
      .get('/organization/:slug/content', { params: { slug: tenant.slug } })
    expect(res.expectError(401, 'NOT_A_MEMBER')).toMatchObject({ code: 'NOT_A_MEMBER' })
  })

  eachRole({ VIEWER: 403, MEMBER: 201, OWNER: 201 }, async (client, { tenant, expected }) => {
    const res = await client.post('/organization/:slug/content', {
      params: { slug: tenant.slug },
      body: { title: 'Roadmap', kind: 'note' },
    })
    expect(res.status, res.text).toBe(expected)
  })
})

describe('the client’s types', () => {
  test('come from the app’s zod schemas through its type provider', async ({ api, tenant }) => {
    const res = await api.post('/organization/:slug/content', {
      params: { slug: tenant.slug },
      body: { title: 'Typed', kind: 'article', tags: ['a'] },
    })
    expectTypeOf(res.expectStatus(201)).toEqualTypeOf<{ id: string; title: string; tags: string[] }>()
    expect(res.expectStatus(201)).toMatchObject({ title: 'Typed', tags: ['a'] })
    // @ts-expect-error: `kind` is required by the route's zod body
    await api.post('/organization/:slug/content', { params: { slug: tenant.slug }, body: { title: 'Nope' } })
    // @ts-expect-error: no such route in the map
    await api.get('/organization/:slug/nothing', { params: { slug: tenant.slug } })
  })

  test('take any string path, with bodies and responses unknown, when no route map is given', async ({
    app,
    user,
    tenant,
  }) => {
    const api = createApiClient(app, { mintToken: (_app, u) => `token:${u.id}` }).as(user)
    const path: string = `/organization/${tenant.slug}`
    const res = await api.get(path)
    expectTypeOf(res.body).toEqualTypeOf<unknown>()
    expectTypeOf(res.expectStatus(200)).toEqualTypeOf<unknown>()
    expect(res.expectStatus(200)).toMatchObject({ slug: tenant.slug })
    const created = await api.post(`/organization/${tenant.slug}/content`, {
      body: { title: 'Loose', kind: 'note' },
    })
    expect(created.status).toBe(201)
    // Typed params still work on a literal path.
    const again = await api.get('/organization/:slug', { params: { slug: tenant.slug } })
    expect(again.status).toBe(200)
  })
})
