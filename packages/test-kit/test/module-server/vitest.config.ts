// An app written the common way — a module-level Prisma client, a Fastify instance built and
// listening at import — adopted with the README's two module mocks (setup.ts), in a project of its
// own so the mocks reach no other suite.
import { defineKitProject } from '../../src/vitest-project.ts'

export default defineKitProject({
  test: {
    name: 'module-server',
    include: ['**/*.test.ts'],
    isolate: true,
    setupFiles: ['./setup.ts'],
    env: { APP_PORT: '3999' },
  },
})
