// The README's binding of an app's own modules, as a user writes it: its generated client module
// (here the workspace's, re-exported by src/client.ts) and 'fastify'.
import { vi } from 'vitest'

vi.mock(import('./src/client.ts'), async (original) =>
  (await import('../../src/index.ts')).bindPrismaModule(await original()),
)
vi.mock(import('fastify'), async (original) =>
  (await import('../../src/index.ts')).bindFastifyModule(await original()),
)
