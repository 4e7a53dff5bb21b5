// Type-level view of an app's routes: a map `"METHOD /path/:param" → Fastify schema` becomes
// typed params, query, body and responses, resolved by the app's own type provider (TypeBox,
// Zod, …), so the kit needs no schema library of its own.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  FastifyTypeProvider,
  FastifyTypeProviderDefault,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { ExpressApp } from './express-adapter.ts'
import type { HonoApp } from './hono-adapter.ts'
import type { NestApp } from './nest-adapter.ts'

/** Any Fastify instance, whatever its type provider. */
export type AnyApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  // biome-ignore lint/suspicious/noExplicitAny: a provider-agnostic instance type; never surfaces in values.
  any
>

/**
 * An app of any framework the kit has an adapter for: a Fastify instance, an Express 5 app, a Hono
 * app, a Nest application (docs/decisions/019-app-adapters.md).
 */
export type App = AnyApp | ExpressApp | HonoApp | NestApp

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Route schemas keyed like `"POST /orgs/:orgId/content"`. */
export type RouteMap = { readonly [route: string]: FastifySchema }

/** The type provider an app instance was created with. */
export type ProviderOf<TApp> =
  TApp extends FastifyInstance<infer _S, infer _Req, infer _Rep, infer _L, infer P>
    ? P extends FastifyTypeProvider
      ? P
      : FastifyTypeProviderDefault
    : FastifyTypeProviderDefault

type Validated<P extends FastifyTypeProvider, S> = (P & { schema: S })['validator']
type Serialized<P extends FastifyTypeProvider, S> = (P & { schema: S })['serializer']

/** `"/orgs/:orgId/content/:contentId"` → `{ orgId: string; contentId: string }`. */
export type PathParams<Path extends string> = {
  [K in ParamNames<Path>]: string
}
type ParamNames<Path extends string> = Path extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Param}`
    ? Param
    : never

/** `true` when no route map was given (or a catch-all one): any path, nothing known of it. */
export type IsOpen<Routes extends RouteMap> = string extends keyof Routes ? true : false

/**
 * Paths of the routes of one method: `PathsOf<Routes, 'GET'>` → `"/orgs" | "/orgs/:orgId" | …`;
 * any string when there is no route map.
 */
export type PathsOf<Routes extends RouteMap, M extends HttpMethod> =
  IsOpen<Routes> extends true
    ? string
    : {
        [K in keyof Routes & string]: K extends `${M} ${infer Path}` ? Path : never
      }[keyof Routes & string]

export type SchemaOf<Routes extends RouteMap, M extends HttpMethod, Path extends string> =
  IsOpen<Routes> extends true
    ? Record<never, never>
    : `${M} ${Path}` extends keyof Routes
      ? Routes[`${M} ${Path}`]
      : FastifySchema

/** Declared responses of a route: status (or `"4xx"`) → body type. */
export type ResponsesOf<P extends FastifyTypeProvider, S> = S extends { response: infer R }
  ? { [K in keyof R]: Serialized<P, R[K]> }
  : Record<never, never>

/** The body type declared for `status`: exact match, then its class (`"4xx"`), else unknown. */
export type BodyFor<Responses, Status extends number> = Status extends keyof Responses
  ? Responses[Status]
  : `${Status}` extends keyof Responses
    ? Responses[`${Status}`]
    : `${Status}` extends `${infer Class extends '1' | '2' | '3' | '4' | '5'}${string}`
      ? `${Class}xx` extends keyof Responses
        ? Responses[`${Class}xx`]
        : unknown
      : unknown

export type QueryOf<P extends FastifyTypeProvider, S> = S extends { querystring: infer Q }
  ? Validated<P, Q>
  : Record<string, string | number | boolean>

export type BodyOf<P extends FastifyTypeProvider, S> = S extends { body: infer B } ? Validated<P, B> : never
