// The tenant-isolation walk: every route under the tenant prefix, called by a member of another
// tenant with the ids of this one, must answer 404. A route added tomorrow is checked too.
import { expect } from 'vitest'
import { RouteTableError } from '../errors.ts'
import type { ApiResponse, RawRequest } from './api-client.ts'
import { fillPath, missingParams, type PathParamValues } from './path-params.ts'
import { routesOf } from './route-table.ts'
import type { AnyApp } from './route-types.ts'

export type TenantIsolationOptions = {
  /** A client authenticated as a member of another tenant (an OWNER there, ideally). */
  client: { request(options: RawRequest<'authenticated'>): Promise<ApiResponse> }
  /** Ids of the tenant under attack, one per path parameter: `{ orgId, contentId, … }`. */
  params: PathParamValues
  /** Routes under this path are walked: your tenant's route prefix (`/orgs/:orgId`, `/workspaces/:workspaceId`). */
  prefix: string
  /** Default 404: anything else confirms that the resource exists. */
  status?: number
}

export type IsolationReport = { checked: string[] }

/**
 * Walks Fastify's route table (recorded by `withApp`/`recordRoutes`) and fails listing every
 * route under `prefix` that answers the outsider with anything but `status`.
 * @example
 * await expectTenantIsolation(app, {
 *   client: api.as(outsider),
 *   params: { orgId: org.id, contentId: item.id, memberId: membership.id },
 * })
 */
export async function expectTenantIsolation(
  app: AnyApp,
  options: TenantIsolationOptions,
): Promise<IsolationReport> {
  const { prefix } = options
  const expected = options.status ?? 404
  const routes = routesOf(app).filter((route) => route.url === prefix || route.url.startsWith(`${prefix}/`))
  if (routes.length === 0) {
    throw new RouteTableError(
      `No route under ${prefix} in the recorded route table. Check the prefix, and that the app was built by withApp() (or recordRoutes(app) ran before app.ready()).`,
    )
  }
  const failures: string[] = []
  const checked: string[] = []
  for (const route of routes) {
    const name = `${route.method} ${route.url}`
    const missing = missingParams(route.url, options.params)
    if (missing.length > 0) {
      failures.push(
        `${name}: no id for ${missing.map((p) => `params.${p}`).join(', ')}; pass one in the options`,
      )
      continue
    }
    const url = fillPath(route.url, options.params, () => '')
    const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method)
    const response = await options.client.request({
      method: route.method as RawRequest<'authenticated'>['method'],
      url,
      ...(withBody ? { payload: {} } : {}),
    })
    checked.push(name)
    if (response.status !== expected) {
      failures.push(`${name} → ${response.status} ${response.text.slice(0, 300)}`)
    }
  }
  expect(
    failures,
    `${failures.length} of ${routes.length} routes under ${prefix} did not answer ${expected} to a member of another tenant:\n${failures.join('\n')}`,
  ).toEqual([])
  return { checked }
}
