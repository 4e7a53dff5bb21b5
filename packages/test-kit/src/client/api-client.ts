// The authenticated inject client: requests go in process (no socket) through the app's adapter —
// Fastify's `inject`, Express through light-my-request, Hono's `request` — as a user whose
// token the app's own signer minted, so the real authentication path runs on every request.
// Paths, params, bodies and responses are typed from the app's route schemas.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest, InjectOptions } from 'fastify'
import { expect } from 'vitest'
import { ApiClientUsageError } from '../errors.ts'
import { type AdapterName, type AppAdapter, type AppResponse, adapterOf, useAdapter } from './app-adapter.ts'
import { fillPath, type PathParamValues } from './path-params.ts'
import type {
  App,
  BodyFor,
  BodyOf,
  HttpMethod,
  IsOpen,
  PathParams,
  PathsOf,
  ProviderOf,
  QueryOf,
  ResponsesOf,
  RouteMap,
  SchemaOf,
} from './route-types.ts'

/** Who a request runs as: anything with the user's id (a User row, `{ id }`). */
export type Identity = { id: string | number }

/** The user a token is minted for: the id as a string (a JWT's `sub` is one), whatever its type. */
export type TokenSubject = { id: string }

/**
 * - `token` (default): a real access token per request; the app verifies it like any other.
 * - `override`: the app's current-user resolution is replaced (no token at all), for the rare
 *   test that must bypass authentication. Needs `overrideCurrentUser` in the config.
 */
export type AuthMode = 'token' | 'override'

export type ApiClientConfig<TApp extends App, Routes extends RouteMap, Err = ApiError> = {
  /**
   * The app's route schemas, keyed `"METHOD /path"`: they type paths, bodies and responses.
   * Without it any path is accepted, and bodies and responses are `unknown`.
   */
  routes?: Routes
  /** Mints an access token for a user with the app's own signer. */
  mintToken: (app: TApp, user: TokenSubject) => string | Promise<string>
  /**
   * Installs a current-user resolver on the app (override mode only). The kit passes a function
   * that returns the identity a request runs as, or undefined for requests not made in override
   * mode (the app should then fall back to its token check).
   */
  overrideCurrentUser?: (app: TApp, identityOf: (request: FastifyRequest) => TokenSubject | undefined) => void
  mode?: AuthMode
  /**
   * Reads the error out of a response body (for `res.error` and `res.expectError`). Default:
   * `body.error` when it is an object with a string `code` (an envelope), else the body itself
   * when it has a string `code` (Fastify's own `{ statusCode, code, error, message }`).
   */
  readError?: (body: unknown) => Err | undefined
  /**
   * The app's framework: `'fastify'`, `'express'`, `'hono'`, `'nest'`, or an adapter of your own. Default:
   * told by the app's shape (docs/decisions/019-app-adapters.md).
   */
  adapter?: AdapterName | AppAdapter<TApp>
}

/** An error as the default `readError` finds it: a `code`, and whatever else the app sends. */
export type ApiError = { code: string; message?: string; [field: string]: unknown }

export type ApiResponse<Responses = Record<never, never>, Err = ApiError> = {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly headers: AppResponse['headers']
  readonly text: string
  /** Parsed JSON (undefined for an empty body), typed as any of the route's declared bodies. */
  readonly body: [keyof Responses] extends [never] ? unknown : Responses[keyof Responses] | undefined
  /** The error `readError` finds in the body (see the client config), if any. */
  readonly error: Err | undefined
  /** Fails (showing the body) unless the status is `status`; returns the body typed for it. */
  expectStatus<S extends number>(status: S): BodyFor<Responses, S>
  /** Fails unless the status is `status` and the body holds an error (with `code`, if given). */
  expectError(status: number, code?: string): Err
}

/** Headers a caller may set. In authenticated mode the client owns `authorization`. */
type Headers = Record<string, string | undefined>
type AuthenticatedHeaders = Headers & { authorization?: never; Authorization?: never }

