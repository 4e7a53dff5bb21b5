// expectAccessRules: the route table is the test plan. One call, driven by the app's tenancy
// description, walks every tenant route as a member of another tenant (the cross-tenant walk)
// and calls every route as every role and anonymously (the authorization matrix, when the
// tenancy says how routes declare access). It ends with one report: the routes verified, the
// holes found, the routes it could not verify (and the option that fixes each), and the routes
// left out on purpose. It throws one error class when anything is a hole or unverified.
import { TenancyError } from '../errors.ts'
import { adapterOf } from './app-adapter.ts'
import type { BoundTenancy } from './bound-tenancy.ts'
import {
  type TenantRoute,
  type Unverified,
  type WalkFailure,
  type WalkTenant,
  walkHierarchy,
} from './hierarchy-walk.ts'
import { paramsOf } from './path-params.ts'
import { isBroken, isUnverifiedRow, type MatrixRow, renderMatrix, runRoleMatrix } from './role-matrix.ts'
import { callOrder, routeName, routeRequests } from './route-calls.ts'
import { placeRoutes } from './tenancy.ts'

export type AccessReport = {
  /** Tenant routes the walk called, in order. */
  walked: string[]
  /** Routes every call reached and every rule held on. */
  verified: string[]
  /** Routes not verified, each with why and the option that fixes it. */
  unverified: Unverified[]
  /** Routes left out on purpose (the tenancy's `skip`), with the reason given. */
  leftOut: { route: string; reason: string }[]
  /** The matrix, one row per route checked (empty when the tenancy has no `access`). */
  rows: MatrixRow[]
  calls: { walk: number; matrix: number }
  made: { tenants: number; members: number }
  /** Wall time of each part (setup included), and of the setup alone (making tenants and members). */
  ms: { walk: number; matrix: number; setup: number }
}

/** Routes that broke their rules or could not be verified; `message` holds the whole report. */
export class AccessRulesError extends Error {
  override name = 'AccessRulesError'
  readonly code = 'TK_ACCESS_RULES_BROKEN'
  /** The walk's calls that were not refused (or leaked an id). */
  readonly walk: readonly WalkFailure[]
  /** The matrix rows with a broken cell or no declaration. */
  readonly matrix: readonly MatrixRow[]
  /** Routes no call could verify, with why. */
  readonly unverified: readonly Unverified[]
  readonly report: AccessReport
  constructor(
    message: string,
    report: AccessReport,
    walk: readonly WalkFailure[],
    matrix: readonly MatrixRow[],
  ) {
    super(message)
    this.report = report
    this.walk = walk
    this.matrix = matrix
    this.unverified = report.unverified
  }
}

/**
 * Walks every route of the app (as its adapter lists them: recorded by `withApp`/`recordRoutes` for
 * Fastify, read from the router for Express and Hono) as the tenancy describes:
 * the cross-tenant walk, then the authorization matrix. Returns the report; throws an
 * AccessRulesError naming every hole and every route it could not verify.
 * @example
 * test('every route keeps its access rules', async ({ tenancy }) => {
 *   const report = await expectAccessRules(tenancy)
 *   expect(report.leftOut).toEqual([])
 * })
 */
export async function expectAccessRules<Tenant, Member, Role extends string>(
  bound: BoundTenancy<Tenant, Member, Role>,
): Promise<AccessReport> {
  const { tenancy } = bound
  if (!tenancy.routes) {
    throw new TenancyError(
      "expectAccessRules needs to know the tenant routes: add routes to the tenancy, e.g. routes: { prefix: '/orgs/:orgId' } (or several prefixes, or { param: 'orgId' }).",
    )
  }
  // A HEAD route Fastify derived from a GET runs the GET's handler: the GET's checks cover it.
  const routes = (await adapterOf(bound.app))
    .routes(bound.app)
    .filter((route) => !route.implicitHead)
    .sort(callOrder)
  const places = placeRoutes(routes, tenancy.routes, tenancy.skip)
  const tenantRoutes: TenantRoute[] = []
  const leftOut: AccessReport['leftOut'] = []
  const stray: Unverified[] = []
  for (const route of routes) {
    const place = places.get(route)
    if (place?.kind === 'tenant') tenantRoutes.push({ route, tenantParam: place.tenantParam })
    else if (place?.kind === 'skipped') leftOut.push({ route: routeName(route), reason: place.reason })
    else if (place?.kind === 'stray') {
      stray.push({
        route: routeName(route),
        reason: `it has :${place.param}, a tenant parameter, but is under none of the tenancy's routes: add its prefix to routes.prefix, or name it in skip with the reason`,
      })
    }
  }
  if (tenantRoutes.length === 0) {
    throw new TenancyError(
      `No tenant route in the recorded route table for the tenancy's routes (${JSON.stringify(tenancy.routes)}). Check them against the app's routes (${routes.slice(0, 5).map(routeName).join(', ')}${routes.length > 5 ? ', …' : ''}), and that the app was built by withApp() (or recordRoutes(app) ran before app.ready()).`,
    )
  }
  checkDeclarations(bound, tenantRoutes)
  const setup = countedSetup(bound)
  const requests = routeRequests(tenancy.bodies)
  const refusals = new Set<number>([404, tenancy.outsider ?? 404])

  let started = performance.now()
  const attacker = await setup.makeTenant()
  const walk = await walkHierarchy({
    routes: tenantRoutes,
    reads: routes.filter(
      (r) => places.get(r)?.kind === 'outside' && r.method === 'GET' && paramsOf(r.url).length === 0,
    ),
    victim: await setup.makeTenant(),
    attacker,
    caller: await setup.makeCaller(attacker, tenancy.roles.at(-1) as Role),
    requests,
    refusals,
    renewVictim: setup.makeTenant,
  })
  const walkMs = performance.now() - started

  started = performance.now()
  const access = tenancy.access
  const matrix = access
    ? await runRoleMatrix({
        routes: routes.flatMap((route) => {
          const place = places.get(route)
          if (place?.kind === 'tenant') return [{ route, tenantParam: place.tenantParam }]
          return place?.kind === 'outside' ? [{ route }] : []
        }),
        accessOf: access,
        roles: tenancy.roles,
        source: bound.client,
        shared: walk.victim,
        makeTenant: setup.makeTenant,
        makeMember: setup.makeCaller,
        requests,
      })
    : { rows: [], calls: 0 }

  const unverified = [...stray, ...walk.unverified]
  for (const row of matrix.rows.filter(isUnverifiedRow)) {
    if (unverified.some((entry) => entry.route === row.route)) continue
    const cell = Object.entries(row.cells).find(([, c]) => c.unverified)
    unverified.push({
      route: row.route,
      reason:
        row.problem ??
        `the matrix's call as ${cell?.[0]} was refused by validation (${cell?.[1].got}): give a valid body in the tenancy's bodies: { '${row.route}': … }`,
    })
  }
  const broken = matrix.rows.filter(isBroken)
  const bad = new Set([
    ...walk.failures.map((f) => f.route),
    ...broken.map((r) => r.route),
    ...unverified.map((u) => u.route),
  ])
  const report: AccessReport = {
    walked: walk.walked,
    verified: routes
      .map(routeName)
      .filter(
        (name, i, all) => all.indexOf(name) === i && !bad.has(name) && !leftOut.some((l) => l.route === name),
      ),
    unverified,
    leftOut,
    rows: matrix.rows,
    calls: { walk: walk.calls, matrix: matrix.calls },
    made: setup.made,
    ms: { walk: walkMs, matrix: performance.now() - started, setup: setup.ms() },
  }
  if (walk.failures.length > 0 || broken.length > 0 || unverified.length > 0) {
    throw new AccessRulesError(
      describeReport(report, walk.failures, broken, tenancy.roles, [...refusals]),
      report,
      walk.failures,
      broken,
    )
  }
  return report
}

