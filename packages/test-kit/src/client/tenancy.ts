// One description of an app's tenancy, in the app's own words: how to make a tenant and a member
// with a role, the roles in rank order, which routes are tenant routes, how a route declares who
// may call it, and what an outsider gets. The app fixtures (withApp), the role matrix (eachRole)
// and the access walk (expectAccessRules) all read this one object; the kit has no model, role,
// prefix or fixture name of its own (docs/decisions/016-one-tenancy-description.md).
import { TenancyError } from '../errors.ts'
import type { Identity } from './api-client.ts'
import { paramsOf } from './path-params.ts'
import type { RecordedRoute } from './route-table.ts'

/**
 * Who may call a route: anyone (`public`), or members from `role` up. `othersRole`: the route's
 * handler lets a member from `role` up act on what they own (items they wrote, their own
 * membership) and needs `othersRole` for anyone else's; the walk's members own nothing, so
 * they need `othersRole`.
 */
export type RouteAccess<Role extends string> = { public: true } | { role: Role; othersRole?: Role }

/**
 * Which routes are tenant routes:
 * - `{ prefix: '/orgs/:orgId' }` or several (`['/organization/:slug', '/organizations/:slug']`):
 *   routes under a prefix, matched by shape (`/organization/:organizationSlug/…` is under
 *   `/organization/:slug`); the prefix's last parameter is the tenant's.
 * - `{ param: 'orgId' }` (or several names): any route with that parameter, wherever it appears.
 */
export type TenantRoutes = { prefix: string | readonly string[] } | { param: string | readonly string[] }

/** The names the app fixtures take in a test; each defaults to its key (`tenant`, `member`, `user`). */
export type FixtureNames = { tenant?: string; member?: string; user?: string }

/** The user of a member when the tenancy gives no `user`: `member.user`, or the member itself. */
type DefaultUser<Member> = Member extends { user: infer U extends Identity }
  ? U
  : Member extends Identity
    ? Member
    : Identity

/** The user type a tenancy yields: its `user`'s, or DefaultUser when it gives none (`never`). */
export type ResolvedUser<User, Member> = [User] extends [never] ? DefaultUser<Member> : User

/** The status an app answers a caller who is not a member of the tenant in the URL. */
export type OutsiderStatus = 401 | 403 | 404

export type TenancyDescription<
  Ctx,
  Tenant,
  Member,
  Role extends string,
  User extends Identity,
  Names extends FixtureNames = Record<never, never>,
> = {
  /** What the fixtures are called in a test: `{ tenant: 'org', member: 'membership' }`. */
  names?: Names
  /** The tenant's roles, least to most: `['VIEWER', 'MEMBER', 'ADMIN', 'OWNER']`. */
  roles: readonly Role[]
  /** The role of the `user` fixture in its tenant. Default: the highest of `roles`. */
  ownerRole?: Role
  /** A new tenant: `({ factories }) => factories.organization.create()`. */
  tenant: (ctx: Ctx) => Promise<Tenant>
  /** A new user with `role` in `tenant`, as the app's member shape (a membership row, a seat, …). */
  member: (ctx: Ctx, tenant: Tenant, role: Role) => Promise<Member>
  /**
   * The user a member's requests run as (what `mintToken` signs). Default: `member.user` when it
   * has an `id`, else the member itself.
   */
  user?: (member: Member) => User
  /**
   * Optional, for speed: a tenant and its owner made together (one factories graph). The tenant
   * fixture then comes with its owner, who becomes the member and user fixtures.
   */
  tenantWithOwner?: (ctx: Ctx) => Promise<{ tenant: Tenant; owner: Member }>
  /** Which routes are tenant routes (needed by expectAccessRules only). */
  routes?: TenantRoutes
  /** The value of the tenant parameter in a URL. Default: `tenant.id` (`(org) => org.slug` for slugs). */
  tenantKey?: (tenant: Tenant) => string | number
  /**
   * Ids for the other parameters of tenant routes, one row of each kind made in `tenant` and owned
   * by none of the members `member` makes: `{ projectId: project.id, memberId: seat.id }`.
   */
  children?: (ctx: Ctx, tenant: Tenant) => Promise<Readonly<Record<string, string | number>>>
  /**
   * How a route declares who may call it, read from the recorded route (its `config`, …).
   * Without it the walk runs and the role matrix checks only anonymous callers.
   */
  access?: (route: RecordedRoute) => RouteAccess<Role> | undefined
  /** What a member of another tenant gets with this tenant's id in the URL. Default 404 (always accepted). */
  outsider?: OutsiderStatus
  /** Request bodies by `"METHOD /path"`, for routes whose schema gives no valid sample. */
  bodies?: Readonly<Record<string, unknown>>
  /** Routes the walk leaves out on purpose, by `"METHOD /path"`, with why: named in the report. */
  skip?: Readonly<Record<string, string>>
}

