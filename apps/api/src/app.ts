// The Content Hub API as a Fastify plugin: infrastructure (errors, database, rate limits), then
// services (authentication, tenant scoping), then one encapsulated plugin per resource.
// `createApp` wraps it in the Fastify instance that the server and the tests share.
import { randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { PrismaClient } from '@tenantkit/db'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import fp from 'fastify-plugin'
import type { AppConfig } from './config.ts'
import auth from './plugins/auth.ts'
import db from './plugins/db.ts'
import errors, { sendError } from './plugins/errors.ts'
import jsonBodies from './plugins/json-bodies.ts'
import tenancy from './plugins/tenancy.ts'
import auditRoutes from './routes/audit/index.ts'
import authRoutes from './routes/auth/index.ts'
import contentRoutes from './routes/content/index.ts'
import healthRoutes from './routes/health/index.ts'
import meRoutes from './routes/me/index.ts'
import memberRoutes from './routes/members/index.ts'
import organizationRoutes from './routes/organizations/index.ts'

export type { AppConfig } from './config.ts'
export { type ApiRoutes, routes } from './schemas/routes.ts'

export type AppDeps = {
  db: PrismaClient
  config: AppConfig
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/**
 * A resource's routes as an encapsulated plugin with a name. Unnamed, Fastify looks the function
 * up in `require.cache` on every registration to name it (a tenth of building the app in a test
 * worker, where that cache is large).
 */
const resource = <P>(name: string, plugin: P): P =>
  fp(plugin as Parameters<typeof fp>[0], { name, encapsulate: true }) as P

/** The app as a plugin: `fastify.register(buildApp, { db, config })`. */
export const buildApp = fp(
  async function contentHubApi(app: FastifyInstance, deps: AppDeps) {
    await app.register(errors)
    await app.register(jsonBodies)
    await app.register(db, { db: deps.db })
    await app.register(rateLimit, { global: false })
    await app.register(auth, { config: deps.config })
    await app.register(tenancy)

    await app.register(resource('health-routes', healthRoutes))
    await app.register(resource('auth-routes', authRoutes), { config: deps.config })
    await app.register(resource('me-routes', meRoutes))
    await app.register(resource('organization-routes', organizationRoutes))
    await app.register(resource('member-routes', memberRoutes))
    await app.register(resource('content-routes', contentRoutes))
    await app.register(resource('audit-routes', auditRoutes))
  },
  { name: 'content-hub-api', fastify: '5.x' },
)

/** Server options that change behaviour, so the tests run with the server's. */
export const appServerOptions = {
  genReqId: () => randomUUID(),
  // Errors Fastify raises before routing (a malformed URL): through the app's error handler too.
  frameworkErrors: sendError,
  bodyLimit: 1024 * 1024,
  routerOptions: { ignoreTrailingSlash: true },
} satisfies FastifyServerOptions

/**
 * A Fastify instance with the app registered, not yet ready: call `ready()` or `listen()`.
 * @example const app = createApp({ db, config }); await app.ready()
 */
export function createApp(deps: AppDeps, options: FastifyServerOptions = {}): App {
  const app = Fastify({ ...appServerOptions, ...options }).withTypeProvider<TypeBoxTypeProvider>()
  app.register(buildApp, deps)
  return app
}