const UNCHECKED = Symbol('tenantkit.unchecked')

/** A value sent as is, past the compile-time types: for tests of invalid input. */
export type Unchecked = { readonly [UNCHECKED]: unknown }

/**
 * Marks a body or query that deliberately breaks the route's schema.
 * @example await api.post('/orgs', { body: unchecked({ name: 42 }) })
 */
export function unchecked(value: unknown): Unchecked {
  return { [UNCHECKED]: value }
}

function isUnchecked(value: unknown): value is Unchecked {
  return typeof value === 'object' && value !== null && UNCHECKED in value
}

type RequestOptions<
  TApp extends App,
  Routes extends RouteMap,
  M extends HttpMethod,
  Path extends string,
  Auth,
> = {
  headers?: Auth extends 'authenticated' ? AuthenticatedHeaders : Headers
} & (keyof PathParams<Path> extends never ? { params?: undefined } : { params: PathParams<Path> }) &
  (IsOpen<Routes> extends true
    ? // No route map: nothing is known of the route, so anything goes.
      { query?: Record<string, unknown> | string; body?: unknown }
    : { query?: QueryOf<ProviderOf<TApp>, SchemaOf<Routes, M, Path>> | Unchecked } & ([
        BodyOf<ProviderOf<TApp>, SchemaOf<Routes, M, Path>>,
      ] extends [never]
        ? { body?: Unchecked }
        : { body: BodyOf<ProviderOf<TApp>, SchemaOf<Routes, M, Path>> | Unchecked }))

type Args<Options> = Record<never, never> extends Options ? [options?: Options] : [options: Options]

type Method<TApp extends App, Routes extends RouteMap, M extends HttpMethod, Auth, Err> = <
  Path extends PathsOf<Routes, M>,
>(
  path: Path,
  ...args: Args<RequestOptions<TApp, Routes, M, Path, Auth>>
) => Promise<ApiResponse<ResponsesOf<ProviderOf<TApp>, SchemaOf<Routes, M, Path>>, Err>>

/** A request outside the route map: any method, URL and payload (a string is sent verbatim). */
export type RawRequest<Auth> = {
  method: NonNullable<InjectOptions['method']>
  url: string
  query?: Record<string, string>
  payload?: InjectOptions['payload']
  headers?: Auth extends 'authenticated' ? AuthenticatedHeaders : Headers
}

export type ApiClient<
  TApp extends App,
  Routes extends RouteMap = RouteMap,
  Auth = 'authenticated' | 'anonymous',
  Member = never,
  Err = ApiError,
> = {
  readonly app: TApp
  /** The user requests run as; undefined when anonymous. */
  readonly identity: TokenSubject | undefined
  readonly mode: AuthMode
  get: Method<TApp, Routes, 'GET', Auth, Err>
  post: Method<TApp, Routes, 'POST', Auth, Err>
  put: Method<TApp, Routes, 'PUT', Auth, Err>
  patch: Method<TApp, Routes, 'PATCH', Auth, Err>
  delete: Method<TApp, Routes, 'DELETE', Auth, Err>
  request(options: RawRequest<Auth>): Promise<ApiResponse<Record<never, never>, Err>>
  /** The same client, as `user`. */
  as(user: Identity): ApiClient<TApp, Routes, 'authenticated', Member, Err>
  /** The same client, as a member (the user the tenancy's `user` finds in it). withApp's client only. */
  asMember(member: Member): ApiClient<TApp, Routes, 'authenticated', Member, Err>
  /** The same client, without credentials (set `authorization` yourself to test bad tokens). */
  anonymous(): ApiClient<TApp, Routes, 'anonymous', Member, Err>
  /** The same client and user, in another authentication mode. */
  withMode(mode: AuthMode): ApiClient<TApp, Routes, Auth, Member, Err>
}

/** Request header that carries the override key; its values are random per process. */
const OVERRIDE_HEADER = 'x-tenantkit-override'
const overrides = new WeakMap<object, Map<string, TokenSubject>>()

