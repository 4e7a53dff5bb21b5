// The authorization matrix: every route called as every role of a tenant (lowest first) and
// anonymously. At and above the role the route declares, the call must reach the handler;
// below it, 403; anonymous, 401 unless the route is public. The failure is a table.
import type { AccessTenant } from './hierarchy-walk.ts'
import { paramsOf } from './path-params.ts'
import type { Caller, CallerSource, RouteRequestBuilder } from './route-calls.ts'
import { isSafe, routeName } from './route-calls.ts'
import type { RecordedRoute } from './route-table.ts'

/**
 * Who may call a route: anyone (`public`), or members from `role` up. `othersRole`: the route's
 * handler lets a member from `role` up act on what they own (items they wrote, their own
 * membership) and needs `othersRole` for anyone else's; the kit's members own nothing, so
 * they need `othersRole`.
 */
export type RouteAccess<Role extends string> = { public: true } | { role: Role; othersRole?: Role }

/** 401, 403, or `ok`: the call reached the handler (anything but 400, 401, 403 or a 5xx). */
export type Expectation = 401 | 403 | 'ok'

export type MatrixCell = { expected: Expectation; got: number; passed: boolean }

export type MatrixRow = {
  route: string
  /** What the route declares, as the table shows it: `ADMIN`, `public`, `signed in`, … */
  declared: string
  /** By caller: `anonymous` and each role. Absent: not called (a role outside the prefix). */
  cells: Record<string, MatrixCell>
  /** Set when the route cannot be checked (it declares no role). */
  problem?: string
}

export type MatrixInput<Role extends string, Tenant extends AccessTenant> = {
  /** Every route of the app, in call order. */
  routes: readonly RecordedRoute[]
  isTenantRoute: (route: RecordedRoute) => boolean
  accessOf: (route: RecordedRoute) => RouteAccess<Role> | undefined
  roles: readonly Role[]
  source: CallerSource
  /** The tenant safe routes are called on; unsafe ones get a fresh tenant each. */
  shared: Tenant
  makeTenant: () => Promise<Tenant>
  makeMember: (tenant: Tenant, role: Role) => Promise<Caller>
  build: RouteRequestBuilder
}

export type MatrixResult = { rows: MatrixRow[]; calls: number }

export async function runRoleMatrix<Role extends string, Tenant extends AccessTenant>(
  input: MatrixInput<Role, Tenant>,
): Promise<MatrixResult> {
  const { roles, build } = input
  const anonymous = input.source.anonymous()
  const members = new Map<Tenant, Promise<Caller[]>>()
  const membersOf = (tenant: Tenant) => {
    let made = members.get(tenant)
    if (!made) {
      made = (async () => {
        const callers: Caller[] = []
        for (const role of roles) callers.push(await input.makeMember(tenant, role))
        return callers
      })()
      members.set(tenant, made)
    }
    return made
  }
  let calls = 0
  const check = async (
    caller: Caller,
    route: RecordedRoute,
    params: Record<string, string>,
    expected: Expectation,
  ) => {
    calls++
    const got = (await caller.request(build(route, params))).status
    return { expected, got, passed: meets(expected, got) }
  }

  const checkRoute = async (route: RecordedRoute): Promise<MatrixRow> => {
    const access = input.accessOf(route)
    const isPublic = access !== undefined && 'public' in access
    const row: MatrixRow = {
      route: routeName(route),
      declared: describe(access, input.isTenantRoute(route)),
      cells: {},
    }
    if (!input.isTenantRoute(route)) {
      // Outside the tenant prefix: no tenant ids, only the anonymous check.
      if (!isPublic)
        row.cells.anonymous = await check(anonymous, route, placeholders(route, input.shared), 401)
      return row
    }
    if (access === undefined) return { ...row, problem: 'declares no role' }
    const tenant = isSafe(route.method) ? input.shared : await input.makeTenant()
    const params = { ...tenant.params }
    if (!isPublic) row.cells.anonymous = await check(anonymous, route, params, 401)
    const least = isPublic ? 0 : roles.indexOf(access.othersRole ?? access.role)
    const callers = await membersOf(tenant)
    // Lowest role first: a role refused as it should be changes nothing for the next one.
    for (const [rank, role] of roles.entries()) {
      const caller = callers[rank] as Caller
      row.cells[role] = await check(caller, route, params, rank >= least ? 'ok' : 403)
    }
    return row
  }
  // One route at a time: running several at once bought nothing measurable (the calls share one
  // database connection in transaction mode, and the CPU), and order keeps the log readable.
  const rows: MatrixRow[] = []
  for (const route of input.routes) rows.push(await checkRoute(route))
  return { rows, calls }
}

function meets(expected: Expectation, got: number): boolean {
  if (expected === 'ok') return got !== 400 && got !== 401 && got !== 403 && got < 500
  return got === expected
}

function describe<Role extends string>(access: RouteAccess<Role> | undefined, tenantRoute: boolean): string {
  if (access === undefined) return tenantRoute ? 'none' : 'signed in'
  if ('public' in access) return 'public'
  return access.othersRole ? `${access.role}, others' ${access.othersRole}` : access.role
}

/** Ids for a route outside the prefix: the shared tenant's where the names match. */
function placeholders(route: RecordedRoute, tenant: AccessTenant): Record<string, string> {
  const params: Record<string, string> = {}
  for (const param of paramsOf(route.url))
    params[param] = tenant.params[param] ?? '00000000-0000-4000-8000-000000000000'
  return params
}

export function isBroken(row: MatrixRow): boolean {
  return row.problem !== undefined || Object.values(row.cells).some((cell) => !cell.passed)
}

/**
 * The broken rows as a table: one column per caller, a cell shows the status got, and a broken
 * one `✗ got (want expected)`.
 */
export function renderMatrix(rows: readonly MatrixRow[], callers: readonly string[]): string {
  const header = ['route', 'declared', ...callers]
  const body = rows.map((row) => [
    row.route,
    row.problem ? `✗ ${row.declared}` : row.declared,
    ...callers.map((caller) => {
      const cell = row.cells[caller]
      if (!cell) return '–'
      return cell.passed ? String(cell.got) : `✗ ${cell.got} (want ${cell.expected})`
    }),
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((line) => line[i]?.length ?? 0)))
  const format = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [format(header), ...body.map(format)].join('\n')
}
