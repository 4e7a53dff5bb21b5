// App fixtures on top of the kit's `db` and `factories`: `app` (built on the test's isolated
// client, ready, closed after), `org`, `user` (an active, verified OWNER of `org`) with its
// `membership`, and `api` (the inject client as `user`). All lazy: a test that asks for none
// builds nothing.
import type { MemberRole, Membership, Organization, PrismaClient, User } from '@tenantkit/db'
import type { TestAPI } from 'vitest'
import type { Factories } from '../factories/index.ts'
import { type ApiClient, type ApiClientConfig, createApiClient } from './api-client.ts'
import { recordRoutes } from './route-table.ts'
import type { AnyApp, RouteMap } from './route-types.ts'

export type WithAppConfig<TApp extends AnyApp, Routes extends RouteMap> = ApiClientConfig<TApp, Routes> & {
  /**
   * Builds the app on the test's database client, synchronously and not yet ready: the kit
   * records the route table (for expectTenantIsolation), then calls `ready()`. (A Fastify
   * instance is a thenable: awaiting it, or returning it from an async function, starts it.)
   */
  buildApp: (deps: { db: PrismaClient }) => TApp
}

export type AppFixtures<TApp extends AnyApp, Routes extends RouteMap> = {
  app: TApp
  org: Organization
  user: User
  /** `user`'s OWNER membership of `org`. */
  membership: Membership & { user: User }
  api: ApiClient<TApp, Routes, 'authenticated'>
}

/** A fresh active, verified user with `role` in `organization` (made by the kit's factories). */
async function createMember(
  factories: Factories,
  organization: Organization,
  role: MemberRole,
): Promise<Membership & { user: User }> {
  const user = await factories.user.create()
  const membership = await factories.membership.create({ user, organization, role })
  return { ...membership, user }
}

/**
 * Extends the kit's `test` with app fixtures.
 * @example
 * // apps/api/test/kit.ts
 * export const test = withApp(baseTest, {
 *   buildApp: ({ db }) => createApp({ db, config }),
 *   mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
 *   routes,
 * })
 * // a test
 * test('lists my organizations', async ({ api, org }) => {
 *   const res = await api.get('/orgs')
 *   expect(res.expectStatus(200).items).toEqual([expect.objectContaining({ id: org.id })])
 * })
 */
export function withApp<
  Ctx extends { db: PrismaClient; factories: Factories },
  TApp extends AnyApp,
  const Routes extends RouteMap,
>(base: TestAPI<Ctx>, config: WithAppConfig<TApp, Routes>) {
  return base.extend<AppFixtures<TApp, Routes>>({
    app: async ({ db }, use) => {
      const app = config.buildApp({ db })
      if (app instanceof Promise) {
        throw new Error(
          'withApp: buildApp returned a promise. Return the Fastify instance itself, before ready(): awaiting an instance (or returning it from an async function) starts it before the kit can record its routes.',
        )
      }
      recordRoutes(app)
      try {
        await app.ready()
        await use(app)
      } finally {
        await app.close()
      }
    },
    org: async ({ factories }, use) => use(await factories.organization.create()),
    membership: async ({ factories, org }, use) => use(await createMember(factories, org, 'OWNER')),
    user: async ({ membership }, use) => use(membership.user),
    api: async ({ app, user }, use) => use(createApiClient(app, config).as(user)),
  })
}

export type RoleExpectations = Partial<Record<MemberRole, number>>

export type RoleCase = {
  role: MemberRole
  /** The status the expectations map gives this role. */
  expected: number
  /** The membership the client runs as (a fresh user with `role` in `org`). */
  member: Membership & { user: User }
}

type RoleContext = {
  db: PrismaClient
  factories: Factories
  org: Organization
  api: { asMember(membership: { userId: string }): unknown }
  app: unknown
  user: unknown
}

/**
 * Binds `eachRole` to an app test: `eachRole({ OWNER: 200, VIEWER: 403 }, fn)` generates one
 * test per role, each with a client authenticated as a fresh member of `org` with that role.
 * @example
 * export const eachRole = eachRoleFor(test)
 * eachRole({ OWNER: 200, ADMIN: 200, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected }) => {
 *   const res = await client.patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: 'New' } })
 *   expect(res.status, res.text).toBe(expected)
 * })
 */
export function eachRoleFor<Ctx extends RoleContext>(test: TestAPI<Ctx>) {
  return (
    expectations: RoleExpectations,
    fn: (
      client: ReturnType<Ctx['api']['asMember']>,
      context: Pick<Ctx, keyof RoleContext> & RoleCase,
    ) => Promise<void>,
  ): void => {
    for (const [role, expected] of Object.entries(expectations) as [MemberRole, number][]) {
      // Vitest sets up the fixtures a test destructures: these are the ones `fn` may read.
      test(`as ${role} answers ${expected}`, async ({ db, org, api, app, user, factories }) => {
        const member = await createMember(factories, org, role)
        const client = api.asMember(member) as ReturnType<Ctx['api']['asMember']>
        await fn(client, { db, org, api, app, user, factories, role, expected, member })
      })
    }
  }
}