/** A checked description (from `defineTenancy`), with its defaults filled in. */
export type Tenancy<
  Ctx,
  Tenant,
  Member,
  Role extends string,
  User extends Identity,
  Names extends FixtureNames = Record<never, never>,
> = Omit<TenancyDescription<Ctx, Tenant, Member, Role, User, Names>, 'names' | 'user' | 'ownerRole'> & {
  readonly names: { tenant: string; member: string; user: string }
  readonly ownerRole: Role
  readonly user: (member: Member) => ResolvedUser<User, Member>
  readonly [TENANCY]: true
}

const TENANCY = Symbol('tenantkit.tenancy')

/** The fixture name for `key`, from the description's `names`. */
export type NameOf<Names extends FixtureNames, K extends keyof FixtureNames> = Names[K] extends string
  ? Names[K]
  : K

/**
 * Checks an app's tenancy description and fills in its defaults. `withApp({ tenancy })` accepts
 * the description itself too; call this to share one between suites or to catch a mistake early.
 * @example
 * export const tenancy = defineTenancy({
 *   names: { tenant: 'org', member: 'membership' },
 *   roles: ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'],
 *   tenant: ({ factories }: Ctx) => factories.organization.create(),
 *   member: async ({ factories }: Ctx, organization, role) => factories.membership.create({ organization, role }),
 *   user: (membership) => ({ id: membership.userId }),
 *   routes: { prefix: '/orgs/:orgId' },
 *   access: ({ config }) => (config.public ? { public: true } : config.minRole && { role: config.minRole }),
 * })
 */
export function defineTenancy<
  Ctx,
  Tenant,
  Member,
  const Role extends string,
  User extends Identity = never,
  const Names extends FixtureNames = Record<never, never>,
>(
  description:
    | TenancyDescription<Ctx, Tenant, Member, Role, User, Names>
    | Tenancy<Ctx, Tenant, Member, Role, User, Names>,
): Tenancy<Ctx, Tenant, Member, Role, User, Names> {
  if (TENANCY in description) return description
  const { roles } = description
  if (roles.length === 0 || new Set(roles).size !== roles.length) {
    throw new TenancyError(
      `tenancy.roles must list each role of a tenant once, least to most (got ${JSON.stringify(roles)}).`,
    )
  }
  const ownerRole = description.ownerRole ?? (roles.at(-1) as Role)
  if (!roles.includes(ownerRole)) {
    throw new TenancyError(
      `tenancy.ownerRole "${ownerRole}" is not one of tenancy.roles (${roles.join(', ')}).`,
    )
  }
  if (description.routes) checkRoutes(description.routes)
  const names = { tenant: 'tenant', member: 'member', user: 'user', ...description.names }
  const taken = new Set(['app', 'api', 'tenancy', 'db', 'factories', 'isolation'])
  for (const [key, name] of Object.entries(names)) {
    if (taken.has(name)) {
      throw new TenancyError(
        `tenancy.names.${key} is "${name}", a fixture the kit already has (${[...taken].join(', ')}). Choose another name.`,
      )
    }
  }
  if (new Set(Object.values(names)).size !== 3) {
    throw new TenancyError(`tenancy.names must give three different names (got ${JSON.stringify(names)}).`)
  }
  return {
    ...description,
    names,
    ownerRole,
    user: description.user ?? defaultUser,
    [TENANCY]: true,
  } as Tenancy<Ctx, Tenant, Member, Role, User, Names>
}

