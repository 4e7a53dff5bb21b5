// An app that builds its Fastify instance at import and calls `listen()` there, unchanged: bound in a
// Vitest module mock of 'fastify', every instance records its routes from the moment it is created
// (for the access walk) and its `listen()` only readies it — no socket, no port — so the test
// imports the app's own module and calls it through `inject`.
import { recordRoutes } from './route-table.ts'
import type { AnyApp } from './route-types.ts'

/** The address a bound `listen()` reports: nothing listens; requests go through `inject`. */
const IN_PROCESS = 'http://in-process.invalid'

// biome-ignore lint/suspicious/noExplicitAny: Fastify's factory, whatever its overloads.
type FastifyFactory = (...args: any[]) => any

/**
 * Returns the 'fastify' module with its factory wrapped: each new instance records its routes and
 * listens in process only.
 * @example
 * // test/setup.ts, listed in the project's setupFiles
 * vi.mock(import('fastify'), async (original) => (await import('@tenantkit/test-kit')).bindFastifyModule(await original()))
 */
export function bindFastifyModule<M extends { default: FastifyFactory }>(module: M): M {
  const original = module.default
  const fastify = ((...args: unknown[]) => {
    const app = original(...args) as AnyApp
    recordRoutes(app)
    Object.defineProperty(app, 'listen', { value: listenInProcess(app), configurable: true, writable: true })
    return app
  }) as FastifyFactory
  Object.assign(fastify, original, { default: fastify, fastify })
  return { ...module, default: fastify, fastify }
}

/** `listen()` as the app calls it — with options, a callback, or neither — readying the app only. */
function listenInProcess(app: AnyApp) {
  return (...args: unknown[]): Promise<string> | undefined => {
    const callback = args.find(
      (arg): arg is (error: Error | null, address: string) => void => typeof arg === 'function',
    )
    const ready = Promise.resolve(app.ready()).then(() => IN_PROCESS)
    if (!callback) return ready
    ready.then(
      (address) => callback(null, address),
      (error: Error) => callback(error, ''),
    )
    return undefined
  }
}
