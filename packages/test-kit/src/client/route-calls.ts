// One call to a recorded route as the access walks make it: the URL with the given ids, and a
// body and query built from the route's schema (or given by the suite), so the call gets past
// validation to the handler.
import type { ApiResponse, Identity, RawRequest } from './api-client.ts'
import { fillPath, type PathParamValues } from './path-params.ts'
import type { RecordedRoute } from './route-table.ts'
import { sampleFromSchema } from './schema-sample.ts'

/** What the walks call through: anything with `request()`, e.g. an ApiClient. */
export type Caller = { request(options: RawRequest<'authenticated'>): Promise<ApiResponse> }

/** Makes callers: an ApiClient (`api`) is one. */
export type CallerSource = { as(user: Identity): Caller; anonymous(): Caller }

/** `"GET /orgs/:orgId"`: how routes are named in options and failures. */
export const routeName = (route: Pick<RecordedRoute, 'method' | 'url'>) => `${route.method} ${route.url}`

/** Methods that change nothing: a walk calls them freely and reads their answers. */
export function isSafe(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
}

/** Safe methods first, DELETE last: a route that wrongly deletes hides the fewest others. */
export function callOrder(a: RecordedRoute, b: RecordedRoute): number {
  const rank = (method: string) => (isSafe(method) ? 0 : method === 'DELETE' ? 2 : 1)
  return rank(a.method) - rank(b.method)
}

export type RouteRequestBuilder = (
  route: RecordedRoute,
  params: PathParamValues,
) => RawRequest<'authenticated'>

/**
 * Builds requests for routes: the body from `bodies["METHOD /path"]` or the route's body schema,
 * the required query parameters from its querystring schema; each built once per route.
 */
export function routeRequests(bodies: Readonly<Record<string, unknown>> = {}): RouteRequestBuilder {
  const payloads = new Map<RecordedRoute, { payload?: unknown; query?: Record<string, string> }>()
  const parts = (route: RecordedRoute) => {
    let built = payloads.get(route)
    if (!built) {
      const name = routeName(route)
      const schema = route.schema
      const payload =
        name in bodies
          ? bodies[name]
          : schema?.body !== undefined
            ? sampleFromSchema(schema.body, `the body of ${name}`)
            : undefined
      const query =
        schema?.querystring === undefined
          ? undefined
          : toQuery(sampleFromSchema(schema.querystring, `the querystring of ${name}`))
      built = { payload, query }
      payloads.set(route, built)
    }
    return built
  }
  return (route, params) => {
    const { payload, query } = parts(route)
    return {
      method: route.method as RawRequest<'authenticated'>['method'],
      url: fillPath(route.url, params, () => ''),
      ...(query && Object.keys(query).length > 0 ? { query } : {}),
      ...(payload === undefined ? {} : { payload: payload as RawRequest<'authenticated'>['payload'] }),
    }
  }
}

function toQuery(sample: unknown): Record<string, string> {
  const query: Record<string, string> = {}
  if (typeof sample !== 'object' || sample === null) return query
  for (const [name, value] of Object.entries(sample)) query[name] = String(value)
  return query
}