function defaultUser<Member, User extends Identity>(member: Member): User {
  const nested = (member as { user?: unknown }).user
  const candidate = hasId(nested) ? nested : member
  if (!hasId(candidate)) {
    throw new TenancyError(
      `tenancy.user is needed: a member (${describe(member)}) has neither a \`user\` with an id nor an id of its own. Add user: (member) => ({ id: member.userId }) (or whatever your member holds).`,
    )
  }
  return candidate as User
}

function hasId(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null || !('id' in value)) return false
  return typeof value.id === 'string' || typeof value.id === 'number'
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 120) ?? String(value)
  } catch {
    return String(value)
  }
}

function checkRoutes(routes: TenantRoutes): void {
  if ('prefix' in routes) {
    const prefixes = [routes.prefix].flat()
    if (prefixes.length === 0) throw new TenancyError('tenancy.routes.prefix lists no prefix.')
    for (const prefix of prefixes) {
      if (paramsOf(prefix).length === 0) {
        throw new TenancyError(
          `tenancy.routes.prefix "${prefix}" has no parameter: a tenant prefix ends with the tenant's, e.g. "/orgs/:orgId". To match a parameter wherever it appears, use routes: { param: 'orgId' }.`,
        )
      }
    }
  } else if ([routes.param].flat().length === 0) {
    throw new TenancyError('tenancy.routes.param names no parameter.')
  }
}

/** How one route relates to the tenancy: its tenant parameter, or why it is not a tenant route. */
export type RoutePlace =
  | { kind: 'tenant'; tenantParam: string }
  | { kind: 'outside' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'stray'; param: string }

/**
 * Sorts the routes: tenant routes (with the name their tenant parameter has there), routes
 * skipped on purpose, `stray` routes that carry a tenant parameter name outside every prefix
 * (never silently passed over), and the rest.
 */
export function placeRoutes(
  routes: readonly RecordedRoute[],
  tenantRoutes: TenantRoutes,
  skip: Readonly<Record<string, string>> = {},
): Map<RecordedRoute, RoutePlace> {
  const places = new Map<RecordedRoute, RoutePlace>()
  const tenantNames = new Set<string>()
  for (const route of routes) {
    const tenantParam = tenantParamOf(route.url, tenantRoutes)
    if (tenantParam !== undefined) tenantNames.add(tenantParam)
  }
  if ('prefix' in tenantRoutes)
    for (const prefix of [tenantRoutes.prefix].flat()) tenantNames.add(lastParam(prefix))
  for (const route of routes) {
    const name = `${route.method} ${route.url}`
    const reason = skip[name]
    const tenantParam = tenantParamOf(route.url, tenantRoutes)
    if (reason !== undefined) places.set(route, { kind: 'skipped', reason })
    else if (tenantParam !== undefined) places.set(route, { kind: 'tenant', tenantParam })
    else {
      const stray = paramsOf(route.url).find((param) => tenantNames.has(param))
      places.set(route, stray === undefined ? { kind: 'outside' } : { kind: 'stray', param: stray })
    }
  }
  return places
}

function tenantParamOf(url: string, tenantRoutes: TenantRoutes): string | undefined {
  if ('param' in tenantRoutes) {
    const names = [tenantRoutes.param].flat()
    return paramsOf(url).find((param) => names.includes(param))
  }
  for (const prefix of [tenantRoutes.prefix].flat()) {
    const want = segments(prefix)
    const have = segments(url)
    if (have.length < want.length) continue
    let tenantParam: string | undefined
    const matches = want.every((segment, i) => {
      const actual = have[i] ?? ''
      if (!segment.startsWith(':')) return segment === actual
      if (!actual.startsWith(':')) return false
      tenantParam = actual.slice(1)
      return true
    })
    if (matches && tenantParam !== undefined) return tenantParam
  }
  return undefined
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

function lastParam(prefix: string): string {
  return paramsOf(prefix).at(-1) ?? ''
}
