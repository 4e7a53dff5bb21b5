// How an Express, Hono or Nest route declares what the tenancy's `access` reads (Fastify routes have
// their `config`): a middleware that does nothing but call the next one, carrying the route's
// config and, where the framework keeps none the kit can read, its request schemas. The adapters
// find it in the route's own handlers; `access(route)` reads `route.config` the same way for every
// framework, so one tenancy fits an app whichever framework it is written in.

const DECLARED = Symbol.for('tenantkit.declaredRoute')

/** Request schemas for the walk's bodies: JSON Schema, TypeBox, or a Standard Schema (zod ≥ 4.2). */
export type DeclaredSchema = { body?: unknown; querystring?: unknown }

export type RouteDeclaration = {
  config: Readonly<Record<string, unknown>>
  schema: DeclaredSchema | undefined
}

/** The no-op middleware `declareRoute` returns: Express's `(req, res, next)` and Hono's `(c, next)`. */
export type DeclaredRoute = {
  // biome-ignore lint/suspicious/noExplicitAny: a middleware for Express and Hono alike, whatever their types.
  (...args: any[]): any
  readonly [DECLARED]: RouteDeclaration
}

/**
 * Declares who may call an Express or Hono route (what Fastify routes put in `config`), and
 * optionally its request schemas; the tenancy's `access` reads it back as `route.config`. On a
 * Nest controller method (or class) it is a decorator: Nest's own metadata is read as config too.
 * @example
 * router.post('/invites', declareRoute({ minRole: 'ADMIN' }, { body: Invite }), authorize, invite) // Express
 * app.post('/orgs/:orgId/invites', declareRoute({ minRole: 'ADMIN' }), zValidator('json', Invite), invite) // Hono
 * @Post('invites') @declareRoute({ minRole: 'ADMIN' }, { body: Invite }) invite(@Body() body: unknown) {} // Nest
 */
export function declareRoute(
  config: Readonly<Record<string, unknown>>,
  schema?: DeclaredSchema,
): DeclaredRoute {
  const declaration: RouteDeclaration = { config, schema }
  const declared = (...args: unknown[]): unknown => {
    const [target, key, descriptor] = args
    // A Nest method decorator, (prototype, name, descriptor): on the method, where Nest reads metadata.
    if (
      args.length === 3 &&
      typeof descriptor === 'object' &&
      descriptor !== null &&
      typeof key !== 'object'
    ) {
      const method = (descriptor as PropertyDescriptor).value
      if (typeof method === 'function') defineDeclaration(method, declaration)
      return undefined
    }
    // A Nest class decorator, (class): every route of the controller.
    if (args.length === 1 && typeof target === 'function' && /^class[\s{]/.test(String(target))) {
      defineDeclaration(target, declaration)
      return undefined
    }
    const next = args.at(-1)
    return typeof next === 'function' ? next() : undefined
  }
  return Object.assign(declared, { [DECLARED]: declaration })
}

type Metadata = {
  defineMetadata?: (key: unknown, value: unknown, target: object) => void
  getMetadata?: (key: unknown, target: object) => unknown
}

/** As Reflect metadata (reflect-metadata, which every Nest app loads), which Nest copies to its handlers. */
function defineDeclaration(target: object, declaration: RouteDeclaration): void {
  const { defineMetadata } = Reflect as unknown as Metadata
  if (defineMetadata) defineMetadata(DECLARED, declaration, target)
  else Object.assign(target, { [DECLARED]: declaration })
}

/** The declaration a handler carries: one `declareRoute` made, or one it put on a Nest method. */
export function declarationOf(handler: unknown): RouteDeclaration | undefined {
  if (typeof handler !== 'function') return undefined
  const own = (handler as Partial<DeclaredRoute>)[DECLARED]
  if (own) return own
  const { getMetadata } = Reflect as unknown as Metadata
  return getMetadata?.(DECLARED, handler) as RouteDeclaration | undefined
}

/** The route's schema as the walk reads it (`body`, `querystring`), or undefined. */
export function declaredSchema(declaration: RouteDeclaration | undefined): DeclaredSchema | undefined {
  const schema = declaration?.schema
  return schema && (schema.body !== undefined || schema.querystring !== undefined) ? schema : undefined
}
