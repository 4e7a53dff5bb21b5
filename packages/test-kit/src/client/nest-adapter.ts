// NestJS as an adapter, through the platform underneath it (Express or Fastify): requests in
// process into the platform's own instance (light-my-request into the Express app, Fastify's
// `inject`), `init()` and `close()` on the Nest app.
//
// The route table is what Nest registers on its HTTP adapter. `prepare` (before `init()`) wraps
// the adapter's route methods (`get`, `post`, … of HttpServer, Nest's public adapter interface,
// which its RouterExplorer calls once per route with the final path: global prefix, RouterModule
// paths and URI versions applied) and records each path with the handler Nest passes. Nest copies
// the controller method's Reflect metadata onto that handler (its Fastify platform reads route
// options from there), so what `@Roles('ADMIN')` (`SetMetadata('roles', …)`) or `@Public()` put on
// the method is read back as `route.config.roles`, `route.config.isPublic`, over what the
// controller class carries (Reflector.getAllAndOverride's order). Nest's own keys (`path`,
// `method`, `__guards__`, `design:…`) are left out. A `declareRoute(config, schema?)` used as a
// method decorator adds its config and gives the walk the route's body schema. An app started
// before the kit saw it is still read on the Express platform, from Express's router stack (the
// same handlers); on Fastify it cannot be, and is refused by name.

import { RouteTableError } from '../errors.ts'
import type { AppAdapter, AppRequest, AppResponse } from './app-adapter.ts'
import { declarationOf, declaredSchema } from './declare-route.ts'
import { type ExpressApp, expressAdapter, expressEndpoints, kitPath } from './express-adapter.ts'
import type { RecordedRoute } from './route-table.ts'

/** A Nest application (INestApplication), as far as the kit needs one. */
export type NestApp = {
  getHttpAdapter(): { getInstance(): unknown }
  init(): Promise<unknown>
  close(): Promise<unknown>
}

/** Nest's HttpServer: route methods, and the platform's instance (an Express app, a Fastify instance). */
type NestHttpAdapter = {
  getInstance(): unknown
  [method: string]: unknown
}

type FastifyLike = {
  inject(request: unknown): Promise<{ statusCode: number; headers: AppResponse['headers']; body: string }>
}

type NestRoute = { method: string; path: string; handler: unknown }

/** The methods a route is registered with on Nest's HttpServer; `all` answers every method. */
const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'search']

const TABLE = Symbol.for('tenantkit.nestRoutes')
type Recorded = { [TABLE]?: NestRoute[] }

/** Nest's own metadata on a handler or controller: routing, enhancers, emitted types. */
const NEST_KEY = /^(path|method|design:.*|self:.*|__.*__)$/

type ReflectMetadata = {
  getMetadataKeys?: (target: object) => unknown[]
  getMetadata?: (key: unknown, target: object) => unknown
}

export const nestAdapter: AppAdapter<NestApp> = {
  name: 'nest',
  prepare(app) {
    const http = app.getHttpAdapter() as NestHttpAdapter & Recorded
    if (http[TABLE]) return
    const table: NestRoute[] = []
    Object.defineProperty(http, TABLE, { value: table, configurable: true })
    for (const method of ROUTE_METHODS) {
      const register = http[method]
      if (typeof register !== 'function') continue
      http[method] = function (this: unknown, ...args: unknown[]) {
        const [path, handler] = args
        if (args.length === 2 && typeof handler === 'function')
          table.push({ method: method.toUpperCase(), path: String(path), handler })
        return register.apply(this, args)
      }
    }
  },
  listsRoutes: (app) => recorded(app) !== undefined || isExpress(app.getHttpAdapter().getInstance()),
  ready: async (app) => {
    await app.init()
  },
  close: async (app) => {
    await app.close()
  },
  async inject(app, request: AppRequest): Promise<AppResponse> {
    const instance = app.getHttpAdapter().getInstance()
    if (isExpress(instance)) return expressAdapter.inject(instance, request)
    if (typeof (instance as Partial<FastifyLike>).inject === 'function') {
      const response = await (instance as FastifyLike).inject(request)
      return { statusCode: response.statusCode, headers: response.headers, body: response.body }
    }
    throw new RouteTableError(
      "This Nest app's platform is neither Express nor Fastify: the kit reaches Nest apps through @nestjs/platform-express or @nestjs/platform-fastify.",
    )
  },
  routes(app) {
    let table = recorded(app)
    if (!table) {
      const instance = app.getHttpAdapter().getInstance()
      if (!isExpress(instance)) {
        throw new RouteTableError(
          'This Nest app was started before the kit saw it, and its Fastify platform keeps no list of routes: give it to withApp through buildApp (not yet init()), so the kit records its routes as Nest registers them.',
        )
      }
      table = expressEndpoints(instance).flatMap(({ method, url, handlers }) =>
        handlers.map((handler) => ({ method, path: url, handler })),
      )
    }
    const classes = controllerClasses(app)
    return table.map(({ method, path, handler }) => {
      const controller = classes.get(handlerName(handler))
      const declaration = declarationOf(handler) ?? declarationOf(controller)
      return {
        method,
        url: kitPath(path),
        schema: declaredSchema(declaration) as RecordedRoute['schema'],
        config: {
          ...ownMetadata(controller),
          ...ownMetadata(handler),
          ...declaration?.config,
        } as RecordedRoute['config'],
        implicitHead: false,
      }
    })
  },
}

function recorded(app: NestApp): NestRoute[] | undefined {
  return (app.getHttpAdapter() as Recorded)[TABLE]
}

function isExpress(instance: unknown): instance is ExpressApp {
  return typeof instance === 'function' && 'router' in instance
}

function reflect(): ReflectMetadata {
  return Reflect as unknown as ReflectMetadata
}

/** A handler's or class's own metadata under string keys that are not Nest's. */
function ownMetadata(target: unknown): Record<string, unknown> {
  const { getMetadataKeys, getMetadata } = reflect()
  if (typeof target !== 'function' || !getMetadataKeys || !getMetadata) return {}
  const out: Record<string, unknown> = {}
  for (const key of getMetadataKeys(target)) {
    if (typeof key === 'string' && !NEST_KEY.test(key)) out[key] = getMetadata(key, target)
  }
  return out
}

/** Nest names each handler `Controller.method`. */
function handlerName(handler: unknown): string {
  return typeof handler === 'function' ? handler.name : ''
}

/**
 * The controller classes of the app by `Class.method` of each of their route methods, from Nest's
 * container (for metadata a decorator put on the class). A name two controllers share is left out.
 */
function controllerClasses(app: NestApp): Map<string, unknown> {
  const byName = new Map<string, unknown>()
  const seen = new Set<string>()
  const container = (
    app as {
      container?: { getModules?: () => Map<unknown, { controllers?: Map<unknown, { metatype?: unknown }> }> }
    }
  ).container
  for (const module of container?.getModules?.().values() ?? []) {
    for (const wrapper of module.controllers?.values() ?? []) {
      const metatype = wrapper.metatype
      if (typeof metatype !== 'function') continue
      for (const method of Object.getOwnPropertyNames(metatype.prototype ?? {})) {
        const name = `${metatype.name}.${method}`
        if (seen.has(name)) byName.delete(name)
        else byName.set(name, metatype)
        seen.add(name)
      }
    }
  }
  return byName
}
