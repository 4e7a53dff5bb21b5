// The app's own client, unchanged: its generated client module, bound in a Vitest module mock, builds
// every PrismaClient on the kit's routed adapter instead of the adapter the app passes. The app's
// module-level `export const prisma = new PrismaClient({ adapter: new PrismaPg(…) })` (with its
// `$extends`, its log settings, any number of clients) then serves each test's isolated database.
import { isKitAdapter, routedAdapter } from './routed-adapter.ts'

// biome-ignore lint/suspicious/noExplicitAny: any generated PrismaClient class, whatever its options.
type ClientClass = abstract new (...args: any[]) => any

/**
 * Returns the generated client module with its `PrismaClient` built on the kit's routed adapter.
 * The kit's own clients (built on an adapter the kit made) are left as they are.
 * @example
 * // test/setup.ts, listed in the project's setupFiles (or at the top of a test file)
 * vi.mock(import('../src/generated/prisma/client.ts'), async (original) =>
 *   (await import('@tenantkit/test-kit')).bindPrismaModule(await original()),
 * )
 */
export function bindPrismaModule<M extends { PrismaClient: ClientClass }>(module: M): M {
  const Original = module.PrismaClient as unknown as new (...args: unknown[]) => object
  class PrismaClient extends Original {
    constructor(...args: unknown[]) {
      const [options, ...rest] = args
      const given = (typeof options === 'object' && options !== null ? options : {}) as { adapter?: unknown }
      super({ ...given, adapter: isKitAdapter(given.adapter) ? given.adapter : routedAdapter() }, ...rest)
    }
  }
  Object.defineProperty(PrismaClient, 'name', { value: Original.name })
  return { ...module, PrismaClient }
}
