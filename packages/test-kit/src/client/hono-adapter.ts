// Hono 4 as an adapter: requests through `app.request` (a fetch Request, no socket), routes from
// `app.routes`, where every handler of a route is an entry of its own (`app.route('/x', sub)`
// merges a sub-app's entries under its base path). An endpoint is a method and path with a handler
// that is not middleware (`use()` entries are `ALL` middleware). Paths: `:id` as is, a constraint
// `:id{[0-9]+}` → `:id`, an optional `/:id?` left out, a wildcard `*` → `:wildcard`. What a route
// declares comes from a `declareRoute(…)` among its handlers; @hono/zod-validator keeps its schema
// in a closure, so bodies come from `declareRoute(config, { body })` or the tenancy's `bodies`.
import type { AppAdapter, AppRequest, AppResponse } from './app-adapter.ts'
import { declarationOf, declaredSchema, type RouteDeclaration } from './declare-route.ts'
import type { RecordedRoute } from './route-table.ts'

/** A Hono app, as far as the kit needs one. */
export type HonoApp = {
  request: (input: string, init?: RequestInit) => Response | Promise<Response>
  fetch: (...args: never[]) => unknown
  routes: readonly { method: string; path: string; handler: unknown }[]
}

/** Hono's mark on a sub-app handler `route()` wrapped in the sub-app's error handler. */
const COMPOSED = '__COMPOSED_HANDLER'

export const honoAdapter: AppAdapter<HonoApp> = {
  name: 'hono',
  prepare: () => {},
  listsRoutes: () => true,
  ready: async () => {},
  close: async () => {},
  async inject(app, request: AppRequest): Promise<AppResponse> {
    const headers = new Headers(request.headers)
    let body: RequestInit['body']
    const { payload } = request
    if (typeof payload === 'string' || payload instanceof Uint8Array) body = payload as string
    else if (payload !== undefined) {
      body = JSON.stringify(payload)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    const response = await app.request(request.url, { method: request.method, headers, body })
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    }
  },
  routes(app) {
    const groups = new Map<string, { method: string; path: string; handlers: unknown[] }>()
    for (const entry of app.routes) {
      const key = `${entry.method} ${entry.path}`
      let group = groups.get(key)
      if (!group) {
        group = { method: entry.method, path: entry.path, handlers: [] }
        groups.set(key, group)
      }
      group.handlers.push(unwrap(entry.handler))
    }
    const routes: RecordedRoute[] = []
    for (const { method, path, handlers } of groups.values()) {
      // `use()` middleware and `.all()` routes answer every method: not endpoints the walks can call.
      if (method === 'ALL') continue
      const declaration = handlers.map(declarationOf).find(Boolean) as RouteDeclaration | undefined
      routes.push({
        method,
        url: kitPath(path),
        schema: declaredSchema(declaration) as RecordedRoute['schema'],
        config: (declaration?.config ?? {}) as RecordedRoute['config'],
        implicitHead: false,
      })
    }
    return routes
  },
}

function unwrap(handler: unknown): unknown {
  let inner = handler
  while (typeof inner === 'function' && COMPOSED in inner)
    inner = (inner as Record<string, unknown>)[COMPOSED]
  return inner
}

/** A Hono path in the kit's form. */
function kitPath(path: string): string {
  const out = path
    .replace(/\/:[A-Za-z0-9_]+(\{[^}]*\})?\?/g, '')
    .replace(/:([A-Za-z0-9_]+)\{[^}]*\}/g, ':$1')
    .replace(/\/\*$/, '/:wildcard')
  return out.length > 1 ? out.replace(/\/$/, '') : out
}
