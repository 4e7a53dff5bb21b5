// Fastify has no public list of its routes, but it announces each one to `onRoute` hooks. The
// kit listens from before the app's plugins load, so every route of the app ends up here.
import type { FastifyContextConfig, FastifySchema } from 'fastify'
import { RouteTableError } from '../errors.ts'
import type { AnyApp } from './route-types.ts'

export type RecordedRoute = {
  method: string
  url: string
  schema: FastifySchema | undefined
  /**
   * The route's `config` as declared (what an app puts there — `public`, a least role — is typed
   * by the app's own `FastifyContextConfig` augmentation). `{}` when the route declares none.
   */
  config: FastifyContextConfig
  /** A HEAD route Fastify added for a GET route (`exposeHeadRoutes`): it runs the GET's handler. */
  implicitHead: boolean
}

/**
 * Each app's table, kept on the app under a registered symbol rather than in this module: a
 * second copy of the kit (a setup file and a test that resolved it apart, a bundled copy) sees
 * the table the first one records.
 */
const TABLE = Symbol.for('tenantkit.routeTable')
const tables = {
  has: (app: object) => TABLE in app,
  get: (app: object) => (app as { [TABLE]?: RecordedRoute[] })[TABLE],
  set: (app: object, table: RecordedRoute[]) => {
    Object.defineProperty(app, TABLE, { value: table, configurable: true })
  },
}

/**
 * Starts recording the routes of `app`. Call it before `app.ready()` (or `listen()`): Fastify
 * registers plugin routes while it loads them. `withApp` does this for you.
 * @example const app = createApp(deps); recordRoutes(app); await app.ready(); routesOf(app)
 */
export function recordRoutes(app: AnyApp): void {
  if (tables.has(app)) return
  const table: RecordedRoute[] = []
  const getHandlers = new Map<string, unknown>()
  try {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        // A prefix's own route ('/' in a plugin) comes as '/orgs/:orgId' and as '/orgs/:orgId/'.
        const path = route.url.length > 1 ? route.url.replace(/\/$/, '') : route.url
        if (method === 'GET') getHandlers.set(path, route.handler)
        table.push({
          method: String(method),
          url: route.url,
          schema: route.schema,
          config: route.config ?? {},
          implicitHead: method === 'HEAD' && getHandlers.get(path) === route.handler,
        })
      }
    })
  } catch (error) {
    throw new RouteTableError(
      'recordRoutes(app) was called after the app started: call it before app.ready(), right after creating the instance (withApp does this for you).',
      { cause: error },
    )
  }
  tables.set(app, table)
}

/** Whether `app` records its routes (withApp, recordRoutes or bindFastifyModule). */
export function hasRouteTable(app: AnyApp): boolean {
  return tables.has(app)
}

/** The routes recorded for `app` (HEAD routes that Fastify adds for GET routes included). */
export function routesOf(app: AnyApp): readonly RecordedRoute[] {
  const table = tables.get(app)
  if (!table) {
    throw new RouteTableError(
      'No route table for this app: build it with withApp(), or call recordRoutes(app) before app.ready().',
    )
  }
  return table
}
