// The authorization matrix: every route called as every role of a tenant (lowest first) and
// anonymously. At and above the role the route declares, the call must reach the handler;
// below it, 403; anonymous, 401 unless the route is public. The failure is a table.
import { idsFor, type WalkTenant } from './hierarchy-walk.ts'
import { paramsOf } from './path-params.ts'
import type { Caller, CallerSource, RouteRequests } from './route-calls.ts'
import { isSafe, isValidationStatus, routeName } from './route-calls.ts'
import type { RecordedRoute } from './route-table.ts'
import type { RouteAccess } from './tenancy.ts'

/** 401, 403, or `ok`: the call reached the handler (anything but 400, 401, 403, 422 or a 5xx). */
export type Expectation = 401 | 403 | 'ok'

/** `unverified`: validation refused the call (400 or 422), so it says nothing about access. */
export type MatrixCell = { expected: Expectation; got: number; passed: boolean; unverified?: true }

export type MatrixRow = {
  route: string
  /** What the route declares, as the table shows it: `ADMIN`, `public`, `signed in`, … */
  declared: string
  /** By caller: `anonymous` and each role. Absent: not called (a role outside the tenant routes). */
  cells: Record<string, MatrixCell>
  /** Set when the route cannot be checked (it declares no role, or no request could be built). */
  problem?: string
}

export type MatrixInput<Role extends string, Tenant> = {
  /** Every route of the app to check, in call order, with its tenant parameter if it has one. */
  routes: readonly { route: RecordedRoute; tenantParam?: string }[]
  accessOf: (route: RecordedRoute) => RouteAccess<Role> | undefined
  roles: readonly Role[]
  source: CallerSource
  /** The tenant safe routes are called on; unsafe ones get a fresh tenant each. */
  shared: WalkTenant<Tenant>
  makeTenant: () => Promise<WalkTenant<Tenant>>
  makeMember: (tenant: WalkTenant<Tenant>, role: Role) => Promise<Caller>
  requests: RouteRequests
}

export type MatrixResult = { rows: MatrixRow[]; calls: number }

export async function runRoleMatrix<Role extends string, Tenant>(
  input: MatrixInput<Role, Tenant>,
): Promise<MatrixResult> {
  const { roles, requests } = input
  const anonymous = input.source.anonymous()
  const members = new Map<WalkTenant<Tenant>, Promise<Caller[]>>()
  const membersOf = (tenant: WalkTenant<Tenant>) => {
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
  const checkRoute = async ({
    route,
    tenantParam,
  }: {
    route: RecordedRoute
    tenantParam?: string
  }): Promise<MatrixRow> => {
    const access = input.accessOf(route)
    const isPublic = access !== undefined && 'public' in access
    const row: MatrixRow = {
      route: routeName(route),
      declared: describe(access, tenantParam !== undefined),
      cells: {},
    }
    // Outside the tenant routes: no tenant ids, only the anonymous check (none if public).
    if (tenantParam === undefined && isPublic) return row
    if (tenantParam !== undefined && access === undefined) return { ...row, problem: NO_ROLE }
    const parts = await requests.prepare(route)
    if (!parts.ok) return { ...row, problem: parts.reason }
    const check = async (caller: Caller, params: Record<string, string>, expected: Expectation) => {
      calls++
      const got = (await caller.request(requests.request(route, parts, params))).status
      const cell: MatrixCell = { expected, got, passed: meets(expected, got) }
      return isValidationStatus(got) ? { ...cell, unverified: true as const } : cell
    }
    if (tenantParam === undefined || access === undefined) {
      row.cells.anonymous = await check(anonymous, placeholders(route, input.shared), 401)
      return row
    }
    const tenant = isSafe(route.method) ? input.shared : await input.makeTenant()
    const params = idsFor(tenant, tenantParam)
    if (!isPublic) row.cells.anonymous = await check(anonymous, params, 401)
    const least = isPublic ? 0 : roles.indexOf(access.othersRole ?? access.role)
    const callers = await membersOf(tenant)
    // Lowest role first: a role refused as it should be changes nothing for the next one.
    for (const [rank, role] of roles.entries()) {
      const caller = callers[rank] as Caller
      row.cells[role] = await check(caller, params, rank >= least ? 'ok' : 403)
    }
    return row
  }
  // One route at a time: running several at once bought nothing measurable (the calls share one
  // database connection in transaction mode, and the CPU), and order keeps the log readable.
  const rows: MatrixRow[] = []
  for (const entry of input.routes) rows.push(await checkRoute(entry))
  return { rows, calls }
}

function meets(expected: Expectation, got: number): boolean {
  if (expected === 'ok') return !isValidationStatus(got) && got !== 401 && got !== 403 && got < 500
  return got === expected
}

function describe<Role extends string>(access: RouteAccess<Role> | undefined, tenantRoute: boolean): string {
  if (access === undefined) return tenantRoute ? 'none' : 'signed in'
  if ('public' in access) return 'public'
  return access.othersRole ? `${access.role}, others' ${access.othersRole}` : access.role
}

/** Ids for a route outside the tenant routes: the shared tenant's where the names match. */
function placeholders(route: RecordedRoute, tenant: WalkTenant): Record<string, string> {
  const params: Record<string, string> = {}
  for (const param of paramsOf(route.url))
    params[param] = tenant.children[param] ?? '00000000-0000-4000-8000-000000000000'
  return params
}

const NO_ROLE = 'declares no role'

/** A row the matrix could not check: no request could be built, or validation refused a call. */
export function isUnverifiedRow(row: MatrixRow): boolean {
  if (row.problem !== undefined) return row.problem !== NO_ROLE
  return Object.values(row.cells).some((cell) => cell.unverified)
}

/** A row with a cell that broke the route's declaration (not counting calls validation stopped). */
export function isBroken(row: MatrixRow): boolean {
  if (row.problem === NO_ROLE) return true
  return Object.values(row.cells).some((cell) => !cell.passed && !cell.unverified)
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
      if (cell.unverified) return `? ${cell.got}`
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
