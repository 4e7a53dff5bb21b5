// Fastify as one adapter among others: `inject` for requests, routes recorded through onRoute from
// before the app's plugins load (route-table.ts), `ready()` and `close()`.
import type { InjectOptions } from 'fastify'
import type { AppAdapter } from './app-adapter.ts'
import { hasRouteTable, recordRoutes, routesOf } from './route-table.ts'
import type { AnyApp } from './route-types.ts'

export const fastifyAdapter: AppAdapter<AnyApp> = {
  name: 'fastify',
  prepare: recordRoutes,
  listsRoutes: hasRouteTable,
  ready: async (app) => {
    await app.ready()
  },
  close: async (app) => {
    await app.close()
  },
  inject: (app, request) => app.inject(request as InjectOptions),
  routes: routesOf,
}
