// Express 5 as an adapter: requests through light-my-request into the app's request listener (no
// socket), routes read from the router stack. A route layer keeps its path (`route.path`); a
// mounted router's layer keeps the path it was mounted at as `rawPath` (router ≥ 2.3, what Express
// 5 installs), so nested routers are listed under their mount paths without patching Express.
// Paths are path-to-regexp 8's: `:id` stays, a wildcard `*rest` becomes `:rest`, optional groups
// `{/:format}` are left out (the route answers without them). What a route declares comes from a
// `declareRoute(…)` among its handlers.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RouteTableError } from '../errors.ts'
import type { AppAdapter, AppRequest, AppResponse } from './app-adapter.ts'
import { declarationOf, declaredSchema } from './declare-route.ts'
import type { RecordedRoute } from './route-table.ts'

/** An Express app, as far as the kit needs one: a request listener with a router. */
export type ExpressApp = ((req: IncomingMessage, res: ServerResponse) => unknown) & {
  router?: unknown
}

type Layer = {
  route?: { path: string | RegExp | (string | RegExp)[]; methods: Record<string, boolean>; stack: Layer[] }
  handle: ((...args: never[]) => unknown) & { stack?: Layer[] }
  rawPath?: string | RegExp | (string | RegExp)[]
  slash?: boolean
  name?: string
}

let inject: typeof import('light-my-request').inject | undefined

export const expressAdapter: AppAdapter<ExpressApp> = {
  name: 'express',
  prepare: () => {},
  listsRoutes: () => true,
  ready: async () => {},
  close: async () => {},
  async inject(app, request: AppRequest): Promise<AppResponse> {
    inject ??= (await import('light-my-request')).inject
    const response = await inject(app as never, {
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload as string }),
    })
    return { statusCode: response.statusCode, headers: response.headers, body: response.body }
  },
  routes(app) {
    return expressEndpoints(app).map(({ method, url, handlers }) => {
      const declaration = handlers.map(declarationOf).find(Boolean)
      return {
        method,
        url,
        schema: declaredSchema(declaration) as RecordedRoute['schema'],
        config: (declaration?.config ?? {}) as RecordedRoute['config'],
        implicitHead: false,
      }
    })
  },
}

/** An endpoint of an Express app: its method, its path in the kit's form, its own handlers. */
export type ExpressEndpoint = { method: string; url: string; handlers: readonly unknown[] }

/** Every endpoint of an Express 5 app, read from its router stack (Nest's Express platform too). */
export function expressEndpoints(app: ExpressApp): ExpressEndpoint[] {
  const stack = (app.router as { stack?: Layer[] } | undefined)?.stack
  if (!Array.isArray(stack)) {
    throw new RouteTableError(
      'This Express app has no router stack to read its routes from: the kit reads Express 5 apps (express()).',
    )
  }
  const endpoints: ExpressEndpoint[] = []
  collect(stack, '', endpoints)
  return endpoints
}

function collect(stack: readonly Layer[], prefix: string, into: ExpressEndpoint[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const handlers = layer.route.stack.map((inner) => inner.handle)
      for (const path of [layer.route.path].flat()) {
        const url = join(prefix, kitPath(path))
        // `_all` (an .all() route) answers every method: the walks cannot tell which ones it means.
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all'))
          into.push({ method: method.toUpperCase(), url, handlers })
      }
    } else if (Array.isArray(layer.handle.stack)) {
      if (layer.slash) {
        collect(layer.handle.stack, prefix, into)
        continue
      }
      if (layer.rawPath === undefined) {
        throw new RouteTableError(
          "A router is mounted at a path this Express cannot tell (its router package keeps mount paths from 2.3 on, as `rawPath`): update 'router' (Express 5's dependency) to ≥ 2.3.",
        )
      }
      for (const mount of [layer.rawPath].flat())
        collect(layer.handle.stack, join(prefix, kitPath(mount)), into)
    }
  }
}

/** A path-to-regexp 8 path in the kit's form: `:id` as is, `*rest` → `:rest`, `{…}` left out. */
export function kitPath(path: string | RegExp): string {
  if (path instanceof RegExp) return String(path)
  let out = path
  // Optional groups, innermost first: the route answers without them.
  while (/\{[^{}]*\}/.test(out)) out = out.replace(/\{[^{}]*\}/g, '')
  return out.replace(/\*([A-Za-z0-9_]+)/g, ':$1').replace(/:"([^"]+)"/g, ':$1')
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/')
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined
}