/** The tenancy's tenant and member makers, counted and timed for the report. */
function countedSetup<Tenant, Member, Role extends string>(bound: BoundTenancy<Tenant, Member, Role>) {
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
    makeTenant: async (): Promise<WalkTenant<Tenant>> => {
      made.tenants++
      return timed(() => bound.walkTenant())
    },
    makeCaller: async (tenant: WalkTenant<Tenant>, role: Role) => {
      made.members++
      const member = await timed(() => bound.createMember(tenant.tenant, role))
      return bound.client.as(bound.tenancy.user(member))
    },
  }
}

function checkDeclarations<Tenant, Member, Role extends string>(
  bound: BoundTenancy<Tenant, Member, Role>,
  tenantRoutes: readonly TenantRoute[],
): void {
  const { roles, access } = bound.tenancy
  if (!access) return
  for (const { route } of tenantRoutes) {
    const declared = access(route)
    if (declared === undefined || 'public' in declared) continue
    for (const role of [declared.role, declared.othersRole]) {
      if (role !== undefined && !roles.includes(role)) {
        throw new TenancyError(
          `${routeName(route)} declares the role "${role}", which is not in the tenancy's roles (${roles.join(', ')}). Add it to roles, in order, or fix the route's declaration.`,
        )
      }
    }
  }
}

function describeReport(
  report: AccessReport,
  walk: readonly WalkFailure[],
  broken: readonly MatrixRow[],
  roles: readonly string[],
  refusals: readonly number[],
): string {
  const holes = new Set([...walk.map((f) => f.route), ...broken.map((r) => r.route)])
  const { unverified, leftOut } = report
  const lines = [
    `Access rules: ${holes.size} route${holes.size === 1 ? '' : 's'} with a hole, ${unverified.length} not verified, ${report.verified.length} verified, ${leftOut.length} left out (walk: ${report.walked.length} routes, ${report.calls.walk} calls; matrix: ${report.rows.length} routes × ${roles.length + 1} callers, ${report.calls.matrix} calls).`,
  ]
  if (walk.length > 0) {
    const width = Math.max(...walk.map((f) => f.route.length))
    lines.push(
      '',
      `Cross-tenant walk: a member of another tenant, with ids of this tenant, must be refused (${refusals.join(' or ')}):`,
      ...walk.map((f) => `  ${f.route.padEnd(width)}  ${f.call} → ${f.status} ${f.detail}`),
    )
  }
  if (broken.length > 0) {
    lines.push(
      '',
      'Authorization matrix: a cell is the status got, ✗ got (want …); ok = reached the handler (not 400, 401, 403, 422, 5xx):',
      ...(broken.some((row) => row.problem)
        ? [
            '(✗ none: a tenant route that declares no role; declare one on the route, or skip it in the tenancy)',
          ]
        : []),
      renderMatrix(broken, ['anonymous', ...roles]),
    )
  }
  if (unverified.length > 0) {
    lines.push(
      '',
      'Not verified (neither a pass nor a hole):',
      ...unverified.map((u) => `  ${u.route}: ${u.reason}`),
    )
  }
  if (leftOut.length > 0) {
    lines.push('', 'Left out (the tenancy skips them):', ...leftOut.map((l) => `  ${l.route}: ${l.reason}`))
  }
  return lines.join('\n')
}