/**
 * Creates an anonymous client for `app`; `as(user)` / `asMember(m)` derive authenticated ones.
 * @example
 * const api = createApiClient(app, { routes, mintToken: (app, user) => app.jwt.sign({ sub: user.id }) })
 * const res = await api.as(owner).post('/orgs/:orgId/content', { params: { orgId }, body: { title: 'Hi' } })
 * const item = res.expectStatus(201) // typed from the route's 201 schema
 */
export function createApiClient<
  TApp extends App,
  const Routes extends RouteMap = RouteMap,
  Err = ApiError,
  Member = never,
>(
  app: TApp,
  config: ApiClientConfig<TApp, Routes, Err> & {
    /** The user a member's requests run as (withApp passes the tenancy's `user`). */
    userOf?: (member: Member) => Identity
  },
): ApiClient<TApp, Routes, 'anonymous', Member, Err> {
  if (config.adapter !== undefined) useAdapter(app, config.adapter)
  const tokens = new Map<string, Promise<string>>()
  const readError = config.readError ?? (defaultReadError as (body: unknown) => Err | undefined)
  const build = <Auth>(
    identity: TokenSubject | undefined,
    mode: AuthMode,
  ): ApiClient<TApp, Routes, Auth, Member, Err> => {
    const credentials = async (): Promise<Record<string, string>> => {
      if (!identity) return {}
      if (mode === 'override') return { [OVERRIDE_HEADER]: overrideKey(app, config, identity) }
      let token = tokens.get(identity.id)
      if (!token) {
        token = Promise.resolve(config.mintToken(app, identity))
        tokens.set(identity.id, token)
      }
      return { authorization: `Bearer ${await token}` }
    }

    const send = async <Responses>(
      options: InjectOptions & { method: string; url: string },
    ): Promise<ApiResponse<Responses, Err>> => {
      const own = options.headers ?? {}
      if (identity) {
        const manual = Object.keys(own).find((name) => name.toLowerCase() === 'authorization')
        if (manual) {
          throw new ApiClientUsageError(
            `This client runs as user ${identity.id} and sets the authorization header itself; to send one by hand, use api.anonymous().`,
          )
        }
      }
      const headers = { ...own, ...(await credentials()) } as Record<string, string>
      const adapter = await adapterOf(app)
      const response = await adapter.inject(app, { ...options, headers })
      return toApiResponse<Responses, Err>(options.method, options.url, response, readError)
    }

    const typed =
      (method: HttpMethod) =>
      async (
        path: string,
        options: { params?: unknown; query?: unknown; body?: unknown; headers?: Headers } = {},
      ) => {
        const url = fillRequestPath(path, options.params)
        const payload = isUnchecked(options.body) ? options.body[UNCHECKED] : options.body
        const query = isUnchecked(options.query) ? options.query[UNCHECKED] : options.query
        const headers = definedHeaders(options.headers)
        // Strings and buffers go verbatim (to test malformed bodies); anything else as JSON.
        const json = payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)
        return send({
          method,
          url: query === undefined ? url : `${url}?${toSearch(query)}`,
          headers: json ? { 'content-type': 'application/json', ...headers } : headers,
          ...(payload === undefined ? {} : { payload: json ? JSON.stringify(payload) : payload }),
        })
      }

    return {
      app,
      identity,
      mode,
      // The runtime is one function per method; the per-route types live in `Method`.
      get: typed('GET') as Method<TApp, Routes, 'GET', Auth, Err>,
      post: typed('POST') as Method<TApp, Routes, 'POST', Auth, Err>,
      put: typed('PUT') as Method<TApp, Routes, 'PUT', Auth, Err>,
      patch: typed('PATCH') as Method<TApp, Routes, 'PATCH', Auth, Err>,
      delete: typed('DELETE') as Method<TApp, Routes, 'DELETE', Auth, Err>,
      request: (options) => {
        const search = options.query ? `?${new URLSearchParams(options.query)}` : ''
        return send({
          method: options.method,
          url: `${options.url}${search}`,
          headers: definedHeaders(options.headers),
          ...(options.payload === undefined ? {} : { payload: options.payload }),
        })
      },
      as: (user) => build(subject(user), mode),
      asMember: (member) => {
        if (!config.userOf) {
          throw new ApiClientUsageError(
            "asMember(member) needs to know which user a member is: it works on the client withApp gives (from the tenancy's `user`); elsewhere call as(user).",
          )
        }
        return build(subject(config.userOf(member)), mode)
      },
      anonymous: () => build(undefined, mode),
      withMode: (next) => build(identity, next),
    }
  }
  return build(undefined, config.mode ?? 'token')
}

