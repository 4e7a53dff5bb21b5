// One small adapter between the kit and an app's web framework: a request in process (no port),
// the app's routes in the kit's form (`:param` paths, request schemas where known, the metadata a
// route declares), and starting and closing the app. The client, withApp and the access walk use
// only this; Fastify is one adapter, Express 5, Hono 4 and NestJS the others, each loaded on first use so an
// app of one framework never loads another's code (docs/decisions/019-app-adapters.md).
import type { OutgoingHttpHeaders } from 'node:http'
import { ApiClientUsageError } from '../errors.ts'
import type { RecordedRoute } from './route-table.ts'

/** A request as the client sends it: the URL with its query, headers, and a body string or buffer. */
export type AppRequest = {
  method: string
  url: string
  headers: Record<string, string>
  payload?: unknown
}

/** What the client reads of an answer (a light-my-request response is one). */
export type AppResponse = {
  statusCode: number
  headers: OutgoingHttpHeaders
  /** The body as text. */
  body: string
}

/**
 * What the kit needs of a framework. `App` is the app object the user's build returns: a Fastify
 * instance, an Express app, a Hono app.
 */
export type AppAdapter<App = never> = {
  /** `'fastify'`, `'express'`, `'hono'`, or yours. */
  readonly name: string
  /**
   * Called on a freshly built app before it starts, where routes are only announced as they are
   * registered (Fastify's onRoute). Nothing to do for frameworks that list their routes.
   */
  prepare(app: App): void
  /** Whether `routes(app)` can list the app's routes (for Fastify: recorded from creation). */
  listsRoutes(app: App): boolean
  /** Starts the app without a socket (Fastify's ready()); resolves when it can answer. */
  ready(app: App): Promise<void>
  close(app: App): Promise<void>
  /** One request, in process. */
  inject(app: App, request: AppRequest): Promise<AppResponse>
  /** Every route of the app: method, `:param` path, request schemas and the declared `config`. */
  routes(app: App): readonly RecordedRoute[]
}

/** The frameworks the kit has an adapter for, by the name `adapter` takes. */
export type AdapterName = 'fastify' | 'express' | 'hono' | 'nest'

// biome-ignore lint/suspicious/noExplicitAny: an adapter of any app type, as the registry holds them.
type SomeAdapter = AppAdapter<any>

const loaders: Record<AdapterName, () => Promise<SomeAdapter>> = {
  fastify: async () => (await import('./fastify-adapter.ts')).fastifyAdapter,
  express: async () => (await import('./express-adapter.ts')).expressAdapter,
  hono: async () => (await import('./hono-adapter.ts')).honoAdapter,
  nest: async () => (await import('./nest-adapter.ts')).nestAdapter,
}

const chosen = new WeakMap<object, SomeAdapter | AdapterName>()
const loaded = new WeakMap<object, Promise<SomeAdapter>>()

/**
 * The framework of `app`, by its shape: a Hono app answers `fetch` and lists `routes`; a Fastify
 * instance has `inject` and `addHook`; an Express app is a request listener with `handle` and `use`;
 * a Nest application has `getHttpAdapter` and `init`.
 */
function detectFramework(app: unknown): AdapterName | undefined {
  if ((typeof app !== 'object' && typeof app !== 'function') || app === null) return undefined
  const candidate = app as Record<string, unknown>
  if (typeof candidate.getHttpAdapter === 'function' && typeof candidate.init === 'function') return 'nest'
  if (typeof candidate.inject === 'function' && typeof candidate.addHook === 'function') return 'fastify'
  if (
    typeof candidate.fetch === 'function' &&
    typeof candidate.request === 'function' &&
    Array.isArray(candidate.routes)
  ) {
    return 'hono'
  }
  if (
    typeof app === 'function' &&
    typeof candidate.handle === 'function' &&
    typeof candidate.use === 'function'
  )
    return 'express'
  return undefined
}

/** Ties `app` to an adapter (a name or your own), over what its shape says. */
export function useAdapter(app: object, adapter: SomeAdapter | AdapterName): void {
  if (chosen.get(app) === adapter) return
  chosen.set(app, adapter)
  loaded.delete(app)
}

/** The adapter of `app`: the one chosen for it, else the one its shape names; loaded once. */
export function adapterOf(app: object): Promise<SomeAdapter> {
  let adapter = loaded.get(app)
  if (!adapter) {
    const choice = chosen.get(app) ?? detectFramework(app)
    if (choice === undefined) {
      throw new ApiClientUsageError(
        `The kit does not know this app's framework (${describeApp(app)}): it takes a Fastify instance, an Express 5 app, a Hono app or a Nest application. Pass adapter: 'fastify' | 'express' | 'hono' | 'nest', or an adapter of your own ({ name, prepare, listsRoutes, ready, close, inject, routes }).`,
      )
    }
    adapter = typeof choice === 'string' ? loaders[choice]() : Promise.resolve(choice)
    loaded.set(app, adapter)
  }
  return adapter
}

function describeApp(app: unknown): string {
  if (typeof app === 'function') return `a function ${app.name || '(anonymous)'}`
  if (typeof app !== 'object' || app === null) return String(app)
  return `an object with ${Object.keys(app).slice(0, 6).join(', ') || 'no own keys'}`
}
