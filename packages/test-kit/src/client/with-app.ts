// App fixtures on top of the kit's `db` and `factories`, named and shaped by the app's tenancy:
// `app` (built on the test's isolated client, ready, closed after), a tenant, a member of it with
// the owner role and that member's user (under the names the tenancy gives them: `tenant`,
// `member`, `user` unless it says `org`, `membership`, …), `api` (the inject client as that user)
// and `tenancy` (the tenancy bound to this test, for expectAccessRules). All lazy: a test that asks
// for none builds nothing.
import type { TestAPI } from 'vitest'
import { WithAppError } from '../errors.ts'
import {
  type ApiClient,
  type ApiClientConfig,
  type ApiError,
  createApiClient,
  type Identity,
} from './api-client.ts'
import { type AdapterName, type AppAdapter, adapterOf, useAdapter } from './app-adapter.ts'
import { type BoundTenancy, bindTenancy } from './bound-tenancy.ts'
import type { App, RouteMap } from './route-types.ts'
import {
  defineTenancy,
  type FixtureNames,
  type NameOf,
  type ResolvedUser,
  type Tenancy,
  type TenancyDescription,
} from './tenancy.ts'

/** What a tenancy's makers get in a withApp test: the test's database client and factories. */
export type TenancyContext<Db, F> = { db: Db; factories: F }

export type WithAppConfig<
  TApp extends App,
  Routes extends RouteMap,
  Db,
  F,
  Tenant,
  Member,
  Role extends string,
  User extends Identity,
  Names extends FixtureNames,
  Err,