function overrideKey<TApp extends App, Err>(
  app: TApp,
  config: ApiClientConfig<TApp, RouteMap, Err>,
  identity: TokenSubject,
): string {
  let identities = overrides.get(app)
  if (!identities) {
    if (!config.overrideCurrentUser) {
      throw new ApiClientUsageError(
        "Override mode needs `overrideCurrentUser` in the client config: a function that installs a current-user resolver on the app, e.g. (app, identityOf) => app.overrideCurrentUser((request) => …). Or use mode: 'token' (the default).",
      )
    }
    const known = new Map<string, TokenSubject>()
    config.overrideCurrentUser(app, (request) => {
      const key = request.headers[OVERRIDE_HEADER]
      return typeof key === 'string' ? known.get(key) : undefined
    })
    overrides.set(app, known)
    identities = known
  }
  const key = randomUUID()
  identities.set(key, identity)
  return key
}

function fillRequestPath(path: string, params: unknown): string {
  const values = typeof params === 'object' && params !== null ? (params as PathParamValues) : {}
  return fillPath(path, values, (name) => {
    throw new ApiClientUsageError(
      `${path} needs params.${name} (got ${JSON.stringify(params)}). Pass it in the request's params: { params: { ${name}: … } }.`,
    )
  })
}

function toSearch(query: unknown): string {
  if (typeof query === 'string') return query.replace(/^\?/, '')
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item))
  }
  return search.toString()
}

function definedHeaders(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = value
  return out
}

function toApiResponse<Responses, Err>(
  method: string,
  url: string,
  response: AppResponse,
  readError: (body: unknown) => Err | undefined,
): ApiResponse<Responses, Err> {
  const text = response.body
  let parsed: unknown
  if (text.length > 0 && String(response.headers['content-type'] ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
  }
  const error = parsed === undefined ? undefined : readError(parsed)
  const describe = () =>
    `${method} ${url} answered ${response.statusCode}: ${text.slice(0, 4000) || '(empty body)'}`
  return {
    method,
    url,
    status: response.statusCode,
    headers: response.headers,
    text,
    body: parsed as ApiResponse<Responses, Err>['body'],
    error,
    expectStatus<S extends number>(status: S) {
      expect(response.statusCode, describe()).toBe(status)
      return parsed as BodyFor<Responses, S>
    },
    expectError(status, code) {
      expect(response.statusCode, describe()).toBe(status)
      expect(
        error,
        `${describe()}\n(no error found in the body: see readError in the client config)`,
      ).toBeDefined()
      if (code !== undefined) expect((error as { code?: unknown } | undefined)?.code, describe()).toBe(code)
      return error as Err
    },
  }
}

/** The user as tokens and overrides see it: its id, as a string. */
function subject(user: Identity): TokenSubject {
  return { id: String(user.id) }
}

/** `body.error` when it is an object with a string `code`, else the body when it has one. */
function defaultReadError(body: unknown): ApiError | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const nested = 'error' in body ? body.error : undefined
  if (typeof nested === 'object' && nested !== null && 'code' in nested && typeof nested.code === 'string') {
    return nested as ApiError
  }
  if ('code' in body && typeof body.code === 'string') return body as ApiError
  return undefined
}
