// expectAccessRules: the route table is the test plan. One call walks every route of the app
// twice — the hierarchy walk (another tenant's member with this tenant's ids gets 404) and the
// authorization matrix (every role, and anonymous, against what the route declares) — and fails
// with one report naming every broken route. The app's suite says how its tenants, members and
// route declarations look; the kit knows no model, role or prefix of its own.
import type { Identity } from './api-client.ts'
import { type AccessTenant, type WalkFailure, walkHierarchy } from './hierarchy-walk.ts'
import { paramsOf } from './path-params.ts'
import { isBroken, type MatrixRow, type RouteAccess, renderMatrix, runRoleMatrix } from './role-matrix.ts'
import { type CallerSource, callOrder, routeName, routeRequests } from './route-calls.ts'
import { type RecordedRoute, routesOf } from './route-table.ts'
import type { AnyApp } from './route-types.ts'

export type AccessRulesOptions<Role extends string, Tenant extends AccessTenant> = {
  /** Makes the callers: the suite's ApiClient (`api`). */
  client: CallerSource
  /** Routes under this path are tenant routes, e.g. `/orgs/:orgId`. */
  prefix: string
  /** The prefix's tenant parameter, e.g. `orgId`; every other parameter is a child id. */
  tenantParam: string
  /** The tenant's roles, least to most: `['VIEWER', 'MEMBER', 'ADMIN', 'OWNER']`. */
  roles: readonly Role[]
  /**
   * How a route declares who may call it, read from the recorded route (its `config`):
   * `{ public: true }`, `{ role, othersRole? }`, or undefined (outside the prefix: any signed-in
   * user; under it: a failure, every tenant route must declare a role).
   */
  accessOf: (route: RecordedRoute) => RouteAccess<Role> | undefined
  /**
   * A new tenant with one child of each kind, its ids by path parameter:
   * `{ params: { orgId, contentId, memberId } }`. The children must not belong to a member
   * `makeMember` makes (they act on someone else's resources).
   */
  makeTenant: () => Promise<Tenant>
  /**
   * A member of `tenant` with `role`: the user the calls run as. Asked once per tenant and role,
   * so it may hand out members `makeTenant` made along with the tenant.
   */
  makeMember: (tenant: Tenant, role: Role) => Promise<Identity>
  /**
   * Bodies for routes whose schema gives no useful sample, by `"METHOD /path"`. Others are
   * built from the route's JSON schema (its `examples` first).
   */
  bodies?: Readonly<Record<string, unknown>>
}

export type AccessReport = {
  /** Routes the hierarchy walk called, in order. */
  walked: string[]
  /** The matrix, one row per route of the app. */
  rows: MatrixRow[]
  calls: { walk: number; matrix: number }
  made: { tenants: number; members: number }
  /** Wall time of each part (setup included), and of the setup alone (makeTenant, makeMember). */
  ms: { walk: number; matrix: number; setup: number }
}

/** Bad options: the message names the option and what to pass. */
export class AccessRulesConfigError extends Error {
  override name = 'AccessRulesConfigError'
  readonly code = 'TK_ACCESS_RULES_CONFIG'
}

/** Routes that broke their rules; `message` holds the walk's list and the matrix table. */
export class AccessRulesError extends Error {
  override name = 'AccessRulesError'
  readonly code = 'TK_ACCESS_RULES_BROKEN'
  /** The walk's calls that did not get 404 (or leaked an id). */
  readonly walk: readonly WalkFailure[]
  /** The matrix rows with a broken cell or no declaration. */
  readonly matrix: readonly MatrixRow[]
  constructor(message: string, walk: readonly WalkFailure[], matrix: readonly MatrixRow[]) {
    super(message)
    this.walk = walk
    this.matrix = matrix
  }
}

/**
 * Checks every route of `app` (recorded by `withApp`/`recordRoutes`) against the hierarchy walk
 * and the authorization matrix; throws an AccessRulesError listing every broken route.
 * @example
 * await expectAccessRules(app, {
 *   client: api,
 *   prefix: '/orgs/:orgId',
 *   tenantParam: 'orgId',
 *   roles: ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'],
 *   accessOf: ({ config }) => (config.public ? { public: true } : config.minRole && { role: config.minRole }),
 *   makeTenant: async () => { const t = await makeOrgWithItem(); return { org: t.org, params: { orgId: t.org.id, contentId: t.item.id } } },
 *   makeMember: (tenant, role) => makeUserWithRole(tenant.org, role),
 * })
 */
export async function expectAccessRules<Role extends string, Tenant extends AccessTenant>(
  app: AnyApp,
  options: AccessRulesOptions<Role, Tenant>,
): Promise<AccessReport> {
  const { prefix, tenantParam, roles, client } = options
  // A HEAD route Fastify derived from a GET runs the GET's handler: the GET's checks cover it.
  const routes = routesOf(app)
    .filter((route) => !route.implicitHead)
    .sort(callOrder)
  const isTenantRoute = (route: RecordedRoute) => route.url === prefix || route.url.startsWith(`${prefix}/`)
  const tenantRoutes = routes.filter(isTenantRoute)
  checkOptions(options, tenantRoutes)
  const setup = countedSetup(options, (tenant) => checkTenant(tenant, tenantRoutes, tenantParam))
  const build = routeRequests(options.bodies)

  let started = performance.now()
  const attacker = await setup.makeTenant()
  const walk = await walkHierarchy({
    routes: tenantRoutes,
    reads: routes.filter((r) => !isTenantRoute(r) && r.method === 'GET' && paramsOf(r.url).length === 0),
    tenantParam,
    victim: await setup.makeTenant(),
    attacker,
    caller: client.as(await setup.makeMember(attacker, roles.at(-1) as Role)),
    build,
    renewVictim: setup.makeTenant,
  })
  const walkMs = performance.now() - started

  started = performance.now()
  const matrix = await runRoleMatrix({
    routes,
    isTenantRoute,
    accessOf: options.accessOf,
    roles,
    source: client,
    shared: walk.victim,
    makeTenant: setup.makeTenant,
    makeMember: async (tenant, role) => client.as(await setup.makeMember(tenant, role)),
    build,
  })
  const report: AccessReport = {
    walked: walk.walked,
    rows: matrix.rows,
    calls: { walk: walk.calls, matrix: matrix.calls },
    made: setup.made,
    ms: { walk: walkMs, matrix: performance.now() - started, setup: setup.ms() },
  }
  const broken = matrix.rows.filter(isBroken)
  if (walk.failures.length > 0 || broken.length > 0) {
    throw new AccessRulesError(describeFailures(report, walk.failures, broken, roles), walk.failures, broken)
  }
  return report
}

