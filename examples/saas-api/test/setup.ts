// The app's own modules, bound for the tests (the README's two lines): the generated Prisma client
// module, so the module-level `prisma` of src/db.ts serves each test's isolated database, and
// 'fastify', so the app src/server.ts builds at import records its routes and its listen() opens
// no port.
import { vi } from 'vitest'

vi.mock(import('../src/generated/prisma/client.ts'), async (original) =>
  (await import('@tenantkit/test-kit')).bindPrismaModule(await original()),
)
vi.mock(import('fastify'), async (original) =>
  (await import('@tenantkit/test-kit')).bindFastifyModule(await original()),
)
