// The cross-tenant walk (IDOR / BOLA): a member of another tenant calls every tenant route with
// this tenant's ids — this tenant's key (the outsider call), and their own tenant's key with this
// tenant's child ids in every mix — and must be refused each time (404, or the status the app
// answers outsiders). Their own reads must not hold any id of this tenant (a list that forgets
// the tenant filter). A call refused by validation proves nothing: the route is reported as not
// verified, never as a pass or a hole.
import { paramsOf } from './path-params.ts'
import type { Caller, RouteRequests } from './route-calls.ts'
import { isSafe, isValidationStatus, routeName } from './route-calls.ts'
import type { RecordedRoute } from './route-table.ts'

/** A tenant as the walks use it: the tenant, its key in URLs and one id per child parameter. */
export type WalkTenant<Tenant = unknown> = {
  tenant: Tenant
  key: string
  children: Readonly<Record<string, string>>
}

/** A tenant route and the name its tenant parameter has there. */
export type TenantRoute = { route: RecordedRoute; tenantParam: string }

export type WalkFailure = {
  route: string
  /** Which ids the call used, e.g. `own orgId, this tenant's contentId`. */
  call: string
  status: number
  detail: string
}

export type Unverified = { route: string; reason: string }

export type WalkInput<Tenant> = {
  /** Tenant routes, in call order. */
  routes: readonly TenantRoute[]
  /** Reads outside the tenant routes that need no ids (`GET /me`): checked for leaked ids only. */
  reads: readonly RecordedRoute[]
  victim: WalkTenant<Tenant>
  attacker: WalkTenant<Tenant>
  /** A member of `attacker`. */
  caller: Caller
  requests: RouteRequests
  /** Statuses that refuse an outsider (404 and the tenancy's `outsider`). */
  refusals: ReadonlySet<number>
  /** A fresh victim, after a call that got through may have changed this one. */
  renewVictim: () => Promise<WalkTenant<Tenant>>
}

export type WalkResult<Tenant> = {
  failures: WalkFailure[]
  unverified: Unverified[]
  calls: number
  walked: string[]
  /** The victim at the end (renewed if a write got through): the matrix reuses it. */
  victim: WalkTenant<Tenant>
}

/** The ids of `tenant` for a route whose tenant parameter is `tenantParam`. */
export function idsFor(tenant: WalkTenant, tenantParam: string): Record<string, string> {
  return { ...tenant.children, [tenantParam]: tenant.key }
}

/** The child parameters of `route` that `tenant` has no id for. */
function missingIds(entry: TenantRoute, tenant: WalkTenant): string[] {
  return paramsOf(entry.route.url).filter(
    (param) => param !== entry.tenantParam && tenant.children[param] === undefined,
  )
}

export async function walkHierarchy<Tenant>(input: WalkInput<Tenant>): Promise<WalkResult<Tenant>> {
  const { attacker, caller, requests, refusals } = input
  let victim = input.victim
  const failures: WalkFailure[] = []
  const unverified: Unverified[] = []
  const walked: string[] = []
  let calls = 0

  for (const entry of input.routes) {
    const { route, tenantParam } = entry
    const name = routeName(route)
    const missing = missingIds(entry, victim)
    if (missing.length > 0) {
      unverified.push({
        route: name,
        reason: `no id for ${missing.map((p) => `:${p}`).join(', ')}: return one from the tenancy's children (ctx, tenant) => ({ ${missing.join(', ')} })`,
      })
      continue
    }
    const parts = await requests.prepare(route)
    if (!parts.ok) {
      unverified.push({ route: name, reason: parts.reason })
      continue
    }
    walked.push(name)
    const children = paramsOf(route.url).filter((param) => param !== tenantParam)
    const attempts: [string, Record<string, string>][] = [["this tenant's ids", idsFor(victim, tenantParam)]]
    for (let mask = 1; mask < 2 ** children.length; mask++) {
      const theirs = children.filter((_, i) => mask & (1 << i))
      const params = idsFor(attacker, tenantParam)
      for (const child of theirs) params[child] = victim.children[child] ?? ''
      attempts.push([`own ${tenantParam}, this tenant's ${theirs.join(', ')}`, params])
    }
    let through = false
    for (const [label, params] of attempts) {
      calls++
      const res = await caller.request(requests.request(route, parts, params))
      if (refusals.has(res.status)) continue
      if (isValidationStatus(res.status)) {
        unverified.push({
          route: name,
          reason: `the walk's request (${label}) was refused by validation, ${res.status} ${excerpt(res.text)}: give a valid body in the tenancy's bodies: { '${name}': … }`,
        })
        break
      }
      through = true
      failures.push({ route: name, call: label, status: res.status, detail: excerpt(res.text) })
    }
    if (route.method === 'GET') {
      calls++
      const res = await caller.request(requests.request(route, parts, idsFor(attacker, tenantParam)))
      const leak = leakedId(res.text, victim, tenantParam)
      if (leak) failures.push({ route: name, call: 'own tenant', status: res.status, detail: leak })
    }
    // A write that got through may have changed or deleted the victim's rows: later routes get
    // a fresh victim, so they are not reported as safe only because their target is gone.
    if (through && !isSafe(route.method)) victim = await input.renewVictim()
  }

  for (const route of input.reads) {
    const parts = await requests.prepare(route)
    if (!parts.ok) continue
    calls++
    const res = await caller.request(requests.request(route, parts, {}))
    const leak = leakedId(res.text, victim, input.routes[0]?.tenantParam ?? 'tenant')
    if (leak)
      failures.push({ route: routeName(route), call: 'own session', status: res.status, detail: leak })
  }
  return { failures, unverified, calls, walked, victim }
}

/**
 * Where `text` holds one of the victim's ids. A distinctive id (a uuid, a cuid, a slug: six or more
 * characters, not all digits) counts anywhere in the answer; a number or a short id counts only as
 * the value of a key of its own name (`"projectId": 10`, and the tenant key under the tenant
 * parameter's name, which a leaked row carries as its foreign key), since small numbers of other
 * tables turn up everywhere.
 */
function leakedId(text: string, victim: WalkTenant, tenantParam: string): string | undefined {
  const ids: [string, string][] = [[tenantParam, victim.key], ...Object.entries(victim.children)]
  let parsed: unknown
  for (const [param, id] of ids) {
    if (!id) continue
    if (isDistinctive(id)) {
      if (text.includes(id)) return `the answer holds this tenant's ${param} (${id})`
      continue
    }
    if (parsed === undefined) parsed = parseJson(text)
    if (holdsUnder(parsed, param, id)) return `the answer holds this tenant's ${param} (${id}) as "${param}"`
  }
  return undefined
}

function isDistinctive(id: string): boolean {
  return id.length >= 6 && !/^\d+$/.test(id)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function holdsUnder(value: unknown, key: string, id: string): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsUnder(item, key, id))
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(
    ([name, inner]) =>
      (name === key && (typeof inner === 'string' || typeof inner === 'number') && String(inner) === id) ||
      holdsUnder(inner, key, id),
  )
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat || '(empty body)'
}