/** The suite's makeTenant / makeMember, counted and timed for the report. */
function countedSetup<Role extends string, Tenant extends AccessTenant>(
  options: AccessRulesOptions<Role, Tenant>,
  check: (tenant: Tenant) => Tenant,
) {
  const made = { tenants: 0, members: 0 }
  let ms = 0
  const timed = async <T>(make: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    try {
      return await make()
    } finally {
      ms += performance.now() - started
    }
  }
  return {
    made,
    ms: () => ms,
    makeTenant: async (): Promise<Tenant> => {
      made.tenants++
      return check(await timed(options.makeTenant))
    },
    makeMember: async (tenant: Tenant, role: Role) => {
      made.members++
      return timed(() => options.makeMember(tenant, role))
    },
  }
}

function checkOptions<Role extends string>(
  options: Pick<AccessRulesOptions<Role, AccessTenant>, 'prefix' | 'tenantParam' | 'roles' | 'accessOf'>,
  tenantRoutes: readonly RecordedRoute[],
): void {
  const { prefix, tenantParam, roles } = options
  if (!paramsOf(prefix).includes(tenantParam)) {
    throw new AccessRulesConfigError(
      `prefix "${prefix}" has no :${tenantParam} parameter. Set tenantParam to the prefix's tenant parameter (one of: ${paramsOf(prefix).join(', ') || 'none'}).`,
    )
  }
  if (tenantRoutes.length === 0) {
    throw new AccessRulesConfigError(
      `No route under ${prefix} in the recorded route table. Check the prefix, and that the app was built by withApp() (or recordRoutes(app) ran before app.ready()).`,
    )
  }
  if (roles.length === 0 || new Set(roles).size !== roles.length) {
    throw new AccessRulesConfigError(
      `roles must list each role of a tenant once, least to most (got ${JSON.stringify(roles)}).`,
    )
  }
  for (const route of tenantRoutes) {
    const access = options.accessOf(route)
    if (access === undefined || 'public' in access) continue
    for (const role of [access.role, access.othersRole]) {
      if (role !== undefined && !roles.includes(role)) {
        throw new AccessRulesConfigError(
          `${routeName(route)} declares the role "${role}", which is not in roles (${roles.join(', ')}). Add it to roles, in order, or fix the route's declaration.`,
        )
      }
    }
  }
}

function checkTenant<Tenant extends AccessTenant>(
  tenant: Tenant,
  tenantRoutes: readonly RecordedRoute[],
  tenantParam: string,
): Tenant {
  const params = tenant?.params ?? {}
  const needs = new Map<string, string>([[tenantParam, tenantRoutes[0] ? routeName(tenantRoutes[0]) : '']])
  for (const route of tenantRoutes) {
    for (const param of paramsOf(route.url)) if (!needs.has(param)) needs.set(param, routeName(route))
  }
  for (const [param, route] of needs) {
    if (typeof params[param] !== 'string' || params[param] === '') {
      throw new AccessRulesConfigError(
        `makeTenant() returned no id for :${param} (${route} needs one). Return it in params: { ${[...needs.keys()].join(', ')} }.`,
      )
    }
  }
  return tenant
}

function describeFailures(
  report: AccessReport,
  walk: readonly WalkFailure[],
  broken: readonly MatrixRow[],
  roles: readonly string[],
): string {
  const routes = new Set([...walk.map((f) => f.route), ...broken.map((r) => r.route)])
  const lines = [
    `Access rules broken on ${routes.size} route${routes.size === 1 ? '' : 's'} (walk: ${report.walked.length} routes, ${report.calls.walk} calls; matrix: ${report.rows.length} routes × ${roles.length + 1} callers, ${report.calls.matrix} calls).`,
  ]
  if (walk.length > 0) {
    const width = Math.max(...walk.map((f) => f.route.length))
    lines.push(
      '',
      'Hierarchy walk: a member of another tenant, with ids of this tenant, must get 404:',
      ...walk.map((f) => `  ${f.route.padEnd(width)}  ${f.call} → ${f.status} ${f.detail}`),
    )
  }
  if (broken.length > 0) {
    lines.push(
      '',
      'Authorization matrix: a cell is the status got, ✗ got (want …); ok = reached the handler (not 400, 401, 403, 5xx):',
      ...(broken.some((row) => row.problem)
        ? ['(✗ none: a tenant route that declares no role; declare one on the route)']
        : []),
      renderMatrix(broken, ['anonymous', ...roles]),
    )
  }
  return lines.join('\n')
}
