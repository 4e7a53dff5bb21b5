// App fixtures on top of the kit's `db` and `factories`: `app` (built on the test's isolated
// client, ready, closed after), `org`, `user` (an active, verified OWNER of `org`) with its
// `membership`, and `api` (the inject client as `user`). All lazy: a test that asks for none
// builds nothing.
import type { TestAPI } from 'vitest'
import { WithAppError } from '../errors.ts'
import { type ApiClient, type ApiClientConfig, createApiClient } from './api-client.ts'
import { recordRoutes } from './route-table.ts'
import type { AnyApp, RouteMap } from './route-types.ts'

/** A member of a tenant as the app's test binding makes one: the membership row with its user. */
export type TenantMemberOf<User extends { id: string }> = { userId: string; user: User }

/** How the app's tenants and members are made (the kit knows no model: the app says). */
export type TenantFixtures<F, Tenant, Role extends string, Member extends TenantMemberOf<{ id: string }>> = {
  /** A fresh tenant for the `org` fixture. */
  create(factories: F): Promise<Tenant>
  /** A fresh user with `role` in `tenant`, returned as the membership with its user. */
  member(factories: F, tenant: Tenant, role: Role): Promise<Member>
  /** The role of the `user` fixture in `org`. */
  ownerRole: Role
  /**
   * Optional: a fresh tenant with its owner (`ownerRole`), made together (one factories graph:
   * one statement rather than one per row). With it, the `org` fixture is made with its owner,
   * who becomes `user`/`membership` when the test asks for them.
   */
  createWithOwner?(factories: F): Promise<{ tenant: Tenant; owner: Member }>
}

export type WithAppConfig<
  TApp extends AnyApp,
  Routes extends RouteMap,
  Db,
  F,
  Tenant,
  Role extends string,
  Member extends TenantMemberOf<{ id: string }>,
> = ApiClientConfig<TApp, Routes> & {
  /**
   * Builds the app on the test's database client, synchronously and not yet ready: the kit
   * records the route table (for the route walks), then calls `ready()`. (A Fastify
   * instance is a thenable: awaiting it, or returning it from an async function, starts it.)
   */
  buildApp: (deps: { db: Db }) => TApp
  tenants: TenantFixtures<F, Tenant, Role, Member>
  /**
   * - `'test'` (default): an app of its own for every test, built before it and closed after it,
   *   so nothing a test does to the app (rate-limit counters, hooks, decorations, caches) reaches
   *   another test. With compiled schemas reused across instances this costs a few ms a test.
   * - `'file'`: the transaction-mode tests of a file share one app, built on the file's client
   *   (each request still runs in the current test's transaction, rolled back after it) and
   *   closed when the file ends. Saves those ms, at the price of app state shared between the
   *   file's tests; tests in database mode still get an app of their own.
   */
  appScope?: 'test' | 'file'
}

export type AppFixtures<
  TApp extends AnyApp,
  Routes extends RouteMap,
  Tenant,
  Member extends TenantMemberOf<{ id: string }>,
> = {
  app: TApp
  org: Tenant
  user: Member['user']
  /** `user`'s membership of `org`, with the owner role. */
  membership: Member
  api: ApiClient<TApp, Routes, 'authenticated'>
}

/** The owner each `org` was made with (createWithOwner), for the `membership` fixture. */
const owners = new WeakMap<object, unknown>()

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
  Ctx extends { db: unknown; factories: unknown; isolation: unknown },
  TApp extends AnyApp,
  const Routes extends RouteMap,
  Tenant,
  Role extends string,
  Member extends TenantMemberOf<{ id: string }>,
