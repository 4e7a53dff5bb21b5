// How an Express or Hono route declares what the tenancy's `access` reads (Fastify routes have
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
 * optionally its request schemas; the tenancy's `access` reads it back as `route.config`.
 * @example
 * router.post('/invites', declareRoute({ minRole: 'ADMIN' }, { body: Invite }), authorize, invite) // Express
 * app.post('/orgs/:orgId/invites', declareRoute({ minRole: 'ADMIN' }), zValidator('json', Invite), invite) // Hono
 */
export function declareRoute(
  config: Readonly<Record<string, unknown>>,
  schema?: DeclaredSchema,
): DeclaredRoute {
  const declared = (...args: unknown[]): unknown => {
    const next = args.at(-1)
    return typeof next === 'function' ? next() : undefined
  }
  return Object.assign(declared, { [DECLARED]: { config, schema } })
}

/** The declaration a handler carries, if it is one `declareRoute` made. */
export function declarationOf(handler: unknown): RouteDeclaration | undefined {
  if (typeof handler !== 'function') return undefined
  return (handler as Partial<DeclaredRoute>)[DECLARED]
}

/** The route's schema as the walk reads it (`body`, `querystring`), or undefined. */
export function declaredSchema(declaration: RouteDeclaration | undefined): DeclaredSchema | undefined {
  const schema = declaration?.schema
  return schema && (schema.body !== undefined || schema.querystring !== undefined) ? schema : undefined
}
