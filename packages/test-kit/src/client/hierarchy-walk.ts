// The hierarchy walk (IDOR / BOLA): a member of another tenant calls every route under the
// tenant prefix with this tenant's ids — this tenant's id (the outsider call), and their own
// tenant id with this tenant's child ids in every mix — and must get 404 each time. Their own
// reads must not hold any id of this tenant (a list that forgets the tenant filter).

import { paramsOf } from './path-params.ts'
import type { Caller, RouteRequestBuilder } from './route-calls.ts'
import { isSafe, routeName } from './route-calls.ts'
import type { RecordedRoute } from './route-table.ts'

/** A tenant the walks use: its id and one child id for each path parameter under the prefix. */
export type AccessTenant = { params: Readonly<Record<string, string>> }

export type WalkFailure = {
  route: string
  /** Which ids the call used, e.g. `own orgId, this tenant's contentId`. */
  call: string
  status: number
  detail: string
}

export type WalkInput<Tenant extends AccessTenant> = {
  /** Routes under the prefix, in call order. */
  routes: readonly RecordedRoute[]
  /** Reads outside the prefix that need no ids (`GET /me`): checked for leaked ids only. */
  reads: readonly RecordedRoute[]
  tenantParam: string
  victim: Tenant
  attacker: Tenant
  /** A member of `attacker`. */
  caller: Caller
  build: RouteRequestBuilder
  /** A fresh victim, after a call that got through may have changed this one. */
  renewVictim: () => Promise<Tenant>
}

export type WalkResult<Tenant extends AccessTenant> = {
  failures: WalkFailure[]
  calls: number
  walked: string[]
  /** The victim at the end (renewed if a write got through): the matrix reuses it. */
  victim: Tenant
}

export async function walkHierarchy<Tenant extends AccessTenant>(
  input: WalkInput<Tenant>,
): Promise<WalkResult<Tenant>> {
  const { tenantParam, attacker, caller, build } = input
  let victim = input.victim
  const failures: WalkFailure[] = []
  let calls = 0
  const call = async (route: RecordedRoute, params: Record<string, string>) => {
    calls++
    return caller.request(build(route, params))
  }

  for (const route of input.routes) {
    const name = routeName(route)
    const children = paramsOf(route.url).filter((param) => param !== tenantParam)
    const attempts: [string, Record<string, string>][] = [["this tenant's ids", { ...victim.params }]]
    for (let mask = 1; mask < 2 ** children.length; mask++) {
      const params: Record<string, string> = { [tenantParam]: attacker.params[tenantParam] ?? '' }
      const theirs = children.filter((_, i) => mask & (1 << i))
      for (const child of children)
        params[child] = (theirs.includes(child) ? victim : attacker).params[child] ?? ''
      attempts.push([`own ${tenantParam}, this tenant's ${theirs.join(', ')}`, params])
    }
    let through = false
    for (const [label, params] of attempts) {
      const res = await call(route, params)
      if (res.status === 404) continue
      through = true
      failures.push({ route: name, call: label, status: res.status, detail: excerpt(res.text) })
    }
    if (route.method === 'GET') {
      const res = await call(route, { ...attacker.params })
      const leak = leakedId(res.text, victim)
      if (leak) failures.push({ route: name, call: 'own tenant', status: res.status, detail: leak })
    }
    // A write that got through may have changed or deleted the victim's rows: later routes get
    // a fresh victim, so they are not reported as safe only because their target is gone.
    if (through && !isSafe(route.method)) victim = await input.renewVictim()
  }

  for (const route of input.reads) {
    const res = await call(route, {})
    const leak = leakedId(res.text, victim)
    if (leak)
      failures.push({ route: routeName(route), call: 'own session', status: res.status, detail: leak })
  }
  return { failures, calls, walked: input.routes.map(routeName), victim }
}

function leakedId(text: string, victim: AccessTenant): string | undefined {
  for (const [param, id] of Object.entries(victim.params)) {
    if (id && text.includes(id)) return `the answer holds this tenant's ${param} (${id})`
  }
  return undefined
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat || '(empty body)'
}