> = ApiClientConfig<TApp, Routes, Err> & {
  /**
   * Builds the app on the test's database client, synchronously and not yet ready: the kit
   * records the route table (for the route walks), then calls `ready()` — for Fastify; an Express
   * or Hono app is ready as built and lists its routes itself. A Nest app may come as a promise
   * (`NestFactory.create(…)`, not yet `init()`): the kit records the routes Nest registers, then
   * calls `init()`. (A Fastify instance is a thenable: awaiting it, or returning it from an async
   * function, starts it — return it as it is.) Give this or `app`.
   */
  buildApp?: (deps: { db: Db }) => TApp | Promise<TApp>
  /**
   * Or: the app your module builds at import (`export const app = Fastify()` and `listen()` there),
   * with 'fastify' bound by `bindFastifyModule` so it records its routes and listens in process
   * only: `app: () => import('../src/server.ts').then((m) => m.app)`. One instance serves every
   * test (as in production); its database client is your module-level one, bound with
   * `bindPrismaModule`, so each test still gets its own database. The kit never closes it.
   */
  app?: () => TApp | Promise<TApp>
  /** The app's tenancy (a description, or one checked by defineTenancy). */
  tenancy:
    | TenancyDescription<TenancyContext<Db, F>, Tenant, Member, Role, User, Names>
    | Tenancy<TenancyContext<Db, F>, Tenant, Member, Role, User, Names>
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

/** The tenancy bound to a test, as the `tenancy` fixture holds it. */
export type TestTenancy<Tenant, Member, Role extends string, Names extends FixtureNames> = BoundTenancy<
  Tenant,
  Member,
  Role
> & {
  /** Type-only: the fixture names, for eachRoleFor. */
  readonly names?: Names
}

export type AppFixtures<
  TApp extends App,
  Routes extends RouteMap,
  Tenant,
  Member,
  Role extends string,
  User extends Identity,
  Names extends FixtureNames,
  Err,
> = {
  app: TApp
  /** The inject client as the owner (the user fixture). */
  api: ApiClient<TApp, Routes, 'authenticated', Member, Err>
  /** The tenancy bound to this test: `expectAccessRules(tenancy)`, `tenancy.createMember(t, role)`. */
  tenancy: TestTenancy<Tenant, Member, Role, Names>
  /** The tenant fixture under the kit's own name (for fixtures of your own that need it). */
  tenantkitTenant: Tenant
  /** The owner member fixture under the kit's own name. */
  tenantkitMember: Member
} & { [K in NameOf<Names, 'tenant'>]: Tenant } & { [K in NameOf<Names, 'member'>]: Member } & {
  [K in NameOf<Names, 'user'>]: ResolvedUser<User, Member>
}

/** A module's app, ready; it must have recorded its routes from creation (bindFastifyModule). */
async function readyModuleApp<TApp extends App>(
  app: TApp,
  adapter: AdapterName | AppAdapter<TApp> | undefined,
): Promise<TApp> {
  if (adapter !== undefined) useAdapter(app, adapter)
  const framework = await adapterOf(app)
  if (!framework.listsRoutes(app)) {
    throw new WithAppError(
      "withApp({ app }): the app has no route table, so its routes cannot be walked: bind 'fastify' in a setup file before the app's module loads — vi.mock(import('fastify'), async (original) => (await import('@tenantkit/test-kit')).bindFastifyModule(await original())).",
    )
  }
  await framework.ready(app)
  return app
}

/** Closes an app the kit started, through its framework's adapter. */
async function closeApp(app: App | undefined): Promise<void> {
  if (app !== undefined) await (await adapterOf(app)).close(app)
}

/** The owner each tenant was made with (tenantWithOwner), for the member fixture. */
const owners = new WeakMap<object, unknown>()

/**
 * Extends the kit's `test` with app fixtures, named and made as the tenancy says.
 * @example
 * // test/kit.ts
 * export const test = withApp(kit.test, {
 *   buildApp: ({ db }) => buildApp({ db }),
 *   mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
 *   tenancy: {
 *     names: { tenant: 'workspace' },
 *     roles: ['READER', 'EDITOR', 'OWNER'],
 *     tenant: ({ factories }) => factories.workspace.create(),
 *     member: ({ factories }, workspace, role) => factories.seat.create({ workspace, role }),
 *     user: (seat) => ({ id: seat.accountId }),
 *     routes: { prefix: '/workspaces/:workspaceId' },
 *   },
 * })
 * // a test
 * test('lists my projects', async ({ api, workspace }) => {
 *   const res = await api.get(`/workspaces/${workspace.id}/projects`)
 *   expect(res.expectStatus(200)).toEqual([])
 * })
 */
export function withApp<
  Ctx extends { db: unknown; factories: unknown; isolation: unknown },
  TApp extends App,
  const Routes extends RouteMap,
  Tenant,
  Member,
  const Role extends string,
  User extends Identity = never,
  const Names extends FixtureNames = Record<never, never>,
  Err = ApiError,
>(
  base: TestAPI<Ctx>,
  config: WithAppConfig<TApp, Routes, Ctx['db'], Ctx['factories'], Tenant, Member, Role, User, Names, Err>,
) {
  const tenancy = defineTenancy(config.tenancy)
  const names = tenancy.names
  if ((config.buildApp === undefined) === (config.app === undefined)) {
    throw new WithAppError(
      "withApp needs one of buildApp (an app built on the test's db, per test) or app (the app your module builds at import, with bindFastifyModule), not both or neither.",
    )
  }
  const moduleApp = config.app
  let sharedApp: Promise<TApp> | undefined
  const start = async (db: Ctx['db']): Promise<TApp> => {
    const built = (config.buildApp as NonNullable<typeof config.buildApp>)({ db })
    // A Nest app is built by an async NestFactory.create (not yet init()); a Fastify instance must
    // come as it is: awaiting one (a thenable) starts it before the kit can record its routes.
    const app = built instanceof Promise ? await built : built
    if (config.adapter !== undefined) useAdapter(app, config.adapter)
    const framework = await adapterOf(app)
    if (built instanceof Promise && framework.name === 'fastify') {
      await framework.close(app)
      throw new WithAppError(
        'withApp: buildApp returned a promise. Return the Fastify instance itself, before ready(): awaiting an instance (or returning it from an async function) starts it before the kit can record its routes. (A Nest app may come as a promise, a Fastify one not.)',
      )
    }
    framework.prepare(app)
    try {
      await framework.ready(app)
    } catch (error) {
      await framework.close(app)
      throw error
    }
    return app
  }
  const clientFor = (app: TApp) =>
    createApiClient<TApp, Routes, Err, Member>(app, {
      ...config,
      userOf: (member) => tenancy.user(member),
    })
  type Fixtures = AppFixtures<TApp, Routes, Tenant, Member, Role, User, Names, Err> & {
    tenantkitApps: Map<unknown, Promise<TApp>>
  }
  type Use<T> = (value: T) => Promise<void>
  type Deps = { db: Ctx['db']; factories: Ctx['factories'] }
  const fixtures = {
    // appScope 'file': the file's app, by the client it was built on.
    tenantkitApps: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from the pattern.
      async ({}, use: Use<Map<unknown, Promise<TApp>>>) => {
        const apps = new Map<unknown, Promise<TApp>>()
        try {
          await use(apps)
        } finally {
          for (const app of apps.values()) await closeApp(await app.catch(() => undefined))
        }
      },
      { scope: 'file' },
    ],
    app: async (
      {
        db,
        isolation,
        tenantkitApps,
      }: Deps & { isolation: unknown; tenantkitApps: Map<unknown, Promise<TApp>> },
      use: Use<TApp>,
    ) => {
      if (moduleApp) {
        // The module's app: made once, shared by every test; its client routes to each test's db.
        sharedApp ??= (async () => readyModuleApp(await moduleApp(), config.adapter))()
        sharedApp.catch(() => {
          sharedApp = undefined
        })
        return use(await sharedApp)
      }
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
        await closeApp(app)
      }
    },
    tenancy: async (
      { app, db, factories }: Deps & { app: TApp },
      use: Use<BoundTenancy<Tenant, Member, Role>>,
    ) => use(bindTenancy(tenancy, { app, client: clientFor(app), context: { db, factories } })),
    tenantkitTenant: async ({ db, factories }: Deps, use: Use<Tenant>) => {
      if (!tenancy.tenantWithOwner) return use(await tenancy.tenant({ db, factories }))
      const { tenant, owner } = await tenancy.tenantWithOwner({ db, factories })
      if (typeof tenant === 'object' && tenant !== null) owners.set(tenant, owner)
      return use(tenant)
    },
    tenantkitMember: async (
      { db, factories, tenantkitTenant }: Deps & { tenantkitTenant: Tenant },
      use: Use<Member>,
    ) => {
      const tenant = tenantkitTenant
      const made = typeof tenant === 'object' && tenant !== null ? owners.get(tenant) : undefined
      return use(
        (made as Member | undefined) ?? (await tenancy.member({ db, factories }, tenant, tenancy.ownerRole)),
      )
    },
    [names.tenant]: async ({ tenantkitTenant }: { tenantkitTenant: Tenant }, use: Use<Tenant>) =>
      use(tenantkitTenant),
    [names.member]: async ({ tenantkitMember }: { tenantkitMember: Member }, use: Use<Member>) =>
      use(tenantkitMember),
    [names.user]: async (
      { tenantkitMember }: { tenantkitMember: Member },
      use: Use<ResolvedUser<User, Member>>,
    ) => use(tenancy.user(tenantkitMember)),
    api: async ({ app, tenantkitMember }: { app: TApp; tenantkitMember: Member }, use: Use<unknown>) =>
      use(clientFor(app).as(tenancy.user(tenantkitMember))),
  }
  // The fixture names come from the tenancy at run time, so the object's keys cannot be typed
  // one by one; Fixtures says what each is.
  return base.extend<Fixtures>(fixtures as never)
}

