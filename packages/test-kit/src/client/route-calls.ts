// One call to a recorded route as the access walk makes it: the URL with the given ids, and a
// body and query built from the route's schema (JSON Schema and TypeBox as they are; zod and any
// other Standard JSON Schema through its own converter) or given by the suite, so the call gets
// past validation to authorization. A route no valid body can be built for is reported, with
// the reason and the option that fixes it, instead of being called with a body it would refuse.
import type { ApiResponse, Identity, RawRequest } from './api-client.ts'
import { fillPath, type PathParamValues } from './path-params.ts'
import type { RecordedRoute } from './route-table.ts'
import { SchemaSampleError, sampleFromSchema } from './schema-sample.ts'

/** What the walks call through: anything with `request()`, e.g. an ApiClient. */
export type Caller = {
  request(options: RawRequest<'authenticated'>): Promise<Pick<ApiResponse, 'status' | 'text'>>
}

/** Makes callers: an ApiClient (`api`) is one. */
export type CallerSource = { as(user: Identity): Caller; anonymous(): Caller }

/** `"GET /orgs/:orgId"`: how routes are named in options and reports. */
export const routeName = (route: Pick<RecordedRoute, 'method' | 'url'>) => `${route.method} ${route.url}`

/** Methods that change nothing: a walk calls them freely and reads their answers. */
export function isSafe(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
}

/** Safe methods first, DELETE last: a route that wrongly deletes hides the fewest others. */
export function callOrder(a: RecordedRoute, b: RecordedRoute): number {
  const rank = (method: string) => (isSafe(method) ? 0 : method === 'DELETE' ? 2 : 1)
  return rank(a.method) - rank(b.method)
}

/** A status that says the request was refused by validation, before authorization ran. */
export function isValidationStatus(status: number): boolean {
  return status === 400 || status === 422
}

/** The parts of a route's request, or why none could be built. */
type PreparedRoute =
  | { ok: true; payload?: unknown; query?: Record<string, string> }
  | { ok: false; reason: string }

export type RouteRequests = {
  /** The route's body and query, built once per route. */
  prepare(route: RecordedRoute): Promise<PreparedRoute>
  /** The request for a prepared route with these ids. */
  request(
    route: RecordedRoute,
    parts: PreparedRoute & { ok: true },
    params: PathParamValues,
  ): RawRequest<'authenticated'>
}

/**
 * Builds requests for routes: the body from `bodies["METHOD /path"]` or the route's body schema,
 * the required query parameters from its querystring schema.
 */
export function routeRequests(bodies: Readonly<Record<string, unknown>> = {}): RouteRequests {
  const prepared = new Map<RecordedRoute, Promise<PreparedRoute>>()
  const build = async (route: RecordedRoute): Promise<PreparedRoute> => {
    const name = routeName(route)
    const schema = route.schema
    try {
      const payload =
        name in bodies
          ? bodies[name]
          : schema?.body !== undefined
            ? await sampleValid(schema.body, `the body of ${name}`)
            : undefined
      const query =
        schema?.querystring === undefined
          ? undefined
          : toQuery(await sampleValid(schema.querystring, `the querystring of ${name}`))
      return { ok: true, payload, ...(query && Object.keys(query).length > 0 ? { query } : {}) }
    } catch (error) {
      if (!(error instanceof SchemaSampleError)) throw error
      return { ok: false, reason: error.message }
    }
  }
  return {
    prepare: (route) => {
      let parts = prepared.get(route)
      if (!parts) {
        parts = build(route)
        prepared.set(route, parts)
      }
      return parts
    },
    request: (route, parts, params) => ({
      method: route.method as RawRequest<'authenticated'>['method'],
      url: fillPath(route.url, params, () => ''),
      ...(parts.query ? { query: parts.query } : {}),
      ...(parts.payload === undefined
        ? {}
        : { payload: parts.payload as RawRequest<'authenticated'>['payload'] }),
    }),
  }
}

type StandardSchema = {
  '~standard': {
    validate?: (value: unknown) => StandardResult | Promise<StandardResult>
    jsonSchema?: {
      input(options: { target: string; libraryOptions?: Record<string, unknown> }): Record<string, unknown>
    }
  }
}
type StandardResult = { issues?: readonly { message: string; path?: readonly unknown[] }[] }

function isStandard(schema: unknown): schema is StandardSchema {
  return typeof schema === 'object' && schema !== null && '~standard' in schema
}

/**
 * A sample of `schema`: a JSON Schema (TypeBox's included) as it is; a Standard JSON Schema (zod
 * 4, ArkType, Valibot with its adapter, …) converted by its own library, and the sample checked
 * against the schema itself, so what the walk sends is known to pass the route's validation.
 */
async function sampleValid(schema: unknown, path: string): Promise<unknown> {
  if (!isStandard(schema)) return sampleFromSchema(schema, path)
  const { jsonSchema, validate } = schema['~standard']
  if (!jsonSchema) {
    throw unsampleable(
      path,
      'its schema is a Standard Schema with no JSON Schema converter (zod ≥ 4.2 has one)',
    )
  }
  let converted: Record<string, unknown>
  try {
    // zod's own option: a type with no JSON form (a Date, a transform) becomes `{}`, and the sample
    // is checked against the schema itself below; other libraries ignore what they do not know.
    converted = jsonSchema.input({ target: 'draft-2020-12', libraryOptions: { unrepresentable: 'any' } })
  } catch (error) {
    throw unsampleable(
      path,
      `its schema has no JSON Schema form (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  const sample = sampleFromSchema(converted, path)
  const result = validate ? await validate(sample) : undefined
  if (result?.issues && result.issues.length > 0) {
    const issues = result.issues
      .map((issue) => `${(issue.path ?? []).map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
    throw unsampleable(path, `the sample ${JSON.stringify(sample)} fails the route's own schema (${issues})`)
  }
  return sample
}

/** Why no sample of `path` (`the body of POST /x`) can be sent, and the option that gives one. */
function unsampleable(path: string, why: string): SchemaSampleError {
  const route = path.replace(/^the \w+ of /, '')
  return new SchemaSampleError(
    `Cannot build a sample for ${path}: ${why}. Give the body in the tenancy's bodies: { '${route}': … }.`,
  )
}

function toQuery(sample: unknown): Record<string, string> {
  const query: Record<string, string> = {}
  if (typeof sample !== 'object' || sample === null) return query
  for (const [name, value] of Object.entries(sample)) query[name] = String(value)
  return query
}