>(
  base: TestAPI<Ctx>,
  config: WithAppConfig<TApp, Routes, Ctx['db'], Ctx['factories'], Tenant, Role, Member>,
) {
  const start = async (db: Ctx['db']): Promise<TApp> => {
    const app = config.buildApp({ db })
    if (app instanceof Promise) {
      throw new WithAppError(
        'withApp: buildApp returned a promise. Return the Fastify instance itself, before ready(): awaiting an instance (or returning it from an async function) starts it before the kit can record its routes.',
      )
    }
    recordRoutes(app)
    try {
      await app.ready()
    } catch (error) {
      await app.close()
      throw error
    }
    return app
  }
  return base.extend<
    AppFixtures<TApp, Routes, Tenant, Member> & { tenantkitApps: Map<unknown, Promise<TApp>> }
  >({
    // appScope 'file': the file's app, by the client it was built on.
    tenantkitApps: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
      async ({}, use) => {
        const apps = new Map<unknown, Promise<TApp>>()
        try {
          await use(apps)
        } finally {
          for (const app of apps.values()) await (await app.catch(() => undefined))?.close()
        }
      },
      { scope: 'file' },
    ],
    app: async ({ db, isolation, tenantkitApps }, use) => {
      if (config.appScope === 'file' && isolation === 'transaction') {
        let shared = tenantkitApps.get(db)
        if (!shared) {
          shared = start(db)
          tenantkitApps.set(db, shared)
        }
        return use(await shared)
      }
      const app = await start(db)
      try {
        await use(app)
      } finally {
        await app.close()
      }
    },
    org: async ({ factories }: { factories: Ctx['factories'] }, use: (tenant: Tenant) => Promise<void>) => {
      const { tenants } = config
      if (!tenants.createWithOwner) return use(await tenants.create(factories))
      const { tenant, owner } = await tenants.createWithOwner(factories)
      if (typeof tenant === 'object' && tenant !== null) owners.set(tenant, owner)
      return use(tenant)
    },
    membership: async (
      { factories, org }: { factories: Ctx['factories']; org: Tenant },
      use: (member: Member) => Promise<void>,
    ) => {
      const made = typeof org === 'object' && org !== null ? owners.get(org) : undefined
      return use(
        (made as Member | undefined) ??
          (await config.tenants.member(factories, org, config.tenants.ownerRole)),
      )
    },
    user: async ({ membership }, use) => use(membership.user),
    api: async ({ app, user }, use) => use(createApiClient(app, config).as(user)),
  })
}

export type RoleExpectations<Role extends string = string> = Partial<Record<Role, number>>

export type RoleCase<Role extends string = string, Member = unknown> = {
  role: Role
  /** The status the expectations map gives this role. */
  expected: number
  /** The membership the client runs as (a fresh user with `role` in `org`). */
  member: Member
}

type RoleContext = {
  db: unknown
  factories: unknown
  org: unknown
  api: { asMember(membership: { userId: string }): unknown }
  app: unknown
  user: unknown
}

/**
 * Binds `eachRole` to an app test: `eachRole({ OWNER: 200, VIEWER: 403 }, fn)` generates one
 * test per role, each with a client authenticated as a fresh member of `org` with that role
 * (made by the `tenants.member` of the app's withApp config).
 * @example
 * export const eachRole = eachRoleFor(test, testTenants)
 * eachRole({ OWNER: 200, ADMIN: 200, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected }) => {
 *   const res = await client.patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: 'New' } })
 *   expect(res.status, res.text).toBe(expected)
 * })
 */
export function eachRoleFor<
  Ctx extends RoleContext,
  Role extends string,
  Member extends TenantMemberOf<{ id: string }>,
>(test: TestAPI<Ctx>, tenants: Pick<TenantFixtures<Ctx['factories'], Ctx['org'], Role, Member>, 'member'>) {
  return (
    expectations: RoleExpectations<Role>,
    fn: (
      client: ReturnType<Ctx['api']['asMember']>,
      context: Pick<Ctx, keyof RoleContext> & RoleCase<Role, Member>,
    ) => Promise<void>,
  ): void => {
    for (const [role, expected] of Object.entries(expectations) as [Role, number][]) {
      // Vitest sets up the fixtures a test destructures: these are the ones `fn` may read.
      test(`as ${role} answers ${expected}`, async ({ db, org, api, app, user, factories }) => {
        const member = await tenants.member(factories, org, role)
        const client = api.asMember(member) as ReturnType<Ctx['api']['asMember']>
        await fn(client, { db, org, api, app, user, factories, role, expected, member })
      })
    }
  }
}