export type RoleExpectations<Role extends string = string> = Partial<Record<Role, number>>

export type RoleCase<Role extends string = string, Member = unknown> = {
  role: Role
  /** The status the expectations map gives this role. */
  expected: number
  /** The member the client runs as (a fresh user with `role` in the test's tenant). */
  member: Member
}

type RoleContext = {
  db: unknown
  factories: unknown
  app: unknown
  // biome-ignore lint/suspicious/noExplicitAny: any client; eachRole passes it back as it is.
  api: { asMember(member: any): unknown }
  // biome-ignore lint/suspicious/noExplicitAny: any tenancy; its types are read back below.
  tenancy: TestTenancy<any, any, any, any>
  tenantkitTenant: unknown
}

type TenancyTypes<T> =
  T extends TestTenancy<infer Tenant, infer Member, infer Role, infer Names>
    ? { tenant: Tenant; member: Member; role: Role; names: Names }
    : never

/**
 * Binds `eachRole` to an app test: `eachRole({ OWNER: 200, VIEWER: 403 }, fn)` generates one
 * test per role, each with a client authenticated as a fresh member of the test's tenant with that
 * role (made by the tenancy's `member`).
 * @example
 * export const eachRole = eachRoleFor(test)
 * eachRole({ OWNER: 200, ADMIN: 200, MEMBER: 403, VIEWER: 403 }, async (client, { org, expected }) => {
 *   const res = await client.patch('/orgs/:orgId', { params: { orgId: org.id }, body: { name: 'New' } })
 *   expect(res.status, res.text).toBe(expected)
 * })
 */
export function eachRoleFor<Ctx extends RoleContext>(test: TestAPI<Ctx>) {
  type T = TenancyTypes<Ctx['tenancy']>
  type Context = Pick<Ctx, 'db' | 'factories' | 'app' | 'api' | 'tenancy'> & {
    [K in NameOf<T['names'], 'tenant'>]: T['tenant']
  } & RoleCase<T['role'], T['member']>
  return (
    expectations: RoleExpectations<T['role']>,
    fn: (client: ReturnType<Ctx['api']['asMember']>, context: Context) => Promise<void>,
  ): void => {
    for (const [role, expected] of Object.entries(expectations) as [T['role'], number][]) {
      // Vitest sets up the fixtures a test destructures: these are the ones `fn` may read.
      test(`as ${role} answers ${expected}`, async ({
        db,
        factories,
        app,
        api,
        tenancy,
        tenantkitTenant,
      }) => {
        const member = await tenancy.createMember(tenantkitTenant, role)
        const client = api.asMember(member) as ReturnType<Ctx['api']['asMember']>
        const context = {
          db,
          factories,
          app,
          api,
          tenancy,
          [tenancy.tenancy.names.tenant]: tenantkitTenant,
          role,
          expected,
          member,
        }
        await fn(client, context as Context)
      })
    }
  }
}
